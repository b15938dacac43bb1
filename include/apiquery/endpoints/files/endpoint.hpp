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
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/request/endpoint.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace apiquery {

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
};

static_assert(endpoint_declaration<files_endpoint>);

} // namespace apiquery
