// apiquery: constexpr proleptic Gregorian calendar arithmetic on 64-bit day counts.
//
// The timestamp and OData time parsers need calendar arithmetic for years that std::chrono::year cannot
// hold (it stops at +-32767, the OData ABNF allows any number of digits). These functions are the wide
// counterpart of std::chrono::year_month_day; the project's tests check with static_assert
// that both agree wherever chrono is defined.
#pragma once

#include <cstdint>

namespace apiquery::calendar {

/// A date of the proleptic Gregorian calendar with astronomical year numbering
/// (year 0 is 1 BCE, year -1 is 2 BCE), as ISO 8601 and XML Schema 1.1 count them.
struct civil_date {
    std::int64_t year = 1970;
    unsigned month = 1; ///< 1-12
    unsigned day = 1;   ///< 1-31

    friend constexpr bool operator==(const civil_date&, const civil_date&) = default;
};

/// True for the Gregorian leap years: divisible by 4, and by 400 if divisible by 100. Year 0 and -4 are leap.
/// @par Example
/// `static_assert(is_leap_year(2000) && !is_leap_year(1900) && is_leap_year(0));`
constexpr bool is_leap_year(std::int64_t year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/// The number of days of `month` (1-12) in `year`; 0 for a month outside 1-12.
constexpr unsigned days_in_month(std::int64_t year, unsigned month) noexcept {
    switch (month) {
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
        return 31;
    case 4:
    case 6:
    case 9:
    case 11:
        return 30;
    case 2:
        return is_leap_year(year) ? 29 : 28;
    default:
        return 0;
    }
}

/// True when the date exists: month 1-12 and day 1..days_in_month.
constexpr bool is_valid(const civil_date& d) noexcept {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

/// Days since 1970-01-01 of a valid date (negative before it). Defined for |year| < 2^52.
constexpr std::int64_t days_from_civil(const civil_date& d) noexcept {
    // Count in 400-year eras starting on March 1st, so that the leap day is the last day of a year.
    const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;                                // [0, 399]
    const std::int64_t month_from_march = d.month > 2 ? d.month - 3 : d.month + 9; // [0, 11]
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1; // [0, 365]
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; // 719468 = days from 0000-03-01 to 1970-01-01
}

/// The date `days` days after 1970-01-01 (inverse of days_from_civil).
constexpr civil_date civil_from_days(std::int64_t days) noexcept {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t day_of_era = z - era * 146097; // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365; // [0, 399]
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153; // month counted from March, [0, 11]
    civil_date out;
    out.day = static_cast<unsigned>(day_of_year - (153 * mp + 2) / 5 + 1);
    out.month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    out.year = year_of_era + era * 400 + (out.month <= 2 ? 1 : 0);
    return out;
}

/// Day of the week of the day `days` after 1970-01-01: 0 = Sunday ... 6 = Saturday (as std::chrono::weekday).
constexpr unsigned weekday_from_days(std::int64_t days) noexcept {
    // 1970-01-01 was a Thursday (4).
    const std::int64_t r = (days + 4) % 7;
    return static_cast<unsigned>(r < 0 ? r + 7 : r);
}

/// floor(a / b) for b > 0.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/// a - b * floor(a / b) for b > 0: always in [0, b).
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept {
    const std::int64_t r = a % b;
    return r < 0 ? r + b : r;
}

} // namespace apiquery::calendar
