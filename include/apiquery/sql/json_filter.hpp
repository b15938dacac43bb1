// apiquery: translate a checked `$filter` whose fields are paths into a JSON document column (free JSON
// metadata) into a SQL condition, for SQLite (JSON1: json_each) and PostgreSQL (jsonb).
//
//     auto checked = apiquery::check_filter(apiquery::parse_filter(text).value(), profile).value();
//     auto where = apiquery::sql::translate_json_filter(checked, {"meta"}, apiquery::sql::dialect::sqlite);
//     // where->text: the condition; where->params: every key of every path and every literal, bound
//
// A free field path `a/b` addresses the member `b` of the member `a` of the row's document (an object).
// Every key and every literal is a bound parameter: the SQL text depends only on the shape of the filter
// (operators, path lengths, literal kinds), never on a key or a value.
//
// Semantics (the same as an in-memory evaluation over the documents must give; docs/sql.md, "Filters
// over JSON documents"):
// - A path reaches a value when every key before the last names a member of an object (a member of an
//   array, a string or a number is never reached: `a/0` does not index an array). A missing member or
//   JSON null is null: `x eq null` is true for it, every other comparison false; `x ne null` is its
//   negation.
// - `eq` / `ne` / `ge` / `gt` / `le` / `lt` are true only when the stored value has the literal's kind;
//   another kind (an object, an array, a number against a string...) makes the comparison false (`ne`:
//   true, as the negation of `eq`), never an error:
//   - strings: by code point (UTF-8 bytes; SQLite BINARY, PostgreSQL COLLATE "C");
//   - numbers: a number (stored or literal, integer or not, `int`, `decimal` or `double` literal) is
//     read as its nearest IEEE 754 double and the doubles compare (`1 eq 1.0`; integers beyond 2^53 lose
//     precision, as in JavaScript and most JSON stores); INF and -INF order beyond every stored number;
//     a NaN literal matches nothing (`ne`: everything);
//   - booleans: `eq` / `ne` only; a path alone as a condition means `eq true`;
//   - a date (`2025-01-01`) or date-time (`2025-01-01T10:00:00+02:00`) literal: true when the stored
//     value is a string of the accepted ISO 8601 syntax below and its instant (a date at midnight UTC)
//     compares so with the literal's instant (exact to the picosecond).
// - Accepted date and date-time strings (ASCII, exactly):
//       YYYY-MM-DD
//       YYYY-MM-DDTHH:MM:SS[.F]{Z|+HH:MM|-HH:MM}?
//   four-digit year 0000-9999 (proleptic Gregorian), a real calendar day, HH 00-23, MM 00-59, SS 00-59
//   (no leap second), F one to nine digits, an upper-case `T` and `Z`; no offset means UTC; offset hours
//   00-23, minutes 00-59. Anything else (a space for `T`, `2025-1-1`, `2025-02-30`, week or ordinal
//   dates, a bare time) is not a date: the comparison is false.
// - Keys and string literals: a key containing a NUL byte or not valid UTF-8 names no member (documents
//   cannot hold it; see the data contract); a string literal containing NUL equals no stored string and
//   orders just above its part before the NUL; a string literal that is not valid UTF-8 equals nothing,
//   and ordering by it is refused (a parsed filter never holds one).
// - Data contract (the loader's business; rows that break it give unspecified, but never erroneous,
//   results): each row's document is a JSON object (SQLite: TEXT that is valid JSON; SQL NULL counts as
//   `{}`), without duplicate keys, without NUL in keys or strings (PostgreSQL's jsonb cannot hold it),
//   with numbers x where x = 0 or 1e-307 <= |x| <= 1e308 (every engine reads those as the same double, up
//   to the last digit of numbers with more than 15 significant digits, which SQLite's text-to-double
//   conversion may round differently). PostgreSQL compares numbers outside that range as false (a cast
//   to float8 would raise an error on them).
//
// PostgreSQL: members are reached with `->` and each key bound as `$n::text` (not `#>` with a text[]
// path, which reads a key such as `0` as an array index); `eq` / `ne` on a string or a boolean also write
// the containment `doc @> $n::jsonb` (the path and the value as one JSON object), so a GIN index on the
// column (jsonb_ops or jsonb_path_ops) serves `category eq 'news'`; the exact test stays beside it.
// SQLite: members are found with `json_each` and compared by their decoded key, so any key (quotes,
// dots, `$`, brackets, escapes in the stored text) is reached without building a JSON path text.
// Every condition written is TRUE or FALSE, never NULL, so `not`, `and` and `or` mean what they mean in
// memory.
//
// Documentation: docs/sql.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/json_instant.hpp>
#include <apiquery/value/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace apiquery::sql {

