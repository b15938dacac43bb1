// apiquery: implementation of tokens_sql.hpp.
#pragma once

#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/listing/detail/pagination.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace apiquery::sql {

namespace detail {

/// The columns of the table, in the order of tokens_select_list and insert_token_statement.
struct token_column {
    std::string_view name;
    column_type type;
    bool nullable;
};
inline constexpr token_column token_table_columns[] = {
    {"api_token_id", column_type::uuid, false},
    {"name", column_type::text, false},
    {"masked_token", column_type::text, false},
    {"personal", column_type::boolean, false},
    {"expires", column_type::boolean, false},
    {"expires_at", column_type::timestamp, true},
    {"user_given_name", column_type::text, false},
    {"user_family_name", column_type::text, false},
    {"role", column_type::text, false},
    {"organization_role", column_type::text, false},
    {"workspaces", column_type::text, false},
    {"all_workspaces", column_type::boolean, false},
    {"created_at", column_type::timestamp, false},
    {"scope_workspace", column_type::text, true},
};
inline constexpr std::size_t token_column_count = std::size(token_table_columns);
inline constexpr std::size_t token_row_columns = token_column_count - 1; // scope_workspace is not read

inline column token_column_of(std::string_view name) {
    for (const auto& c : token_table_columns)
        if (c.name == name)
            return column{std::string(c.name), c.type, c.nullable};
    return column{std::string(name), column_type::text, true};
}

inline column sort_column(token_sort_field f) {
    switch (f) {
    case token_sort_field::name:
        return token_column_of("name");
    case token_sort_field::role:
        return token_column_of("role");
    case token_sort_field::created_at:
        return token_column_of("created_at");
    case token_sort_field::expires_at:
        break;
    }
    return token_column_of("expires_at");
}

/// The listing order (listing.hpp, rules 3 and 4): (field, api_token_id), both in the requested
/// direction; a NULL expires_at is later than every date-time (last in ASC, first in DESC).
inline std::vector<order_key> listing_order(const tokens_request& r) {
    const bool desc = r.order == sort_order::desc;
    return {order_key{sort_column(r.field), desc, desc},
            order_key{token_column_of("api_token_id"), desc, false}};
}

/// The workspaces column as insert_token_statement writes it, `["a","b"]` (compact), when every name
/// is printable ASCII without a backslash: read without building a JSON tree. False, with `out` partly
/// filled, for anything else (other bytes, escapes, spaces, another shape): the JSON parser decides then.
inline bool read_plain_names(std::string_view text, std::vector<workspace_name>& out) {
    if (text.size() < 2 || text.front() != '[' || text.back() != ']')
        return false;
    std::size_t i = 1;
    if (text.size() == 2)
        return true;
    for (;;) {
        if (text[i] != '"')
            return false;
        const std::size_t begin = ++i;
        while (i < text.size() && text[i] != '"') {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c < 0x20 || c >= 0x7F || c == '\\')
                return false;
            ++i;
        }
        if (i + 1 >= text.size())
            return false;
        out.push_back(workspace_name{std::string(text.substr(begin, i - begin))});
        ++i; // past the closing quote
        if (text[i] == ']')
            return i + 1 == text.size();
        if (text[i] != ',')
            return false;
        ++i;
    }
}

inline std::string index_name(const tokens_table& t, std::string_view field) {
    return t.name + "_scope_" + std::string(field);
}

} // namespace detail

