// apiquery: Get Workspace Tokens (`GET /api/v1/workspaces/{workspace_name}/token`) as an endpoint
// declaration for the generic code (request/endpoint.hpp): its name, route, request and validation.
// The endpoint's other declarations are the headers beside this one: profile, filter, request, model,
// record, masking, response, listing, sample and table.
#pragma once

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/validation_error.hpp>

#include <array>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery {

namespace detail {
/// The next page asks for the tokens after the last one (`after` = its api_token_id) and goes without
/// `before` and `page_number`.
inline constexpr std::array<cursor_param, 1> tokens_cursor{{{"after", "api_token_id"}}};
inline constexpr std::array<std::string_view, 2> tokens_cleared{"before", "page_number"};
} // namespace detail

/// Get Workspace Tokens, declared.
struct tokens_endpoint {
    static constexpr std::string_view name = "tokens";
    static constexpr const route_template& route = tokens_route;
    using request_type = tokens_request;

    /// The query and the endpoint's rules (validate_tokens_query); `path.values[0]` is the workspace.
    static result<tokens_request, http_validation_error> validate(route_match path,
                                                                  std::string_view raw_query) {
        return validate_tokens_query(std::move(path.values[0]), raw_query);
    }
    /// The normalised request (json_text(const tokens_request&)).
    static std::string json_text(const tokens_request& r) { return apiquery::json_text(r); }
    /// Sample token records as a data file (generate_sample_tokens, token_records_json).
    static std::string sample_json(std::size_t count, std::uint64_t seed) {
        return token_records_json(generate_sample_tokens(count, seed));
    }
    /// A 200 body checked as `apiquery check-response` does (check_token_page: the strict model, and
    /// masked_token revealing at most 8 characters).
    static std::vector<validation_error> check_page(std::string_view body) { return check_token_page(body); }
    /// Cursor pagination: `after` = the last token's api_token_id; `before` and `page_number` dropped.
    static constexpr cursor_pagination pagination{detail::tokens_cursor, detail::tokens_cleared};
};

static_assert(endpoint_declaration<tokens_endpoint>);

} // namespace apiquery
