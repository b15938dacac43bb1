// Tests of apiquery/value/odata_time.hpp: constexpr checks, the OASIS ABNF test cases for dateValue,
// dateTimeOffsetValue, timeOfDayValue and durationValue (read at run time from the shared folder),
// apiquery's own cases in the same format, values, ordering and conversions to timestamp.
#include <apiquery/value/odata_time.hpp>

#include "abnf_cases.hpp"
#include "test_paths.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <utility>

using namespace apiquery;

// The parsers are constexpr: the OASIS examples hold at compile time.
static_assert(parse_odata_date("2012-09-10").value().days == 15593);
static_assert(parse_odata_date("0000-01-01").value().days == -719528);
static_assert(parse_odata_date("-INF").error().offset == 1);
static_assert(parse_odata_datetimeoffset("2011-12-31T24:00Z").error().offset == 12);
static_assert(parse_odata_datetimeoffset("2012-09-03T23%3A59Z").error().offset == 13);
static_assert(parse_odata_datetimeoffset("1972-06-30T23:59:60Z").value().leap_second);
static_assert(parse_odata_datetimeoffset("2012-09-03T14:53+02:00").value() ==
              parse_odata_datetimeoffset("2012-09-03T12:53Z").value());
static_assert(parse_odata_timeofday("24:00:00").error().offset == 1);
static_assert(parse_odata_timeofday("11:22:33.4444444").value().picoseconds == 40953444444400000LL);
static_assert(parse_odata_duration("P1Y6DT23H59M59.9999S").error().offset == 2);
static_assert(parse_odata_duration("+P6DT23H59M59.9999S").error().offset == 0);
static_assert(parse_odata_duration("-P6DT23H59M59.9999S").value().micros ==
              -(6 * 86400LL + 23 * 3600 + 59 * 60 + 59) * 1000000 - 999900);
static_assert(to_timestamp(parse_odata_date("2025-11-21").value()) ==
              timestamp::from_unix_micros(1763683200LL * 1000000));

namespace {

struct tally {
    int in_scope = 0, passed = 0, skipped = 0;
};

/// Runs one case; nullopt when its rule is not one of ours, else whether it passed.
std::optional<bool> run_case(const test::abnf_case& c) {
    std::optional<odata_time_error> error;
    if (c.rule == "dateValue" || c.rule == "date") {
        if (auto r = parse_odata_date(c.input); !r)
            error = r.error();
    } else if (c.rule == "dateTimeOffsetValue") {
        if (auto r = parse_odata_datetimeoffset(c.input); !r)
            error = r.error();
    } else if (c.rule == "timeOfDayValue") {
        if (auto r = parse_odata_timeofday(c.input); !r)
            error = r.error();
    } else if (c.rule == "durationValue") {
        if (auto r = parse_odata_duration(c.input); !r)
            error = r.error();
    } else {
        return std::nullopt;
    }
    INFO("line " << c.line << ": " << c.name << " [" << c.rule << "] '" << c.input << "'"
                 << (error ? " -> error at " + std::to_string(error->offset) + ": " +
                                 std::string(error->message)
                           : std::string(" -> accepted")));
    const bool pass = c.fail_at ? (error && error->offset == *c.fail_at) : !error;
    CHECK(pass);
    if (error)
        CHECK(error->offset <= c.input.size());
    return pass;
}

tally run_file(const std::filesystem::path& file) {
    tally t;
    for (const auto& c : test::read_abnf_cases(file.string())) {
        if (const auto r = run_case(c)) {
            ++t.in_scope;
            t.passed += *r ? 1 : 0;
        } else if (c.rule == "dateTimeOffsetLiteral" || c.rule == "dateTimeOffsetValueInUrl" ||
                   c.rule == "timeOfDayLiteral" || c.rule == "durationLiteral") {
            ++t.skipped; // URL forms (percent-encoding, duration'...'): the filter grammar's part
        }
    }
    return t;
}

} // namespace

