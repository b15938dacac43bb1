// apiquery: implementation of apiquery/value/timestamp.hpp (see config.hpp for the compilation model).
#pragma once

#include <apiquery/value/calendar.hpp>
#include <apiquery/value/timestamp.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>

namespace apiquery {
namespace detail::timestamp_impl {

inline constexpr std::int64_t us_per_day = 86400LL * 1000000LL;

constexpr bool digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// Two digits at s[pos], s[pos+1] (the caller checked the length); -1 and `bad` set to the offending
/// position when one is not a digit.
constexpr int two_digits(std::string_view s, std::size_t pos, std::size_t& bad) noexcept {
    if (pos >= s.size() || !digit(s[pos]))
        return bad = pos, -1;
    if (pos + 1 >= s.size() || !digit(s[pos + 1]))
        return bad = pos + 1, -1;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

} // namespace detail::timestamp_impl

APIQUERY_DECL std::string pydantic_datetime_error::msg() const {
    std::string out = type == "datetime_parsing" ? "Input should be a valid datetime, "
                                                 : "Input should be a valid datetime or date, ";
    out += error;
    return out;
}

APIQUERY_DECL result<timestamp, timestamp_error> parse_timestamp(std::string_view s) noexcept {
    using detail::timestamp_impl::digit;
    using detail::timestamp_impl::two_digits;
    const auto fail = [](std::size_t offset, std::string_view message) {
        return unexpected{timestamp_error{offset, message}};
    };
    const auto expect = [&](std::size_t pos, char c) { return pos < s.size() && s[pos] == c; };
    std::size_t bad = 0;
    // date-fullyear = 4DIGIT
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i >= s.size() || !digit(s[i]))
            return fail(i, "expected a 4-digit year");
        year = year * 10 + (s[i] - '0');
    }
    if (!expect(4, '-'))
        return fail(4, "expected '-' after the year");
    const int month = two_digits(s, 5, bad);
    if (month < 0)
        return fail(bad, "expected a 2-digit month");
    if (month < 1 || month > 12)
        return fail(5, "month must be 01-12");
    if (!expect(7, '-'))
        return fail(7, "expected '-' after the month");
    const int day = two_digits(s, 8, bad);
    if (day < 0)
        return fail(bad, "expected a 2-digit day");
    if (day < 1 || static_cast<unsigned>(day) > calendar::days_in_month(year, static_cast<unsigned>(month)))
        return fail(8, "day out of range for the month");
    if (!(expect(10, 'T') || expect(10, 't')))
        return fail(10, "expected 'T' between the date and the time");
    const int hour = two_digits(s, 11, bad);
    if (hour < 0)
        return fail(bad, "expected a 2-digit hour");
    if (hour > 23)
        return fail(11, "hour must be 00-23");
    if (!expect(13, ':'))
        return fail(13, "expected ':' after the hour");
    const int minute = two_digits(s, 14, bad);
    if (minute < 0)
        return fail(bad, "expected a 2-digit minute");
    if (minute > 59)
        return fail(14, "minute must be 00-59");
    if (!expect(16, ':'))
        return fail(16, "expected ':' after the minute (seconds are required)");
    int second = two_digits(s, 17, bad);
    if (second < 0)
        return fail(bad, "expected a 2-digit second");
    if (second > 60)
        return fail(17, "second must be 00-60");
    std::size_t pos = 19;
    std::int64_t micros = 0;
    if (expect(pos, '.')) {
        ++pos;
        if (pos >= s.size() || !digit(s[pos]))
            return fail(pos, "expected a digit after '.'");
        std::int64_t scale = 100000;
        for (; pos < s.size() && digit(s[pos]); ++pos) {
            micros += (s[pos] - '0') * scale;
            scale /= 10;
        }
    }
    if (second == 60) { // leap second: the last microsecond of the minute
        second = 59;
        micros = 999999;
    }
    int offset = 0;
    if (expect(pos, 'Z') || expect(pos, 'z')) {
        ++pos;
    } else if (expect(pos, '+') || expect(pos, '-')) {
        const bool negative = s[pos] == '-';
        const std::size_t start = pos + 1;
        const int oh = two_digits(s, start, bad);
        if (oh < 0)
            return fail(bad, "expected a 2-digit offset hour");
        if (oh > 23)
            return fail(start, "offset hour must be 00-23");
        if (!expect(start + 2, ':'))
            return fail(start + 2, "expected ':' in the offset");
        const int om = two_digits(s, start + 3, bad);
        if (om < 0)
            return fail(bad, "expected a 2-digit offset minute");
        if (om > 59)
            return fail(start + 3, "offset minute must be 00-59");
        offset = (oh * 60 + om) * (negative ? -1 : 1);
        pos = start + 5;
    } else {
        return fail(pos, "expected 'Z' or an offset (+HH:MM or -HH:MM)");
    }
    if (pos != s.size())
        return fail(pos, "unexpected character after the offset");
    const std::int64_t days =
        calendar::days_from_civil({year, static_cast<unsigned>(month), static_cast<unsigned>(day)});
    const std::int64_t local = days * detail::timestamp_impl::us_per_day +
                               ((hour * 60LL + minute) * 60LL + second) * 1000000LL + micros;
    return timestamp::from_unix_micros(local - offset * 60000000LL, offset);
}

