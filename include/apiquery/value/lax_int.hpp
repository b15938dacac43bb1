// apiquery: pydantic v2 lax-mode str -> int, to the letter, at compile time or at run time.
#pragma once

#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/result.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// Why a text is not a pydantic int.
enum class int_error : std::uint8_t {
    int_parsing,      ///< "Input should be a valid integer, unable to parse string as an integer"
    int_parsing_size, ///< "Unable to parse input string as an integer, exceeded maximum size"
};

/// pydantic's error type name: `int_parsing` or `int_parsing_size`.
constexpr std::string_view error_type(int_error e) noexcept {
    return e == int_error::int_parsing ? "int_parsing" : "int_parsing_size";
}
/// The same name (every enum of the library has a to_string).
constexpr std::string_view to_string(int_error e) noexcept {
    return error_type(e);
}
/// pydantic's message for the error (the Python-mode template; identical to the JSON one).
constexpr std::string_view error_message(int_error e) noexcept {
    return e == int_error::int_parsing
               ? "Input should be a valid integer, unable to parse string as an integer"
               : "Unable to parse input string as an integer, exceeded maximum size";
}

/// The digits of an integer text that pydantic accepted, as a view into that text (no allocation, so it
/// works in constant expressions). The digits may carry single `_` separators, which are not part of
/// the value; they never have leading zeros (zero is the single digit `0`). Any size up to the
/// 4300-digit limit is represented exactly.
class int_text {
public:
    constexpr int_text() noexcept = default;
    constexpr int_text(bool negative, std::string_view digits, bool underscores) noexcept
        : digits_(digits), underscores_(underscores), negative_(negative) {
        count_ = 0;
        for (char c : digits_)
            count_ += c != '_';
        if (count_ == 1 && digit(0) == '0')
            negative_ = false; // -0 is 0
    }

    /// True for values below zero (never for zero).
    [[nodiscard]] constexpr bool negative() const noexcept { return negative_; }
    /// Number of decimal digits of the magnitude.
    [[nodiscard]] constexpr std::size_t digit_count() const noexcept { return count_; }
    /// The i-th digit of the magnitude, most significant first.
    [[nodiscard]] constexpr char digit(std::size_t i) const noexcept {
        if (!underscores_)
            return digits_[i];
        for (char c : digits_) {
            if (c == '_')
                continue;
            if (i == 0)
                return c;
            --i;
        }
        return '0';
    }

    /// The value if it fits in 64 bits.
    [[nodiscard]] constexpr std::optional<std::int64_t> to_int64() const noexcept {
        if (count_ > 19)
            return std::nullopt;
        const std::uint64_t m = magnitude();
        if (!negative_)
            return m <= static_cast<std::uint64_t>(INT64_MAX)
                       ? std::optional<std::int64_t>(static_cast<std::int64_t>(m))
                       : std::nullopt;
        if (m <= static_cast<std::uint64_t>(INT64_MAX))
            return -static_cast<std::int64_t>(m);
        if (m == static_cast<std::uint64_t>(INT64_MAX) + 1)
            return INT64_MIN;
        return std::nullopt;
    }

    /// Exact comparison with a 64-bit integer, whatever the size of this value.
    [[nodiscard]] constexpr std::strong_ordering compare(std::int64_t v) const noexcept {
        const bool v_negative = v < 0;
        if (negative_ != v_negative)
            return negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
        const std::uint64_t vm =
            v_negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
        std::strong_ordering by_magnitude = std::strong_ordering::greater;
        if (count_ <= 19) {
            const std::uint64_t m = magnitude();
            by_magnitude = m <=> vm;
        }
        if (negative_)
            return 0 <=> by_magnitude; // reversed
        return by_magnitude;
    }

    /// The decimal text Python's `str(int)` gives: optional `-`, digits without separators.
    [[nodiscard]] std::string to_string() const {
        std::string s;
        s.reserve(count_ + 1);
        if (negative_)
            s.push_back('-');
        for (char c : digits_)
            if (c != '_')
                s.push_back(c);
        return s;
    }

    /// The raw digit text (with any `_` separators) as it appears in the input.
    [[nodiscard]] constexpr std::string_view raw_digits() const noexcept { return digits_; }

private:
    [[nodiscard]] constexpr std::uint64_t magnitude() const noexcept { // count_ <= 19
        std::uint64_t m = 0;
        for (char c : digits_)
            if (c != '_')
                m = m * 10 + static_cast<std::uint64_t>(c - '0');
        return m;
    }

    std::string_view digits_ = "0";
    std::size_t count_ = 1;
    bool underscores_ = false;
    bool negative_ = false;
};