APIQUERY_DECL std::string tokens_schema_sql(dialect d, const tokens_table& table) {
    statement_builder b(d);
    const bool pg = d == dialect::postgresql;
    b.sql("CREATE TABLE ").identifier(table.name).sql(" (");
    bool first = true;
    for (const auto& c : detail::token_table_columns) {
        if (!first)
            b.sql(", ");
        first = false;
        b.identifier(c.name).sql(" ");
        switch (c.type) {
        case column_type::text:
            b.sql(pg ? "text COLLATE \"C\"" : "TEXT");
            break;
        case column_type::integer:
            b.sql(pg ? "bigint" : "INTEGER");
            break;
        case column_type::real:
            b.sql(pg ? "double precision" : "REAL");
            break;
        case column_type::boolean:
            b.sql(pg ? "boolean" : "INTEGER");
            break;
        case column_type::timestamp:
            b.sql(pg ? "timestamptz" : "INTEGER");
            break;
        case column_type::uuid:
            b.sql(pg ? "uuid" : "TEXT");
            break;
        }
        if (c.name == "api_token_id")
            b.sql(" PRIMARY KEY");
        else if (!c.nullable)
            b.sql(" NOT NULL");
    }
    b.sql(");\n");
    for (std::string_view field : {"created_at", "name", "role", "expires_at"}) {
        b.sql("CREATE INDEX ")
            .identifier(detail::index_name(table, field))
            .sql(" ON ")
            .identifier(table.name);
        b.sql(" (")
            .identifier("scope_workspace")
            .sql(", ")
            .identifier(field)
            .sql(", ")
            .identifier("api_token_id");
        // SQLite: the default order's index carries every other column of a row too (SQLite has no
        // INCLUDE), so the usual page, filtered or not, is read from the index alone: a row that the
        // filter drops costs no table lookup.
        if (!pg && field == "created_at")
            for (std::size_t i = 0; i < detail::token_row_columns; ++i) {
                const std::string_view c = detail::token_table_columns[i].name;
                if (c != "created_at" && c != "api_token_id")
                    b.sql(", ").identifier(c);
            }
        b.sql(");\n");
    }
    return b.finish().text;
}

APIQUERY_DECL const column_map& tokens_columns() {
    static const column_map m = [] {
        column_map c;
        const std::pair<std::string_view, std::string_view> fields[] = {
            {"name", "name"},
            {"role", "role"},
            {"organization_role", "organization_role"},
            {"personal", "personal"},
            {"expires", "expires"},
            {"expires_at", "expires_at"},
            {"created_at", "created_at"},
            {"api_token_id", "api_token_id"},
            {"all_workspaces", "all_workspaces"},
            {"user/given_name", "user_given_name"},
            {"user/family_name", "user_family_name"},
        };
        for (const auto& [path, name] : fields)
            c.add(std::string(path), detail::token_column_of(name));
        return c;
    }();
    return m;
}

APIQUERY_DECL std::optional<std::string> scope_workspace(const token_record& r) {
    if (r.meta.all_workspaces || r.meta.workspaces.size() != 1)
        return std::nullopt;
    return r.meta.workspaces.front().name;
}

APIQUERY_DECL statement insert_token_statement(dialect d, const token_record& r, const tokens_table& table) {
    statement_builder b(d);
    b.sql("INSERT INTO ").identifier(table.name).sql(" (");
    for (std::size_t i = 0; i < detail::token_column_count; ++i) {
        if (i)
            b.sql(", ");
        b.identifier(detail::token_table_columns[i].name);
    }
    b.sql(") VALUES (");
    const auto boolean = [&](bool v) -> value {
        return d == dialect::sqlite ? value(std::int64_t{v}) : value(v);
    };
    boost::json::array names;
    for (const auto& w : r.meta.workspaces)
        names.emplace_back(boost::json::string_view(w.name.data(), w.name.size()));
    const auto scope = scope_workspace(r);
    const value values[] = {
        to_string(r.meta.api_token_id),
        r.meta.name,
        r.meta.masked_token,
        boolean(r.meta.personal),
        boolean(r.meta.expires),
        r.meta.expires_at ? timestamp_value(d, r.meta.expires_at->unix_micros()) : value(nullptr),
        r.meta.user.given_name,
        r.meta.user.family_name,
        r.meta.role,
        std::string(to_string(r.meta.organization_role)),
        boost::json::serialize(names),
        boolean(r.meta.all_workspaces),
        timestamp_value(d, r.created_at.unix_micros()),
        scope ? value(*scope) : value(nullptr),
    };
    for (std::size_t i = 0; i < detail::token_column_count; ++i) {
        if (i)
            b.sql(", ");
        b.param(values[i], detail::token_table_columns[i].type);
    }
    b.sql(")");
    return b.finish();
}

APIQUERY_DECL std::string tokens_select_list(dialect d) {
    statement_builder b(d);
    for (std::size_t i = 0; i < detail::token_row_columns; ++i) {
        if (i)
            b.sql(", ");
        append_select_column(b, detail::token_column_of(detail::token_table_columns[i].name));
    }
    return b.finish().text;
}

