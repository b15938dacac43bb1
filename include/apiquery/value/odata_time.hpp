// apiquery: OData date and time literal values (dateValue, dateTimeOffsetValue, timeOfDayValue,
// durationValue) as comparable values, parsed by constexpr functions that follow the OData 4.01 ABNF
// and report the byte offset where a text stops matching (the OASIS test cases' FailAt).
//
// No PEGTL here: the filter grammar matches the literal's extent and calls these to validate and
// convert it. Documentation: docs/time.md.
#pragma once

#include <apiquery/value/calendar.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/timestamp.hpp>

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apiquery {

/// Why an OData date/time text was rejected: the byte offset where it stops matching (the OASIS
/// test cases' `FailAt`: the first character the ABNF cannot consume, or the start of a field whose
/// value is out of range, e.g. the day of `2023-02-29`), at most the text's size; and a message (a
/// string literal).
struct odata_time_error {
    std::size_t offset = 0;
    std::string_view message;

    friend constexpr bool operator==(const odata_time_error&, const odata_time_error&) = default;
};

/// The range of the OData parsers: every value must fit in 64-bit microseconds around 1970 (the ABNF
/// allows years of any length). A date must have a representable midnight: -290308-12-22 to 294247-01-10;
/// a dateTimeOffset a representable instant (-290308-12-21T19:59:05.224192Z to
/// 294247-01-10T04:00:54.775807999999Z). Beyond that the parsers fail at the year's first digit.
inline constexpr std::int64_t odata_min_days = -106751991; ///< -290308-12-22
inline constexpr std::int64_t odata_max_days = 106751991;  ///< 294247-01-10

/// An `Edm.Date`: a day of the proleptic Gregorian calendar (year 0 and negative years allowed).
struct odata_date {
    std::int64_t days = 0; ///< days since 1970-01-01

    constexpr calendar::civil_date civil() const noexcept { return calendar::civil_from_days(days); }
    constexpr std::chrono::sys_days to_sys_days() const noexcept {
        return std::chrono::sys_days(std::chrono::days(days));
    }
    friend constexpr bool operator==(const odata_date&, const odata_date&) = default;
    friend constexpr auto operator<=>(const odata_date&, const odata_date&) = default;
};

/// An `Edm.DateTimeOffset`: an instant with the full 12-digit OData precision, and the offset it was
/// written with. The instant is `utc_micros` microseconds plus `sub_micro_ps` picoseconds after
/// 1970-01-01T00:00:00Z (no leap seconds). Comparisons compare instants only.
///
/// Leap second: `HH:MM:60[.f]` is accepted (the ABNF allows it) and read as the last picosecond before
/// the next minute, `HH:MM:59.999999999999` (C++20 `utc_clock::to_sys` takes the same rule);
/// `leap_second` records that it was written so.
struct odata_datetimeoffset {
    std::int64_t utc_micros = 0;     ///< microseconds since the epoch (floor)
    std::int32_t sub_micro_ps = 0;   ///< 0-999999 picoseconds beyond utc_micros
    std::int16_t offset_minutes = 0; ///< written offset, -1439..1439 (`Z` is 0)
    bool leap_second = false;        ///< written with second 60

    /// The instant truncated to microseconds (floor), as a sys_time.
    constexpr std::chrono::sys_time<std::chrono::microseconds> utc() const noexcept {
        return std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(utc_micros));
    }
    friend constexpr bool operator==(const odata_datetimeoffset& a, const odata_datetimeoffset& b) noexcept {
        return a.utc_micros == b.utc_micros && a.sub_micro_ps == b.sub_micro_ps;
    }
    friend constexpr std::strong_ordering operator<=>(const odata_datetimeoffset& a,
                                                      const odata_datetimeoffset& b) noexcept {
        if (auto c = a.utc_micros <=> b.utc_micros; c != 0)
            return c;
        return a.sub_micro_ps <=> b.sub_micro_ps;
    }
};