APIQUERY_DECL std::size_t format_timestamp(const timestamp& t, char* out) noexcept {
    using detail::timestamp_impl::us_per_day;
    const std::int64_t wall = t.unix_micros(); // a naive timestamp is stored as its wall-clock time
    const std::int64_t days = calendar::floor_div(wall, us_per_day);
    const std::int64_t in_day = calendar::floor_mod(wall, us_per_day);
    const calendar::civil_date d = calendar::civil_from_days(days);
    char* p = out;
    const auto put2 = [&p](std::int64_t v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
        p += 2;
    };
    std::int64_t y = d.year;
    if (y < 0) {
        *p++ = '-';
        y = -y;
    }
    if (y <= 9999) {
        put2(y / 100);
        put2(y % 100);
    } else {
        char digits[20];
        int n = 0;
        for (; y > 0; y /= 10)
            digits[n++] = static_cast<char>('0' + y % 10);
        while (n > 0)
            *p++ = digits[--n];
    }
    *p++ = '-';
    put2(d.month);
    *p++ = '-';
    put2(d.day);
    *p++ = 'T';
    const std::int64_t secs = in_day / 1000000;
    const std::int64_t frac = in_day % 1000000;
    put2(secs / 3600);
    *p++ = ':';
    put2(secs / 60 % 60);
    *p++ = ':';
    put2(secs % 60);
    *p++ = '.';
    const int digits = frac % 1000 == 0 ? 3 : 6;
    std::int64_t scale = 100000;
    for (int i = 0; i < digits; ++i, scale /= 10)
        *p++ = static_cast<char>('0' + frac / scale % 10);
    *p++ = 'Z';
    return static_cast<std::size_t>(p - out);
}

APIQUERY_DECL std::string format_timestamp(const timestamp& t) {
    char buf[timestamp_max_chars];
    return std::string(buf, format_timestamp(t, buf));
}

