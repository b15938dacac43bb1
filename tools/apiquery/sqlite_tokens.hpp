// Token records in a SQLite database, for `apiquery list --sqlite FILE TARGET` and `apiquery sqlite-load`
// (docs/sql.md): the schema and the listing of tokens_sql.hpp, executed with libsqlite3.
#pragma once

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/endpoints/tokens/service.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>

#include <span>
#include <string>
#include <string_view>

namespace apiquery::cli {

/// What the endpoint answers for `target`, from the `tokens` table of `db` (the same bodies as
/// respond_tokens on the same records). Status 500 with a reason when a row is not what the schema
/// says; database errors throw std::runtime_error.
inline tokens_response respond_tokens_sqlite(std::string_view target, detail::sqlite_db& db) {
    return respond_tokens_sql(target, sql::dialect::sqlite, db.executor());
}

/// Creates the schema in `db` and inserts `records` in one transaction.
inline void load_tokens_sqlite(detail::sqlite_db& db, std::span<const token_record> records) {
    db.exec(sql::tokens_schema_sql(sql::dialect::sqlite));
    db.exec("BEGIN");
    if (!records.empty()) {
        auto insert = db.prepare(sql::insert_token_statement(sql::dialect::sqlite, records.front()).text);
        for (const auto& r : records) {
            insert.bind(sql::insert_token_statement(sql::dialect::sqlite, r).params);
            insert.step();
        }
    }
    db.exec("COMMIT");
}

} // namespace apiquery::cli