TEST_CASE("odata_time: OASIS ABNF test cases (dateValue, date, dateTimeOffsetValue, timeOfDayValue, "
          "durationValue)") {
    const auto file = test::shared_dir() / "reference/odata-abnf/odata-abnf-testcases.yaml";
    if (!std::filesystem::exists(file)) {
        WARN("skipped: " << file.string() << " is absent");
        return;
    }
    const auto t = run_file(file);
    std::cout << "OASIS date/time cases: " << t.in_scope << " in scope, " << t.passed << " passed, "
              << t.skipped << " skipped (URL literal forms, checked by the filter tests)\n";
    CHECK(t.in_scope >= 26);
}

TEST_CASE("odata_time: apiquery's own cases (tests/data/time_extra_cases.yaml)") {
    const auto file = test::source_dir() / "tests/data/time_extra_cases.yaml";
    const auto t = run_file(file);
    std::cout << "apiquery extra date/time cases: " << t.in_scope << " in scope, " << t.passed << " passed\n";
    CHECK(t.in_scope >= 60);
}

TEST_CASE("odata_time: date values") {
    auto d = parse_odata_date("-10000-04-01");
    REQUIRE(d);
    CHECK(d->civil() == calendar::civil_date{-10000, 4, 1});
    CHECK(parse_odata_date("-0000-01-01").value() == parse_odata_date("0000-01-01").value());
    CHECK(parse_odata_date("2024-02-29").value() < parse_odata_date("2024-03-01").value());
    CHECK(parse_odata_date("2024-03-01").value().days - parse_odata_date("2024-02-28").value().days == 2);
    CHECK(parse_odata_date("2023-03-01").value().days - parse_odata_date("2023-02-28").value().days == 1);
    CHECK(parse_odata_date("1970-01-01").value().to_sys_days().time_since_epoch().count() == 0);
    CHECK(parse_odata_date("2023-02-29").error().message == "day out of range for the month");
}

TEST_CASE("odata_time: dateTimeOffset values, offsets, leap second and precision") {
    const auto v = parse_odata_datetimeoffset("2012-09-03T14:53:01.123456789012+02:00").value();
    CHECK(v.offset_minutes == 120);
    CHECK(format_timestamp(to_timestamp(v)) == "2012-09-03T12:53:01.123456Z");
    CHECK(v.sub_micro_ps == 789012);
    CHECK(to_timestamp(v).offset_minutes() == 120);

    // Sub-microsecond digits order exactly, and against timestamps too.
    const auto a = parse_odata_datetimeoffset("2025-01-01T00:00:00.0000001Z").value();
    const auto b = parse_odata_datetimeoffset("2025-01-01T00:00:00Z").value();
    CHECK(b < a);
    CHECK(compare(to_timestamp(b), a) == std::strong_ordering::less);
    CHECK(compare(to_timestamp(a), a) == std::strong_ordering::less); // the truncation is earlier
    CHECK(compare(to_timestamp(b), b) == std::strong_ordering::equal);
    CHECK(compare(parse_timestamp("2025-01-01T00:00:00.000001Z").value(), a) ==
          std::strong_ordering::greater);

    // Leap second: the last picosecond of 23:59:59, before midnight.
    const auto leap = parse_odata_datetimeoffset("1972-06-30T23:59:60.5Z").value();
    CHECK(leap.leap_second);
    CHECK(leap < parse_odata_datetimeoffset("1972-07-01T00:00Z").value());
    CHECK(leap > parse_odata_datetimeoffset("1972-06-30T23:59:59.999999999998Z").value());
    CHECK(format_timestamp(to_timestamp(leap)) == "1972-06-30T23:59:59.999999Z");

    // Offsets cross day and year boundaries.
    CHECK(format_timestamp(to_timestamp(parse_odata_datetimeoffset("2025-01-01T00:30+01:00").value())) ==
          "2024-12-31T23:30:00.000Z");
    CHECK(format_timestamp(to_timestamp(parse_odata_datetimeoffset("0000-01-01T00:00-23:59").value())) ==
          "0000-01-01T23:59:00.000Z");
    CHECK(format_timestamp(to_timestamp(parse_odata_datetimeoffset("-10000-04-01T00:00Z").value())) ==
          "-10000-04-01T00:00:00.000Z");

    // Date literals compare as midnight UTC.
    const auto day = parse_odata_date("2025-11-21").value();
    CHECK(compare(parse_timestamp("2025-11-21T00:00:00Z").value(), day) == std::strong_ordering::equal);
    CHECK(compare(parse_timestamp("2025-11-20T23:59:59.999999Z").value(), day) == std::strong_ordering::less);
}

