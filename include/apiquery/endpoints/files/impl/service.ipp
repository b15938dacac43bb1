// apiquery: implementation of service.hpp.
#pragma once

#include <apiquery/endpoints/files/service.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL served_endpoint serve_files(std::span<const file_record> records) {
    return {"files", &files_route, [records](std::string_view target) {
                files_response r = respond_files(target, records);
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