namespace detail::speedate {

// The texts of speedate 0.17's ParseError (its doc comments, which pydantic-core reports).
inline constexpr std::string_view too_short = "input is too short";
inline constexpr std::string_view extra_characters = "unexpected extra characters at the end of the input";
inline constexpr std::string_view invalid_char_date_time_sep =
    "invalid datetime separator, expected `T`, `t`, `_` or space";
inline constexpr std::string_view invalid_char_date_sep = "invalid date separator, expected `-`";
inline constexpr std::string_view date_not_exact = "Timestamp is not an exact date";
inline constexpr std::string_view invalid_char_year = "invalid character in year";
inline constexpr std::string_view invalid_char_month = "invalid character in month";
inline constexpr std::string_view invalid_char_day = "invalid character in day";
inline constexpr std::string_view invalid_char_time_sep = "invalid time separator, expected `:`";
inline constexpr std::string_view invalid_char_hour = "invalid character in hour";
inline constexpr std::string_view invalid_char_minute = "invalid character in minute";
inline constexpr std::string_view invalid_char_second = "invalid character in second";
inline constexpr std::string_view invalid_char_tz_sign = "invalid timezone sign";
inline constexpr std::string_view invalid_char_tz_hour = "invalid timezone hour";
inline constexpr std::string_view invalid_char_tz_minute = "invalid timezone minute";
inline constexpr std::string_view out_of_range_tz_minute =
    "timezone minute value is outside expected range of 0-59";
inline constexpr std::string_view out_of_range_tz = "timezone offset must be less than 24 hours";
inline constexpr std::string_view out_of_range_month = "month value is outside expected range of 1-12";
inline constexpr std::string_view out_of_range_day = "day value is outside expected range";
inline constexpr std::string_view out_of_range_hour = "hour value is outside expected range of 0-23";
inline constexpr std::string_view out_of_range_minute = "minute value is outside expected range of 0-59";
inline constexpr std::string_view out_of_range_second = "second value is outside expected range of 0-59";
inline constexpr std::string_view second_fraction_missing = "second fraction digits missing after `.`";
inline constexpr std::string_view date_too_small = "dates before 0000 are not supported as unix timestamps";
inline constexpr std::string_view date_too_large = "dates after 9999 are not supported as unix timestamps";
inline constexpr std::string_view time_too_large = "numeric times may not exceed 86,399 seconds";
inline constexpr std::string_view nan_not_permitted = "NaN values not permitted";
inline constexpr std::string_view year_zero = "year 0 is out of range"; // Python's ValueError

inline constexpr std::int64_t ms_watershed = 20000000000LL;
inline constexpr std::int64_t unix_0000 = -62167219200LL; // 0000-01-01T00:00:00Z
inline constexpr std::int64_t unix_9999 = 253402300799LL; // 9999-12-31T23:59:59Z

/// speedate's DateTime: a civil date and time, tz offset in seconds (has_tz false: naive).
struct value {
    std::int64_t days = 0;    ///< of the date, since 1970-01-01
    std::int64_t seconds = 0; ///< of the day
    std::uint32_t micros = 0; ///< 0-999999
    bool has_tz = false;      ///< false: naive
    std::int32_t tz_seconds = 0;
    int year = 0;
};

/// An empty view means success.
using status = std::string_view;

constexpr bool is_digit(unsigned char c) noexcept {
    return c >= '0' && c <= '9';
}

/// Date::parse_bytes_partial: YYYY-MM-DD at the start of `b`.
inline status date_partial(std::string_view b, value& out) noexcept {
    if (b.size() < 10)
        return too_short;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (!is_digit(static_cast<unsigned char>(b[i])))
            return invalid_char_year;
        year = year * 10 + (b[i] - '0');
    }
    if (b[4] != '-')
        return invalid_char_date_sep;
    if (!is_digit(static_cast<unsigned char>(b[5])) || !is_digit(static_cast<unsigned char>(b[6])))
        return invalid_char_month;
    const unsigned month = static_cast<unsigned>((b[5] - '0') * 10 + (b[6] - '0'));
    if (b[7] != '-')
        return invalid_char_date_sep;
    if (!is_digit(static_cast<unsigned char>(b[8])) || !is_digit(static_cast<unsigned char>(b[9])))
        return invalid_char_day;
    const unsigned day = static_cast<unsigned>((b[8] - '0') * 10 + (b[9] - '0'));
    const unsigned max_day = calendar::days_in_month(year, month);
    if (max_day == 0)
        return out_of_range_month;
    if (day < 1 || day > max_day)
        return out_of_range_day;
    out.year = year;
    out.days = calendar::days_from_civil({year, month, day});
    return {};
}

