// apiquery: a filter over paths into a free JSON object (user-defined metadata), compiled once and
// evaluated per record without allocating, with JSON-kind semantics: a comparison is true only when the
// stored value has the kind of the literal it is compared with.
//
//     auto checked = apiquery::check_filter(apiquery::parse_filter(text).value(), profile).value();
//     auto f = apiquery::compile_json_filter(checked).value();   // or the error, with its span
//     bool keep = f.matches(object);                              // object: a boost::json::object
//
// The filter must have passed check_filter with a profile of free fields (every path is a path into the
// object: `a/b` is member `b` of member `a`). The compiled form keeps each path as its list of keys and
// each literal as a ready value, so a record costs the object key lookups and the comparisons only.
//
// THE SEMANTICS (the one place they are written down; an SQL translation of such filters must give the
// same answers, and `docs/files.md` repeats this table):
//
// The stored value `v` of a path: follow the keys from the object; a missing key, or a value on the way
// that is not an object, gives "missing". Missing and JSON null are both NULL below.
//
// | literal (its kind)                     | `eq` is true when                                     | `ge` is true when                                  |
// |----------------------------------------|-------------------------------------------------------|----------------------------------------------------|
// | `null`                                 | v is NULL                                             | (refused by the profile)                           |
// | `true`, `false`                        | v is that JSON boolean                                | (refused by the profile)                           |
// | a number (int, decimal, double)        | v is a JSON number with the same value (`1 eq 1.0`)   | v is a JSON number >= the literal                  |
// | a string `'...'`                       | v is a JSON string with the same code points          | v is a JSON string >= the literal by code point    |
// | a date `2025-01-01` (midnight UTC)     | v is a string of the ISO 8601 form below whose instant equals the literal's | ... whose instant is >= the literal's |
// | a date-time `2025-01-01T10:00Z`        | (the same)                                            | (the same)                                         |
// | any other kind (GUID, duration, time of day, enum, ...) | refused when compiling                | refused when compiling                             |
//
// - Any other stored kind (an object, an array, a number against a string, a string against a number,
//   a boolean against a number, NULL against anything but `null`) makes the comparison FALSE, never an
//   error. `ne` is `not eq` (true for a NULL against a non-null literal); `gt`, `lt`, `le` are like
//   `ge` with their own order test; `and`, `or`, `not` are two-valued (a comparison is never unknown).
// - Numbers compare by mathematical value, exactly: an integer stored or written as an integer is exact
//   (64-bit; unsigned 64-bit stored values too); a JSON number with a fraction or exponent, and a
//   decimal or double literal, is first rounded to the nearest IEEE 754 double. An int and a double are
//   compared exactly, never by converting the int to a double. NaN equals nothing and orders with
//   nothing.
// - Strings: by Unicode code point (the byte order of UTF-8), case-sensitive, no normalisation.
// - The ISO 8601 strings that date and date-time literals match (anything else is FALSE):
//       YYYY-MM-DD                                            a date: its midnight, UTC
//       YYYY-MM-DD(T|t| )hh:mm[:ss[.f...]][Z|z|(+|-)hh:mm]    a date-time; without an offset: UTC
//   with a 4-digit year, a day that exists in its month (leap years included), hh 00-23, mm 00-59,
//   ss 00-59 (no leap second, no `24:00`), one or more fraction digits (those beyond the 12th ignored),
//   offset hours 00-23 and minutes 00-59; nothing before or after. The instant (microseconds and
//   picoseconds since 1970-01-01T00:00:00Z) is compared with the literal's instant exactly.
// - A path alone where a condition is expected (`archived and ...`) means `path eq true`.
// - Refused when compiling (an error with the node's span): two paths compared with each other, two
//   literals, a literal kind of the last row, an ordering comparison with `null` or a boolean, and any
//   construct other than comparisons, `and`, `or`, `not` and paths (functions, `in`, `has`, lambdas,
//   arithmetic, aliases).
//
// Thread safety: a json_filter is immutable after compilation; matches() may be called concurrently.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/result.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

