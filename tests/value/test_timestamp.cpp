// Tests of apiquery/value/timestamp.hpp: the timestamp type, strict parsing, pydantic parsing (fixed vectors;
// tests/value/pydantic_datetime_diff.py compares with pydantic itself), canonical formatting.
#include <apiquery/value/timestamp.hpp>

#include <apiquery/value/odata_time.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>

using apiquery::format_timestamp;
using apiquery::parse_pydantic_datetime;
using apiquery::parse_timestamp;
using apiquery::timestamp;

namespace {
std::int64_t micros(const char* text) {
    return parse_timestamp(text).value().unix_micros();
}
std::string canon(const char* text) {
    return format_timestamp(parse_timestamp(text).value());
}
} // namespace

// The type is a cheap constexpr value.
static_assert(std::is_trivially_copyable_v<timestamp> && sizeof(timestamp) <= 16);
static_assert(timestamp::from_unix_micros(1, 60) == timestamp::from_unix_micros(1, -60));
static_assert(!timestamp::from_unix_micros(1, 60).same_representation(timestamp::from_unix_micros(1, -60)));
static_assert(timestamp::from_unix_micros(0) < timestamp::from_unix_micros(1));
static_assert(timestamp::naive(timestamp::time_point{}).is_naive() && !timestamp().is_naive());
static_assert(!timestamp::naive(timestamp::time_point{}).offset().has_value());
static_assert(timestamp::from_unix_micros(0, 90).local() == timestamp::time_point(std::chrono::minutes(90)));

TEST_CASE("timestamp: comparisons compare instants") {
    const auto a = parse_timestamp("2025-01-01T01:00:00+01:00").value();
    const auto b = parse_timestamp("2025-01-01T00:00:00Z").value();
    CHECK(a == b);
    CHECK(a.offset_minutes() == 60);
    CHECK(b.offset_minutes() == 0);
    CHECK_FALSE(a.same_representation(b));
    CHECK(parse_timestamp("2024-12-31T23:59:59.999999+00:00").value() < a);
    CHECK(parse_timestamp("2024-12-31T19:00:00.000001-05:00").value() > b);
    CHECK(a.utc() == b.utc());
    CHECK(a.local() - b.local() == std::chrono::hours(1));
}

TEST_CASE("parse_timestamp: the API's forms") {
    CHECK(micros("1970-01-01T00:00:00Z") == 0);
    CHECK(micros("2025-11-21T00:00:00.123456Z") == 1763683200123456LL);
    CHECK(micros("2025-11-21T00:00:00.1Z") == 1763683200100000LL);
    CHECK(micros("2025-11-21T00:00:00.1234567Z") == 1763683200123456LL); // truncated
    CHECK(micros("2025-11-21T00:00:00.9999999Z") == 1763683200999999LL);
    CHECK(micros("2025-11-21T00:00:00+00:00") == micros("2025-11-21T00:00:00Z"));
    CHECK(micros("2025-11-21t00:00:00z") == micros("2025-11-21T00:00:00Z"));
    CHECK(micros("2025-11-21T00:00:00-00:00") == micros("2025-11-21T00:00:00Z"));
    CHECK(micros("2025-11-21T05:30:00+05:30") == micros("2025-11-21T00:00:00Z"));
    CHECK(micros("2025-11-20T23:00:00-01:00") == micros("2025-11-21T00:00:00Z"));
    CHECK(micros("0000-01-01T00:00:00Z") == -62167219200LL * 1000000);
    CHECK(micros("9999-12-31T23:59:59.999999Z") == 253402300799999999LL);
    CHECK(micros("2024-02-29T12:00:00Z") == micros("2024-03-01T12:00:00Z") - 86400LL * 1000000);
    // Leap second: the last microsecond of the minute.
    CHECK(micros("2016-12-31T23:59:60Z") == micros("2016-12-31T23:59:59.999999Z"));
    CHECK(micros("2016-12-31T23:59:60.5Z") == micros("2016-12-31T23:59:59.999999Z"));
}

