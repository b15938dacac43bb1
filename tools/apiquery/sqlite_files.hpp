// File records in a SQLite database, for `apiquery list --sqlite FILE TARGET` and `apiquery sqlite-load
// --endpoint files` (docs/files.md, "SQL"): the schema and the listing of endpoints/files/table.hpp,
// executed with libsqlite3.
#pragma once

#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>

#include <span>
#include <string_view>

namespace apiquery::cli {

/// What the endpoint answers for `target`, from the `files` table of `db` (the same bodies as
/// respond_files on the same records). Status 500 with a reason when a row is not what the schema says;
/// database errors throw std::runtime_error.
inline files_response respond_files_sqlite(std::string_view target, detail::sqlite_db& db) {
    return respond_files_sql(target, sql::dialect::sqlite, db.executor());
}

/// Creates the schema in `db` and inserts `records` in one transaction.
inline void load_files_sqlite(detail::sqlite_db& db, std::span<const file_record> records) {
    db.exec(sql::files_schema_sql(sql::dialect::sqlite));
    db.exec("BEGIN");
    if (!records.empty()) {
        auto insert = db.prepare(sql::insert_file_statement(sql::dialect::sqlite, records.front()).text);
        for (const auto& r : records) {
            insert.bind(sql::insert_file_statement(sql::dialect::sqlite, r).params);
            insert.step();
        }
    }
    db.exec("COMMIT");
}

} // namespace apiquery::cli
