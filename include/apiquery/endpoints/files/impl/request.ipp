// apiquery: implementation of request.hpp.
#pragma once

#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/request/query_reading.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/json_text.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL result<files_request, http_validation_error> validate_files_query(std::string workspace_name,
                                                                                std::string_view raw_query) {
    namespace fp = files_params;
    query_reading<fp::query> q(raw_query);
    if (!q.ok())
        return unexpected{q.take_errors()};
    files_request r;
    r.workspace_name = std::move(workspace_name);
    const auto text = [&](const param_spec& p, std::optional<std::string>& out) {
        if (q.present(p))
            out = std::string(q.raw(p));
    };
    text(fp::name, r.name);
    text(fp::content, r.content);
    text(fp::meta_key, r.meta_key);
    text(fp::meta_value, r.meta_value);
    text(fp::filter, r.filter);
    if (q.present(fp::limit))
        r.limit = big_int::from(q.check(fp::limit).integer);
    if (q.present(fp::page_number))
        r.page_number = big_int::from(q.check(fp::page_number).integer);
    text(fp::after_value, r.after_value);
    if (q.present(fp::after_file_id))
        r.after_file_id = q.check(fp::after_file_id).id;
    if (q.present(fp::field))
        r.field = static_cast<files_sort_field>(q.check(fp::field).literal_index);
    if (q.present(fp::order))
        r.order = static_cast<sort_order>(q.check(fp::order).literal_index);

    // The endpoint's rules beyond parameter types (only reached when FastAPI's validation passed), in
    // the declaration order of their loc: filter, page_number, after_value, after_file_id.
    const bool has_filter = r.filter && !r.filter->empty();
    if (has_filter) {
        auto prepared = prepare_files_filter(*r.filter);
        if (!prepared)
            q.add_rule_error_at(fp::filter, prepared.error().message, prepared.error().position);
    }
    const bool has_cursor = r.after_value || r.after_file_id;
    if (r.page_number && has_cursor)
        q.add_rule_error(fp::page_number, "page_number cannot be combined with after_value or after_file_id: "
                                          "clear page_number to use cursor-based pagination");
    else if (r.page_number && has_filter)
        q.add_rule_error(fp::page_number,
                         "filter only works with cursor-based pagination: leave page_number blank");
    if (r.after_file_id && !r.after_value) {
        q.add_rule_error(fp::after_value,
                         "after_value and after_file_id come together: after_value is missing");
    } else if (r.after_value && r.field == files_sort_field::created_at) {
        auto t = parse_pydantic_datetime(*r.after_value);
        if (t) {
            r.after_instant = *t;
        } else {
            std::string message = "after_value must be a created_at date-time: ";
            message.append(t.error().msg());
            q.add_rule_error(fp::after_value, message);
        }
    }
    if (r.after_value && !r.after_file_id)
        q.add_rule_error(fp::after_file_id,
                         "after_value and after_file_id come together: after_file_id is missing");
    if (!q.ok())
        return unexpected{q.take_errors()};
    return r;
}

APIQUERY_DECL std::string json_text(const files_request& r) {
    std::string out;
    out.reserve(256 + r.workspace_name.size() + (r.filter ? r.filter->size() : 0));
    const auto text = [&](std::string_view key, const std::optional<std::string>& v) {
        out.append(key);
        if (v)
            append_json_string(out, *v);
        else
            out.append("null");
    };
    out.append("{\"workspace_name\":");
    append_json_string(out, r.workspace_name);
    text(",\"name\":", r.name);
    text(",\"content\":", r.content);
    text(",\"meta_key\":", r.meta_key);
    text(",\"meta_value\":", r.meta_value);
    text(",\"filter\":", r.filter);
    out.append(",\"limit\":");
    r.limit.append_to(out);
    out.append(",\"page_number\":");
    if (r.page_number)
        r.page_number->append_to(out);
    else
        out.append("null");
    text(",\"after_value\":", r.after_value);
    out.append(",\"after_file_id\":");
    if (r.after_file_id) {
        const auto c = to_chars(*r.after_file_id);
        out.push_back('"');
        out.append(c.data(), c.size());
        out.push_back('"');
    } else {
        out.append("null");
    }
    out.append(",\"field\":\"");
    out.append(to_string(r.field));
    out.append("\",\"order\":\"");
    out.append(to_string(r.order));
    out.append("\"}");
    return out;
}

APIQUERY_DECL result<std::string, target_error> to_target(const files_request& r,
                                                          const target_options& options) {
    if (const auto problem = path_value_problem(r.workspace_name); !problem.empty()) {
        std::string message = "the workspace name";
        message.append(problem.substr(std::string_view("the value").size()));
        return unexpected{target_error{std::move(message)}};
    }
    for (const auto* v : {&r.name, &r.content, &r.meta_key, &r.meta_value, &r.filter, &r.after_value})
        if (*v && !detail::utf8_is_valid(**v))
            return unexpected{target_error{std::string("a parameter is not UTF-8")}};
    std::string out = build_path(files_route, {r.workspace_name});
    char sep = '?';
    const auto param = [&](std::string_view name, std::string_view text) {
        out.push_back(sep);
        sep = '&';
        out.append(name);
        out.push_back('=');
        append_quoted(out, text, options.space_as_plus);
    };
    const auto optional = [&](std::string_view name, const std::optional<std::string>& v) {
        if (v)
            param(name, *v);
    };
    optional("name", r.name);
    optional("content", r.content);
    optional("meta_key", r.meta_key);
    optional("meta_value", r.meta_value);
    optional("filter", r.filter);
    if (options.include_defaults || r.limit != 10)
        param("limit", r.limit.to_string());
    if (r.page_number)
        param("page_number", r.page_number->to_string());
    optional("after_value", r.after_value);
    if (r.after_file_id)
        param("after_file_id", to_string(*r.after_file_id));
    if (options.include_defaults || r.field != files_sort_field::created_at)
        param("field", to_string(r.field));
    if (options.include_defaults || r.order != sort_order::asc)
        param("order", to_string(r.order));
    return out;
}

} // namespace apiquery
