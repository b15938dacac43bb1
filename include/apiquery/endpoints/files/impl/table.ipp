// apiquery: implementation of endpoints/files/table.hpp.
#pragma once

#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/listing/detail/pagination.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/cell.hpp>
#include <apiquery/sql/listing_plan.hpp>
#include <apiquery/value/uuid.hpp>

#include <apiquery/endpoints/files/profile.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace apiquery::sql {

static_assert(files_max_path_keys <= sqlite_max_json_path_keys,
              "every metadata path the endpoint takes must run on SQLite");

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
        {"meta_text", column_type::text, true},
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
        if (c.name == "meta_text") {
            b.sql(pg ? "text" : "TEXT");
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

APIQUERY_DECL statement insert_file_statement(dialect d, const file_record& r, const files_table& table) {
    const bool pg = d == dialect::postgresql;
    statement_builder b(d);
    b.sql("INSERT INTO ").identifier(table.name).sql(" (");
    bool first = true;
    for (const auto& c : files_table_columns()) {
        if (!first)
            b.sql(", ");
        first = false;
        b.identifier(c.name);
    }
    b.sql(") VALUES (");
    const std::string meta = boost::json::serialize(r.meta);
    b.param(to_string(r.file_id), column_type::uuid);
    b.sql(", ");
    b.param(r.workspace, column_type::text);
    b.sql(", ");
    b.param(r.name, column_type::text);
    b.sql(", ");
    b.param(r.size, column_type::integer);
    b.sql(", ");
    b.param(r.characters, column_type::integer);
    b.sql(", ");
    b.param(meta, column_type::text);
    b.sql(pg ? "::jsonb, " : ", ");
    b.param(timestamp_value(d, r.created_at.unix_micros()), column_type::timestamp);
    b.sql(", ");
    b.param(r.created_at.is_naive() ? files_naive_offset : std::int64_t{r.created_at.offset_minutes()},
            column_type::integer);
    b.sql(", ");
    // Always a parameter (NULL without languages), so one statement text serves every record.
    value languages = nullptr;
    if (r.languages) {
        boost::json::array a;
        for (const auto& l : *r.languages)
            a.emplace_back(boost::json::string_view(l.data(), l.size()));
        languages = boost::json::serialize(a);
    }
    b.param(std::move(languages), column_type::text);
    b.sql(pg ? "::jsonb, " : ", ");
    b.param(r.content, column_type::text);
    b.sql(", ");
    b.param(meta, column_type::text);
    b.sql(")");
    return b.finish();
}

APIQUERY_DECL const std::vector<column>& files_row_columns() {
    static const std::vector<column> columns = [] {
        std::vector<column> c;
        for (std::string_view n : {"file_id", "workspace", "name", "size", "characters", "created_at",
                                   "created_at_offset", "languages", "meta_text", "meta"})
            c.push_back(files_column(n));
        return c;
    }();
    return columns;
}

APIQUERY_DECL result<file_record, std::string> decode_file_row(std::span<const cell> row) {
    const auto bad = [](std::string_view col) {
        return unexpected{"files table: column " + std::string(col) + " is not what the schema says"};
    };
    if (row.size() < 10)
        return unexpected{std::string("files table: a row has ") + std::to_string(row.size()) +
                          " columns, 10 expected"};
    file_record r;
    std::string text;
    if (!read_cell(row[0], text))
        return bad("file_id");
    const auto id = parse_uuid(text);
    if (!id)
        return bad("file_id");
    r.file_id = *id;
    if (!read_cell(row[1], r.workspace))
        return bad("workspace");
    if (!read_cell(row[2], r.name))
        return bad("name");
    if (!read_cell(row[3], r.size))
        return bad("size");
    if (!read_cell(row[4], r.characters))
        return bad("characters");
    std::int64_t micros = 0, offset = 0;
    if (!read_cell(row[5], micros))
        return bad("created_at");
    if (!read_cell(row[6], offset) || offset < -1439 || offset > files_naive_offset)
        return bad("created_at_offset");
    r.created_at = offset == files_naive_offset
                       ? timestamp::naive(timestamp::time_point(timestamp::duration(micros)))
                       : timestamp::from_unix_micros(micros, static_cast<int>(offset));
    if (!std::holds_alternative<std::nullptr_t>(row[7])) {
        if (!read_cell(row[7], text))
            return bad("languages");
        const auto v = parse_json_value(text);
        if (!v || !v->is_array())
            return bad("languages");
        std::vector<std::string> langs;
        for (const auto& e : v->as_array()) {
            if (!e.is_string())
                return bad("languages");
            langs.emplace_back(e.as_string());
        }
        r.languages = std::move(langs);
    }
    // meta_text when present (the metadata as written), else meta.
    const bool from_text = !std::holds_alternative<std::nullptr_t>(row[8]);
    if (!read_cell(row[from_text ? 8 : 9], text))
        return bad(from_text ? "meta_text" : "meta");
    // Read as the API's Python would read it (Boost.JSON's own parser rounds some numbers wrongly).
    auto meta = parse_json_value(text);
    if (!meta || !meta->is_object())
        return bad(from_text ? "meta_text" : "meta");
    r.meta = std::move(meta->as_object());
    return r;
}

namespace detail {

/// The scope and the conditions of a files listing (rules 1 and 2 of listing.hpp but the filter).
inline void append_files_conditions(statement_builder& b, const files_request& q) {
    const bool pg = b.dialect() == dialect::postgresql;
    const auto has_nul = [](const std::optional<std::string>& s) {
        return s && s->find('\0') != std::string::npos;
    };
    // PostgreSQL text cannot hold NUL: no row has such a workspace, name, text or key.
    if (pg && (q.workspace_name.find('\0') != std::string::npos || has_nul(q.name) || has_nul(q.content) ||
               has_nul(q.meta_key))) {
        b.sql("FALSE");
        return;
    }
    b.identifier("workspace").sql(" = ");
    b.param(q.workspace_name, column_type::text);
    // Substrings by code point, bound: instr/strpos compare the UTF-8 bytes (LIKE would read % and _ and,
    // in SQLite, ignore ASCII case). An empty part is in every text (both return 1).
    for (const auto& [col, part] :
         {std::pair<const char*, const std::optional<std::string>*>{"name", &q.name},
          std::pair<const char*, const std::optional<std::string>*>{"content", &q.content}}) {
        if (!*part)
            continue;
        b.sql(pg ? " AND strpos(" : " AND instr(").identifier(col).sql(", ");
        b.param(**part, column_type::text);
        b.sql(") > 0");
    }
    if (q.meta_key) {
        if (q.meta_value) {
            // The key's value is a JSON string equal to meta_value: json_filter.hpp's `eq` on a string.
            b.sql(" AND ");
            const std::string key[] = {*q.meta_key};
            append_json_comparison(b, files_meta_column(), key, binary_op::eq, json_literal{*q.meta_value});
        } else if (pg) {
            b.sql(" AND (").identifier("meta").sql(" -> ");
            b.param(*q.meta_key, column_type::text);
            b.sql(") IS NOT NULL");
        } else {
            b.sql(" AND EXISTS (SELECT 1 FROM json_each(").identifier("meta").sql(") AS jk WHERE jk.key = ");
            b.param(*q.meta_key, column_type::text);
            b.sql(")");
        }
    }
}

} // namespace detail

APIQUERY_DECL result<file_page, files_sql_error> list_files_sql(const files_request& request, dialect d,
                                                                const executor& run,
                                                                const files_sql_options& options) {
    const auto refuse = [](http_validation_error e) {
        return unexpected{files_sql_error{422, std::move(e), {}}};
    };
    listing_plan p;
    p.sql_dialect = d;
    p.table = options.table.name;
    p.row_columns = files_row_columns();
    p.scope = [&request](statement_builder& b) { detail::append_files_conditions(b, request); };
    p.filter_document = files_meta_column();
    if (request.filter && !request.filter->empty()) {
        const auto filter_error = [&](std::string_view message, std::size_t position) {
            http_validation_error e;
            e.detail.push_back(make_value_error_at(
                make_loc({"query", "filter"}), message,
                boost::json::value(boost::json::string_view(request.filter->data(), request.filter->size())),
                position));
            return e;
        };
        // The in-memory listing's checks first, so that a refused filter gives its bytes.
        if (auto prepared = prepare_files_filter(*request.filter); !prepared)
            return refuse(filter_error(prepared.error().message, prepared.error().position));
        auto ast = parse_filter(*request.filter);
        if (!ast)
            return refuse(filter_error(ast.error().message, ast.error().position));
        auto checked = check_filter(std::move(*ast), profiles::files);
        if (!checked)
            return refuse(filter_error(checked.error().message, checked.error().span.begin));
        auto probe = translate_json_filter(*checked, files_meta_column(), d);
        if (!probe)
            return refuse(filter_error(probe.error().message, probe.error().span.begin));
        p.filter = std::move(*checked);
    }
    p.order = files_listing_order(request.field == files_sort_field::name ? "name" : "created_at",
                                  request.order == sort_order::desc);
    constexpr std::int64_t max_limit = std::numeric_limits<std::int64_t>::max() - 1;
    p.limit = apiquery::detail::clamp_int64(request.limit, 0, max_limit);
    if (request.page_number)
        p.offset = apiquery::detail::page_offset(*request.page_number, p.limit,
                                                 std::numeric_limits<std::int64_t>::max());
    // The keyset cursor: a position (after_value, after_file_id), not a lookup.
    std::vector<cell> cursor_row;
    std::string cursor_id = request.after_file_id ? to_string(*request.after_file_id) : std::string();
    std::string cursor_name;
    if (request.after_value && request.after_file_id) {
        if (request.field == files_sort_field::created_at) {
            if (!request.after_instant) {
                http_validation_error e;
                e.detail.push_back(make_value_error(
                    make_loc({"query", "after_value"}), "after_value must be a created_at date-time",
                    boost::json::value(
                        boost::json::string_view(request.after_value->data(), request.after_value->size()))));
                return refuse(std::move(e));
            }
            cursor_row.emplace_back(request.after_instant->unix_micros());
        } else {
            const std::size_t nul = request.after_value->find('\0');
            if (d == dialect::postgresql && nul != std::string::npos) {
                // PostgreSQL text cannot hold NUL, nor can a stored name: with P the part before the
                // NUL, the names after the position are those > P (ASC) or <= P (DESC), which the
                // keysets (P, the greatest id) and (P + U+0001, the least id) select exactly.
                cursor_name = request.after_value->substr(0, nul);
                if (request.order == sort_order::desc) {
                    cursor_name.push_back('\x01');
                    cursor_id = "00000000-0000-0000-0000-000000000000";
                } else {
                    cursor_id = "ffffffff-ffff-ffff-ffff-ffffffffffff";
                }
                cursor_row.emplace_back(std::string_view(cursor_name));
            } else {
                cursor_row.emplace_back(std::string_view(*request.after_value));
            }
        }
        cursor_row.emplace_back(std::string_view(cursor_id));
        p.direction = cursor_direction::after;
    }
    std::int64_t total = 0;
    run(count_statement(p), [&](std::span<const cell> row) {
        if (!row.empty())
            read_cell(row[0], total);
    });
    std::vector<file_record> rows;
    std::string decode_error;
    run(page_statement(p, cursor_row), [&](std::span<const cell> row) {
        if (!decode_error.empty())
            return;
        auto r = decode_file_row(row);
        if (!r) {
            decode_error = std::move(r.error());
            return;
        }
        rows.push_back(std::move(*r));
    });
    if (!decode_error.empty())
        return unexpected{files_sql_error{500, {}, std::move(decode_error)}};
    file_page page;
    page.total = total;
    page.has_more = page_rows(p, rows);
    page.data.reserve(rows.size());
    for (const auto& r : rows)
        page.data.push_back(to_file(r));
    return page;
}

} // namespace apiquery::sql
