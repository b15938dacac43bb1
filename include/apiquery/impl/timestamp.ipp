// apiquery: implementation of apiquery/timestamp.hpp (see config.hpp for the compilation model).
#pragma once

#include <apiquery/calendar.hpp>
#include <apiquery/timestamp.hpp>

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

// Placeholder until the speedate-compatible parser lands (next commit).
APIQUERY_DECL result<timestamp, pydantic_datetime_error> parse_pydantic_datetime(std::string_view) {
    return unexpected{pydantic_datetime_error{"datetime_from_date_parsing", "not implemented yet"}};
}

} // namespace apiquery
