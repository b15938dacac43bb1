// apiquery: push a listing down to SQL. SQL text with bind parameters only (no value ever appears in the
// text), for two dialects: SQLite and PostgreSQL.
//
// This header is the dialect machinery, free of any database header: statements and bound values,
// identifier quoting, a column map from profile field paths to columns, and the pieces of a listing
// query (ORDER BY with a unique tie-breaker, keyset conditions for cursors, LIMIT/OFFSET for pages).
// The translation of a checked filter is in sql_filter.hpp; an endpoint's schema and its
// request-to-queries plan in its folder (endpoints/NAME/table.hpp). Executing statements is the caller's business (the CLI and
// the tests use libsqlite3 and libpq).
//
// Documentation: docs/sql.md.
#pragma once

#include <apiquery/config.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace apiquery::sql {

/// The SQL dialects apiquery writes.
enum class dialect : std::uint8_t {
    sqlite,     ///< SQLite 3.30 or newer: placeholders `?1`, `?2`, ...
    postgresql, ///< PostgreSQL 12 or newer: placeholders `$1`, `$2`, ... with explicit casts
};

/// "sqlite" / "postgresql".
constexpr std::string_view to_string(dialect d) noexcept {
    return d == dialect::sqlite ? "sqlite" : "postgresql";
}

/// A value bound to a placeholder. Which alternative a translation produces depends on the column type
/// and the dialect (see column_type): SQLite gets integers for booleans and timestamps; PostgreSQL gets
/// text for timestamps, UUIDs and decimals, converted by the cast written after the placeholder.
using value = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string>;

/// One value of a result row as a database driver hands it over: NULL, an integer, a double, or text
/// (PostgreSQL's text result format gives every non-NULL value as text). Used by the row decoders.
using cell = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;

/// A statement: SQL text whose placeholders `?N` (SQLite) or `$N` (PostgreSQL) refer to `params[N-1]`.
/// A placeholder number may occur more than once.
struct statement {
    std::string text;
    std::vector<value> params;

    friend bool operator==(const statement&, const statement&) = default;
};

/// Receives one result row.
using row_callback = std::function<void(std::span<const cell>)>;
/// Runs one statement on the program's connection and calls the callback for every row of its result,
/// in order (the library never links a database client: the program supplies this). Database errors
/// are the executor's business: it may throw, and the caller of the function it was given to catches.
using executor = std::function<void(const statement&, const row_callback&)>;

/// The JSON form printed by `apiquery filter --format sql-sqlite|sql-postgres`:
/// `{"sql":"<text>","params":[<value>,...]}` where each value is a JSON null, boolean, integer, number
/// (doubles as Python's repr; NaN and infinities as the strings "NaN", "Infinity", "-Infinity") or
/// string. Keys in this order, compact separators, strings as json_text.hpp writes them.
APIQUERY_DECL std::string json_text(const statement& s);

/// The bound value of an instant (microseconds since 1970-01-01T00:00:00Z) in a `timestamp` column:
/// SQLite: the integer itself; PostgreSQL: postgres_timestamp_text().
APIQUERY_DECL value timestamp_value(dialect d, std::int64_t unix_micros);

/// PostgreSQL's input text of an instant for `::timestamptz`, exact to the microsecond and independent
/// of the session's DateStyle and TimeZone: `2025-01-01T00:00:00.000000+00`, years 0 and below in
/// PostgreSQL's BC form (`0001-12-31T00:00:00.000000+00 BC` is year 0), years beyond 9999 with more
/// digits. Instants before PostgreSQL's first (4714-11-24 BC) are `-infinity`, which orders before every
/// stored value just as the instant would (PostgreSQL's last instant, in year 294276, lies beyond what
/// 64-bit microseconds since 1970 can express).
APIQUERY_DECL std::string postgres_timestamp_text(std::int64_t unix_micros);

