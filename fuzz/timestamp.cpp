// Fuzz target: timestamps (strict RFC 3339, pydantic datetime, JSON numbers) and the OData date/time
// values.
//
// Invariants:
// - every accepted value formats to the canonical form, which parse_odata_datetimeoffset reads back to
//   the same instant, and parse_timestamp too when the year is 0000-9999; formatting is idempotent;
// - an error offset is never past the end of the input, and every message is non-empty;
// - what the strict parser accepts (leap seconds and year 0 aside), pydantic accepts with the same instant
//   and offset;
// - pydantic errors have one of pydantic's two types and its message prefix;
// - OData values stay in their documented ranges.
#include "fuzz_support.hpp"

#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/timestamp.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace {

using namespace apiquery;

/// format -> parse gives the same instant; returns the canonical text.
std::string check_round_trip(const timestamp& t) {
    const std::string text = format_timestamp(t);
    APIQUERY_FUZZ_ASSERT(text.size() <= timestamp_max_chars && text.back() == 'Z');
    const auto odata = parse_odata_datetimeoffset(text);
    APIQUERY_FUZZ_ASSERT(odata.has_value());
    APIQUERY_FUZZ_ASSERT(odata->utc_micros == t.unix_micros() && odata->sub_micro_ps == 0);
    const bool four_digit_year = text.size() > 4 && text[4] == '-' && text[0] != '-';
    const auto strict = parse_timestamp(text);
    APIQUERY_FUZZ_ASSERT(strict.has_value() == four_digit_year);
    if (strict) {
        APIQUERY_FUZZ_ASSERT(*strict == t && strict->offset_minutes() == 0);
        APIQUERY_FUZZ_ASSERT(format_timestamp(*strict) == text);
    }
    return text;
}

void check_pydantic_error(const pydantic_datetime_error& e) {
    APIQUERY_FUZZ_ASSERT(e.type == "datetime_parsing" || e.type == "datetime_from_date_parsing");
    APIQUERY_FUZZ_ASSERT(!e.error.empty());
    APIQUERY_FUZZ_ASSERT(e.msg().starts_with("Input should be a valid datetime"));
}

void one_input(std::string_view input) {
    // Strict RFC 3339 / API form.
    const auto strict = parse_timestamp(input);
    if (strict) {
        check_round_trip(*strict);
        APIQUERY_FUZZ_ASSERT(!strict->is_naive());
    } else {
        APIQUERY_FUZZ_ASSERT(strict.error().offset <= input.size() && !strict.error().message.empty());
    }

    // pydantic datetime (lax).
    const auto lax = parse_pydantic_datetime(input);
    if (lax)
        check_round_trip(*lax);
    else
        check_pydantic_error(lax.error());
    if (strict && input.substr(17, 2) != "60" && input.substr(0, 4) != "0000") {
        APIQUERY_FUZZ_ASSERT(lax.has_value());
        APIQUERY_FUZZ_ASSERT(*lax == *strict && lax->offset_minutes() == strict->offset_minutes());
    }

    // OData values.
    if (const auto d = parse_odata_date(input)) {
        APIQUERY_FUZZ_ASSERT(d->days >= odata_min_days && d->days <= odata_max_days);
        const std::string text = check_round_trip(to_timestamp(*d));
        APIQUERY_FUZZ_ASSERT(parse_odata_date(text.substr(0, text.find('T'))).value() == *d);
    } else {
        APIQUERY_FUZZ_ASSERT(d.error().offset <= input.size() && !d.error().message.empty());
    }
    if (const auto v = parse_odata_datetimeoffset(input)) {
        APIQUERY_FUZZ_ASSERT(v->sub_micro_ps >= 0 && v->sub_micro_ps < 1000000);
        APIQUERY_FUZZ_ASSERT(v->offset_minutes > -1440 && v->offset_minutes < 1440);
        check_round_trip(to_timestamp(*v));
        APIQUERY_FUZZ_ASSERT(compare(to_timestamp(*v), *v) != std::strong_ordering::greater);
    } else {
        APIQUERY_FUZZ_ASSERT(v.error().offset <= input.size() && !v.error().message.empty());
    }
    if (const auto t = parse_odata_timeofday(input)) {
        APIQUERY_FUZZ_ASSERT(t->picoseconds >= 0 && t->picoseconds < 86400LL * 1000000000000LL);
    } else {
        APIQUERY_FUZZ_ASSERT(t.error().offset <= input.size() && !t.error().message.empty());
    }
    if (const auto p = parse_odata_duration(input)) {
        APIQUERY_FUZZ_ASSERT(p->sub_micro_ps >= 0 && p->sub_micro_ps < 1000000);
        APIQUERY_FUZZ_ASSERT((p->micros < 0) == (input[0] == '-' && *p != odata_duration{}));
    } else {
        APIQUERY_FUZZ_ASSERT(p.error().offset <= input.size() && !p.error().message.empty());
    }

    // JSON numbers: the first 8 bytes as an integer and as a double.
    if (input.size() >= 8) {
        std::int64_t i = 0;
        double f = 0;
        std::memcpy(&i, input.data(), 8);
        std::memcpy(&f, input.data(), 8);
        if (const auto a = pydantic_datetime_from_int(i))
            check_round_trip(*a);
        else
            check_pydantic_error(a.error());
        if (const auto b = pydantic_datetime_from_float(f))
            check_round_trip(*b);
        else
            check_pydantic_error(b.error());
    }
}

} // namespace

APIQUERY_FUZZ_ENTRY(one_input)
