// apiquery: implementation of listing.hpp.
#pragma once

#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/request/query_string.hpp>

#include <optional>
#include <utility>

namespace apiquery {

namespace detail::files_listing {

/// The position of `a` relative to `b` in ascending key order: <0, 0 (same key) or >0.
inline int compare_keys(const file_record& a, const file_record& b, files_sort_field field) noexcept {
    int c = 0;
    if (field == files_sort_field::created_at)
        c = a.created_at < b.created_at ? -1 : (b.created_at < a.created_at ? 1 : 0);
    else
        c = a.name.compare(b.name);
    if (c != 0)
        return c < 0 ? -1 : 1;
    return a.file_id < b.file_id ? -1 : (b.file_id < a.file_id ? 1 : 0);
}

inline bool contains(std::string_view text, const std::optional<std::string>& part) noexcept {
    return !part || text.find(*part) != std::string_view::npos;
}

} // namespace detail::files_listing

APIQUERY_DECL bool files_listing_before(const file_record& a, const file_record& b, files_sort_field field,
                                        sort_order order) noexcept {
    const int c = detail::files_listing::compare_keys(a, b, field);
    return order == sort_order::desc ? c > 0 : c < 0;
}

APIQUERY_DECL result<file_page, http_validation_error> list_files(const files_request& request,
                                                                  std::span<const file_record> records) {
    http_validation_error error;
    std::optional<json_filter> filter;
    if (request.filter && !request.filter->empty()) {
        auto prepared = prepare_files_filter(*request.filter);
        if (!prepared) {
            error.detail.push_back(make_value_error_at(
                make_loc({"query", "filter"}), prepared.error().message,
                boost::json::value(boost::json::string_view(request.filter->data(), request.filter->size())),
                prepared.error().position));
            return unexpected{std::move(error)};
        }
        filter = std::move(*prepared);
    }

    // The cursor: a probe record holding the key (it need not exist among the records).
    std::optional<file_record> probe;
    if (request.after_value && request.after_file_id) {
        probe.emplace();
        probe->file_id = *request.after_file_id;
        if (request.field == files_sort_field::created_at) {
            if (!request.after_instant) {
                error.detail.push_back(make_value_error(
                    make_loc({"query", "after_value"}), "after_value must be a created_at date-time",
                    boost::json::value(
                        boost::json::string_view(request.after_value->data(), request.after_value->size()))));
                return unexpected{std::move(error)};
            }
            probe->created_at = *request.after_instant;
        } else {
            probe->name = *request.after_value;
        }
    }

    const bool meta_value_applies = request.meta_key && request.meta_value;
    const auto in_scope = [&](const file_record& r) {
        if (r.workspace != request.workspace_name)
            return false;
        if (!detail::files_listing::contains(r.name, request.name) ||
            !detail::files_listing::contains(r.content, request.content))
            return false;
        if (request.meta_key) {
            const boost::json::value* v = r.meta.if_contains(
                boost::json::string_view(request.meta_key->data(), request.meta_key->size()));
            if (v == nullptr)
                return false;
            if (meta_value_applies) {
                const auto* s = v->if_string();
                if (s == nullptr || std::string_view(s->data(), s->size()) != *request.meta_value)
                    return false;
            }
        }
        return !filter || filter->matches(r.meta);
    };
    const auto before = [&](const file_record& a, const file_record& b) {
        return files_listing_before(a, b, request.field, request.order);
    };
    const auto selection = select_page<file_record>(records, in_scope, nullptr, probe ? &*probe : nullptr,
                                                    probe ? cursor_direction::after : cursor_direction::none,
                                                    before, request.limit, request.page_number);
    file_page page;
    page.total = selection.total;
    page.has_more = selection.has_more;
    page.data.reserve(selection.page.size());
    for (const file_record* r : selection.page)
        page.data.push_back(to_file(*r));
    return page;
}

APIQUERY_DECL files_response respond_files(std::string_view target, std::span<const file_record> records) {
    files_response out;
    const request_target t = split_request_target(target);
    auto m = match_route(files_route, t.path);
    if (!m) {
        out.status = 404;
        out.body = "{\"detail\":\"Not Found\"}";
        out.reason = std::move(m.error().reason);
        return out;
    }
    auto request = validate_files_query(std::move(m->values[0]), t.query);
    if (!request) {
        out.status = 422;
        out.body = json_text(request.error());
        return out;
    }
    auto page = list_files(*request, records);
    if (!page) {
        out.status = 422;
        out.body = json_text(page.error());
        return out;
    }
    out.body = json_text(*page);
    return out;
}

} // namespace apiquery