namespace eval {

/// The kind of a literal of a JSON filter (after conversion).
enum class json_literal_kind : std::uint8_t {
    null,    ///< `null`
    boolean, ///< `true` / `false`
    integer, ///< an integer literal that fits in 64 bits
    number,  ///< a decimal or double literal, rounded to the nearest double
    string,  ///< a quoted string
    instant, ///< a date (midnight UTC) or a date-time literal
};

/// "null", "boolean", "integer", "number", "string", "instant".
constexpr std::string_view to_string(json_literal_kind k) noexcept {
    constexpr std::string_view names[] = {"null", "boolean", "integer", "number", "string", "instant"};
    return names[static_cast<std::size_t>(k)];
}

/// A literal of a JSON filter, ready for comparison.
struct json_literal {
    json_literal_kind kind = json_literal_kind::null;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string text;        ///< string
    std::int64_t micros = 0; ///< instant: microseconds since 1970-01-01T00:00:00Z (floor)
    std::int32_t picos = 0;  ///< instant: picoseconds beyond `micros` (0-999999)
    bool from_date = false;  ///< instant: written as a date
    friend bool operator==(const json_literal&, const json_literal&) = default;
};

/// One comparison of a JSON filter: the value at `path` (object keys, outermost first) `op` the literal.
/// `op` is eq, ne, gt, ge, lt or le, with the path on the left (a literal written on the left is moved
/// to the right and the operator turned round: `'a' le x` is `x ge 'a'`).
struct json_condition {
    std::vector<std::string> path;
    binary_op op = binary_op::eq;
    json_literal literal;
    friend bool operator==(const json_condition&, const json_condition&) = default;
};

/// An instant read from a stored string by the ISO 8601 rule of the table above.
struct json_instant {
    std::int64_t micros = 0; ///< microseconds since 1970-01-01T00:00:00Z (floor)
    std::int32_t picos = 0;  ///< picoseconds beyond micros (0-999999)
    friend bool operator==(const json_instant&, const json_instant&) = default;
};

/// Reads a stored string as the date and date-time literals see it (the ISO 8601 forms of the table
/// above); nullopt when the text is not one of them.
APIQUERY_DECL std::optional<json_instant> parse_json_instant(std::string_view text) noexcept;

/// The stored value at `path` below `object`, or nullptr when it is missing (a missing key, or a value
/// on the way that is not an object). JSON null is returned as a value (is_null()).
APIQUERY_DECL const boost::json::value* find_json_path(const boost::json::object& object,
                                                       const std::vector<std::string>& path) noexcept;

/// One comparison under the semantics of the table: `stored` (nullptr: missing) `op` `literal`.
APIQUERY_DECL bool json_compare(const boost::json::value* stored, binary_op op,
                                const json_literal& literal) noexcept;

namespace detail {
struct json_filter_node {
    enum class type : std::uint8_t { condition, and_, or_, not_ } kind = type::condition;
    std::uint32_t condition = 0;           ///< condition: index into conditions()
    std::vector<std::uint32_t> children{}; ///< and_, or_: node indices; not_: one
};
} // namespace detail

} // namespace eval

class json_filter;

/// Compiles a checked filter (free-field paths compared with literals, `and`/`or`/`not`) for JSON
/// objects; the error names the refused construct and its span. Never throws (except std::bad_alloc).
APIQUERY_DECL result<json_filter, filter_compile_error> compile_json_filter(const checked_filter& checked);

/// A filter compiled for JSON objects (see the semantics above). Copyable, immutable.
class json_filter {
public:
    /// True when the object satisfies the filter.
    APIQUERY_DECL bool matches(const boost::json::object& object) const noexcept;

    /// The comparisons, in the order they are written.
    const std::vector<eval::json_condition>& conditions() const noexcept { return conditions_; }
    /// True when the filter is a conjunction of its conditions (no `or`, no `not`).
    bool is_conjunction() const noexcept { return conjunction_; }

private:
    friend result<json_filter, filter_compile_error> compile_json_filter(const checked_filter& checked);
    [[nodiscard]] APIQUERY_DECL bool eval_node(std::uint32_t node,
                                               const boost::json::object& object) const noexcept;

    std::vector<eval::json_condition> conditions_;
    std::vector<eval::detail::json_filter_node> nodes_; // root last
    bool conjunction_ = true;
};

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/eval/impl/json_filter.ipp>
#endif