/// How a column stores the values of a profile field; decides how literals are bound, how the column is
/// compared and what an endpoint's schema declares.
///
/// | type | SQLite storage | bound as (SQLite) | PostgreSQL column | bound as (PostgreSQL) |
/// |---|---|---|---|---|
/// | text | TEXT, compared `COLLATE BINARY` | string | text, compared `COLLATE "C"` | string, `$N::text` |
/// | integer | INTEGER | int64 | bigint | int64, `$N::bigint` |
/// | real | REAL | double | double precision | double, `$N::float8` |
/// | boolean | INTEGER 0/1 | int64 0/1 | boolean | bool, `$N::boolean` |
/// | timestamp | INTEGER microseconds since 1970-01-01T00:00:00Z | int64 | timestamptz | canonical UTC text, `$N::timestamptz` |
/// | uuid | TEXT, lower-case hyphenated | string | uuid | string, `$N::uuid` |
///
/// Binary collation and `COLLATE "C"` compare UTF-8 strings byte by byte, which is code point order,
/// the engine's string order. Integer microseconds order exactly as the instants do; lower-case
/// hyphenated UUID text orders as the 16 bytes do, as does PostgreSQL's uuid type.
enum class column_type : std::uint8_t { text, integer, real, boolean, timestamp, uuid };

/// "text", "integer", "real", "boolean", "timestamp", "uuid".
constexpr std::string_view to_string(column_type t) noexcept {
    constexpr std::string_view names[] = {"text", "integer", "real", "boolean", "timestamp", "uuid"};
    return names[static_cast<std::size_t>(t)];
}

/// A column: its name (an identifier, quoted by apiquery, never SQL text), what it stores, and whether
/// it can hold NULL (a NOT NULL column needs no null guards).
struct column {
    std::string name;
    column_type type = column_type::text;
    bool nullable = true;

    friend bool operator==(const column&, const column&) = default;
};

/// Maps profile field paths (`name`, `user/given_name`) to columns. Identifiers in generated SQL come
/// from here and from table names only, always quoted: a path that is not in the map cannot reach SQL.
class column_map {
public:
    column_map() = default;
    column_map(std::initializer_list<std::pair<std::string, column>> entries) {
        for (const auto& [path, col] : entries)
            add(path, col);
    }

    /// Adds or replaces the column of a field path (segments joined with '/').
    column_map& add(std::string path, column col) {
        for (auto& e : entries_) {
            if (e.first == path) {
                e.second = std::move(col);
                return *this;
            }
        }
        entries_.emplace_back(std::move(path), std::move(col));
        return *this;
    }

    /// The column of a field path, or nullptr.
    const column* find(std::string_view path) const noexcept {
        for (const auto& e : entries_)
            if (e.first == path)
                return &e.second;
        return nullptr;
    }

    std::span<const std::pair<std::string, column>> entries() const noexcept { return entries_; }

private:
    std::vector<std::pair<std::string, column>> entries_;
};

/// Why an identifier cannot be quoted.
struct identifier_error {
    std::string message;
};

/// Appends `name` as a quoted identifier: `"` + name with every `"` doubled + `"` (both dialects).
/// Returns false, appending nothing, when the name is empty or contains a NUL byte (neither database
/// accepts those).
APIQUERY_DECL bool append_identifier(std::string& out, std::string_view name);

/// Builds a statement: trusted SQL text (keywords and punctuation written by apiquery or by the
/// program, never by its users), quoted identifiers and bound values.
class statement_builder {
public:
    explicit statement_builder(sql::dialect d) noexcept : dialect_(d) {}

    sql::dialect dialect() const noexcept { return dialect_; }