TEST_CASE("odata_time: the extremes of the year range convert and format") {
    for (const char* text : {"294247-01-10T04:00:54.775807999999Z", "-290308-12-21T19:59:05.224192Z",
                             "294247-01-10T00:00-04:00", "-290308-12-22T23:59+23:59"}) {
        auto v = parse_odata_datetimeoffset(text);
        REQUIRE(v);
        const auto s = format_timestamp(to_timestamp(*v));
        auto back = parse_odata_datetimeoffset(s);
        INFO(text << " -> " << s);
        REQUIRE(back);
        CHECK(back->utc_micros == v->utc_micros);
    }
}

TEST_CASE("odata_time: timeOfDay values") {
    CHECK(parse_odata_timeofday("00:00").value().picoseconds == 0);
    CHECK(parse_odata_timeofday("23:59:59.999999999999").value().picoseconds == 86400LL * 1000000000000 - 1);
    const auto leap = parse_odata_timeofday("23:59:60").value();
    CHECK(leap.leap_second);
    CHECK(leap == parse_odata_timeofday("23:59:59.999999999999").value());
    CHECK(parse_odata_timeofday("11:22").value() < parse_odata_timeofday("11:22:00.000000000001").value());
    CHECK(parse_odata_timeofday("01:02:03.5").value().to_chrono() == std::chrono::microseconds(3723500000));
}

TEST_CASE("odata_time: duration values") {
    const auto us = [](const char* t) { return parse_odata_duration(t).value().micros; };
    CHECK(us("P1D") == 86400000000LL);
    CHECK(us("PT1H") == 3600000000LL);
    CHECK(us("PT1M") == 60000000LL);
    CHECK(us("PT1.5S") == 1500000LL);
    CHECK(us("P1DT2H3M4.5S") == ((86400LL + 7200 + 180 + 4) * 1000000 + 500000));
    CHECK(us("P106751991D") == 106751991LL * 86400000000LL);
    // Negative durations floor: -0.0000005 s is -1 us + 500000 ps.
    const auto tiny = parse_odata_duration("-PT0.0000005S").value();
    CHECK(tiny.micros == -1);
    CHECK(tiny.sub_micro_ps == 500000);
    CHECK(tiny < odata_duration{});
    CHECK(parse_odata_duration("-PT0S").value() == odata_duration{});
    CHECK(parse_odata_duration("PT0.0000000000019S").value().sub_micro_ps ==
          1); // digits after the 12th dropped
    CHECK(parse_odata_duration("-P1D").value() < parse_odata_duration("-PT23H").value());
    CHECK(parse_odata_duration("PT90M").value() == parse_odata_duration("PT1H30M").value());
    CHECK(parse_odata_duration("PT1H").value().to_chrono() == std::chrono::hours(1));
}

// RFC 5234: a quoted string is case-insensitive, and the ABNF writes "T", "Z", "P", "D", "H", "M", "S"
// (not %s"..."): lower-case letters read as the upper-case ones.
static_assert(parse_odata_datetimeoffset("2025-01-01t00:00:00z").value() ==
              parse_odata_datetimeoffset("2025-01-01T00:00:00Z").value());
static_assert(parse_odata_duration("p1dt2h30m").value() == parse_odata_duration("P1DT2H30M").value());

