// apiquery: the SQL statements of one page of a list endpoint, generic: the page rules of
// listing/page.hpp pushed down to SQLite or PostgreSQL over one table. An endpoint supplies its table,
// the columns a row is read with, the scope condition, the checked filter with its column map, the
// listing order and the cursor's key column; the plan writes the statements:
//
// 1. cursor_statement(): the cursor row's order-key values, looked up by its key within the scope (it
//    need not match the filter); no row means the cursor names no record (the endpoint's 422);
// 2. count_statement(): `SELECT COUNT(*)` with the scope and the filter (`total`);
// 3. page_statement(cursor values): scope, filter, the keyset condition after (or before) the cursor,
//    ORDER BY in the listing order (reversed before a cursor, so that the nearest rows come first),
//    `LIMIT L+1` (the extra row says `has_more`) and `OFFSET (page_number-1)*L` (saturated);
// 4. the endpoint decodes the rows; page_rows() cuts the extra row and restores the order before a cursor.
//
// Every value is bound; identifiers come from the plan (quoted), never from a request.
// Documentation: docs/sql.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/cell.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/sql/sql_filter.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace apiquery::sql {

/// One page's query plan (see above).
struct listing_plan {
    dialect sql_dialect = dialect::sqlite;
    /// The table (an identifier, quoted).
    std::string table;
    /// The columns a row is read with, in the order the endpoint decodes them (each written with
    /// append_select_column).
    std::vector<column> row_columns;
    /// Writes the scope condition (trusted SQL with bound values), e.g. `"scope" = ?1`; empty: all rows.
    std::function<void(statement_builder&)> scope;
    /// The checked filter, if any, and the columns of its paths.
    std::optional<checked_filter> filter;
    const column_map* filter_columns = nullptr;
    /// Set: the filter's paths are free fields into this JSON document column (json_filter.hpp:
    /// append_json_filter), and filter_columns is not used.
    std::optional<json_column> filter_document;
    translate_options translate;
    /// The listing order; its last key is unique and NOT NULL (the tie-breaker and the cursor's key).
    std::vector<order_key> order;
    /// The cursor: which way the page travels from it, and its key's value (the last order key's).
    cursor_direction direction = cursor_direction::none;
    value cursor_key = nullptr;
    /// L (>= 0) and the offset of a page number (0 without one).
    std::int64_t limit = 0;
    std::int64_t offset = 0;
};

/// Appends a column as a select-list expression: its quoted name, except a timestamp in PostgreSQL,
/// read as integer microseconds since 1970 (`CAST(EXTRACT(EPOCH FROM "c") * 1000000 AS bigint)`) as
/// SQLite stores it, so both dialects give the same cells.
APIQUERY_DECL void append_select_column(statement_builder& b, const column& col);

/// Statement 1, for a plan with a cursor: `SELECT <order columns> FROM t WHERE <scope> AND <key> = ?`.
APIQUERY_DECL statement cursor_statement(const listing_plan& plan);
/// Statement 2: `SELECT COUNT(*) FROM t WHERE <scope> [AND <filter>]`.
APIQUERY_DECL statement count_statement(const listing_plan& plan);
/// Statement 3; `cursor_row` is statement 1's row (one cell per order key), required with a cursor.
APIQUERY_DECL statement page_statement(const listing_plan& plan, std::span<const cell> cursor_row = {});

/// Step 4: the page from the page query's decoded rows: at most L rows, in the listing order, and
/// whether more follow.
template <class Row>
bool page_rows(const listing_plan& plan, std::vector<Row>& rows) {
    const bool more = static_cast<std::uint64_t>(rows.size()) > static_cast<std::uint64_t>(plan.limit);
    if (more)
        rows.resize(static_cast<std::size_t>(plan.limit));
    if (plan.direction == cursor_direction::before)
        std::reverse(rows.begin(), rows.end());
    return more;
}

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/sql/impl/listing_plan.ipp>
#endif
