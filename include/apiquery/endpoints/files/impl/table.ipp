// apiquery: implementation of endpoints/files/table.hpp.
#pragma once

#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/sql/listing_plan.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace apiquery::sql {

APIQUERY_DECL const std::vector<column>& files_table_columns() {
    static const std::vector<column> columns = {
        {"file_id", column_type::uuid, false},
        {"workspace", column_type::text, false},
        {"name", column_type::text, false},
        {"size", column_type::integer, false},
        {"characters", column_type::integer, false},
        {"meta", column_type::text, false},
        {"created_at", column_type::timestamp, false},
        {"created_at_offset", column_type::integer, false},
        {"languages", column_type::text, true},
        {"content", column_type::text, false},
    };
    return columns;
}

APIQUERY_DECL const column& files_column(std::string_view name) {
    for (const auto& c : files_table_columns())
        if (c.name == name)
            return c;
    throw std::out_of_range("files table: no column '" + std::string(name) + "'");
}

APIQUERY_DECL json_column files_meta_column() {
    return json_column{"meta"};
}

APIQUERY_DECL std::string files_schema_sql(dialect d, const files_table& table) {
    statement_builder b(d);
    const bool pg = d == dialect::postgresql;
    b.sql("CREATE TABLE ").identifier(table.name).sql(" (");
    bool first = true;
    for (const auto& c : files_table_columns()) {
        if (!first)
            b.sql(", ");
        first = false;
        b.identifier(c.name).sql(" ");
        if (c.name == "meta") {
            b.sql(pg ? "jsonb NOT NULL CHECK (jsonb_typeof(" : "TEXT NOT NULL CHECK (json_valid(");
            b.identifier(c.name);
            if (pg) {
                b.sql(") = 'object')");
            } else {
                b.sql(") AND json_type(").identifier(c.name).sql(") = 'object')");
            }
            continue;
        }
        if (c.name == "languages") {
            b.sql(pg ? "jsonb" : "TEXT");
            continue;
        }
        switch (c.type) {
        case column_type::text:
            b.sql(pg ? (c.name == "content" ? "text" : "text COLLATE \"C\"") : "TEXT");
            break;
        case column_type::integer:
            b.sql(pg ? (c.name == "created_at_offset" ? "integer" : "bigint") : "INTEGER");
            break;
        case column_type::timestamp:
            b.sql(pg ? "timestamptz" : "INTEGER");
            break;
        case column_type::uuid:
            b.sql(pg ? "uuid" : "TEXT");
            break;
        default:
            b.sql(pg ? "text" : "TEXT");
            break;
        }
        if (c.name == "file_id")
            b.sql(" PRIMARY KEY");
        else if (!c.nullable)
            b.sql(" NOT NULL");
    }
    b.sql(");\n");
    for (std::string_view field : {"created_at", "name"}) {
        b.sql("CREATE INDEX ").identifier(table.name + "_workspace_" + std::string(field)).sql(" ON ");
        b.identifier(table.name).sql(" (").identifier("workspace").sql(", ").identifier(field);
        b.sql(", ").identifier("file_id").sql(");\n");
    }
    if (pg) {
        b.sql("CREATE INDEX ").identifier(table.name + "_meta").sql(" ON ").identifier(table.name);
        b.sql(" USING gin (").identifier("meta").sql(" jsonb_path_ops);\n");
    }
    return b.finish().text;
}

APIQUERY_DECL std::vector<order_key> files_listing_order(std::string_view field, bool descending) {
    return {order_key{files_column(field == "name" ? "name" : "created_at"), descending, false},
            order_key{files_column("file_id"), descending, false}};
}

APIQUERY_DECL std::string files_select_list(dialect d) {
    statement_builder b(d);
    bool first = true;
    for (const auto& c : files_table_columns()) {
        if (!first)
            b.sql(", ");
        first = false;
        append_select_column(b, c);
    }
    return b.finish().text;
}

} // namespace apiquery::sql
