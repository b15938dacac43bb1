// apiquery: implementation of listing.hpp.
#pragma once

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>
#include <utility>

namespace apiquery {

namespace detail::listing {

using eval::field_entry;
using eval::kind;
using eval::value;

inline const token_record& rec(const void* p) noexcept {
    return *static_cast<const token_record*>(p);
}

inline std::size_t workspaces_size(const void* p) {
    return static_cast<const std::vector<workspace_name>*>(p)->size();
}
inline const void* workspaces_item(const void* p, std::size_t i) {
    return &(*static_cast<const std::vector<workspace_name>*>(p))[i];
}

inline const field_entry workspace_fields[] = {
    {"name", kind::string,
     [](const void* p) { return value::string(static_cast<const workspace_name*>(p)->name); },
     [](const void* p) -> std::string_view { return static_cast<const workspace_name*>(p)->name; }},
};

inline const eval::table_model& workspace_model() noexcept {
    static const eval::table_model m(workspace_fields);
    return m;
}

inline const eval::collection_ops& workspaces_ops() noexcept {
    static const eval::collection_ops ops{&workspaces_size, &workspaces_item, &workspace_model()};
    return ops;
}

inline const field_entry token_fields_table[] = {
    {"name", kind::string, [](const void* p) { return value::string(rec(p).meta.name); },
     [](const void* p) -> std::string_view { return rec(p).meta.name; }},
    {"masked_token", kind::string, [](const void* p) { return value::string(rec(p).meta.masked_token); },
     [](const void* p) -> std::string_view { return rec(p).meta.masked_token; }},
    {"personal", kind::boolean, [](const void* p) { return value::boolean(rec(p).meta.personal); }},
    {"expires", kind::boolean, [](const void* p) { return value::boolean(rec(p).meta.expires); }},
    {"expires_at", kind::datetimeoffset,
     [](const void* p) {
         const auto& e = rec(p).meta.expires_at;
         return e ? value::datetime(*e) : value::null();
     },
     nullptr,
     [](const void* p, std::int64_t& us) {
         const auto& e = rec(p).meta.expires_at;
         if (!e)
             return false;
         us = e->unix_micros();
         return true;
     }},
    {"created_at", kind::datetimeoffset, [](const void* p) { return value::datetime(rec(p).created_at); },
     nullptr,
     [](const void* p, std::int64_t& us) {
         us = rec(p).created_at.unix_micros();
         return true;
     }},
    {"api_token_id", kind::guid, [](const void* p) { return value::guid(rec(p).meta.api_token_id); }},
    {"user/given_name", kind::string,
     [](const void* p) { return value::string(rec(p).meta.user.given_name); },
     [](const void* p) -> std::string_view { return rec(p).meta.user.given_name; }},
    {"user/family_name", kind::string,
     [](const void* p) { return value::string(rec(p).meta.user.family_name); },
     [](const void* p) -> std::string_view { return rec(p).meta.user.family_name; }},
    {"role", kind::string, [](const void* p) { return value::string(rec(p).meta.role); },
     [](const void* p) -> std::string_view { return rec(p).meta.role; }},
    {"organization_role", kind::string,
     [](const void* p) { return value::string(to_string(rec(p).meta.organization_role)); },
     [](const void* p) -> std::string_view { return to_string(rec(p).meta.organization_role); }},
    {"workspaces", kind::collection,
     [](const void* p) { return value::collection(&rec(p).meta.workspaces, &workspaces_ops()); }, nullptr,
     nullptr, &workspace_model()},
    {"all_workspaces", kind::boolean,
     [](const void* p) { return value::boolean(rec(p).meta.all_workspaces); }},
};

inline const eval::json_field_type token_json_schema[] = {
    {"expires_at", kind::datetimeoffset},
    {"created_at", kind::datetimeoffset},
    {"api_token_id", kind::guid},
};

/// The position of `a` relative to `b` in ascending key order (rule 3): <0, 0 (same key) or >0.
inline int compare_keys(const token_record& a, const token_record& b, token_sort_field field) noexcept {
    int c = 0;
    switch (field) {
    case token_sort_field::name:
        c = a.meta.name.compare(b.meta.name);
        break;
    case token_sort_field::role:
        c = a.meta.role.compare(b.meta.role);
        break;
    case token_sort_field::created_at:
        c = a.created_at < b.created_at ? -1 : (b.created_at < a.created_at ? 1 : 0);
        break;
    case token_sort_field::expires_at: {
        const auto& x = a.meta.expires_at;
        const auto& y = b.meta.expires_at;
        if (!x || !y)
            c = (x ? 0 : 1) - (y ? 0 : 1); // null is later than every date-time
        else
            c = *x < *y ? -1 : (*y < *x ? 1 : 0);
        break;
    }
    }
    if (c != 0)
        return c < 0 ? -1 : 1;
    const auto& ia = a.meta.api_token_id;
    const auto& ib = b.meta.api_token_id;
    return ia < ib ? -1 : (ib < ia ? 1 : 0);
}

struct before_fn {
    token_sort_field field;
    bool desc;
    bool operator()(const token_record& a, const token_record& b) const noexcept {
        const int c = compare_keys(a, b, field);
        return desc ? c > 0 : c < 0;
    }
};

inline validation_error cursor_error(std::string_view param, const uuid& id, std::string_view workspace) {
    std::string message = "cursor does not match any token of workspace '";
    message.append(workspace);
    message.push_back('\'');
    const auto text = to_string(id);
    return make_value_error(make_loc({"query", std::string(param)}), message, boost::json::value(text));
}

} // namespace detail::listing

APIQUERY_DECL const eval::record_model& token_record_model() noexcept {
    static const eval::table_model m(detail::listing::token_fields_table);
    return m;
}

APIQUERY_DECL const eval::record_model& token_json_model() noexcept {
    static const eval::json_model m(true, detail::listing::token_json_schema);
    return m;
}

APIQUERY_DECL bool in_workspace_scope(const token_record& r, std::string_view workspace) noexcept {
    return !r.meta.all_workspaces && r.meta.workspaces.size() == 1 &&
           r.meta.workspaces.front().name == workspace;
}

APIQUERY_DECL bool listing_before(const token_record& a, const token_record& b, token_sort_field field,
                                  sort_order order) noexcept {
    const int c = detail::listing::compare_keys(a, b, field);
    return order == sort_order::desc ? c > 0 : c < 0;
}

APIQUERY_DECL result<paginated_result<token>, http_validation_error>
list_tokens(const tokens_request& request, std::span<const token_record> records,
            const listing_options& options) {
    http_validation_error error;

    // The filter (already validated by parse_tokens_request; checked again defensively).
    std::optional<compiled_filter> filter;
    if (request.filter && !request.filter->empty()) {
        auto prepared = prepare_filter("filter", *request.filter, *options.profile, token_record_model(),
                                       options.compile);
        if (!prepared) {
            error.detail.push_back(std::move(prepared).error());
            return unexpected{std::move(error)};
        }
        filter = std::move(*prepared);
    }
    const auto in_scope = [&](const token_record& r) {
        return in_workspace_scope(r, request.workspace_name);
    };

    // The cursor record (in scope; need not match the filter).
    const token_record* cursor = nullptr;
    const std::optional<uuid>& cursor_id = request.after ? request.after : request.before;
    if (cursor_id) {
        for (const auto& r : records) {
            if (r.meta.api_token_id == *cursor_id && in_scope(r)) {
                cursor = &r;
                break;
            }
        }
        if (!cursor) {
            error.detail.push_back(detail::listing::cursor_error(request.after ? "after" : "before",
                                                                 *cursor_id, request.workspace_name));
            return unexpected{std::move(error)};
        }
    }

    const detail::listing::before_fn before{request.field, request.order == sort_order::desc};
    const auto selection = select_page<token_record>(
        records, in_scope, filter ? &*filter : nullptr, cursor,
        request.after ? cursor_direction::after
                      : (request.before ? cursor_direction::before : cursor_direction::none),
        before, request.limit, request.page_number);
    paginated_result<token> page;
    page.total = selection.total;
    page.has_more = selection.has_more;
    page.data.reserve(selection.page.size());
    for (const token_record* r : selection.page)
        page.data.push_back(r->meta);
    return page;
}

APIQUERY_DECL tokens_response respond_tokens(std::string_view target, std::span<const token_record> records,
                                             const listing_options& options) {
    tokens_response out;
    auto request = parse_tokens_request(target);
    if (!request) {
        out.status = request.error().status;
        out.body = request.error().body();
        out.reason = request.error().reason;
        return out;
    }
    auto page = list_tokens(*request, records, options);
    if (!page) {
        out.status = 422;
        out.body = json_text(page.error());
        return out;
    }
    out.body = json_text(*page);
    return out;
}

APIQUERY_DECL result<std::vector<token_record>, std::string> parse_token_records(std::string_view json) {
    boost::system::error_code ec;
    const boost::json::value doc = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
    if (ec)
        return unexpected{std::string("not JSON: ") + ec.message()};
    if (!doc.is_array())
        return unexpected{std::string("expected a JSON array of token records")};
    std::vector<token_record> out;
    out.reserve(doc.get_array().size());
    std::size_t index = 0;
    for (const auto& element : doc.get_array()) {
        auto r = parse_model_value<token_record>(element);
        if (!r) {
            std::string message = "record " + std::to_string(index);
            if (!r.error().empty()) {
                const auto& e = r.error().front();
                message += " at ";
                message += json_text(to_json(e).as_object().at("loc"));
                message += ": " + e.msg;
            }
            return unexpected{std::move(message)};
        }
        out.push_back(std::move(*r));
        ++index;
    }
    return out;
}

APIQUERY_DECL std::string token_records_json(std::span<const token_record> records) {
    std::string out = "[";
    bool first = true;
    for (const auto& r : records) {
        out.append(first ? "\n" : ",\n");
        first = false;
        out.append(json_text(boost::json::value_from(r)));
    }
    out.append("\n]\n");
    return out;
}

} // namespace apiquery