/// An `Edm.TimeOfDay`: picoseconds since midnight, 0 to 86,399,999,999,999,999. `HH:MM:60[.f]` is read as
/// `HH:MM:59.999999999999` (see odata_datetimeoffset). Comparisons ignore `leap_second`.
struct odata_timeofday {
    std::int64_t picoseconds = 0;
    bool leap_second = false;

    /// Microseconds since midnight (floor).
    constexpr std::chrono::microseconds to_chrono() const noexcept {
        return std::chrono::microseconds(picoseconds / 1000000);
    }
    friend constexpr bool operator==(const odata_timeofday& a, const odata_timeofday& b) noexcept {
        return a.picoseconds == b.picoseconds;
    }
    friend constexpr std::strong_ordering operator<=>(const odata_timeofday& a,
                                                      const odata_timeofday& b) noexcept {
        return a.picoseconds <=> b.picoseconds;
    }
};

/// An `Edm.Duration` (XML Schema dayTimeDuration), signed: `micros` microseconds plus `sub_micro_ps`
/// picoseconds (0-999999, so a negative duration floors: -0.5 us is {-1, 500000}). Second fractions
/// after the 12th digit are truncated toward zero. The magnitude must fit in 64-bit microseconds
/// (about 106 million days).
struct odata_duration {
    std::int64_t micros = 0;
    std::int32_t sub_micro_ps = 0;

    /// The duration in microseconds (floor).
    constexpr std::chrono::microseconds to_chrono() const noexcept {
        return std::chrono::microseconds(micros);
    }
    friend constexpr bool operator==(const odata_duration&, const odata_duration&) = default;
    friend constexpr auto operator<=>(const odata_duration&, const odata_duration&) = default;
};

