// apiquery: UTF-8 helpers shared by the request-validation headers (internal).
//
// Decoding follows the Unicode "maximal subpart" practice, which is also what CPython's UTF-8 decoder
// does with errors='replace': an ill-formed sequence is replaced by one U+FFFD per maximal subpart
// (the longest prefix of a well-formed sequence, at least one byte).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace apiquery::detail {

/// One decoding step: the code point (U+FFFD when ill-formed) and how many bytes it took.
struct utf8_step {
    char32_t code_point;
    std::uint8_t size;
    bool valid;
};

/// Decodes the character that starts at s[i] (i < s.size()).
constexpr utf8_step utf8_decode(std::string_view s, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
    const unsigned b0 = byte(i);
    if (b0 < 0x80)
        return {static_cast<char32_t>(b0), 1, true};
    std::size_t need = 0;
    unsigned lo = 0x80, hi = 0xBF; // the range of the first continuation byte
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return {U'\uFFFD', 1, false};
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size())
            return {U'\uFFFD', static_cast<std::uint8_t>(k), false};
        const unsigned b = byte(i + k);
        const unsigned l = k == 1 ? lo : 0x80;
        const unsigned h = k == 1 ? hi : 0xBF;
        if (b < l || b > h)
            return {U'\uFFFD', static_cast<std::uint8_t>(k), false};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, static_cast<std::uint8_t>(need + 1), true};
}

/// True when every byte of s belongs to a well-formed UTF-8 sequence.
constexpr bool utf8_is_valid(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const auto st = utf8_decode(s, i);
        if (!st.valid)
            return false;
        i += st.size;
    }
    return true;
}

/// Number of code points, counting each ill-formed subpart as one (it becomes one U+FFFD).
constexpr std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n)
        i += utf8_decode(s, i).size;
    return n;
}

/// Appends the UTF-8 encoding of cp (a Unicode scalar value) to out.
inline void utf8_append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// Appends s to out, replacing every ill-formed subpart with U+FFFD (Python's errors='replace').
inline void utf8_append_sanitized(std::string& out, std::string_view s) {
    std::size_t run = 0; // start of the current run of well-formed bytes
    for (std::size_t i = 0; i < s.size();) {
        const auto st = utf8_decode(s, i);
        if (!st.valid) {
            out.append(s.data() + run, i - run);
            out.append("\xEF\xBF\xBD");
            run = i + st.size;
        }
        i += st.size;
    }
    out.append(s.data() + run, s.size() - run);
}

/// Rust's `char::is_whitespace` (Unicode White_Space), which `str::trim` strips.
constexpr bool is_unicode_white_space(char32_t c) noexcept {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

/// Rust's `str::trim`: strips Unicode White_Space at both ends (ill-formed bytes are never stripped).
constexpr std::string_view rust_trim(std::string_view s) noexcept {
    std::size_t b = 0;
    while (b < s.size()) {
        const auto st = utf8_decode(s, b);
        if (!st.valid || !is_unicode_white_space(st.code_point))
            break;
        b += st.size;
    }
    std::size_t e = s.size();
    while (e > b) {
        // Find the start of the last character: step back over continuation bytes (at most 3).
        std::size_t start = e - 1;
        while (start > b && e - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        const auto st = utf8_decode(s, start);
        if (!st.valid || start + st.size != e || !is_unicode_white_space(st.code_point))
            break;
        e = start;
    }
    return s.substr(b, e - b);
}

} // namespace apiquery::detail
