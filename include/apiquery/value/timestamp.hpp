// apiquery: timestamp, a UTC instant with microsecond precision that remembers the offset it was written
// with; strict RFC 3339 parsing (what the API writes), pydantic v2 `datetime` parsing (what a pydantic
// client accepts, with pydantic's error type and message), and canonical formatting.
//
// Documentation: docs/time.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/value/result.hpp>

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// A point in time: microseconds since 1970-01-01T00:00:00Z (proleptic Gregorian, no leap seconds), plus
/// the UTC offset in minutes it was written with, or no offset at all ("naive", as a Python datetime
/// without tzinfo: pydantic turns `2025-01-01` and `2025-01-01T10:00` into naive datetimes).
///
/// Comparisons compare instants only: `2025-01-01T01:00:00+01:00 == 2025-01-01T00:00:00Z`. A naive
/// timestamp takes part in comparisons as if its wall-clock time were UTC (Python would refuse to order
/// naive and aware datetimes; apiquery picks a total order instead). Use `same_representation` to compare
/// offsets as well.
///
/// Any 64-bit microsecond count is representable (about +-292,000 years around 1970); the text forms
/// below cover years 0000-9999.
///
/// @par Example
/// @code
/// auto t = apiquery::parse_timestamp("2025-01-01T01:00:00+01:00").value();
/// assert(t == apiquery::parse_timestamp("2025-01-01T00:00:00Z").value());
/// assert(t.offset_minutes() == 60);
/// assert(apiquery::format_timestamp(t) == "2025-01-01T00:00:00.000Z");
/// @endcode
class timestamp {
public:
    using duration = std::chrono::microseconds;
    using time_point = std::chrono::sys_time<duration>;

    /// 1970-01-01T00:00:00Z.
    constexpr timestamp() noexcept = default;

    /// The instant `utc`, written with `offset_minutes` (precondition: |offset_minutes| < 1440).
    constexpr explicit timestamp(time_point utc, int offset_minutes = 0) noexcept
        : us_(utc.time_since_epoch().count()), offset_(static_cast<std::int16_t>(offset_minutes)) {}

    /// The instant `us` microseconds after 1970-01-01T00:00:00Z, written with `offset_minutes`.
    static constexpr timestamp from_unix_micros(std::int64_t us, int offset_minutes = 0) noexcept {
        return timestamp(time_point(duration(us)), offset_minutes);
    }

    /// A naive timestamp (no offset): `wall` is the wall-clock time as written, stored as if it were UTC.
    static constexpr timestamp naive(time_point wall) noexcept {
        timestamp t(wall, 0);
        t.offset_ = naive_marker;
        return t;
    }

    /// The instant (for a naive timestamp: the wall-clock time read as UTC).
    constexpr time_point utc() const noexcept { return time_point(duration(us_)); }
    /// The instant as microseconds since 1970-01-01T00:00:00Z (naive: wall-clock time read as UTC).
    constexpr std::int64_t unix_micros() const noexcept { return us_; }

    /// True when the text carried no offset (a Python naive datetime).
    constexpr bool is_naive() const noexcept { return offset_ == naive_marker; }
    /// The written offset in minutes east of UTC (`+01:00` is 60); 0 for a naive timestamp.
    constexpr int offset_minutes() const noexcept { return is_naive() ? 0 : offset_; }
    /// The written offset, or nullopt for a naive timestamp.
    constexpr std::optional<int> offset() const noexcept {
        return is_naive() ? std::nullopt : std::optional<int>(offset_);
    }
    /// The wall-clock time as written (utc() + offset), as a sys_time.
    constexpr time_point local() const noexcept { return utc() + std::chrono::minutes(offset_minutes()); }

    /// Same instant, same offset (or both naive).
    constexpr bool same_representation(const timestamp& other) const noexcept {
        return us_ == other.us_ && offset_ == other.offset_;
    }

    friend constexpr bool operator==(const timestamp& a, const timestamp& b) noexcept {
        return a.us_ == b.us_;
    }
    friend constexpr std::strong_ordering operator<=>(const timestamp& a, const timestamp& b) noexcept {
        return a.us_ <=> b.us_;
    }

private:
    static constexpr std::int16_t naive_marker = std::numeric_limits<std::int16_t>::min();
    std::int64_t us_ = 0;
    std::int16_t offset_ = 0;
};

/// Why parse_timestamp rejected a text: the byte offset of the first character that does not fit
/// (at most the input size) and a message (a string literal).
struct timestamp_error {
    std::size_t offset = 0;
    std::string_view message;

    friend constexpr bool operator==(const timestamp_error&, const timestamp_error&) = default;
};