APIQUERY_DECL result<token_record, std::string> decode_token_row(std::span<const cell> row) {
    if (row.size() < detail::token_row_columns)
        return unexpected{std::string("a token row has ") + std::to_string(detail::token_row_columns) +
                          " columns, this one " + std::to_string(row.size())};
    token_record r;
    auto& t = r.meta;
    const auto bad = [](std::string_view column) {
        return unexpected{"column '" + std::string(column) +
                          "' holds a value that is not what the schema says"};
    };
    std::string text;
    if (!read_cell(row[0], text))
        return bad("api_token_id");
    const auto id = parse_uuid(text);
    if (!id)
        return bad("api_token_id");
    t.api_token_id = *id;
    if (!read_cell(row[1], t.name))
        return bad("name");
    if (!read_cell(row[2], t.masked_token))
        return bad("masked_token");
    if (!read_cell(row[3], t.personal))
        return bad("personal");
    if (!read_cell(row[4], t.expires))
        return bad("expires");
    if (!std::holds_alternative<std::nullptr_t>(row[5])) {
        std::int64_t us = 0;
        if (!read_cell(row[5], us))
            return bad("expires_at");
        t.expires_at = timestamp::from_unix_micros(us);
    }
    if (!read_cell(row[6], t.user.given_name))
        return bad("user_given_name");
    if (!read_cell(row[7], t.user.family_name))
        return bad("user_family_name");
    if (!read_cell(row[8], t.role))
        return bad("role");
    if (!read_cell(row[9], text))
        return bad("organization_role");
    const auto role = parse_organization_role(text);
    if (!role)
        return bad("organization_role");
    t.organization_role = *role;
    if (!read_cell(row[10], text))
        return bad("workspaces");
    if (!detail::read_plain_names(text, t.workspaces)) {
        t.workspaces.clear();
        boost::system::error_code ec;
        unsigned char arena[1024]; // the tree of a usual workspaces list fits: no allocation
        boost::json::monotonic_resource mr(arena, sizeof arena);
        const auto names = boost::json::parse(text, ec, &mr);
        if (ec || !names.is_array())
            return bad("workspaces");
        for (const auto& n : names.as_array()) {
            if (!n.is_string())
                return bad("workspaces");
            t.workspaces.push_back(workspace_name{std::string(n.as_string())});
        }
    }
    if (!read_cell(row[11], t.all_workspaces))
        return bad("all_workspaces");
    std::int64_t created = 0;
    if (!read_cell(row[12], created))
        return bad("created_at");
    r.created_at = timestamp::from_unix_micros(created);
    return r;
}

// --- the listing ------------------------------------------------------------------------------------------

APIQUERY_DECL result<tokens_listing, http_validation_error>
tokens_listing::make(const tokens_request& request, dialect d, const tokens_sql_options& options) {
    tokens_listing l;
    l.request_ = request;
    listing_plan& p = l.plan_;
    p.sql_dialect = d;
    p.table = options.table.name;
    for (std::size_t i = 0; i < detail::token_row_columns; ++i)
        p.row_columns.push_back(detail::token_column_of(detail::token_table_columns[i].name));
    p.scope = [d, workspace = request.workspace_name](statement_builder& b) {
        if (d == dialect::postgresql && workspace.find('\0') != std::string::npos) {
            b.sql("FALSE"); // PostgreSQL text cannot hold NUL: no token is in this workspace
            return;
        }
        append_column(b, detail::token_column_of("scope_workspace"));
        b.sql(" = ");
        b.param(workspace, column_type::text);
    };
    p.order = detail::listing_order(request);
    const auto& id = request.after ? request.after : request.before;
    p.direction = request.after ? cursor_direction::after
                                : (request.before ? cursor_direction::before : cursor_direction::none);
    if (id)
        p.cursor_key = to_string(*id);
    constexpr std::int64_t max_limit = std::numeric_limits<std::int64_t>::max() - 1;
    p.limit = apiquery::detail::clamp_int64(request.limit, 0, max_limit);
    if (request.page_number)
        p.offset = apiquery::detail::page_offset(*request.page_number, p.limit,
                                                 std::numeric_limits<std::int64_t>::max());
    p.filter_columns = &tokens_columns();
    p.translate = options.translate;
    if (request.filter && !request.filter->empty()) {
        const auto filter_error = [&](std::string_view message, std::size_t position) {
            http_validation_error e;
            e.detail.push_back(make_value_error_at(make_loc({"query", "filter"}), message,
                                                   boost::json::value(*request.filter), position));
            return e;
        };
        auto ast = parse_filter(*request.filter);
        if (!ast)
            return unexpected{filter_error(ast.error().message, ast.error().position)};
        auto checked = check_filter(std::move(*ast), *options.profile);
        if (!checked)
            return unexpected{filter_error(checked.error().message, checked.error().span.begin)};
        // Translate once now, so that a filter SQL cannot express is reported before any query runs.
        auto probe = translate_filter(*checked, tokens_columns(), d, options.translate);
        if (!probe)
            return unexpected{filter_error(probe.error().message, probe.error().span.begin)};
        p.filter = std::move(*checked);
    }
    return l;
}

