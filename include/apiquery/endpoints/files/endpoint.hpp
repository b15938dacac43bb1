// apiquery: List Files (`GET /api/v1/workspaces/{workspace_name}/files`) as an endpoint declaration for
// the generic code (request/endpoint.hpp): its name, route, request, validation and sample data. The
// endpoint's other declarations are the headers beside this one: profile, filter, request, model,
// record, listing, response, sample and service.
//
// Documentation: docs/files.md.
#pragma once

#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/request/endpoint.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery {

namespace detail {
/// The API SDK's walk: after_value = the last file's sort field (`created_at` or `name`, as the request's
/// `field` says), after_file_id = its file_id; page_number dropped.
inline constexpr std::array<cursor_param, 2> files_cursor{
    {{"after_value", "created_at", "field"}, {"after_file_id", "file_id"}}};
inline constexpr std::array<std::string_view, 1> files_cleared{"page_number"};
} // namespace detail

/// List Files, declared.
struct files_endpoint {
    static constexpr std::string_view name = "files";
    static constexpr const route_template& route = files_route;
    using request_type = files_request;

    /// The query and the endpoint's rules (validate_files_query); `path.values[0]` is the workspace.
    static result<files_request, http_validation_error> validate(route_match path,
                                                                 std::string_view raw_query) {
        return validate_files_query(std::move(path.values[0]), raw_query);
    }
    /// The normalised request (json_text(const files_request&)).
    static std::string json_text(const files_request& r) { return apiquery::json_text(r); }
    /// Sample file records as a data file (generate_sample_files, file_records_json).
    static std::string sample_json(std::size_t count, std::uint64_t seed) {
        return file_records_json(generate_sample_files(count, seed));
    }
    /// A 200 body as a strict client reads it (check_file_page).
    static std::vector<validation_error> check_page(std::string_view body) { return check_file_page(body); }
    /// Cursor pagination: after_value = the last file's `created_at` or `name` (per `field`),
    /// after_file_id = its `file_id`; `page_number` dropped.
    static constexpr cursor_pagination pagination{detail::files_cursor, detail::files_cleared};
};

static_assert(endpoint_declaration<files_endpoint>);

} // namespace apiquery