TEST_CASE("odata_time: T, Z and the duration letters in either case") {
    const auto lower = parse_odata_datetimeoffset("2012-09-03t13:52:01.123456789012-02:30");
    REQUIRE(lower);
    const auto upper = parse_odata_datetimeoffset("2012-09-03T13:52:01.123456789012-02:30").value();
    CHECK(*lower == upper);
    CHECK(lower->offset_minutes == -150);
    CHECK(lower->sub_micro_ps == upper.sub_micro_ps);
    const auto leap = parse_odata_datetimeoffset("1972-06-30t23:59:60z");
    REQUIRE(leap);
    CHECK(leap->leap_second);
    CHECK(*leap == parse_odata_datetimeoffset("1972-06-30T23:59:60Z").value());
    CHECK(parse_odata_datetimeoffset("2025-01-01T00:00z").value().offset_minutes == 0);

    for (const auto& [l, u] :
         {std::pair{"p1dt2h30m", "P1DT2H30M"}, std::pair{"-pt0.0000005s", "-PT0.0000005S"},
          std::pair{"P1d", "P1D"}, std::pair{"pT1h2M3.25s", "PT1H2M3.25S"},
          std::pair{"p106751991d", "P106751991D"}}) {
        INFO(l);
        const auto a = parse_odata_duration(l);
        REQUIRE(a);
        CHECK(*a == parse_odata_duration(u).value());
    }
    // Still case-insensitive only where the ABNF has a letter: y (years) and a month before t are not.
    CHECK(parse_odata_duration("p1y").error().offset == 2);
    CHECK(parse_odata_duration("pt1h1h").error().offset == 5);
    CHECK(parse_odata_datetimeoffset("2012-09-03 13:52Z").error().offset == 10);
}

TEST_CASE("odata_time: a one-digit month, day, hour, minute or second says it needs two digits") {
    struct bad {
        const char* text;
        std::size_t offset; // the ABNF's FailAt
        std::string_view message;
    };
    for (const auto& b : {bad{"2025-1-1", 6, "month needs two digits (01-12)"},
                          bad{"2025-3-01", 5, "month needs two digits (01-12)"},
                          bad{"2025-01-1", 9, "day needs two digits (01-31)"},
                          bad{"2025-01-5", 8, "day needs two digits (01-31)"}}) {
        INFO(b.text);
        const auto r = parse_odata_date(b.text);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == b.offset);
        CHECK(r.error().message == b.message);
    }
    for (const auto& b : {bad{"2025-01-01T1:00Z", 12, "hour needs two digits (00-23)"},
                          bad{"2025-01-01T7:00Z", 11, "hour needs two digits (00-23)"},
                          bad{"2025-01-01T10:5Z", 15, "minute needs two digits (00-59)"},
                          bad{"2025-01-01T10:7Z", 14, "minute needs two digits (00-59)"},
                          bad{"2025-01-01T10:05:5Z", 18, "second needs two digits (00-60)"},
                          bad{"2025-01-01T10:05:00+1:00", 21, "hour needs two digits (00-23)"}}) {
        INFO(b.text);
        const auto r = parse_odata_datetimeoffset(b.text);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == b.offset);
        CHECK(r.error().message == b.message);
    }
    const auto t = parse_odata_timeofday("10:5");
    REQUIRE_FALSE(t);
    CHECK(t.error() == odata_time_error{4, "minute needs two digits (00-59)"});
    // Two digits out of range keep their message.
    CHECK(parse_odata_date("2025-13-01").error() == odata_time_error{6, "month must be 01-12"});
    CHECK(parse_odata_date("2025-01-32").error() == odata_time_error{9, "day must be 01-31"});
    CHECK(parse_odata_timeofday("10:61").error() == odata_time_error{3, "minute must be 00-59"});
    CHECK(parse_odata_date("2025--1-01").error() == odata_time_error{5, "month must be 01-12"});
}