/// Time::parse_bytes_offset from index 11 (PureTime::parse, then the offset).
inline status time_at_11(std::string_view b, value& out) noexcept {
    const auto d = [&b](std::size_t i) { return i < b.size() && is_digit(static_cast<unsigned char>(b[i])); };
    const std::size_t o = 11;
    if (b.size() - o < 5)
        return too_short;
    if (!d(o) || !d(o + 1))
        return invalid_char_hour;
    if (b[o + 2] != ':')
        return invalid_char_time_sep;
    if (!d(o + 3) || !d(o + 4))
        return invalid_char_minute;
    const int hour = (b[o] - '0') * 10 + (b[o + 1] - '0');
    const int minute = (b[o + 3] - '0') * 10 + (b[o + 4] - '0');
    if (hour > 23)
        return out_of_range_hour;
    if (minute > 59)
        return out_of_range_minute;
    int second = 0;
    std::uint32_t micros = 0;
    std::size_t pos = o + 5;
    if (pos < b.size() && b[pos] == ':') {
        if (!d(o + 6) || !d(o + 7))
            return invalid_char_second;
        second = (b[o + 6] - '0') * 10 + (b[o + 7] - '0');
        if (second > 59)
            return out_of_range_second;
        pos = o + 8;
        if (pos < b.size() && (b[pos] == '.' || b[pos] == ',')) {
            ++pos;
            std::size_t n = 0;
            for (; d(pos + n); ++n)
                if (n < 6)
                    micros = micros * 10 + static_cast<std::uint32_t>(b[pos + n] - '0');
            if (n == 0)
                return second_fraction_missing;
            for (std::size_t k = n; k < 6; ++k)
                micros *= 10;
            pos += n;
        }
    }
    out.seconds = hour * 3600 + minute * 60 + second;
    out.micros = micros;
    out.has_tz = false;
    if (pos < b.size()) {
        const unsigned char c = static_cast<unsigned char>(b[pos++]);
        if (c == 'Z' || c == 'z') {
            out.has_tz = true;
            out.tz_seconds = 0;
        } else {
            int sign = 0;
            if (c == '+') {
                sign = 1;
            } else if (c == '-') {
                sign = -1;
            } else if (c == 0xE2) { // U+2212 MINUS SIGN, E2 88 92
                if (pos >= b.size() || static_cast<unsigned char>(b[pos]) != 0x88)
                    return invalid_char_tz_sign;
                if (pos + 1 >= b.size() || static_cast<unsigned char>(b[pos + 1]) != 0x92)
                    return invalid_char_tz_sign;
                pos += 2;
                sign = -1;
            } else {
                return invalid_char_tz_sign;
            }
            if (!d(pos) || !d(pos + 1))
                return invalid_char_tz_hour;
            const int h = (b[pos] - '0') * 10 + (b[pos + 1] - '0');
            int m1 = 0;
            if (pos + 2 < b.size() && b[pos + 2] == ':') {
                pos += 3;
                if (!d(pos))
                    return invalid_char_tz_minute;
                m1 = b[pos] - '0';
            } else if (d(pos + 2)) {
                pos += 2;
                m1 = b[pos] - '0';
            } else {
                return invalid_char_tz_minute;
            }
            if (!d(pos + 1))
                return invalid_char_tz_minute;
            const int m = m1 * 10 + (b[pos + 1] - '0');
            if (m >= 60)
                return out_of_range_tz_minute;
            const int offset = sign * (h * 3600 + m * 60);
            if (offset >= 86400 || offset <= -86400)
                return out_of_range_tz;
            out.has_tz = true;
            out.tz_seconds = offset;
            pos += 2;
        }
    }
    if (b.size() > pos)
        return extra_characters;
    return {};
}

/// DateTime::parse_bytes_rfc3339_with_config.
inline status datetime_rfc3339(std::string_view b, value& out) noexcept {
    if (auto e = date_partial(b, out); !e.empty())
        return e;
    if (b.size() <= 10 || (b[10] != 'T' && b[10] != 't' && b[10] != ' ' && b[10] != '_'))
        return invalid_char_date_time_sep;
    return time_at_11(b, out);
}

/// int_parse_bytes_internal: [+-]digits with speedate's wrapping overflow check. Returns true with
/// `v` on success; on failure `failed_at_dot` tells whether the offending byte was '.'.
inline bool int_parse(std::string_view s, std::int64_t& v, bool& failed_at_dot) noexcept {
    failed_at_dot = false;
    if (s.empty())
        return false;
    bool negative = false;
    std::size_t i = 0;
    if (s.size() >= 2 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        i = 1;
    }
    const auto fail_at = [&](char c) {
        failed_at_dot = c == '.';
        return false;
    };
    if (!is_digit(static_cast<unsigned char>(s[i])))
        return fail_at(s[i]);
    std::uint64_t acc = static_cast<std::uint64_t>(s[i] - '0');
    for (++i; i < s.size(); ++i) {
        if (!is_digit(static_cast<unsigned char>(s[i])))
            return fail_at(s[i]);
        acc = acc * 10 + static_cast<std::uint64_t>(s[i] - '0'); // wraps, as Rust's wrapping_mul/add
        if (acc >> 63)
            return fail_at(s[i]);
    }
    v = negative ? -static_cast<std::int64_t>(acc) : static_cast<std::int64_t>(acc);
    return true;
}

