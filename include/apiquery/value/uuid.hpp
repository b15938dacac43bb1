// apiquery: UUIDs as pydantic v2 validates them (the Rust uuid crate, version 1.23).
#pragma once

#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/result.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view> // also declares the std::hash specialised below (<functional> is not needed)

namespace apiquery {

/// A 128-bit UUID: 16 bytes in network order. No version or variant is implied or checked.
///
/// @par Example
/// @code
/// constexpr auto id = apiquery::parse_uuid("550E8400-E29B-41D4-A716-446655440000").value();
/// assert(apiquery::to_string(id) == "550e8400-e29b-41d4-a716-446655440000");
/// @endcode
class uuid {
public:
    using bytes_type = std::array<std::uint8_t, 16>;

    /// The nil UUID (all zeros).
    constexpr uuid() noexcept = default;
    constexpr explicit uuid(const bytes_type& b) noexcept : bytes_(b) {}

    [[nodiscard]] constexpr const bytes_type& bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bool is_nil() const noexcept { return *this == uuid{}; }

    /// Byte-wise order, which is also the order of the canonical text form.
    friend constexpr bool operator==(const uuid&, const uuid&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const uuid&, const uuid&) noexcept = default;

private:
    bytes_type bytes_{};
};

/// Why a text is not a UUID: the uuid crate's error, with its Display text as message().
///
/// pydantic reports it as `uuid_parsing`, msg "Input should be a valid UUID, " + message(), ctx
/// `{"error": message()}`.
struct uuid_error {
    enum class kind : std::uint8_t {
        invalid_character, ///< "invalid character: found `{c}` at {index}"
        simple_length,     ///< "invalid length: expected length 32 for simple format, found {found}"
        group_count,       ///< "invalid group count: expected 5, found {found}"
        group_length,      ///< "invalid group length in group {group}: expected {8|4|12}, found {found}"
    };

    kind code = kind::invalid_character;
    /// invalid_character: the number the uuid crate prints, 1-based and (quirk) counted from the start of
    /// the part inside `{…}` or after `urn:uuid:`.
    std::size_t index = 0;
    /// invalid_character: the 0-based byte offset of that character in the text that was parsed.
    std::size_t position = 0;
    /// simple_length: a length in bytes; group_count: a count; group_length: a length in bytes.
    std::size_t found = 0;
    /// group_length: the group, 0 to 4.
    std::size_t group = 0;
    /// invalid_character: the character, UTF-8 encoded (U+FFFD for an ill-formed byte).
    std::array<char, 4> character{};
    std::uint8_t character_size = 0;

