// apiquery: List Files on a SQL database: the table schema for SQLite and PostgreSQL, its columns (sort
// keys, scope, the metadata document) and the listing order, for the SQL listing of the endpoint
// (sql/listing_plan.hpp with listing_plan::filter_document = files_meta_column()).
//
//     db.exec(apiquery::sql::files_schema_sql(apiquery::sql::dialect::sqlite));
//     auto where = apiquery::sql::translate_json_filter(checked, apiquery::sql::files_meta_column(), d);
//
// The metadata filter semantics (null and missing keys, kinds, numbers, code-point strings, ISO 8601
// dates) are those of sql/json_filter.hpp. Documentation: docs/sql.md ("The files table").
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/sql.hpp>

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

} // namespace apiquery::sql

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/table.ipp>
#endif
