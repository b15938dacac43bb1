// apiquery: implementation of tokens_request.hpp.
#pragma once

#include <apiquery/endpoints/tokens/filter.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/request/query_reading.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/json_text.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL result<std::string, request_error> match_tokens_route(std::string_view raw_path) {
    std::string workspace;
    auto m = match_route_into(tokens_route, raw_path, std::span<std::string>(&workspace, 1));
    if (!m) {
        request_error err;
        err.status = 404;
        err.reason = std::move(m.error().reason);
        return unexpected{std::move(err)};
    }
    return workspace;
}

APIQUERY_DECL result<tokens_request, http_validation_error>
validate_tokens_query(std::string workspace_name, std::string_view raw_query) {
    namespace tp = tokens_params;
    query_reading<tp::query> q(raw_query);
    if (!q.ok())
        return unexpected{q.take_errors()};
    tokens_request r;
    r.workspace_name = std::move(workspace_name);
    if (q.present(tp::limit))
        r.limit = big_int::from(q.check(tp::limit).integer);
    if (q.present(tp::before))
        r.before = q.check(tp::before).id;
    if (q.present(tp::after))
        r.after = q.check(tp::after).id;
    if (q.present(tp::page_number))
        r.page_number = big_int::from(q.check(tp::page_number).integer);
    if (q.present(tp::filter))
        r.filter = std::string(q.raw(tp::filter));
    if (q.present(tp::field))
        r.field = static_cast<token_sort_field>(q.check(tp::field).literal_index);
    if (q.present(tp::order))
        r.order = static_cast<sort_order>(q.check(tp::order).literal_index);

    // The endpoint's rules beyond parameter types: only reached when FastAPI's validation passed.
    const bool has_filter = r.filter && !r.filter->empty();
    if (r.before && r.after)
        q.add_rule_error(tp::after, "before and after cannot be combined: use one cursor");
    if (r.page_number && (r.before || r.after))
        q.add_rule_error(tp::page_number, "page_number cannot be combined with before or after: clear "
                                          "page_number to use cursor-based pagination");
    else if (r.page_number && has_filter)
        q.add_rule_error(tp::page_number,
                         "filter only works with cursor-based pagination: leave page_number blank");
    if (has_filter) {
        if (auto problem = check_tokens_filter(*r.filter))
            q.add_rule_error_at(tp::filter, problem->message, problem->position);
    }
    if (!q.ok())
        return unexpected{q.take_errors()};
    return r;
}

APIQUERY_DECL result<tokens_request, request_error> parse_tokens_request(std::string_view target) {
    const request_target t = split_request_target(target);
    auto ws = match_tokens_route(t.path);
    if (!ws)
        return unexpected{std::move(ws).error()};
    auto r = validate_tokens_query(std::move(*ws), t.query);
    if (!r) {
        request_error err;
        err.status = 422;
        err.validation = std::move(r).error();
        return unexpected{std::move(err)};
    }
    return std::move(*r);
}

APIQUERY_DECL std::string json_text(const tokens_request& r) {
    std::string out;
    out.reserve(160 + r.workspace_name.size() + (r.filter ? r.filter->size() : 0));
    out.append("{\"workspace_name\":");
    append_json_string(out, r.workspace_name);
    out.append(",\"limit\":");
    r.limit.append_to(out);
    const auto id = [&](const std::optional<uuid>& u) {
        if (!u) {
            out.append("null");
            return;
        }
        const auto c = to_chars(*u);
        out.push_back('"');
        out.append(c.data(), c.size());
        out.push_back('"');
    };
    out.append(",\"before\":");
    id(r.before);
    out.append(",\"after\":");
    id(r.after);
    out.append(",\"page_number\":");
    if (r.page_number)
        r.page_number->append_to(out);
    else
        out.append("null");
    out.append(",\"filter\":");
    if (r.filter)
        append_json_string(out, *r.filter);
    else
        out.append("null");
    out.append(",\"field\":\"");
    out.append(to_string(r.field));
    out.append("\",\"order\":\"");
    out.append(to_string(r.order));
    out.append("\"}");
    return out;
}

APIQUERY_DECL result<std::string, target_error> to_target(const tokens_request& r,
                                                          const target_options& options) {
    if (const auto problem = path_value_problem(r.workspace_name); !problem.empty()) {
        std::string message = "the workspace name";
        message.append(problem.substr(std::string_view("the value").size()));
        return unexpected{target_error{std::move(message)}};
    }
    if (r.filter && !detail::utf8_is_valid(*r.filter))
        return unexpected{target_error{std::string("the filter is not UTF-8")}};
    std::string out = build_path(tokens_route, {r.workspace_name});
    char sep = '?';
    const auto param = [&](std::string_view name, std::string_view text) {
        out.push_back(sep);
        sep = '&';
        out.append(name);
        out.push_back('=');
        append_quoted(out, text, options.space_as_plus);
    };
    if (options.include_defaults || r.limit != 10)
        param("limit", r.limit.to_string());
    if (r.before)
        param("before", to_string(*r.before));
    if (r.after)
        param("after", to_string(*r.after));
    if (r.page_number)
        param("page_number", r.page_number->to_string());
    if (r.filter)
        param("filter", *r.filter);
    if (options.include_defaults || r.field != token_sort_field::created_at)
        param("field", to_string(r.field));
    if (options.include_defaults || r.order != sort_order::desc)
        param("order", to_string(r.order));
    return out;
}

} // namespace apiquery
