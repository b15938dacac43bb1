// apiquery: the instant of a date or date-time string stored in free JSON (user-defined metadata), read
// by the one ISO 8601 syntax that metadata filters accept, in memory and in SQL alike.
//
//     auto at = apiquery::parse_json_instant("2025-01-01T10:00:00+02:00"); // {1735718400, 0}
//     auto no = apiquery::parse_json_instant("2025-01-01 10:00");           // nullopt: not the syntax
//
// Accepted strings (ASCII, exactly, nothing before or after):
//     YYYY-MM-DD                                     a date: its midnight, UTC
//     YYYY-MM-DDTHH:MM:SS[.F]{Z|+HH:MM|-HH:MM}?      a date-time; without an offset: UTC
// with a four-digit year 0000-9999 (proleptic Gregorian), a day that exists in its month (leap years
// included), HH 00-23, MM 00-59, SS 00-59 (no leap second, no `24:00`), F one to nine digits, an
// upper-case `T` and `Z`, offset hours 00-23 and minutes 00-59. Anything else (`t`, `z` or a space for
// `T`, no seconds, ten fraction digits, `2025-1-1`, `2025-02-30`, week or ordinal dates, a bare time) is
// not a date. The SQL translation of metadata filters (sql/json_filter.hpp) tests exactly this syntax in
// SQL and computes the same instants; the in-memory evaluator (eval/json_filter.hpp) calls this function.
//
// Thread safety: pure functions.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/value/odata_time.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace apiquery {

/// An instant: seconds since 1970-01-01T00:00:00Z (floor) and the picoseconds after them
/// (0 to 999999999999). Ordered by time.
struct json_instant {
    std::int64_t unix_seconds = 0;
    std::int64_t picoseconds = 0;

    friend constexpr bool operator==(const json_instant&, const json_instant&) = default;
    friend constexpr auto operator<=>(const json_instant&, const json_instant&) = default;
};

/// The instant of `text` when it is a date or date-time of the accepted syntax above, else nullopt.
APIQUERY_DECL std::optional<json_instant> parse_json_instant(std::string_view text) noexcept;

/// The instant of an OData date-time literal (picoseconds included; a leap second as parsed).
constexpr json_instant json_instant_of(const odata_datetimeoffset& t) noexcept {
    std::int64_t sec = t.utc_micros / 1000000;
    std::int64_t micros = t.utc_micros % 1000000;
    if (micros < 0) {
        micros += 1000000;
        --sec;
    }
    return json_instant{sec, micros * 1000000 + t.sub_micro_ps};
}

/// The instant of an OData date literal: its midnight, UTC.
constexpr json_instant json_instant_of(const odata_date& d) noexcept {
    return json_instant{d.days * 86400, 0};
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/value/impl/json_instant.ipp>
#endif