/// lexical's STANDARD float syntax: [+-] digits [. digits] [(e|E) [+-] digits], at least one mantissa digit.
inline bool float_parse(std::string_view s, double& v) noexcept {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    const std::size_t mantissa = i;
    std::size_t digits = 0;
    while (i < s.size() && is_digit(static_cast<unsigned char>(s[i])))
        ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(static_cast<unsigned char>(s[i])))
            ++i, ++digits;
    }
    if (digits == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        std::size_t exp_digits = 0;
        while (i < s.size() && is_digit(static_cast<unsigned char>(s[i])))
            ++i, ++exp_digits;
        if (exp_digits == 0)
            return false;
    }
    if (i != s.size())
        return false;
    // std::from_chars rounds correctly, as lexical does; it takes no '+' and saturates to +-inf as
    // lexical does (from_chars reports result_out_of_range then, leaving v unchanged).
    // from_chars takes ".5" and "5." as lexical does, but no '+'.
    const std::string_view body = s.substr(mantissa);
    double magnitude = 0;
    const auto r = std::from_chars(body.data(), body.data() + body.size(), magnitude);
    if (r.ec == std::errc::result_out_of_range) {
        // Overflow gives infinity; underflow gives zero.
        bool nonzero = false;
        std::size_t k = 0;
        for (; k < body.size() && body[k] != 'e' && body[k] != 'E'; ++k)
            if (body[k] >= '1' && body[k] <= '9')
                nonzero = true;
        const bool negative_exponent = k + 1 < body.size() && body[k + 1] == '-';
        magnitude = (nonzero && !negative_exponent) ? std::numeric_limits<double>::infinity() : 0.0;
    } else if (r.ec != std::errc() || r.ptr != body.data() + body.size()) {
        return false;
    }
    v = (mantissa == 1 && s[0] == '-') ? -magnitude : magnitude;
    return true;
}

/// Rust's `f as i64` / `f as u32`: saturating, NaN to 0.
inline std::int64_t saturate_i64(double f) noexcept {
    if (std::isnan(f))
        return 0;
    if (f <= -9223372036854775808.0)
        return std::numeric_limits<std::int64_t>::min();
    if (f >= 9223372036854775808.0)
        return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(f);
}
inline std::uint32_t saturate_u32(double f) noexcept {
    if (std::isnan(f) || f <= 0)
        return 0;
    if (f >= 4294967295.0)
        return std::numeric_limits<std::uint32_t>::max();
    return static_cast<std::uint32_t>(f);
}

/// timestamp_watershed: seconds, or milliseconds above 2e10 in magnitude.
inline status watershed(std::int64_t ts, std::int64_t& seconds, std::uint32_t& micros) noexcept {
    if (ts == std::numeric_limits<std::int64_t>::min())
        return date_too_small;
    const std::int64_t magnitude = ts < 0 ? -ts : ts;
    if (magnitude <= ms_watershed) {
        seconds = ts;
        micros = 0;
        return {};
    }
    seconds = ts / 1000;
    std::int64_t us = (ts % 1000) * 1000;
    if (us < 0) {
        seconds -= 1;
        us += 1000000;
    }
    micros = static_cast<std::uint32_t>(us);
    return {};
}

/// Date::from_timestamp_calc: the date and second of day of a unix second in years 0000-9999.
inline status date_from_seconds(std::int64_t second, value& out) noexcept {
    if (second < unix_0000)
        return date_too_small;
    if (second > unix_9999)
        return date_too_large;
    out.days = calendar::floor_div(second, 86400);
    out.seconds = calendar::floor_mod(second, 86400);
    out.year = static_cast<int>(calendar::civil_from_days(out.days).year);
    return {};
}

/// DateTime::from_timestamp_with_config with unix_timestamp_offset 0 (the result is UTC).
inline status datetime_from_timestamp(std::int64_t ts, std::uint32_t extra_micros, value& out) noexcept {
    std::int64_t second = 0;
    std::uint32_t micros = 0;
    if (auto e = watershed(ts, second, micros); !e.empty())
        return e;
    if (extra_micros > std::numeric_limits<std::uint32_t>::max() - micros)
        return time_too_large;
    std::uint32_t total = extra_micros + micros;
    if (total >= 1000000) {
        second += total / 1000000; // cannot overflow: |second| < 2^63 / 1000 here or total < 4295
        total %= 1000000;
    }
    if (auto e = date_from_seconds(second, out); !e.empty())
        return e;
    out.micros = total;
    out.has_tz = true;
    out.tz_seconds = 0;
    return {};
}