/// A column holding one JSON document (an object) per row: SQLite TEXT holding JSON, PostgreSQL jsonb.
struct json_column {
    /// The column's name (an identifier, quoted).
    std::string name;
    /// The table (or alias) qualifying the column, or empty. SQLite: needed when the column's name is
    /// one of json_each's column names (key, value, type, atom, id, parent, fullkey, path, json, root).
    std::string table = {};

    friend bool operator==(const json_column&, const json_column&) = default;
};

/// The instant of a date or date-time literal (value/json_instant.hpp).
using apiquery::json_instant;
/// The one parser of stored date and date-time strings (value/json_instant.hpp).
using apiquery::parse_json_instant;

/// What a stored JSON value is compared with: null, a boolean, a number (an integer or a double; both
/// are read as doubles), a string (UTF-8), or the instant of a date or date-time literal.
using json_literal = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, json_instant>;

/// The most keys a path may have on SQLite: each key is one json_each table of the condition's join, and
/// SQLite joins at most 64 tables. (PostgreSQL has no such limit.)
inline constexpr std::size_t sqlite_max_json_path_keys = 64;

/// Appends the condition `<member at path> <op> <literal>` with the semantics above. `path` is the list
/// of keys (at least one); `op` is one of eq, ne, gt, ge, lt, le. Ordering a boolean or null is FALSE
/// (profiles refuse it before). Returns false, appending nothing, only for an ordering comparison with a
/// string that is not valid UTF-8, or on SQLite for a path of more than sqlite_max_json_path_keys keys
/// (`error` says so).
APIQUERY_DECL bool append_json_comparison(statement_builder& b, const json_column& column,
                                          std::span<const std::string> path, binary_op op,
                                          const json_literal& literal, std::string* error = nullptr);

/// Appends the condition of `filter`: every path must be a free field (binding_kind::free, as in the
/// `files` profile), read as keys separated by `/` into `column`'s document. Supported: comparisons
/// (eq ne gt ge lt le) between a path and a literal (either side) or two literals, `and`, `or`, `not`,
/// and a path alone (`eq true`); literals of type null, boolean, int, decimal (as its nearest double),
/// double, string, date and date-time. Anything else (two paths compared, `in`, functions, arithmetic,
/// guid, duration and time-of-day literals, fields bound by the profile, `$it` / `$root` / `$this`) is
/// an error naming the construct and its byte span. On error the builder holds a partial text and must
/// be discarded.
APIQUERY_DECL result<std::monostate, translate_error>
append_json_filter(statement_builder& b, const checked_filter& filter, const json_column& column);

/// The condition of `filter` alone, as a statement whose placeholders start at 1.
///
/// @par Example
/// `category eq 'news'` over column `meta` gives, for SQLite,
/// `EXISTS (SELECT 1 FROM json_each("meta") AS j1 WHERE j1.key = ?1 AND j1.type = 'text' AND
/// j1.value = ?2)` with params `["category", "news"]`, and for PostgreSQL
/// `("meta" @> $1::jsonb AND EXISTS (SELECT 1 FROM (SELECT "meta" -> $2::text AS v) AS t WHERE
/// jsonb_typeof(t.v) = 'string' AND (t.v #>> '{}') COLLATE "C" = $3::text))` with params
/// `["{\"category\":\"news\"}", "category", "news"]`.
///
/// Thread safety: a pure function.
APIQUERY_DECL result<statement, translate_error> translate_json_filter(const checked_filter& filter,
                                                                       const json_column& column, dialect d);

/// The instants of date and date-time literals (value/json_instant.hpp).
using apiquery::json_instant_of;

/// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
APIQUERY_DECL bool is_valid_utf8(std::string_view s) noexcept;

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/sql/impl/json_filter.ipp>
#endif