APIQUERY_DECL std::optional<statement> tokens_listing::cursor_statement() const {
    if (plan_.direction == cursor_direction::none)
        return std::nullopt;
    return sql::cursor_statement(plan_);
}

APIQUERY_DECL http_validation_error tokens_listing::cursor_not_found() const {
    const auto& id = request_.after ? request_.after : request_.before;
    std::string message = "cursor does not match any token of workspace '";
    message.append(request_.workspace_name);
    message.push_back('\'');
    http_validation_error e;
    e.detail.push_back(make_value_error(make_loc({"query", request_.after ? "after" : "before"}), message,
                                        boost::json::value(id ? to_string(*id) : std::string())));
    return e;
}

APIQUERY_DECL statement tokens_listing::count_statement() const {
    return sql::count_statement(plan_);
}

APIQUERY_DECL statement tokens_listing::page_statement(std::span<const cell> cursor_row) const {
    return sql::page_statement(plan_, cursor_row);
}

APIQUERY_DECL paginated_result<token> tokens_listing::assemble(std::vector<token_record> rows,
                                                               std::int64_t total) const {
    paginated_result<token> page;
    page.total = total;
    page.has_more = page_rows(plan_, rows);
    page.data.reserve(rows.size());
    for (auto& r : rows)
        page.data.push_back(std::move(r.meta));
    return page;
}

APIQUERY_DECL result<paginated_result<token>, listing_sql_error>
list_tokens_sql(const tokens_request& request, dialect d, const executor& run,
                const tokens_sql_options& options) {
    auto listing = tokens_listing::make(request, d, options);
    if (!listing)
        return unexpected{listing_sql_error{422, std::move(listing.error()), {}}};
    std::vector<std::variant<std::nullptr_t, std::int64_t, double, std::string>> cursor_cells;
    if (const auto s = listing->cursor_statement()) {
        bool found = false;
        run(*s, [&](std::span<const cell> row) {
            if (found)
                return;
            found = true;
            for (const auto& c : row) {
                if (const auto* t = std::get_if<std::string_view>(&c))
                    cursor_cells.emplace_back(std::string(*t));
                else if (const auto* i = std::get_if<std::int64_t>(&c))
                    cursor_cells.emplace_back(*i);
                else if (const auto* x = std::get_if<double>(&c))
                    cursor_cells.emplace_back(*x);
                else
                    cursor_cells.emplace_back(nullptr);
            }
        });
        if (!found)
            return unexpected{listing_sql_error{422, listing->cursor_not_found(), {}}};
    }
    std::int64_t total = 0;
    run(listing->count_statement(), [&](std::span<const cell> row) {
        if (!row.empty())
            read_cell(row[0], total);
    });
    std::vector<cell> cursor_row;
    for (const auto& c : cursor_cells)
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::string>)
                    cursor_row.emplace_back(std::string_view(v));
                else
                    cursor_row.emplace_back(v);
            },
            c);
    std::vector<token_record> rows;
    rows.reserve(static_cast<std::size_t>(apiquery::detail::clamp_int64(request.limit, 0, 255)) + 1);
    std::string decode_error;
    run(listing->page_statement(cursor_row), [&](std::span<const cell> row) {
        auto r = decode_token_row(row);
        if (r)
            rows.push_back(std::move(*r));
        else if (decode_error.empty())
            decode_error = r.error();
    });
    if (!decode_error.empty())
        return unexpected{listing_sql_error{500, {}, std::move(decode_error)}};
    return listing->assemble(std::move(rows), total);
}

} // namespace apiquery::sql
