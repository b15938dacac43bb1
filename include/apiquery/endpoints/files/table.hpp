// apiquery: List Files on a SQL database: the table schema for SQLite and PostgreSQL, its columns (sort
// keys, scope, the metadata document) and the listing order, for the SQL listing of the endpoint
// (sql/listing_plan.hpp with listing_plan::filter_document = files_meta_column()).
//
//     db.exec(apiquery::sql::files_schema_sql(apiquery::sql::dialect::sqlite));
//     db.run(apiquery::sql::insert_file_statement(apiquery::sql::dialect::sqlite, record));
//     auto page = apiquery::sql::list_files_sql(request, apiquery::sql::dialect::sqlite, run);
//     // the same page as apiquery::list_files(request, records), or the same 422 body
//
// The metadata filter semantics (null and missing keys, kinds, numbers, code-point strings, ISO 8601
// dates) are those of sql/json_filter.hpp. Documentation: docs/sql.md ("The files table").
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/value/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace apiquery::sql {

/// The table, one row per file:
///
/// | column | SQLite | PostgreSQL | holds |
/// |---|---|---|---|
/// | file_id | TEXT PRIMARY KEY | uuid PRIMARY KEY | lower-case hyphenated in SQLite (orders as the 16 bytes) |
/// | workspace | TEXT NOT NULL | text COLLATE "C" NOT NULL | the owning workspace's name (the listing's scope) |
/// | name | TEXT NOT NULL | text COLLATE "C" NOT NULL | compared by code point (sort key `name`) |
/// | size, characters | INTEGER NOT NULL | bigint NOT NULL | |
/// | meta | TEXT NOT NULL, a JSON object (CHECK) | jsonb NOT NULL, an object (CHECK) | the free metadata; data contract in json_filter.hpp |
/// | created_at | INTEGER NOT NULL | timestamptz NOT NULL | the instant, microseconds since 1970 in SQLite (sort key `created_at`: exact keyset order) |
/// | created_at_offset | INTEGER NOT NULL | integer NOT NULL | the written UTC offset in minutes (the response keeps it; timestamptz does not) |
/// | languages | TEXT (NULL) | jsonb (NULL) | JSON array of strings, or NULL |
/// | content | TEXT NOT NULL | text NOT NULL | the file's text (`content` substring filter; not returned) |
/// | meta_text | TEXT (NULL) | text (NULL) | the metadata as written (keys in stored order, numbers as spelt); the response is written from it (PostgreSQL's jsonb keeps neither); NULL: from `meta` |
///
/// created_at_offset is 1440 for a naive created_at (written without an offset; the instant column then
/// holds the wall-clock time read as UTC, as the in-memory timestamp does).
///
/// Indexes: `(workspace, created_at, file_id)` and `(workspace, name, file_id)`, so a page in either
/// order and direction is an index range; PostgreSQL also has a GIN index on `meta` with the
/// jsonb_path_ops operator class (it serves `@>`, the only jsonb operator the filter translation uses
/// for the index, and is smaller and faster for it than the default jsonb_ops).
struct files_table {
    /// The table's name (an identifier, quoted). Index names are derived from it:
    /// `<name>_workspace_created_at`, `<name>_workspace_name`, `<name>_meta` (PostgreSQL).
    std::string name = "files";
};

/// `CREATE TABLE` and `CREATE INDEX` statements (no values; several statements separated by `;`).
/// Thread safety: a pure function (as every function of this header).
APIQUERY_DECL std::string files_schema_sql(dialect d, const files_table& table = {});

/// The columns in table order (also the order of files_select_list), with their types.
APIQUERY_DECL const std::vector<column>& files_table_columns();

/// The column `name` of files_table_columns() (an unknown name is a logic error: std::out_of_range).
APIQUERY_DECL const column& files_column(std::string_view name);

/// The metadata document column, for translate_json_filter / listing_plan::filter_document.
APIQUERY_DECL json_column files_meta_column();

/// The listing order for a sort field (`created_at` or `name`) and direction: (field, file_id), both in
/// the requested direction (every key NOT NULL).
APIQUERY_DECL std::vector<order_key> files_listing_order(std::string_view field, bool descending);

/// `SELECT`-list of a row, every column (created_at as integer microseconds in both dialects; see
/// append_select_column), in files_table_columns() order.
APIQUERY_DECL std::string files_select_list(dialect d);

/// The value of created_at_offset for a naive created_at.
inline constexpr std::int64_t files_naive_offset = 1440;

/// `INSERT INTO <table> (...) VALUES (...)` for one record, every value bound (meta and languages as
/// JSON text; PostgreSQL casts them to jsonb). The record must keep the data contract of
/// json_filter.hpp (PostgreSQL cannot store a NUL in a key or a string; the statement then fails).
APIQUERY_DECL statement insert_file_statement(dialect d, const file_record& r, const files_table& table = {});

/// The columns the listing reads a file with, in the order decode_file_row expects: file_id,
/// workspace, name, size, characters, created_at, created_at_offset, languages, meta_text, meta.
APIQUERY_DECL const std::vector<column>& files_row_columns();

/// A file record (without its content) from a row of files_row_columns() (cells as a driver gives them:
/// PostgreSQL's text format is accepted for integers and UUIDs). The error says which column is wrong.
APIQUERY_DECL result<file_record, std::string> decode_file_row(std::span<const cell> row);

/// Options of the SQL listing.
struct files_sql_options {
    files_table table;
};

/// Why list_files_sql gave no page.
struct files_sql_error {
    /// 422: the request is refused (`body` is list_files()'s 422 body); 500: a row of the table is not
    /// what the schema says (`message` says which column).
    int status = 422;
    http_validation_error body;
    std::string message;
};

/// List Files on a database: the rules of endpoints/files/listing.hpp as two statements run through
/// `run`: `SELECT COUNT(*)` (scope, conditions, filter: `total`) and the page (the same, plus the
/// keyset condition after (after_value, after_file_id) in the requested order, ORDER BY (field,
/// file_id), `LIMIT L+1` and the page number's OFFSET). Scope and conditions, all bound:
/// `workspace = ?`; `name` and `content` as substrings by code point (SQLite `instr(col, ?) > 0`,
/// PostgreSQL `strpos(col, $n) > 0`: not LIKE, which has wildcards and ignores case in SQLite);
/// `meta_key` as a member of `meta` (SQLite json_each, PostgreSQL `->`); `meta_value` with it as
/// `meta_key eq 'meta_value'` of json_filter.hpp; the filter translated by translate_json_filter.
/// Returns what list_files() returns for the same request and records (the page or the 422 body);
/// exceptions thrown by `run` (database errors) propagate. Thread safety: as `run`.
APIQUERY_DECL result<file_page, files_sql_error> list_files_sql(const files_request& request, dialect d,
                                                                const executor& run,
                                                                const files_sql_options& options = {});

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/table.ipp>
#endif
