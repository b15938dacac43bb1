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
// THE SEMANTICS are those of sql/json_filter.hpp (the table is written there once; `docs/files.md`
// repeats it): the in-memory evaluation and the SQL translation give the same answers. In short: a
// missing key or JSON null is NULL (`eq null` only); a comparison is true only when the stored value has
// the literal's JSON kind; numbers, stored or literal, integer or not, are read as their nearest IEEE 754
// double and the doubles compare (integers beyond 2^53 compare as their doubles, as in JavaScript and
// most JSON stores; a NaN literal matches nothing, `ne` everything; INF orders beyond every number);
// strings by code point; a date or date-time literal matches a stored string of the one ISO 8601 syntax
// of value/json_instant.hpp (parse_json_instant, the same function the SQL side mirrors) by instant.
// - A path alone where a condition is expected (`archived and ...`) means `path eq true`.
// - Refused when compiling (an error with the node's span): two paths compared with each other, two
//   literals, a literal of another kind (GUID, duration, time of day, enum...), an ordering comparison
//   with `null` or a boolean, and any construct other than comparisons, `and`, `or`, `not` and paths
//   (functions, `in`, `has`, lambdas, arithmetic, aliases).
//
// Thread safety: a json_filter is immutable after compilation; matches() may be called concurrently.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/json_instant.hpp>
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
    number,  ///< an int, decimal or double literal, read as its nearest double
    string,  ///< a quoted string
    instant, ///< a date (midnight UTC) or a date-time literal
};

/// "null", "boolean", "number", "string", "instant".
constexpr std::string_view to_string(json_literal_kind k) noexcept {
    constexpr std::string_view names[] = {"null", "boolean", "number", "string", "instant"};
    return names[static_cast<std::size_t>(k)];
}

/// A literal of a JSON filter, ready for comparison.
struct json_literal {
    json_literal_kind kind = json_literal_kind::null;
    bool boolean = false;
    double number = 0;
    std::string text;          ///< string
    json_instant instant = {}; ///< instant
    bool from_date = false;    ///< instant: written as a date
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
