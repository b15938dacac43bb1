// Tests of apiquery/value/calendar.hpp: constexpr checks (static_assert) and agreement with std::chrono.
#include <apiquery/value/calendar.hpp>

#include <catch2/catch.hpp>

#include <chrono>

namespace cal = apiquery::calendar;
namespace chr = std::chrono;

// Leap years: divisible by 4, centuries only when divisible by 400; astronomical year 0 and -4 are leap.
static_assert(cal::is_leap_year(2024) && cal::is_leap_year(2000) && cal::is_leap_year(1600));
static_assert(!cal::is_leap_year(2023) && !cal::is_leap_year(1900) && !cal::is_leap_year(2100));
static_assert(cal::is_leap_year(0) && cal::is_leap_year(-4) && cal::is_leap_year(-400));
static_assert(!cal::is_leap_year(-1) && !cal::is_leap_year(-100) && !cal::is_leap_year(-10000 + 100));
static_assert(cal::is_leap_year(-10000) && cal::is_leap_year(290000) && !cal::is_leap_year(289900));

// Days in month, February included.
static_assert(cal::days_in_month(2023, 2) == 28 && cal::days_in_month(2024, 2) == 29);
static_assert(cal::days_in_month(1900, 2) == 28 && cal::days_in_month(2000, 2) == 29);
static_assert(cal::days_in_month(0, 2) == 29 && cal::days_in_month(-1, 2) == 28);
static_assert(cal::days_in_month(2025, 1) == 31 && cal::days_in_month(2025, 4) == 30 &&
              cal::days_in_month(2025, 12) == 31);
static_assert(cal::days_in_month(2025, 0) == 0 && cal::days_in_month(2025, 13) == 0);
static_assert(cal::is_valid({2024, 2, 29}) && !cal::is_valid({2023, 2, 29}) && !cal::is_valid({2023, 4, 31}));

// Day numbers agree with std::chrono (constexpr on GCC 12 and clang 14).
constexpr std::int64_t chrono_days(int y, unsigned m, unsigned d) {
    return chr::sys_days(chr::year(y) / chr::month(m) / chr::day(d)).time_since_epoch().count();
}
static_assert(cal::days_from_civil({1970, 1, 1}) == 0);
static_assert(cal::days_from_civil({2000, 3, 1}) == chrono_days(2000, 3, 1));
static_assert(cal::days_from_civil({2024, 2, 29}) == chrono_days(2024, 2, 29));
static_assert(cal::days_from_civil({0, 1, 1}) == chrono_days(0, 1, 1));
static_assert(cal::days_from_civil({-1, 12, 31}) == chrono_days(-1, 12, 31));
static_assert(cal::days_from_civil({-32767, 1, 1}) == chrono_days(-32767, 1, 1));
static_assert(cal::days_from_civil({32767, 12, 31}) == chrono_days(32767, 12, 31));
static_assert(cal::civil_from_days(-719528) == cal::civil_date{0, 1, 1});
static_assert(cal::civil_from_days(cal::days_from_civil({-10000, 4, 1})) == cal::civil_date{-10000, 4, 1});
static_assert(cal::civil_from_days(cal::days_from_civil({290000, 12, 31})) ==
              cal::civil_date{290000, 12, 31});

// Day of the week (0 = Sunday), as chrono::weekday::c_encoding.
static_assert(cal::weekday_from_days(0) == 4); // 1970-01-01 was a Thursday
static_assert(cal::weekday_from_days(cal::days_from_civil({2025, 1, 1})) == 3);
static_assert(cal::weekday_from_days(cal::days_from_civil({2000, 2, 29})) == 2);
static_assert(cal::weekday_from_days(-1) == 3);
static_assert(cal::weekday_from_days(cal::days_from_civil({0, 1, 1})) ==
              chr::weekday(chr::sys_days(chr::year(0) / 1 / 1)).c_encoding());

// floor division helpers.
static_assert(cal::floor_div(-1, 86400) == -1 && cal::floor_mod(-1, 86400) == 86399);
static_assert(cal::floor_div(86400, 86400) == 1 && cal::floor_mod(86400, 86400) == 0);

TEST_CASE("calendar: days_from_civil and civil_from_days agree with std::chrono over chrono's range") {
    // Every day of 1600-2400, then every 97th day over the whole of chrono::year's range.
    const auto check = [](std::int64_t days) {
        const auto c = cal::civil_from_days(days);
        const chr::year_month_day ymd{chr::sys_days(chr::days(days))};
        REQUIRE(c.year == static_cast<int>(ymd.year()));
        REQUIRE(c.month == static_cast<unsigned>(ymd.month()));
        REQUIRE(c.day == static_cast<unsigned>(ymd.day()));
        REQUIRE(cal::days_from_civil(c) == days);
        REQUIRE(cal::is_valid(c));
        REQUIRE(cal::weekday_from_days(days) == chr::weekday(chr::sys_days(chr::days(days))).c_encoding());
        REQUIRE(cal::is_leap_year(c.year) == ymd.year().is_leap());
    };
    for (std::int64_t d = chrono_days(1600, 1, 1); d <= chrono_days(2400, 12, 31); ++d)
        check(d);
    for (std::int64_t d = chrono_days(-32767, 1, 1); d <= chrono_days(32767, 12, 31); d += 97)
        check(d);
}

TEST_CASE("calendar: days_in_month matches year_month_day_last") {
    for (int y = -800; y <= 2800; ++y)
        for (unsigned m = 1; m <= 12; ++m)
            REQUIRE(cal::days_in_month(y, m) ==
                    static_cast<unsigned>((chr::year(y) / chr::month(m) / chr::last).day()));
}