/// Parses the RFC 3339 `date-time` form the API writes: `YYYY-MM-DDTHH:MM:SS[.f+](Z|+HH:MM|-HH:MM)`.
///
/// - Year 0000-9999; the day must exist in the month (leap years included).
/// - `T` and `Z` may be lowercase (RFC 3339 section 5.6); seconds are required; the fraction has one or
///   more digits, digits after the sixth are truncated (the value is floored to the microsecond).
/// - Offsets from -23:59 to +23:59; `-00:00` is read as UTC.
/// - A leap second `23:59:60` (any `HH:MM:60`) is accepted and read as the last microsecond before the
///   next minute, `HH:MM:59.999999` (the rule of C++20 `utc_clock::to_sys`); its fraction is ignored.
/// - `24:00:00` is rejected, as are spaces, a missing offset and anything after the offset.
///
/// @par Example
/// `parse_timestamp("2025-11-21T00:00:00.123456Z")`, `parse_timestamp("2024-02-29T12:00:00+00:00")`
/// @par Specification
/// RFC 3339 section 5.6 (`date-time`); the API's date-time convention is given in docs/time.md.
APIQUERY_DECL result<timestamp, timestamp_error> parse_timestamp(std::string_view text) noexcept;

/// A rejection by pydantic v2's `datetime` validator: `type` (e.g. `datetime_from_date_parsing`) and the
/// `error` text of its ctx; `msg()` renders pydantic's message. Both views point to string literals.
struct pydantic_datetime_error {
    std::string_view type;  ///< pydantic error type
    std::string_view error; ///< ctx["error"]: speedate's message, or Python's ValueError text

    /// pydantic's `msg`, e.g. "Input should be a valid datetime or date, input is too short".
    APIQUERY_DECL std::string msg() const;

    friend constexpr bool operator==(const pydantic_datetime_error&,
                                     const pydantic_datetime_error&) = default;
};

/// Parses `text` as a pydantic 2.13 `datetime` field does in lax (Python and JSON string) mode:
/// same accepted set, same value, same error type and message.
///
/// Accepted: `YYYY-MM-DD` followed by `T`, `t`, `_` or a space and `HH:MM[:SS[(.|,)f+]]`, optionally
/// `Z`, `z` or `(+|-|U+2212)HH[:]MM`; a date alone (midnight, naive); or a unix timestamp as a number
/// (`[+-]digits[.digits]`, seconds, or milliseconds when its magnitude exceeds 2e10), which is UTC. A
/// text without an offset gives a naive timestamp. Fraction digits after the sixth are truncated.
///
/// Errors (see docs/time.md): `datetime_from_date_parsing` with speedate's date-parser message,
/// `datetime_parsing` with Python's ValueError text (year 0), as pydantic-core 2.46 / speedate 0.17 do.
/// @par Specification
/// pydantic-core's lax `datetime` validation (speedate), as described in docs/time.md.
APIQUERY_DECL result<timestamp, pydantic_datetime_error> parse_pydantic_datetime(std::string_view text);

/// What a pydantic 2.13 `datetime` field makes of a JSON or Python integer (a unix timestamp in
/// seconds, or milliseconds above 2e10 in magnitude; UTC), with pydantic's `datetime_parsing` errors.
APIQUERY_DECL result<timestamp, pydantic_datetime_error> pydantic_datetime_from_int(std::int64_t number);

/// What a pydantic 2.13 `datetime` field makes of a JSON or Python float, quirks included (speedate adds
/// the fraction's magnitude to floor(number): -1.25 becomes -2 + 0.25 seconds). NaN is rejected with
/// "NaN values not permitted".
APIQUERY_DECL result<timestamp, pydantic_datetime_error> pydantic_datetime_from_float(double number);

/// The longest text format_timestamp writes (years of up to 6 digits and a sign included).
inline constexpr std::size_t timestamp_max_chars = 40;

/// Writes the canonical `YYYY-MM-DDTHH:MM:SS.fffZ` form of the instant (always UTC, `Z`) with the fewest
/// fractional digits, at least 3, that represent it exactly (3 or 6). A naive timestamp is written from
/// its wall-clock time. Years outside 0000-9999 are written as the OData ABNF and XML Schema 1.1 write
/// them (`-0001`, `10000`). `parse_timestamp(format_timestamp(t)) == t` for every t in years 0000-9999;
/// parse_odata_datetimeoffset (apiquery/value/odata_time.hpp) reads back every year.
/// Writes at most timestamp_max_chars characters to `out` and returns how many.
APIQUERY_DECL std::size_t format_timestamp(const timestamp& t, char* out) noexcept;

/// format_timestamp into a std::string.
APIQUERY_DECL std::string format_timestamp(const timestamp& t);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/value/impl/timestamp.ipp>
#endif
