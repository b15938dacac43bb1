// apiquery: implementation of tokens_request.hpp.
#pragma once

#include <apiquery/detail/utf8.hpp>
#include <apiquery/json_text.hpp>
#include <apiquery/query_string.hpp>
#include <apiquery/tokens_filter.hpp>
#include <apiquery/tokens_request.hpp>

#include <functional>
#include <utility>

namespace apiquery {

namespace detail {
inline constexpr std::string_view tokens_route_prefix = "/api/v1/workspaces/";
inline constexpr std::string_view tokens_route_suffix = "/token";

/// Matches a decoded path as Starlette does:
/// re.match(r"^/api/v1/workspaces/(?P<workspace_name>[^/]+)/token$", path), Python semantics. `[^/]+` takes
/// every character but '/' (newlines and '\r' included), so the segment is everything up to the first '/'
/// after the prefix; `$` (no MULTILINE) matches at the end of the string or just before one '\n' that ends
/// it: "/token" or "/token\n" must end the path, nothing else. Returns the segment, or nullopt.
inline std::optional<std::string_view> tokens_route_segment(std::string_view path) {
    if (!path.starts_with(tokens_route_prefix))
        return std::nullopt;
    const std::string_view rest = path.substr(tokens_route_prefix.size());
    const std::size_t slash = rest.find('/');
    if (slash == 0 || slash == std::string_view::npos) // `[^/]+` needs one character
        return std::nullopt;
    const std::string_view tail = rest.substr(slash);
    if (tail != tokens_route_suffix && !(tail.size() == tokens_route_suffix.size() + 1 &&
                                         tail.starts_with(tokens_route_suffix) && tail.back() == '\n'))
        return std::nullopt;
    return rest.substr(0, slash);
}
} // namespace detail

APIQUERY_DECL std::string request_error::body() const {
    if (status == 422)
        return json_text(validation);
    return "{\"detail\":\"Not Found\"}";
}

APIQUERY_DECL result<std::string, request_error> match_tokens_route(std::string_view raw_path) {
    request_error err;
    err.status = 404;
    for (char c : raw_path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) {
            err.reason = "the path has a byte outside printable ASCII, which the server cannot decode";
            return unexpected{std::move(err)};
        }
    }
    std::string decoded;
    std::string_view path = raw_path; // percent-decoding only changes a path that has a '%'
    if (raw_path.find('%') != std::string_view::npos) {
        append_unquoted(decoded, raw_path, false);
        path = decoded;
    }
    if (auto seg = detail::tokens_route_segment(path))
        return std::string(*seg);
    // Router.redirect_slashes: a path (other than "/") that ends in '/' is tried again with every
    // trailing '/' removed (path.rstrip("/")); a match there is a 307, not the endpoint. (The other
    // direction, path + "/", can never match a route that ends in "/token".)
    std::string_view trimmed = path;
    while (!trimmed.empty() && trimmed.back() == '/')
        trimmed.remove_suffix(1);
    if (path != "/" && trimmed.size() != path.size() && detail::tokens_route_segment(trimmed))
        err.reason = "Starlette would redirect (307) to the path without its trailing slash";
    else
        err.reason = "the path does not match /api/v1/workspaces/{workspace_name}/token";
    return unexpected{std::move(err)};
}

APIQUERY_DECL result<tokens_request, http_validation_error>
validate_tokens_query(std::string workspace_name, std::string_view raw_query) {
    namespace tp = tokens_params;
    constexpr std::size_t n = tp::query.size();
    // The last raw value of each parameter: a view into raw_query when no decoding was needed.
    std::array<std::string_view, n> value{};
    std::array<bool, n> present{};
    std::array<std::string, n> storage;
    const char* const raw_begin = raw_query.data();
    const char* const raw_end = raw_begin + raw_query.size();
    for_each_query_field(raw_query, [&](std::string_view name, std::string_view v) {
        for (std::size_t i = 0; i < n; ++i) {
            if (tp::query[i]->name != name)
                continue;
            present[i] = true;
            const std::less_equal<const char*> le;
            if (v.empty() || (le(raw_begin, v.data()) && le(v.data() + v.size(), raw_end))) {
                value[i] = v;
            } else {
                storage[i].assign(v);
                value[i] = storage[i];
            }
            break;
        }
    });

    tokens_request r;
    r.workspace_name = std::move(workspace_name);
    http_validation_error errors;
    for (std::size_t i = 0; i < n; ++i) {
        if (!present[i])
            continue; // default, not validated
        const param_spec& spec = *tp::query[i];
        const param_check c = check_param(spec, value[i]);
        if (!c.ok()) {
            errors.detail.push_back(make_param_error(spec, value[i], c));
            continue;
        }
        switch (i) {
        case 0:
            r.limit = big_int::from(c.integer);
            break;
        case 1:
            r.before = c.id;
            break;
        case 2:
            r.after = c.id;
            break;
        case 3:
            r.page_number = big_int::from(c.integer);
            break;
        case 4:
            r.filter = std::string(value[i]);
            break;
        case 5:
            r.field = static_cast<token_sort_field>(c.literal_index);
            break;
        default:
            r.order = static_cast<sort_order>(c.literal_index);
            break;
        }
    }
    if (!errors.detail.empty())
        return unexpected{std::move(errors)};

    // Rules beyond parameter types: only reached when FastAPI's validation passed.
    const auto raw = [&](std::size_t i) {
        return boost::json::value(boost::json::string_view(value[i].data(), value[i].size()));
    };
    const bool has_filter = r.filter && !r.filter->empty();
    if (r.before && r.after)
        errors.detail.push_back(make_value_error(
            make_loc({"query", "after"}), "before and after cannot be combined: use one cursor", raw(2)));
    if (r.page_number && (r.before || r.after))
        errors.detail.push_back(make_value_error(make_loc({"query", "page_number"}),
                                                 "page_number cannot be combined with before or after: clear "
                                                 "page_number to use cursor-based pagination",
                                                 raw(3)));
    else if (r.page_number && has_filter)
        errors.detail.push_back(make_value_error(
            make_loc({"query", "page_number"}),
            "filter only works with cursor-based pagination: leave page_number blank", raw(3)));
    if (has_filter) {
        if (auto problem = check_tokens_filter(*r.filter))
            errors.detail.push_back(make_value_error_at(make_loc({"query", "filter"}), problem->message,
                                                        raw(4), problem->position));
    }
    if (!errors.detail.empty())
        return unexpected{std::move(errors)};
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
    out.append(to_string_view(r.field));
    out.append("\",\"order\":\"");
    out.append(to_string_view(r.order));
    out.append("\"}");
    return out;
}

APIQUERY_DECL result<std::string, target_error> to_target(const tokens_request& r,
                                                          const target_options& options) {
    if (r.workspace_name.empty())
        return unexpected{target_error{std::string("the workspace name is empty: no path can carry it")}};
    if (r.workspace_name.find('/') != std::string::npos)
        return unexpected{target_error{
            std::string("the workspace name contains '/': the server decodes %2F before routing")}};
    if (!detail::utf8_is_valid(r.workspace_name))
        return unexpected{target_error{std::string("the workspace name is not UTF-8")}};
    if (r.filter && !detail::utf8_is_valid(*r.filter))
        return unexpected{target_error{std::string("the filter is not UTF-8")}};
    std::string out(detail::tokens_route_prefix);
    append_quoted(out, r.workspace_name, false);
    out.append(detail::tokens_route_suffix);
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
        param("field", to_string_view(r.field));
    if (options.include_defaults || r.order != sort_order::desc)
        param("order", to_string_view(r.order));
    return out;
}

} // namespace apiquery
