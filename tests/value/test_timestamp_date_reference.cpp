// timestamp.hpp against Howard Hinnant's date library, the trusted reference for calendar formatting and
// parsing: random instants and offsets are formatted and parsed by date::format / date::parse and by
// apiquery's fast exact paths (format_timestamp, parse_timestamp), and the results compared.
// APIQUERY_DATE_REFERENCE_COUNT=N sets the number of instants (default 200,000; a long run: 5000000).
#include <apiquery/value/timestamp.hpp>

#include <date/date.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>

namespace {

using namespace std::chrono;
using us_time = sys_time<microseconds>;

std::size_t count() {
    const char* env = std::getenv("APIQUERY_DATE_REFERENCE_COUNT");
    return env ? std::strtoull(env, nullptr, 10) : 200000;
}

// Instants whose wall-clock time stays in years 0002-9998 for every offset, with microseconds, whole
// milliseconds or whole seconds (the three shapes format_timestamp distinguishes) and an offset.
struct sample {
    us_time utc;
    int offset_minutes;
};

sample draw(std::mt19937_64& rng) {
    const auto lo = date::sys_days(date::year(2) / 1 / 2).time_since_epoch();
    const auto hi = date::sys_days(date::year(9998) / 12 / 30).time_since_epoch();
    std::uniform_int_distribution<std::int64_t> us(duration_cast<microseconds>(lo).count(),
                                                   duration_cast<microseconds>(hi).count());
    std::int64_t v = us(rng);
    switch (rng() % 3) {
    case 0:
        v -= v % 1000000;
        break;
    case 1:
        v -= v % 1000;
        break;
    default:
        break;
    }
    std::uniform_int_distribution<int> off(-1439, 1439);
    return {us_time(microseconds(v)), rng() % 4 == 0 ? 0 : off(rng)};
}

// "+HH:MM" / "-HH:MM".
std::string offset_text(int minutes) {
    std::string s(1, minutes < 0 ? '-' : '+');
    const int m = minutes < 0 ? -minutes : minutes;
    s += date::format("%H:%M", hours(m / 60) + std::chrono::minutes(m % 60));
    return s;
}

} // namespace

TEST_CASE("format_timestamp writes what date::format writes (the fraction at 3 or 6 digits)") {
    std::mt19937_64 rng(20261206);
    const std::size_t n = count();
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const sample s = draw(rng);
        std::string expected = date::format("%Y-%m-%dT%H:%M:%S", s.utc); // six fraction digits
        if (s.utc.time_since_epoch().count() % 1000 == 0)
            expected.resize(expected.size() - 3);
        expected += 'Z';
        const std::string got = apiquery::format_timestamp(apiquery::timestamp(s.utc, s.offset_minutes));
        if (got != expected && ++mismatches <= 5)
            FAIL_CHECK("format: " << got << " != " << expected);
    }
    CHECK(mismatches == 0);
}

TEST_CASE("parse_timestamp reads what date::parse reads (instant and offset)") {
    std::mt19937_64 rng(7);
    const std::size_t n = count();
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const sample s = draw(rng);
        // The wall-clock time with its offset, as a client writes it; the fraction with 0, 3 or 6 digits.
        const auto wall = s.utc + minutes(s.offset_minutes);
        std::string text = date::format("%Y-%m-%dT%H:%M:%S", wall);
        const auto frac = s.utc.time_since_epoch().count() % 1000000;
        if (frac == 0)
            text.resize(text.size() - 7);
        else if (frac % 1000 == 0)
            text.resize(text.size() - 3);
        text += s.offset_minutes == 0 && rng() % 2 ? "Z" : offset_text(s.offset_minutes);

        us_time ref{};
        minutes ref_offset{};
        std::istringstream in(text);
        in >>
            date::parse(text.back() == 'Z' ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%S%Ez", ref, ref_offset);
        REQUIRE(!in.fail());
        // date::parse gives the local time minus the offset: the instant.
        const auto got = apiquery::parse_timestamp(text);
        const bool same = got && got->utc() == ref && got->utc() == s.utc &&
                          got->offset_minutes() == static_cast<int>(ref_offset.count()) &&
                          got->offset_minutes() == (text.back() == 'Z' ? 0 : s.offset_minutes);
        if (!same && ++mismatches <= 5)
            FAIL_CHECK("parse: " << text);
    }
    CHECK(mismatches == 0);
}
