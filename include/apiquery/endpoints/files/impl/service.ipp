// apiquery: implementation of service.hpp.
#pragma once

#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/request/query_string.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL served_endpoint serve_files(std::span<const file_record> records) {
    return {"files", &files_route, [records](std::string_view target) {
                files_response r = respond_files(target, records);
                return response_text{r.status, std::move(r.body)};
            }};
}

APIQUERY_DECL files_response respond_files_sql(std::string_view target, sql::dialect d,
                                               const sql::executor& run,
                                               const sql::files_sql_options& options) {
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
    auto page = sql::list_files_sql(*request, d, run, options);
    if (!page) {
        out.status = page.error().status;
        if (out.status == 422) {
            out.body = json_text(page.error().body);
        } else {
            out.body = "{\"detail\":\"Internal Server Error\"}";
            out.reason = page.error().message;
        }
        return out;
    }
    out.body = json_text(*page);
    return out;
}

APIQUERY_DECL served_endpoint serve_files_sql(sql::dialect d, sql::executor run,
                                              sql::files_sql_options options) {
    return {"files", &files_route, [d, run = std::move(run), options](std::string_view target) {
                files_response r = respond_files_sql(target, d, run, options);
                return response_text{r.status, std::move(r.body)};
            }};
}

APIQUERY_DECL std::optional<std::string> next_files_target(const files_request& request,
                                                           const file_page& page) {
    if (!page.has_more || page.data.empty())
        return std::nullopt;
    files_request next = request;
    next.page_number.reset();
    const file& last = page.data.back();
    next.after_value =
        request.field == files_sort_field::created_at ? format_pydantic_datetime(last.created_at) : last.name;
    next.after_file_id = last.file_id;
    auto target = to_target(next);
    if (!target)
        return std::nullopt;
    return std::move(*target);
}

} // namespace apiquery