/// DateTime::parse_bytes_with_config: RFC 3339, else a number.
inline status datetime_parse(std::string_view b, value& out) noexcept {
    const status e = datetime_rfc3339(b, out);
    if (e.empty())
        return e;
    std::int64_t i = 0;
    bool at_dot = false;
    if (int_parse(b, i, at_dot))
        return datetime_from_timestamp(i, 0, out);
    double f = 0;
    if (!at_dot || !float_parse(b, f))
        return e;
    const double normalized = std::fabs(f) > static_cast<double>(ms_watershed) ? f / 1000.0 : f;
    const std::int64_t seconds = saturate_i64(std::floor(normalized));
    const std::uint32_t micros = saturate_u32(std::round((normalized - static_cast<double>(seconds)) * 1e6));
    return datetime_from_timestamp(seconds, micros, out);
}

/// Date::parse_bytes_with_config: RFC 3339 date, else an integer timestamp of an exact midnight.
inline status date_parse(std::string_view b, value& out) noexcept {
    status e = date_partial(b, out);
    if (e.empty() && b.size() > 10)
        e = extra_characters;
    if (e.empty()) {
        out.seconds = 0;
        out.micros = 0;
        out.has_tz = false;
        return e;
    }
    std::int64_t i = 0;
    bool at_dot = false;
    if (!int_parse(b, i, at_dot))
        return e;
    std::int64_t second = 0;
    std::uint32_t micros = 0;
    if (auto w = watershed(i, second, micros); !w.empty())
        return w;
    if (auto c = date_from_seconds(second, out); !c.empty())
        return c;
    if (out.seconds != 0 || micros != 0)
        return date_not_exact;
    out.has_tz = false; // a date has no offset; the datetime built from it is naive
    return {};
}

inline timestamp to_timestamp(const value& v) noexcept {
    const std::int64_t wall = v.days * timestamp_impl::us_per_day + v.seconds * 1000000 + v.micros;
    if (!v.has_tz)
        return timestamp::naive(timestamp::time_point(timestamp::duration(wall)));
    return timestamp::from_unix_micros(wall - std::int64_t{v.tz_seconds} * 1000000, v.tz_seconds / 60);
}

inline result<timestamp, pydantic_datetime_error> finish(status e, const value& v) {
    if (!e.empty())
        return unexpected{pydantic_datetime_error{"datetime_parsing", e}};
    if (v.year == 0)
        return unexpected{pydantic_datetime_error{"datetime_parsing", year_zero}};
    return to_timestamp(v);
}

} // namespace detail::speedate

APIQUERY_DECL result<timestamp, pydantic_datetime_error> parse_pydantic_datetime(std::string_view text) {
    namespace sd = detail::speedate;
    sd::value v;
    if (sd::datetime_parse(text, v).empty())
        return sd::finish({}, v);
    // pydantic-core's datetime_from_date: in lax mode a failed datetime is retried as a date (midnight,
    // naive), and a failure is reported with the DATE parser's error.
    sd::value d;
    if (auto e = sd::date_parse(text, d); !e.empty())
        return unexpected{pydantic_datetime_error{"datetime_from_date_parsing", e}};
    return sd::finish({}, d);
}

APIQUERY_DECL result<timestamp, pydantic_datetime_error> pydantic_datetime_from_int(std::int64_t number) {
    detail::speedate::value v;
    return detail::speedate::finish(detail::speedate::datetime_from_timestamp(number, 0, v), v);
}

APIQUERY_DECL result<timestamp, pydantic_datetime_error> pydantic_datetime_from_float(double number) {
    namespace sd = detail::speedate;
    if (std::isnan(number))
        return unexpected{pydantic_datetime_error{"datetime_parsing", sd::nan_not_permitted}};
    // DateTime::from_float_with_config: the fraction's magnitude is added to floor(value), in
    // microseconds for seconds and in milliseconds above the 2e10 watershed (speedate reads -1.25 as
    // -2 + 0.25 seconds; pydantic does the same).
    const double fraction = std::fabs(number - std::trunc(number));
    const double micros =
        std::fabs(number) <= static_cast<double>(sd::ms_watershed) ? fraction * 1e6 : fraction * 1e3;
    sd::value v;
    return sd::finish(sd::datetime_from_timestamp(sd::saturate_i64(std::floor(number)),
                                                  sd::saturate_u32(std::round(micros)), v),
                      v);
}

} // namespace apiquery