    [[nodiscard]] constexpr std::string_view character_text() const noexcept {
        return {character.data(), character_size};
    }
    /// The expected count or length the message names (32, 5, or the group's length).
    [[nodiscard]] constexpr std::size_t expected() const noexcept {
        switch (code) {
        case kind::simple_length:
            return 32;
        case kind::group_count:
            return 5;
        case kind::group_length:
            return group == 0 ? 8 : group == 4 ? 12 : 4;
        default:
            return 0;
        }
    }
    /// The uuid crate's Display text (uuid >= 1.23 wording).
    [[nodiscard]] std::string message() const {
        std::string m;
        switch (code) {
        case kind::invalid_character:
            m = "invalid character: found `";
            m.append(character_text());
            m += "` at " + std::to_string(index);
            break;
        case kind::simple_length:
            m = "invalid length: expected length 32 for simple format, found " + std::to_string(found);
            break;
        case kind::group_count:
            m = "invalid group count: expected 5, found " + std::to_string(found);
            break;
        case kind::group_length:
            m = "invalid group length in group " + std::to_string(group) + ": expected " +
                std::to_string(expected()) + ", found " + std::to_string(found);
            break;
        }
        return m;
    }
    friend constexpr bool operator==(const uuid_error&, const uuid_error&) noexcept = default;
};

namespace detail {

inline constexpr std::array<std::int8_t, 256> hex_values = [] {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t)
        v = -1;
    for (int c = 0; c < 10; ++c)
        t['0' + c] = static_cast<std::int8_t>(c);
    for (int c = 0; c < 6; ++c) {
        t['a' + c] = static_cast<std::int8_t>(10 + c);
        t['A' + c] = static_cast<std::int8_t>(10 + c);
    }
    return t;
}();

constexpr int hex_value(char c) noexcept {
    return hex_values[static_cast<unsigned char>(c)];
}

/// Reads 32 hex digits at the given offsets (hyphens skipped by the caller's layout); false if any is
/// not hex (or, `hyphenated`, a hyphen is not where it belongs). `out` is written either way.
constexpr bool uuid_read_hex(std::string_view s, bool hyphenated, uuid::bytes_type& out) noexcept {
    constexpr std::uint8_t simple_at[16] = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30};
    constexpr std::uint8_t hyphenated_at[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    if (hyphenated && (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-'))
        return false;
    const std::uint8_t* at = hyphenated ? hyphenated_at : simple_at;
    int bad = 0;
    for (std::size_t b = 0; b < 16; ++b) {
        const int hi = hex_value(s[at[b]]);
        const int lo = hex_value(s[at[b] + 1]);
        bad |= hi | lo; // negative when either is not a hex digit
        out[b] = static_cast<std::uint8_t>(((hi & 15) << 4) | (lo & 15));
    }
    return bad >= 0;
}

/// The uuid crate's error for a text that failed to parse (`InvalidUuid::into_err`). `bad` is the slice
/// the parser failed on and `base` its byte offset in the whole input.
constexpr uuid_error uuid_describe_error(std::string_view bad, std::size_t base) noexcept {
    std::string_view u = bad;
    std::size_t off = 0;
    bool simple = true;
    if (bad.size() >= 2 && bad.front() == '{' && bad.back() == '}') {
        u = bad.substr(1, bad.size() - 2);
        off = 1;
        simple = false;
    } else if (bad.starts_with("urn:uuid:")) {
        u = bad.substr(9);
        off = 9;
        simple = false;
    }
    std::size_t hyphens = 0;
    std::array<std::size_t, 4> at{};
    for (std::size_t i = 0; i < u.size();) {
        const auto st = utf8_decode(u, i);
        const char c = u[i];
        if (c == '-') {
            if (hyphens < 4)
                at[hyphens] = i;
            ++hyphens;
        } else if (hex_value(c) < 0) {
            uuid_error e;
            e.code = uuid_error::kind::invalid_character;
            e.index = i + off + 1;
            e.position = base + off + i;
            if (st.valid) {
                for (std::size_t k = 0; k < st.size; ++k)
                    e.character[k] = u[i + k];
                e.character_size = st.size;
            } else { // not UTF-8: shown as U+FFFD
                e.character = {'\xEF', '\xBF', '\xBD', '\0'};
                e.character_size = 3;
            }
            return e;
        }
        i += st.size;
    }
    uuid_error e;
    if (hyphens == 0 && simple) {
        e.code = uuid_error::kind::simple_length;
        e.found = bad.size();
        return e;
    }
    if (hyphens != 4) {
        e.code = uuid_error::kind::group_count;
        e.found = hyphens + 1;
        return e;
    }
    constexpr std::array<std::size_t, 4> want{8, 13, 18, 23};
    constexpr std::array<std::size_t, 4> starts{0, 9, 14, 19};
    e.code = uuid_error::kind::group_length;
    for (std::size_t g = 0; g < 4; ++g) {
        if (at[g] != want[g]) {
            e.group = g;
            e.found = at[g] - starts[g];
            return e;
        }
    }
    e.group = 4;
    e.found = bad.size() - 24;
    return e;
}

} // namespace detail

/// Parses a UUID exactly as `uuid::Uuid::parse_str` 1.23 does (pydantic's `uuid_parsing`).
///
/// @par Accepted forms (lengths in bytes; hex digits in either case; nothing is trimmed)
/// - 32: simple, `550e8400e29b41d4a716446655440000`
/// - 36: hyphenated, `550e8400-e29b-41d4-a716-446655440000`
/// - 38: braced, `{550e8400-e29b-41d4-a716-446655440000}`
/// - 45: URN with a lower-case prefix, `urn:uuid:550e8400-e29b-41d4-a716-446655440000`
///
/// @par Errors
/// The first that applies, as described in uuid_error (the quirks of the crate are kept: in the braced
/// and URN forms the index counts from the inner text; `{`+36+`}` with a longer last group counts the
/// braces in the group-4 length). The text is expected to be UTF-8; an ill-formed byte is reported as
/// the character U+FFFD.
///
/// @par Specification
/// RFC 9562 section 4; uuid-rs/uuid `src/parser.rs` and `src/error.rs` (1.23).
constexpr result<uuid, uuid_error> parse_uuid(std::string_view s) noexcept {
    uuid::bytes_type b{};
    switch (s.size()) {
    case 32:
        if (detail::uuid_read_hex(s, false, b))
            return uuid(b);
        return unexpected{detail::uuid_describe_error(s, 0)};
    case 36:
        if (detail::uuid_read_hex(s, true, b))
            return uuid(b);
        return unexpected{detail::uuid_describe_error(s, 0)};
    case 38:
        if (s.front() == '{' && s.back() == '}') {
            if (detail::uuid_read_hex(s.substr(1, 36), true, b))
                return uuid(b);
            return unexpected{detail::uuid_describe_error(s.substr(1, 36), 1)};
        }
        return unexpected{detail::uuid_describe_error(s, 0)};
    case 45:
        if (s.starts_with("urn:uuid:")) {
            if (detail::uuid_read_hex(s.substr(9), true, b))
                return uuid(b);
            return unexpected{detail::uuid_describe_error(s.substr(9), 9)};
        }
        return unexpected{detail::uuid_describe_error(s, 0)};
    default:
        return unexpected{detail::uuid_describe_error(s, 0)};
    }
}

/// The canonical text form: 36 characters, lower-case, hyphenated.
constexpr std::array<char, 36> to_chars(const uuid& id) noexcept {
    constexpr char digits[] = "0123456789abcdef";
    std::array<char, 36> out{};
    std::size_t pos = 0;
    for (std::size_t b = 0; b < 16; ++b) {
        if (b == 4 || b == 6 || b == 8 || b == 10)
            out[pos++] = '-';
        out[pos++] = digits[id.bytes()[b] >> 4];
        out[pos++] = digits[id.bytes()[b] & 0x0F];
    }
    return out;
}

/// The canonical text form as a string: `550e8400-e29b-41d4-a716-446655440000`.
inline std::string to_string(const uuid& id) {
    const auto c = to_chars(id);
    return std::string(c.data(), c.size());
}

} // namespace apiquery

/// Hashing, so that uuid can key unordered containers.
template <>
struct std::hash<apiquery::uuid> {
    std::size_t operator()(const apiquery::uuid& id) const noexcept {
        std::uint64_t h = 14695981039346656037ull; // FNV-1a
        for (auto byte : id.bytes())
            h = (h ^ byte) * 1099511628211ull;
        return static_cast<std::size_t>(h);
    }
};