TEST_CASE("parse_timestamp: errors carry the offset of the first bad character") {
    struct row {
        const char* text;
        std::size_t offset;
        const char* message;
    };
    const row rows[] = {
        {"", 0, "expected a 4-digit year"},
        {"2025", 4, "expected '-' after the year"},
        {"2025-13-01T00:00:00Z", 5, "month must be 01-12"},
        {"2025-02-29T00:00:00Z", 8, "day out of range for the month"},
        {"2100-02-29T00:00:00Z", 8, "day out of range for the month"},
        {"2025-11-21 00:00:00Z", 10, "expected 'T' between the date and the time"},
        {"2025-11-21T24:00:00Z", 11, "hour must be 00-23"},
        {"2025-11-21T23:60:00Z", 14, "minute must be 00-59"},
        {"2025-11-21T23:59:61Z", 17, "second must be 00-60"},
        {"2025-11-21T00:00Z", 16, "expected ':' after the minute (seconds are required)"},
        {"2025-11-21T00:00:00", 19, "expected 'Z' or an offset (+HH:MM or -HH:MM)"},
        {"2025-11-21T00:00:00.", 20, "expected a digit after '.'"},
        {"2025-11-21T00:00:00.Z", 20, "expected a digit after '.'"},
        {"2025-11-21T00:00:00Z ", 20, "unexpected character after the offset"},
        {"2025-11-21T00:00:00+0100", 22, "expected ':' in the offset"},
        {"2025-11-21T00:00:00+01", 22, "expected ':' in the offset"},
        {"2025-11-21T00:00:00+24:00", 20, "offset hour must be 00-23"},
        {"2025-11-21T00:00:00+01:60", 23, "offset minute must be 00-59"},
        {"2025-11-21T00:00:00+1:00", 21, "expected a 2-digit offset hour"},
        {"2025-1-21T00:00:00Z", 6, "expected a 2-digit month"},
        {"+2025-11-21T00:00:00Z", 0, "expected a 4-digit year"},
        {"2025-11-21T00:00:00\xe2\x88\x92"
         "01:00",
         19, "expected 'Z' or an offset (+HH:MM or -HH:MM)"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto p = parse_timestamp(r.text);
        REQUIRE_FALSE(p);
        CHECK(p.error().offset == r.offset);
        CHECK(p.error().message == r.message);
        CHECK(p.error().offset <= std::string_view(r.text).size());
    }
}

TEST_CASE("format_timestamp: canonical form, at least milliseconds") {
    CHECK(canon("2025-11-21T00:00:00Z") == "2025-11-21T00:00:00.000Z");
    CHECK(canon("2025-11-21T00:00:00.5Z") == "2025-11-21T00:00:00.500Z");
    CHECK(canon("2025-11-21T00:00:00.123Z") == "2025-11-21T00:00:00.123Z");
    CHECK(canon("2025-11-21T00:00:00.1234Z") == "2025-11-21T00:00:00.123400Z");
    CHECK(canon("2025-11-21T00:00:00.000001Z") == "2025-11-21T00:00:00.000001Z");
    CHECK(canon("2025-11-21T01:02:03.120000+01:00") == "2025-11-21T00:02:03.120Z");
    CHECK(format_timestamp(timestamp::from_unix_micros(-1)) == "1969-12-31T23:59:59.999999Z");
    CHECK(format_timestamp(timestamp::from_unix_micros(-62167219200LL * 1000000)) ==
          "0000-01-01T00:00:00.000Z");
    CHECK(format_timestamp(timestamp::from_unix_micros(-62167219200LL * 1000000 - 1)) ==
          "-0001-12-31T23:59:59.999999Z");
    CHECK(format_timestamp(timestamp::from_unix_micros(253402300800LL * 1000000)) ==
          "10000-01-01T00:00:00.000Z");
    // Naive: the wall-clock time.
    CHECK(format_timestamp(parse_pydantic_datetime("2025-11-21T10:00").value()) ==
          "2025-11-21T10:00:00.000Z");
    // The extremes of the representable range fit the buffer.
    for (const auto us :
         {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
        const auto s = format_timestamp(timestamp::from_unix_micros(us));
        INFO(s);
        CHECK(s.size() <= apiquery::timestamp_max_chars);
        const auto back = apiquery::parse_odata_datetimeoffset(s);
        REQUIRE(back); // the OData form reads every year format_timestamp writes
        CHECK(back->utc_micros == us);
    }
}

TEST_CASE("format_timestamp/parse_timestamp round trip over years 0000-9999") {
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::int64_t> instant(-62167219200LL * 1000000, 253402300799999999LL);
    std::uniform_int_distribution<int> offset(-1439, 1439);
    for (int i = 0; i < 200000; ++i) {
        std::int64_t us = instant(rng);
        if (i % 3 == 0)
            us -= us % 1000; // milliseconds
        if (i % 7 == 0)
            us -= us % 1000000; // whole seconds
        const auto t = timestamp::from_unix_micros(us, offset(rng));
        const auto text = format_timestamp(t);
        const auto back = parse_timestamp(text);
        INFO(text);
        REQUIRE(back);
        REQUIRE(*back == t);
        REQUIRE(back->offset_minutes() == 0);
        REQUIRE(format_timestamp(*back) == text);
        const auto digits = text.size() - std::string_view("YYYY-MM-DDTHH:MM:SS.Z").size();
        REQUIRE((digits == 3 || digits == 6));
        REQUIRE((digits == 3) == (apiquery::calendar::floor_mod(us, 1000) == 0));
    }
}

TEST_CASE("parse_pydantic_datetime: values as pydantic 2.13 gives them") {
    struct row {
        const char* text;
        const char* utc;
        int offset; // 9999: naive
    };
    const row rows[] = {
        {"2022-06-08T12:13:14Z", "2022-06-08T12:13:14.000Z", 0},
        {"2022-06-08 12:13:14", "2022-06-08T12:13:14.000Z", 9999},
        {"2022-06-08_12:13", "2022-06-08T12:13:00.000Z", 9999},
        {"2022-06-08t12:13:14,5+0530", "2022-06-08T06:43:14.500Z", 330},
        {"2022-06-08T12:13:14\xe2\x88\x92"
         "05:30",
         "2022-06-08T17:43:14.000Z", -330},
        {"2022-06-08T12:13:14.1234567", "2022-06-08T12:13:14.123456Z", 9999},
        {"2022-06-08", "2022-06-08T00:00:00.000Z", 9999},
        {"1700000000", "2023-11-14T22:13:20.000Z", 0},
        {"20000000001", "1970-08-20T11:33:20.001Z", 0},
        {"-1.25", "1969-12-31T23:59:58.750Z", 0},
        {".5", "1970-01-01T00:00:00.500Z", 0},
        {"+1.5", "1970-01-01T00:00:01.500Z", 0},
        {"20220608", "1970-08-23T00:50:08.000Z", 0},
        {"18446744073709551620", "1970-01-01T00:00:04.000Z", 0}, // speedate's wrapping overflow check
        {"30000000000000.5", "1970-12-14T05:20:00.000500Z", 0},  // milliseconds, twice
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto p = parse_pydantic_datetime(r.text);
        REQUIRE(p);
        CHECK(format_timestamp(*p) == r.utc);
        CHECK(p->is_naive() == (r.offset == 9999));
        if (r.offset != 9999)
            CHECK(p->offset_minutes() == r.offset);
    }
}

TEST_CASE("parse_pydantic_datetime: errors as pydantic 2.13 reports them") {
    struct row {
        const char* text;
        const char* type;
        const char* msg;
    };
    const row rows[] = {
        {"0000-01-01T00:00:00", "datetime_parsing",
         "Input should be a valid datetime, year 0 is out of range"},
        {"0000-01-01", "datetime_parsing", "Input should be a valid datetime, year 0 is out of range"},
        {"2012-04-23T11:05:00-25:00", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, unexpected extra characters at the end of the input"},
        {"2012-04-56T09:15:90", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, day value is outside expected range"},
        {"x20120423091500", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, invalid character in year"},
        {"2012-4-9 4:8:16", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, invalid character in month"},
        {"infinity", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, input is too short"},
        {"2022/06/08", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, invalid date separator, expected `-`"},
        {"2022-13-01", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, month value is outside expected range of 1-12"},
        {"2022-06-08T12:13:14+05", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, unexpected extra characters at the end of the input"},
        {"1e9", "datetime_from_date_parsing", "Input should be a valid datetime or date, input is too short"},
        {"-", "datetime_from_date_parsing", "Input should be a valid datetime or date, input is too short"},
        {"", "datetime_from_date_parsing", "Input should be a valid datetime or date, input is too short"},
        {"99999999999999999", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, dates after 9999 are not supported as unix timestamps"},
        {"-99999999999999999", "datetime_from_date_parsing",
         "Input should be a valid datetime or date, dates before 0000 are not supported as unix timestamps"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        const auto p = parse_pydantic_datetime(r.text);
        REQUIRE_FALSE(p);
        CHECK(p.error().type == r.type);
        CHECK(p.error().msg() == r.msg);
    }
}

TEST_CASE("pydantic_datetime_from_int / _from_float: JSON numbers as pydantic 2.13 reads them") {
    using apiquery::pydantic_datetime_from_float;
    using apiquery::pydantic_datetime_from_int;
    CHECK(format_timestamp(pydantic_datetime_from_int(1700000000).value()) == "2023-11-14T22:13:20.000Z");
    CHECK(format_timestamp(pydantic_datetime_from_int(-62167219201).value()) == "1968-01-12T11:19:40.799Z");
    CHECK(format_timestamp(pydantic_datetime_from_int(253402300799999).value()) ==
          "9999-12-31T23:59:59.999Z");
    CHECK(pydantic_datetime_from_int(0).value().offset_minutes() == 0);
    CHECK_FALSE(pydantic_datetime_from_int(0).value().is_naive());
    CHECK(pydantic_datetime_from_int(-62135596800000 - 86400000).error().msg() ==
          "Input should be a valid datetime, year 0 is out of range");
    CHECK(pydantic_datetime_from_int(253402300800000).error() ==
          apiquery::pydantic_datetime_error{"datetime_parsing",
                                            "dates after 9999 are not supported as unix timestamps"});
    CHECK(format_timestamp(pydantic_datetime_from_float(-1.25).value()) == "1969-12-31T23:59:58.250Z");
    CHECK(format_timestamp(pydantic_datetime_from_float(1700000000.123456).value()) ==
          "2023-11-14T22:13:20.123456Z");
    CHECK(format_timestamp(pydantic_datetime_from_float(2e10 + 0.5).value()) ==
          "2603-10-11T11:33:20.000500Z");
    CHECK(format_timestamp(pydantic_datetime_from_float(0.9999996).value()) == "1970-01-01T00:00:01.000Z");
    CHECK(pydantic_datetime_from_float(std::numeric_limits<double>::quiet_NaN()).error().msg() ==
          "Input should be a valid datetime, NaN values not permitted");
    CHECK(pydantic_datetime_from_float(std::numeric_limits<double>::infinity()).error().msg() ==
          "Input should be a valid datetime, dates after 9999 are not supported as unix timestamps");
}