    /// Appends SQL text as is. Never pass text that came from a request.
    statement_builder& sql(std::string_view text) {
        s_.text.append(text);
        return *this;
    }
    /// Appends a quoted identifier. A name that cannot be quoted (empty, NUL) marks the builder failed.
    statement_builder& identifier(std::string_view name) {
        if (!append_identifier(s_.text, name)) {
            s_.text.append("\"?\"");
            if (!failed_)
                error_ = "invalid identifier (empty or containing NUL)";
            failed_ = true;
        }
        return *this;
    }
    /// Binds a new value and appends its placeholder, with the PostgreSQL cast for `type` (nothing for
    /// SQLite). Returns the placeholder's number (1-based), for param_ref().
    std::size_t param(value v, column_type type) {
        const std::size_t n = bind(std::move(v));
        param_ref(n, type);
        return n;
    }
    /// Binds a new value without writing its placeholder; returns its number for param_ref().
    std::size_t bind(value v) {
        s_.params.push_back(std::move(v));
        return s_.params.size();
    }
    /// Appends the placeholder of an already bound value again.
    APIQUERY_DECL statement_builder& param_ref(std::size_t number, column_type type);

    /// The current length of the text, for cut().
    std::size_t mark() const noexcept { return s_.text.size(); }
    /// Removes and returns the text written since `mark` (its bound values stay bound), so that a
    /// fragment can be written once and placed, possibly several times, later.
    std::string cut(std::size_t mark) {
        std::string out = s_.text.substr(mark);
        s_.text.resize(mark);
        return out;
    }

    /// Number of values bound so far.
    std::size_t param_count() const noexcept { return s_.params.size(); }
    /// The text written so far.
    std::string_view text() const noexcept { return s_.text; }
    /// True when an identifier could not be quoted (the statement must not be used).
    bool failed() const noexcept { return failed_; }
    const std::string& error() const noexcept { return error_; }

    /// The statement; the builder is left empty.
    statement finish() { return std::exchange(s_, statement{}); }

private:
    sql::dialect dialect_;
    statement s_;
    bool failed_ = false;
    std::string error_;
};

/// Appends `col` as an operand of a comparison or ORDER BY: the quoted name, with the collation that
/// makes text compare by code point (`COLLATE BINARY` in SQLite, `COLLATE "C"` in PostgreSQL).
APIQUERY_DECL void append_column(statement_builder& b, const column& col);

/// One key of a listing's order. The last key of an order must be unique and NOT NULL (the tie-breaker,
/// e.g. the primary key), so the order is total and a cursor names one position.
struct order_key {
    column col;
    bool descending = false;
    /// Where NULLs of this key come in the output order: first or last. Ignored for NOT NULL columns.
    bool nulls_first = false;

    friend bool operator==(const order_key&, const order_key&) = default;
};

/// Appends `ORDER BY k1 [DESC] [NULLS FIRST|LAST], k2 ...`, or, with `reverse`, the exact reverse order
/// (every direction and null placement flipped: used to fetch the rows before a cursor nearest first).
/// NULLS FIRST/LAST is written only for nullable columns and only where it differs from the dialect's
/// default, so an index on the NOT NULL columns can deliver the order.
APIQUERY_DECL void append_order_by(statement_builder& b, std::span<const order_key> keys,
                                   bool reverse = false);

/// Appends a condition true exactly for the rows strictly after the position `cursor` (one value per
/// key, as bound values; nullptr for NULL) in the order `keys`, or, with `reverse`, strictly before it.
/// NULL cursor values and nullable keys are handled with explicit IS NULL / IS NOT NULL terms chosen
/// from the cursor values, so the condition is two-valued where it matters and index-friendly: when
/// every key has the same direction and no null term is needed it is a row-value comparison
/// `(k1, k2) > (c1, c2)`, which SQLite and PostgreSQL both turn into an index range; otherwise
/// `k1 >= c1 AND (k1 > c1 OR <rest>)`.
/// Precondition: cursor.size() == keys.size() and the last key is NOT NULL.
APIQUERY_DECL void append_keyset_condition(statement_builder& b, std::span<const order_key> keys,
                                           std::span<const value> cursor, bool reverse = false);

/// Appends ` LIMIT <n> OFFSET <m>` with both bound (int64). `offset` 0 is still bound, so the text does not
/// depend on the page.
APIQUERY_DECL void append_limit_offset(statement_builder& b, std::int64_t limit, std::int64_t offset);

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/sql/impl/sql.ipp>
#endif