namespace detail {

/// jiter's strict JSON integer check on the virtual string `sign + text` (with `_` skipped when
/// `skip_underscores`): -?(0|[1-9][0-9]*), whole input, at most 4300 characters in the digit run
/// counted from the start. Returns 0 = valid, 1 = invalid, 2 = out of range.
constexpr int jiter_int_check(bool sign, std::string_view text, bool skip_underscores) noexcept {
    std::size_t pos = sign ? 1 : 0; // characters of the virtual string consumed so far
    std::size_t i = 0;
    auto next = [&]() -> int { // -1 at the end
        while (i < text.size() && skip_underscores && text[i] == '_')
            ++i;
        return i < text.size() ? static_cast<unsigned char>(text[i]) : -1;
    };
    int c = next();
    if (!sign && c == '-') {
        sign = true;
        ++i;
        ++pos;
        c = next();
    } else if (sign && c == '-') {
        return 1;
    }
    if (c == '0') {
        ++i;
        return next() == -1 ? 0 : 1;
    }
    if (c < '1' || c > '9')
        return 1;
    while (c >= '0' && c <= '9') {
        ++i;
        ++pos;
        c = next();
    }
    if (pos > 4300)
        return 2;
    return c == -1 ? 0 : 1;
}

} // namespace detail

/// Parses a string as pydantic v2 (core 2.23.3 to at least 2.48) validates a str for an `int` field in
/// lax mode.
///
/// @par Algorithm (pydantic-core `str_as_int`)
/// 1. Strict JSON integer (`-?(0|[1-9][0-9]*)`, the whole text). A digit run longer than 4300
///    characters counted from the start (sign included) is `int_parsing_size`, even with junk after it.
/// 2. Otherwise the text is cleaned and parsed strictly again (any failure, size included, is
///    `int_parsing`): Rust `trim` (Unicode White_Space); one leading `+` (not followed by `-`); one
///    leading `-` (not followed by `-` or `+`); leading zeros and underscores (a `0` is kept before a
///    `.`; a `-` after the zeros is kept, hence the quirk `0-5` = -5); a `.` followed only by one or
///    more `0`s; single `_` separators between characters.
///
/// @par Example
/// @code
/// static_assert(apiquery::parse_lax_int(" +04_2.0 ")->to_int64() == 42);
/// static_assert(apiquery::parse_lax_int("0-5")->to_int64() == -5);
/// static_assert(apiquery::parse_lax_int("4.5").error() == apiquery::int_error::int_parsing);
/// @endcode
///
/// @par Specification
/// pydantic-core `src/input/shared.rs` (`str_as_int`, `clean_int_str`, `strip_leading_zeros`),
/// jiter `crates/jiter/src/number_decoder.rs`; reference section 2.
constexpr result<int_text, int_error> parse_lax_int(std::string_view s) noexcept {
    const int strict = detail::jiter_int_check(false, s, false);
    if (strict == 0) {
        const bool neg = !s.empty() && s.front() == '-';
        return int_text(neg, neg ? s.substr(1) : s, false);
    }
    if (strict == 2)
        return unexpected{int_error::int_parsing_size};

    // clean_int_str
    const std::size_t len_before = s.size();
    std::string_view t = detail::rust_trim(s);
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
        if (!t.empty() && t.front() == '-')
            return unexpected{int_error::int_parsing};
    }
    bool negative = false;
    if (!t.empty() && t.front() == '-') {
        if (t.size() > 1 && (t[1] == '-' || t[1] == '+'))
            return unexpected{int_error::int_parsing};
        negative = true;
        t.remove_prefix(1);
    }
    // strip_leading_zeros
    if (t.empty())
        return unexpected{int_error::int_parsing};
    if (t.front() == '0') {
        std::size_t i = 1;
        bool done = false;
        for (; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '0' || c == '_')
                continue;
            if ((c >= '1' && c <= '9') || c == '-') {
                t = t.substr(i);
                done = true;
                break;
            }
            if (c == '.') {
                t = t.substr(i - 1);
                done = true;
                break;
            }
            return unexpected{int_error::int_parsing};
        }
        if (!done)
            t = t.substr(t.size() - 1);
    } else if (!((t.front() >= '1' && t.front() <= '9') || t.front() == '-')) {
        return unexpected{int_error::int_parsing};
    }
    // a '.' followed only by zeros
    if (const auto dot = t.find('.'); dot != std::string_view::npos) {
        const std::string_view frac = t.substr(dot + 1);
        if (!frac.empty() && frac.find_first_not_of('0') == std::string_view::npos)
            t = t.substr(0, dot);
    }
    // underscores
    bool skip = false;
    if (t.find('_') != std::string_view::npos) {
        if (t.front() != '_' && t.back() != '_' && t.find("__") == std::string_view::npos)
            skip = true;
        else if (len_before == t.size())
            return unexpected{int_error::int_parsing};
    } else if (len_before == t.size()) {
        return unexpected{int_error::int_parsing};
    }
    if (detail::jiter_int_check(negative, t, skip) != 0)
        return unexpected{int_error::int_parsing};
    if (!negative && !t.empty() && t.front() == '-') {
        negative = true;
        t.remove_prefix(1);
        while (skip && !t.empty() && t.front() == '_')
            t.remove_prefix(1);
    }
    return int_text(negative, t, skip);
}

} // namespace apiquery
