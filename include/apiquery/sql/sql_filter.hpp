// apiquery: translate a checked `$filter` (profile_check.hpp) into a SQL condition with bind parameters.
//
//     auto checked = apiquery::check_filter(apiquery::parse_filter(text).value(), profile).value();
//     auto where = apiquery::sql::translate_filter(checked, columns, apiquery::sql::dialect::sqlite);
//     // where->text: "(\"name\" COLLATE BINARY = ?1 AND \"created_at\" >= ?2)", where->params: the values
//
// The condition gives exactly the listing engine's answers (filter_eval.hpp), not SQL's:
// - Two-valued logic. Every translated comparison is TRUE or FALSE, never NULL: a comparison with a
//   NULL column is guarded (`col >= ?1 AND col IS NOT NULL`), `eq null` becomes `IS NULL`, `ne` is the
//   negation of `eq` (`col <> ?1 OR col IS NULL`), so `not`, `and` and `or` mean what they mean in the
//   engine (`not (expires_at ge X)` is TRUE for a NULL expires_at, as in the engine).
// - Strings compare by code point: text columns are compared `COLLATE BINARY` (SQLite) /
//   `COLLATE "C"` (PostgreSQL) whatever their declared collation.
// - contains / startswith / endswith are case-sensitive and exact: PostgreSQL `LIKE` with `%`, `_` and
//   the escape character `!` escaped in the bound pattern and an explicit `ESCAPE '!'`; SQLite, whose
//   LIKE folds ASCII case unless the connection set the deprecated `PRAGMA case_sensitive_like` and stops
//   at a NUL byte, gets byte-exact `instr()` / `substr()` forms instead (or LIKE ... ESCAPE '!' with
//   translate_options::sqlite_case_sensitive_like, for connections that set that pragma).
// - Literals are bound, never written into the text (only the placeholders `?N` / `$N::type` are).
//   A literal that cannot match any stored value is decided in the translation without binding it:
//   a date-time with digits below the microsecond (columns hold microseconds), and, in PostgreSQL, a
//   string containing NUL (PostgreSQL text cannot hold NUL): `eq` is FALSE, `ne` TRUE, and `ge`/`gt`/
//   `le`/`lt` compare with the nearest representable value, which gives the same rows.
//
// Supported: comparisons (eq ne gt ge lt le) between fields and literals (or two fields, or two literals
// of the same type), `and`, `or`, `not`, `in` with a literal list, boolean fields and literals as
// conditions, contains / startswith / endswith on strings, and literals of type null, boolean, int,
// double (not NaN), string, date-time (and dates and strings converted to date-times by the profile),
// guid and enum. Everything else (arithmetic, `has`, other functions, lambdas, parameter aliases,
// decimals, dates, times of day, durations, `in` over a collection, `$root/...`, `$it` and `$this`, which
// are not columns even where a profile binds them as free fields) is an error naming the construct and
// its byte span: nothing is dropped.
//
// Documentation: docs/sql.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/value/result.hpp>

#include <string>
#include <variant>

namespace apiquery::sql {

/// Why a filter cannot be translated.
struct translate_error {
    /// The construct, e.g. `function 'tolower'`, `operator 'add'`, `lambda 'any'`,
    /// `parameter alias '@p'`, `field 'nmae'`, `literal of type duration`.
    std::string construct;
    /// Its byte span in the filter text.
    source_span span;
    /// For people: `cannot translate function 'tolower' (bytes 0-14) to SQL: <why>`.
    std::string message;

    friend bool operator==(const translate_error&, const translate_error&) = default;
};

/// Options of the translation.
struct translate_options {
    /// SQLite only: write contains/startswith/endswith as `LIKE ? ESCAPE '!'`, for connections that ran
    /// `PRAGMA case_sensitive_like = ON` (LIKE is then case-sensitive, and SQLite can use an index for
    /// a startswith on a BINARY column). Stored values must not contain NUL bytes (SQLite's LIKE stops
    /// at the first one). Off: the exact instr()/substr() forms, which need no pragma.
    bool sqlite_case_sensitive_like = false;
};

/// Appends the condition of `filter` to `b`. Paths are looked up in `columns` by their profile field
/// path (bound fields) or their path (free fields); a path without a column, or a column whose type
/// cannot hold the values it is compared with, is an error. On error the builder holds a partial
/// text and must be discarded.
APIQUERY_DECL result<std::monostate, translate_error> append_filter(statement_builder& b,
                                                                    const checked_filter& filter,
                                                                    const column_map& columns,
                                                                    const translate_options& options = {});

/// The condition of `filter` alone, as a statement whose placeholders start at 1.
///
/// @par Example
/// For a profile with a string field `name` and a datetimeoffset field `created_at`, mapped to columns of
/// the same names (column_type::text and column_type::timestamp), `name eq 'ci' and created_at ge
/// '2025-01-01'` gives, for SQLite, `("name" COLLATE BINARY = ?1 AND "created_at" >= ?2)` with params
/// `["ci", 1735689600000000]`, and for PostgreSQL `("name" COLLATE "C" = $1::text AND "created_at" >=
/// $2::timestamptz)` with `["ci", "2025-01-01T00:00:00.000000+00"]`.
APIQUERY_DECL result<statement, translate_error> translate_filter(const checked_filter& filter,
                                                                  const column_map& columns, dialect d,
                                                                  const translate_options& options = {});

/// The column type that holds values of a profile type, if any: string and enum_ -> text, int_ ->
/// integer, double_ -> real, boolean -> boolean, datetimeoffset -> timestamp, guid -> uuid.
constexpr bool column_type_for(value_type t, column_type& out) noexcept {
    switch (t) {
    case value_type::string:
    case value_type::enum_:
        out = column_type::text;
        return true;
    case value_type::int_:
        out = column_type::integer;
        return true;
    case value_type::double_:
        out = column_type::real;
        return true;
    case value_type::boolean:
        out = column_type::boolean;
        return true;
    case value_type::datetimeoffset:
        out = column_type::timestamp;
        return true;
    case value_type::guid:
        out = column_type::uuid;
        return true;
    default:
        return false;
    }
}

/// Adds, for every free field of `filter` (binding_kind::free: a path the profile does not list) that
/// `columns` has no column for, a nullable column named by the path, of the column type that holds
/// the type the filter gives the field (column_type_for); a free field of no such type gets none, and
/// translate_filter then reports it. For tables whose free fields are real columns of those names.
inline void add_free_field_columns(column_map& columns, const checked_filter& filter) {
    for (node_id id : filter.ast().ids()) {
        const auto& b = filter.binding(id);
        column_type t{};
        if (b.kind == binding_kind::free && columns.find(b.path) == nullptr &&
            column_type_for(filter.type(id).type, t))
            columns.add(std::string(b.path), column{std::string(b.path), t, true});
    }
}

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/sql/impl/sql_filter.ipp>
#endif
