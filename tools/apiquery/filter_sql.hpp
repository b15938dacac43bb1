// `apiquery filter --format sql-sqlite|sql-postgres`: the SQL condition of a checked filter and its bound
// values, as one line of JSON (docs/sql.md, "CLI").
//   translated: {"sql":"<condition>","params":[<values>]} (apiquery::sql::to_json)
//   not expressible in SQL: {"error":{"code":"sql_unsupported","position":N,"end":M,"message":"…"}}
// Columns: the tokens table's (tokens_sql.hpp) for the token fields (also as free fields of the files and
// full profiles); any other free field is the column named by its path, of the type the filter gives it.
#pragma once

#include <apiquery/json_text.hpp>
#include <apiquery/profile_check.hpp>
#include <apiquery/sql_filter.hpp>
#include <apiquery/tokens_sql.hpp>

#include <string>

namespace apiquery::cli {

/// Appends the line for `filter` in `d`; returns whether it was translated.
inline bool append_filter_sql(std::string& out, const checked_filter& filter, sql::dialect d) {
    sql::column_map columns = sql::tokens_columns();
    sql::add_free_field_columns(columns, filter);
    const auto r = sql::translate_filter(filter, columns, d);
    if (!r) {
        out += "{\"error\":{\"code\":\"sql_unsupported\",\"position\":";
        out += std::to_string(r.error().span.begin);
        out += ",\"end\":";
        out += std::to_string(r.error().span.end);
        out += ",\"message\":";
        append_json_string(out, r.error().message);
        out += "}}\n";
        return false;
    }
    out += sql::to_json(*r);
    out += '\n';
    return true;
}

} // namespace apiquery::cli