namespace detail::odata_time {

inline constexpr std::int64_t us_per_day = 86400LL * 1000000LL;

constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr char at(std::string_view s, std::size_t i) noexcept {
    return i < s.size() ? s[i] : '\0';
}
/// The ASCII upper-case form of c: the ABNF's letters ("T", "Z", "P", "D", "H", "M", "S") are quoted
/// strings, which RFC 5234 makes case-insensitive.
constexpr char upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

constexpr odata_time_error fail(std::size_t offset, std::string_view message) noexcept {
    return odata_time_error{offset, message};
}

/// Reads two digits at `pos` where the first must be in [lo1, hi1]; `second_max(first)` bounds the second.
/// Sets `err` and returns false when the ABNF alternatives cannot match.
struct two_digit_field {
    unsigned value = 0;
    bool ok = false;
    odata_time_error error;
};

/// A field's failure: at `offset` (the ABNF's FailAt) with `range`, or with `one_digit` when a single
/// digit stands where two are needed (`2025-1-1`, `T9:00`).
constexpr two_digit_field field_error(std::string_view s, std::size_t pos, std::size_t offset,
                                      std::string_view range, std::string_view one_digit) noexcept {
    const bool single = is_digit(at(s, pos)) && !is_digit(at(s, pos + 1));
    return {0, false, fail(offset, single ? one_digit : range)};
}

// month = "0" oneToNine / "1" ( "0" / "1" / "2" )
constexpr two_digit_field read_month(std::string_view s, std::size_t pos) noexcept {
    const char a = at(s, pos), b = at(s, pos + 1);
    constexpr std::string_view range = "month must be 01-12", one = "month needs two digits (01-12)";
    if (a != '0' && a != '1')
        return field_error(s, pos, pos, range, one);
    if (!is_digit(b) || (a == '0' && b == '0') || (a == '1' && b > '2'))
        return field_error(s, pos, pos + 1, range, one);
    return {static_cast<unsigned>((a - '0') * 10 + (b - '0')), true, {}};
}

// day = "0" oneToNine / ( "1" / "2" ) DIGIT / "3" ( "0" / "1" )
constexpr two_digit_field read_day(std::string_view s, std::size_t pos) noexcept {
    const char a = at(s, pos), b = at(s, pos + 1);
    constexpr std::string_view range = "day must be 01-31", one = "day needs two digits (01-31)";
    if (a < '0' || a > '3')
        return field_error(s, pos, pos, range, one);
    if (!is_digit(b) || (a == '0' && b == '0') || (a == '3' && b > '1'))
        return field_error(s, pos, pos + 1, range, one);
    return {static_cast<unsigned>((a - '0') * 10 + (b - '0')), true, {}};
}

// hour = ( "0" / "1" ) DIGIT / "2" ( "0" / "1" / "2" / "3" )
constexpr two_digit_field read_hour(std::string_view s, std::size_t pos) noexcept {
    const char a = at(s, pos), b = at(s, pos + 1);
    constexpr std::string_view range = "hour must be 00-23", one = "hour needs two digits (00-23)";
    if (a < '0' || a > '2')
        return field_error(s, pos, pos, range, one);
    if (!is_digit(b) || (a == '2' && b > '3'))
        return field_error(s, pos, pos + 1, range, one);
    return {static_cast<unsigned>((a - '0') * 10 + (b - '0')), true, {}};
}

// minute = zeroToFiftyNine; second = zeroToFiftyNine / "60"
constexpr two_digit_field read_minute_or_second(std::string_view s, std::size_t pos, bool second) noexcept {
    const char a = at(s, pos), b = at(s, pos + 1);
    const std::string_view range = second ? std::string_view("second must be 00-60") : "minute must be 00-59";
    const std::string_view one =
        second ? std::string_view("second needs two digits (00-60)") : "minute needs two digits (00-59)";
    if (a < '0' || a > (second ? '6' : '5'))
        return field_error(s, pos, pos, range, one);
    if (!is_digit(b) || (a == '6' && b != '0'))
        return field_error(s, pos, pos + 1, range, one);
    return {static_cast<unsigned>((a - '0') * 10 + (b - '0')), true, {}};
}

struct date_part {
    std::int64_t days = 0;
    std::size_t end = 0;
    bool ok = false;
    odata_time_error error;
};

// date = year "-" month "-" day;  year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )
constexpr date_part read_date(std::string_view s) noexcept {
    std::size_t pos = 0;
    const bool negative = at(s, 0) == '-';
    if (negative)
        ++pos;
    const std::size_t year_start = pos;
    if (!is_digit(at(s, pos)))
        return {0, 0, false, fail(pos, "expected a year (digits)")};
    std::size_t year_end = pos;
    if (at(s, pos) == '0') {
        for (year_end = pos + 1; year_end < pos + 4; ++year_end)
            if (!is_digit(at(s, year_end)))
                return {0, 0, false, fail(year_end, "a year has at least 4 digits")};
    } else {
        while (is_digit(at(s, year_end)))
            ++year_end;
        if (year_end - pos < 4)
            return {0, 0, false, fail(year_end, "a year has at least 4 digits")};
    }
    if (at(s, year_end) != '-')
        return {0, 0, false,
                fail(year_end, at(s, pos) == '0' && is_digit(at(s, year_end))
                                   ? std::string_view("a year of more than 4 digits cannot start with 0")
                                   : std::string_view("expected '-' after the year"))};
    if (year_end - year_start > 6)
        return {0, 0, false, fail(year_start, "date out of range (years -290308 to 294247)")};
    std::int64_t year = 0;
    for (std::size_t i = year_start; i < year_end; ++i)
        year = year * 10 + (s[i] - '0');
    if (negative)
        year = -year;
    pos = year_end + 1;
    const auto month = read_month(s, pos);
    if (!month.ok)
        return {0, 0, false, month.error};
    pos += 2;
    if (at(s, pos) != '-')
        return {0, 0, false, fail(pos, "expected '-' after the month")};
    ++pos;
    const auto day = read_day(s, pos);
    if (!day.ok)
        return {0, 0, false, day.error};
    if (day.value > calendar::days_in_month(year, month.value))
        return {0, 0, false, fail(pos, "day out of range for the month")};
    // The caller checks the range (a date's midnight, or a date-time's instant, must fit).
    return {calendar::days_from_civil({year, month.value, day.value}), pos + 2, true, {}};
}

struct time_part {
    std::int64_t picoseconds = 0; ///< since midnight
    std::size_t end = 0;
    bool leap_second = false;
    bool ok = false;
    odata_time_error error;
};

// timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ];  fractionalSeconds = 1*12DIGIT
constexpr time_part read_time(std::string_view s, std::size_t pos) noexcept {
    time_part out;
    const auto hour = read_hour(s, pos);
    if (!hour.ok)
        return out.error = hour.error, out;
    pos += 2;
    if (at(s, pos) != ':')
        return out.error = fail(pos, "expected ':' after the hour"), out;
    ++pos;
    const auto minute = read_minute_or_second(s, pos, false);
    if (!minute.ok)
        return out.error = minute.error, out;
    pos += 2;
    std::int64_t seconds = hour.value * 3600 + minute.value * 60;
    std::int64_t fraction_ps = 0;
    if (at(s, pos) == ':') {
        ++pos;
        const auto second = read_minute_or_second(s, pos, true);
        if (!second.ok)
            return out.error = second.error, out;
        pos += 2;
        if (at(s, pos) == '.') {
            ++pos;
            if (!is_digit(at(s, pos)))
                return out.error = fail(pos, "expected a digit after '.'"), out;
            std::int64_t scale = 100000000000LL; // first digit: tenths of a second in picoseconds
            const std::size_t first = pos;
            while (is_digit(at(s, pos)) && pos - first < 12) {
                fraction_ps += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (is_digit(at(s, pos)))
                return out.error = fail(pos, "at most 12 fractional digits"), out;
        }
        if (second.value == 60) {
            out.leap_second = true;
            seconds += 59;
            fraction_ps = 999999999999LL;
        } else {
            seconds += second.value;
        }
    }
    out.picoseconds = seconds * 1000000000000LL + fraction_ps;
    out.end = pos;
    out.ok = true;
    return out;
}

/// Reads a run of digits as an unsigned value; `too_big` when it exceeds `limit`.
struct number_run {
    std::uint64_t value = 0;
    std::size_t end = 0;
    bool too_big = false;
};
constexpr number_run read_number(std::string_view s, std::size_t pos, std::uint64_t limit) noexcept {
    number_run r;
    r.end = pos;
    while (is_digit(at(s, r.end))) {
        if (!r.too_big) {
            r.value = r.value * 10 + static_cast<std::uint64_t>(s[r.end] - '0');
            if (r.value > limit)
                r.too_big = true;
        }
        ++r.end;
    }
    return r;
}

} // namespace detail::odata_time

/// Parses an OData `dateValue` (`Edm.Date`): `[-]YYYY-MM-DD`, the year with 4 or more digits (no leading
/// zero beyond 4 digits), year 0 and negative years allowed, the day checked against the month, the
/// date within odata_min_days..odata_max_days.
///
/// @par Value Type
/// odata_date
/// @par Example
/// `parse_odata_date("2012-09-10")`, `parse_odata_date("-10000-04-01")`; `"2023-02-29"` fails at 8.
/// @par ABNF
/// @code
/// dateValue = date
/// date      = year "-" month "-" day
/// year  = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )
/// month = "0" oneToNine / "1" ( "0" / "1" / "2" )
/// day   = "0" oneToNine / ( "1" / "2" ) DIGIT / "3" ( "0" / "1" )
/// @endcode
/// @par Specification
/// OData ABNF Construction Rules 4.01; OData CSDL 4.01 section 4.4 (Edm.Date); ISO 8601 / XML Schema 1.1
/// `date`.
constexpr result<odata_date, odata_time_error> parse_odata_date(std::string_view text) noexcept {
    const auto d = detail::odata_time::read_date(text);
    if (!d.ok)
        return unexpected{d.error};
    if (d.days < odata_min_days || d.days > odata_max_days)
        return unexpected{
            detail::odata_time::fail(text[0] == '-' ? 1 : 0, "date out of range (years -290308 to 294247)")};
    if (d.end != text.size())
        return unexpected{detail::odata_time::fail(d.end, "unexpected character after the date")};
    return odata_date{d.days};
}

/// Parses an OData `timeOfDayValue` (`Edm.TimeOfDay`): `HH:MM[:SS[.f]]` with 1-12 fraction digits.
/// `24:00` is rejected (fails at the second hour digit); `HH:MM:60` is a leap second (see odata_timeofday).
///
/// @par Value Type
/// odata_timeofday
/// @par Example
/// `parse_odata_timeofday("11:22:33.4444444")`; `"24:00:00"` fails at 1.
/// @par ABNF
/// @code
/// timeOfDayValue = hour ":" minute [ ":" second [ "." fractionalSeconds ] ]
/// hour   = ( "0" / "1" ) DIGIT / "2" ( "0" / "1" / "2" / "3" )
/// minute = zeroToFiftyNine
/// second = zeroToFiftyNine / "60" ; for leap seconds
/// fractionalSeconds = 1*12DIGIT
/// @endcode
/// @par Specification
/// OData ABNF Construction Rules 4.01; OData CSDL 4.01 section 4.4 (Edm.TimeOfDay).
constexpr result<odata_timeofday, odata_time_error> parse_odata_timeofday(std::string_view text) noexcept {
    const auto t = detail::odata_time::read_time(text, 0);
    if (!t.ok)
        return unexpected{t.error};
    if (t.end != text.size())
        return unexpected{detail::odata_time::fail(t.end, "unexpected character after the time of day")};
    return odata_timeofday{t.picoseconds, t.leap_second};
}

/// Parses an OData `dateTimeOffsetValue` (`Edm.DateTimeOffset`): `date "T" timeOfDay ("Z" / ("+"/"-")
/// HH:MM)`. `T` and `Z` in either case (quoted strings in the ABNF: case-insensitive, RFC 5234); no
/// percent-encoding (decode a URL first); seconds optional; offsets up to +-23:59; year 0 and negative
/// years allowed; `24:00` rejected; leap second `:60` accepted (see odata_datetimeoffset).
///
/// @par Value Type
/// odata_datetimeoffset
/// @par Example
/// `parse_odata_datetimeoffset("2012-09-03T14:53+02:00")`, `("1972-06-30T23:59:60Z")`; `"2011-12-31T24:00Z"`
/// fails at 12.
/// @par ABNF
/// @code
/// dateTimeOffsetValue = date "T" timeOfDayValue ( "Z" / ("+"/"-") hour ":" minute )
/// @endcode
/// @par Specification
/// OData ABNF Construction Rules 4.01; OData CSDL 4.01 section 4.4 (Edm.DateTimeOffset); XML Schema 1.1
/// `dateTimeStamp`.
constexpr result<odata_datetimeoffset, odata_time_error>
parse_odata_datetimeoffset(std::string_view text) noexcept {
    using namespace detail::odata_time; // function scope only
    const auto d = read_date(text);
    if (!d.ok)
        return unexpected{d.error};
    std::size_t pos = d.end;
    if (upper(at(text, pos)) != 'T')
        return unexpected{fail(pos, "expected 'T' between the date and the time")};
    const auto t = read_time(text, pos + 1);
    if (!t.ok)
        return unexpected{t.error};
    pos = t.end;
    int offset = 0;
    const char sign = at(text, pos);
    if (upper(sign) == 'Z') {
        ++pos;
    } else if (sign == '+' || sign == '-') {
        ++pos;
        const auto h = read_hour(text, pos);
        if (!h.ok)
            return unexpected{h.error};
        pos += 2;
        if (at(text, pos) != ':')
            return unexpected{fail(pos, "expected ':' in the offset")};
        ++pos;
        const auto m = read_minute_or_second(text, pos, false);
        if (!m.ok)
            return unexpected{m.error};
        pos += 2;
        offset = static_cast<int>(h.value * 60 + m.value) * (sign == '-' ? -1 : 1);
    } else {
        return unexpected{fail(pos, "expected 'Z', '+' or '-' (a time zone offset)")};
    }
    if (pos != text.size())
        return unexpected{fail(pos, "unexpected character after the offset")};
    const std::int64_t us_of_day = t.picoseconds / 1000000;
    odata_datetimeoffset out;
    // utc = days * us_per_day + rest, computed so that no intermediate overflows when the sum fits:
    // before 1970 one day moves from `days` into `rest`.
    std::int64_t days = d.days;
    std::int64_t rest = us_of_day - std::int64_t{offset} * 60000000LL;
    if (days < 0)
        days += 1, rest -= us_per_day;
    std::int64_t whole_days = 0;
    if (__builtin_mul_overflow(days, us_per_day, &whole_days) ||
        __builtin_add_overflow(whole_days, rest, &out.utc_micros))
        return unexpected{fail(text[0] == '-' ? 1 : 0, "date and time out of range (64-bit microseconds)")};
    out.sub_micro_ps = static_cast<std::int32_t>(t.picoseconds % 1000000);
    out.offset_minutes = static_cast<std::int16_t>(offset);
    out.leap_second = t.leap_second;
    return out;
}

/// Parses an OData `durationValue` (`Edm.Duration`, the text between the quotes of `duration'...'`):
/// `[-]P[nD][T[nH][nM][n[.n]S]]`. As in XML Schema's dayTimeDuration (and Microsoft.OData), at least one
/// component is required: `P`, `-P`, `PT` and `P1DT` are rejected although the ABNF's approximation
/// matches them. Years and months are not allowed; no `+` sign. The letters may be in either case
/// (`p1dt2h`: quoted strings in the ABNF, case-insensitive by RFC 5234).
///
/// @par Value Type
/// odata_duration
/// @par Example
/// `parse_odata_duration("-P6DT23H59M59.9999S")`; `"P1Y6DT23H59M59.9999S"` fails at 2.
/// @par ABNF
/// @code
/// durationValue = [ "-" ] "P" [ 1*DIGIT "D" ] [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT
/// ] "S" ] ]
/// @endcode
/// @par Specification
/// OData ABNF Construction Rules 4.01; OData CSDL 4.01 section 4.4 (Edm.Duration); XML Schema 1.1
/// `dayTimeDuration`.
constexpr result<odata_duration, odata_time_error> parse_odata_duration(std::string_view text) noexcept {
    using namespace detail::odata_time; // function scope only
    constexpr std::uint64_t max_us = 9223372036854775806ULL;
    std::size_t pos = 0;
    const bool negative = at(text, 0) == '-';
    if (negative)
        ++pos;
    if (upper(at(text, pos)) != 'P')
        return unexpected{fail(pos, "expected 'P' (a duration starts with [-]P)")};
    ++pos;
    std::uint64_t total_us = 0;
    std::int64_t fraction_ps = 0; // below one microsecond
    bool any = false;
    const auto add = [&](std::uint64_t n, std::uint64_t unit_us) noexcept {
        if (n > max_us / unit_us || total_us > max_us - n * unit_us)
            return false;
        total_us += n * unit_us;
        return true;
    };
    constexpr std::string_view too_large = "duration out of range (at most about 106 million days)";
    if (is_digit(at(text, pos))) {
        const auto n = read_number(text, pos, max_us);
        if (upper(at(text, n.end)) != 'D')
            return unexpected{
                fail(n.end, "expected 'D' (a duration has days, hours, minutes and seconds only)")};
        if (n.too_big || !add(n.value, 86400000000ULL))
            return unexpected{fail(pos, too_large)};
        pos = n.end + 1;
        any = true;
    }
    if (upper(at(text, pos)) == 'T') {
        ++pos;
        int stage = 0; // 1 after H, 2 after M, 3 after S
        while (stage < 3 && is_digit(at(text, pos))) {
            const auto n = read_number(text, pos, max_us);
            const char unit = upper(at(text, n.end));
            std::uint64_t unit_us = 0;
            std::size_t next = n.end + 1;
            if (unit == 'H' && stage < 1) {
                unit_us = 3600000000ULL, stage = 1;
            } else if (unit == 'M' && stage < 2) {
                unit_us = 60000000ULL, stage = 2;
            } else if (unit == 'S' || unit == '.') {
                unit_us = 1000000ULL, stage = 3;
                if (unit == '.') {
                    std::size_t f = n.end + 1;
                    if (!is_digit(at(text, f)))
                        return unexpected{fail(f, "expected a digit after '.'")};
                    std::uint64_t frac_us = 0;
                    std::int64_t scale = 100000000000LL;
                    for (; is_digit(at(text, f)); ++f) {
                        if (scale > 0) {
                            const std::int64_t ps = (text[f] - '0') * scale;
                            frac_us += static_cast<std::uint64_t>(ps / 1000000);
                            fraction_ps += ps % 1000000;
                            scale /= 10;
                        }
                    }
                    if (upper(at(text, f)) != 'S')
                        return unexpected{fail(f, "expected 'S' after the seconds")};
                    next = f + 1;
                    if (n.too_big || !add(n.value, unit_us) || !add(frac_us, 1))
                        return unexpected{fail(pos, too_large)};
                    pos = next;
                    any = true;
                    continue;
                }
            } else {
                return unexpected{fail(n.end, stage == 0   ? "expected 'H', 'M' or 'S' after the number"
                                              : stage == 1 ? "expected 'M' or 'S' after the number"
                                                           : "expected 'S' after the number")};
            }
            if (n.too_big || !add(n.value, unit_us))
                return unexpected{fail(pos, too_large)};
            pos = next;
            any = true;
        }
        if (stage == 0)
            return unexpected{fail(pos, "expected a number after 'T'")};
    }
    if (!any)
        return unexpected{fail(pos, "expected a number (a duration needs at least one component)")};
    if (pos != text.size())
        return unexpected{fail(pos, "unexpected character in the duration")};
    odata_duration out;
    if (!negative) {
        out.micros = static_cast<std::int64_t>(total_us);
        out.sub_micro_ps = static_cast<std::int32_t>(fraction_ps);
    } else if (fraction_ps == 0) {
        out.micros = -static_cast<std::int64_t>(total_us);
    } else {
        out.micros = -static_cast<std::int64_t>(total_us) - 1;
        out.sub_micro_ps = static_cast<std::int32_t>(1000000 - fraction_ps);
    }
    return out;
}

/// Midnight UTC of the date, as a timestamp (offset 0): how the API compares a date-time field with a
/// date literal. Precondition: odata_min_days <= d.days <= odata_max_days (true for every parsed value).
constexpr timestamp to_timestamp(const odata_date& d) noexcept {
    return timestamp::from_unix_micros(d.days * detail::odata_time::us_per_day, 0);
}

/// The instant truncated to microseconds (floor), keeping the written offset. For exact comparisons
/// with sub-microsecond literals use compare().
constexpr timestamp to_timestamp(const odata_datetimeoffset& v) noexcept {
    return timestamp::from_unix_micros(v.utc_micros, v.offset_minutes);
}

/// Orders a timestamp against an OData instant exactly (a literal with digits beyond the microsecond
/// is later than the timestamp of its truncation).
constexpr std::strong_ordering compare(const timestamp& t, const odata_datetimeoffset& v) noexcept {
    if (auto c = t.unix_micros() <=> v.utc_micros; c != 0)
        return c;
    return 0 <=> v.sub_micro_ps;
}

/// Orders a timestamp against midnight UTC of a date.
constexpr std::strong_ordering compare(const timestamp& t, const odata_date& d) noexcept {
    return t <=> to_timestamp(d);
}

} // namespace apiquery
