// apiquery: token masking (`masked_token` of the Get Workspace Tokens response).
//
// The API documents only "The first and last 4 characters are visible, the rest is masked." apiquery
// decides the rest (docs/models.md, "Decisions"):
// - the mask character is `*`, one per hidden character, so the masked text has the secret's length;
// - a secret of 16 characters or fewer is masked entirely (showing 8 of them would reveal half or more);
// - so masking never reveals more than 8 characters.
// Characters are Unicode code points of UTF-8 text; a secret that is not well-formed UTF-8 is masked
// entirely, one `*` per byte (its characters are not known, and nothing of it must leak).
#pragma once

#include <apiquery/value/detail/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace apiquery {

/// The most characters a masked token may reveal (the first 4 and the last 4).
inline constexpr std::size_t masked_token_max_revealed = 8;
/// How many characters stay visible at each end of a secret longer than masked_token_mask_all_up_to.
inline constexpr std::size_t masked_token_visible_each_end = 4;
/// Secrets of this many characters or fewer are masked entirely.
inline constexpr std::size_t masked_token_mask_all_up_to = 16;
/// The mask character.
inline constexpr char masked_token_mask_char = '*';

/// Masks a secret: first and last 4 characters visible, `*` for each hidden one; 16 characters or
/// fewer (or ill-formed UTF-8) masked entirely.
///
/// @par Example
/// @code
/// assert(apiquery::mask_token("ak_live_0123456789abcdef") == "ak_l****************cdef");
/// assert(apiquery::mask_token("short-secret") == "************");
/// @endcode
inline std::string mask_token(std::string_view secret) {
    std::string out;
    if (!detail::utf8_is_valid(secret)) {
        out.assign(secret.size(), masked_token_mask_char);
        return out;
    }
    const std::size_t n = detail::utf8_length(secret);
    if (n <= masked_token_mask_all_up_to) {
        out.assign(n, masked_token_mask_char);
        return out;
    }
    // Byte offsets of the end of the first 4 and the start of the last 4 characters.
    std::size_t head = 0;
    for (std::size_t k = 0; k < masked_token_visible_each_end; ++k)
        head += detail::utf8_decode(secret, head).size;
    std::size_t tail = head;
    for (std::size_t k = masked_token_visible_each_end; k < n - masked_token_visible_each_end; ++k)
        tail += detail::utf8_decode(secret, tail).size;
    out.reserve(head + (n - 2 * masked_token_visible_each_end) + (secret.size() - tail));
    out.append(secret.substr(0, head));
    out.append(n - 2 * masked_token_visible_each_end, masked_token_mask_char);
    out.append(secret.substr(tail));
    return out;
}

/// How many characters a masked token reveals: its code points other than `*` (an ill-formed UTF-8
/// subpart counts as one character).
///
/// @par Example
/// `masked_token_revealed("ak_l****************cdef") == 8`, `masked_token_revealed("********") == 0`.
constexpr std::size_t masked_token_revealed(std::string_view masked) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < masked.size();) {
        if (static_cast<unsigned char>(masked[i]) < 0x80) { // ASCII: one byte, one character
            n += masked[i] != masked_token_mask_char;
            ++i;
            continue;
        }
        const auto st = detail::utf8_decode(masked, i);
        if (!(st.size == 1 && masked[i] == masked_token_mask_char))
            ++n;
        i += st.size;
    }
    return n;
}

/// True when a masked token reveals at most masked_token_max_revealed characters.
constexpr bool masked_token_ok(std::string_view masked) noexcept {
    return masked_token_revealed(masked) <= masked_token_max_revealed;
}

/// The message apiquery's response check reports for a masked token that reveals too much (the ctx
/// `error` of a `value_error`; the msg is "Value error, " + this).
inline std::string masked_token_error_message(std::size_t revealed) {
    return "masked_token reveals " + std::to_string(revealed) + " characters; at most " +
           std::to_string(masked_token_max_revealed) + " may be visible";
}

} // namespace apiquery
