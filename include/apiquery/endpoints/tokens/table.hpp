// apiquery: Get Workspace Tokens on a SQL database: the table schema for SQLite and PostgreSQL, the
// column map of the `tokens` profile, loading token records, and the listing (scope, filter, sort,
// keyset or page, total, has_more) pushed down to SQL with results identical to list_tokens()
// (listing.hpp, the reference).
//
//     apiquery::sql::executor run = ...; // runs a statement on your connection, calls back per row
//     auto page = apiquery::sql::list_tokens_sql(request, apiquery::sql::dialect::sqlite, run);
//     // page: paginated_result<token>, or the 422 body list_tokens() would give
//
// The library builds SQL text and bound values only; it never links a database client. The executor is
// the program's: apiquery's CLI and tests run it on libsqlite3 and libpq.
//
// Documentation: docs/sql.md (schema, decisions, query shapes, plans).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/record.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/sql/listing_plan.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace apiquery::sql {

/// The table, one row per token:
///
/// | column | SQLite | PostgreSQL | holds |
/// |---|---|---|---|
/// | api_token_id | TEXT PRIMARY KEY | uuid PRIMARY KEY | lower-case hyphenated in SQLite |
/// | name, masked_token, role, organization_role | TEXT NOT NULL | text COLLATE "C" NOT NULL | |
/// | user_given_name, user_family_name | TEXT NOT NULL | text COLLATE "C" NOT NULL | `user/given_name`, `user/family_name` |
/// | personal, expires, all_workspaces | INTEGER NOT NULL (0/1) | boolean NOT NULL | |
/// | expires_at | INTEGER (NULL: never expires) | timestamptz | microseconds since 1970 in SQLite |
/// | created_at | INTEGER NOT NULL | timestamptz NOT NULL | microseconds since 1970 in SQLite |
/// | workspaces | TEXT NOT NULL | text NOT NULL | JSON array of the workspace names, in order |
/// | scope_workspace | TEXT (NULL) | text COLLATE "C" | the workspace the token is listed in: its only workspace when `workspaces` has exactly one entry and `all_workspaces` is false, else NULL (written by the loader) |
///
/// Indexes: `(scope_workspace, <field>, api_token_id)` for each sort field (created_at, name, role,
/// expires_at), so a listing page in any order is an index range; see docs/sql.md for the plans. In
/// SQLite the created_at index (the default order) also carries every other column after those three,
/// so a default-order page, filtered or not, reads the index alone (SQLite has no INCLUDE).
struct tokens_table {
    /// The table's name (an identifier, quoted). Index names are derived from it.
    std::string name = "tokens";
};

/// `CREATE TABLE` and `CREATE INDEX` statements (no values; several statements separated by `;`).
APIQUERY_DECL std::string tokens_schema_sql(dialect d, const tokens_table& table = {});

/// The columns of the `tokens` profile's fields (profiles::tokens), for translate_filter.
APIQUERY_DECL const column_map& tokens_columns();

/// The scope column of a record: its only workspace, or nullopt (the record is listed nowhere).
APIQUERY_DECL std::optional<std::string> scope_workspace(const token_record& r);

/// `INSERT INTO <table> (...) VALUES (...)` for one record, every value bound.
APIQUERY_DECL statement insert_token_statement(dialect d, const token_record& r,
                                               const tokens_table& table = {});

/// The select list the listing reads a token with (every column, timestamps as integer microseconds
/// in both dialects), in the order decode_token_row expects.
APIQUERY_DECL std::string tokens_select_list(dialect d);

/// A token record from a row of tokens_select_list (cells as a driver gives them: PostgreSQL's text
/// format is accepted for integers, booleans and UUIDs). The error says which column is wrong.
APIQUERY_DECL result<token_record, std::string> decode_token_row(std::span<const cell> row);

/// Options of the SQL listing.
struct tokens_sql_options {
    tokens_table table;
    /// The profile the filter is checked against before translation (the endpoint's: tokens).
    /// Must not be null and must outlive the call. (With profiles::full, a construct SQL cannot express
    /// is a 422 naming it.)
    const profile_view* profile = &profiles::tokens;
    translate_options translate;
};

/// The statements of one listing, built step by step (list_tokens_sql runs them in this order):
/// 1. cursor_statement(): for `after`/`before`, the cursor row's sort value and id in the workspace
///    scope (it need not match the filter); no row is the 422 list_tokens() gives;
/// 2. count_statement(): `SELECT COUNT(*)` with the scope and the filter (`total`);
/// 3. page_statement(cursor row): scope, filter, keyset condition on (field, api_token_id) for a
///    cursor, ORDER BY field and api_token_id in the requested direction (reversed for `before`, so the
///    nearest rows come first), `LIMIT L+1` (`has_more`) and `OFFSET (page_number-1)*L` (saturated);
/// 4. assemble(): decodes the rows, drops the extra one, restores the requested order for `before`.
class tokens_listing {
public:
    /// Checks and translates the request's filter. Errors: the 422 list_tokens() gives for a filter that
    /// does not parse or pass the profile, and a 422 on `["query","filter"]` for a filter the SQL
    /// translation cannot express (with the translation's message).
    APIQUERY_DECL static result<tokens_listing, http_validation_error>
    make(const tokens_request& request, dialect d, const tokens_sql_options& options = {});

    /// The cursor lookup (for `after`/`before`), or nullopt.
    APIQUERY_DECL std::optional<statement> cursor_statement() const;
    /// The 422 body for a cursor the lookup did not find (list_tokens()'s, byte for byte).
    APIQUERY_DECL http_validation_error cursor_not_found() const;
    /// `SELECT COUNT(*)` over the scope and the filter.
    APIQUERY_DECL statement count_statement() const;
    /// The page query; `cursor_row` is the cursor lookup's row (sort value, api_token_id), required
    /// when the request has a cursor.
    APIQUERY_DECL statement page_statement(std::span<const cell> cursor_row = {}) const;
    /// The page from the page query's decoded rows and the count.
    APIQUERY_DECL paginated_result<token> assemble(std::vector<token_record> rows, std::int64_t total) const;

    /// L, the page size (limit clamped to [0, 2^63 - 2]).
    std::int64_t page_size() const noexcept { return plan_.limit; }
    dialect sql_dialect() const noexcept { return plan_.sql_dialect; }
    /// The generic plan the statements come from (sql/listing_plan.hpp).
    const listing_plan& plan() const noexcept { return plan_; }

private:
    tokens_request request_;
    listing_plan plan_;
};

/// Why list_tokens_sql gave no page.
struct listing_sql_error {
    /// 422: the request is refused (`body` is list_tokens()'s 422 body); 500: a row of the table is not
    /// what the schema says (`message` says which column).
    int status = 422;
    http_validation_error body;
    std::string message;
};

/// The whole listing on a database: the statements of tokens_listing run through `run`. Returns what
/// list_tokens() returns for the same request and records (the page, or the 422 body). Exceptions
/// thrown by `run` (database errors) propagate; nothing else throws.
APIQUERY_DECL result<paginated_result<token>, listing_sql_error>
list_tokens_sql(const tokens_request& request, dialect d, const executor& run,
                const tokens_sql_options& options = {});

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/table.ipp>
#endif
