// apiquery: the Get Workspace Tokens request (`GET /api/v1/workspaces/{workspace_name}/token`):
// its declared parameters, validation with FastAPI-identical 422 bodies, and building its target.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/param.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/request/sort_order.hpp>
#include <apiquery/request/target.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/big_int.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/uuid.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// The sort keys of a token listing (`field`).
enum class token_sort_field : std::uint8_t { name, role, created_at, expires_at };

/// The wire text of a sort field: `name`, `role`, `created_at`, `expires_at`.
constexpr std::string_view to_string(token_sort_field f) noexcept {
    constexpr std::string_view names[] = {"name", "role", "created_at", "expires_at"};
    return names[static_cast<std::size_t>(f)];
}

/// The declared parameters of Get Workspace Tokens, as constexpr data, in declaration order (which is
/// the order of errors in a 422).
namespace tokens_params {
inline constexpr std::array<std::string_view, 4> field_values{"name", "role", "created_at", "expires_at"};
inline constexpr std::array<std::string_view, 2> order_values{"ASC", "DESC"};

/// `workspace_name: str` (path)
inline constexpr param_spec workspace_name{
    .name = "workspace_name", .in = param_location::path, .type = param_type::string, .required = true};
/// `limit: Annotated[int, Query(le=100)] = 10`
inline constexpr param_spec limit{
    .name = "limit", .type = param_type::integer, .le = 100, .default_text = "10"};
/// `before: UUID | None = None`
inline constexpr param_spec before{.name = "before", .type = param_type::uuid, .nullable = true};
/// `after: UUID | None = None`
inline constexpr param_spec after{.name = "after", .type = param_type::uuid, .nullable = true};
/// `page_number: Annotated[int | None, Query(ge=1)] = None`
inline constexpr param_spec page_number{
    .name = "page_number", .type = param_type::integer, .nullable = true, .ge = 1};
/// `filter: str | None = None`
inline constexpr param_spec filter{.name = "filter", .type = param_type::string, .nullable = true};
/// `field: Literal['name', 'role', 'created_at', 'expires_at'] = 'created_at'`
inline constexpr param_spec field{
    .name = "field", .type = param_type::literal, .literals = field_values, .default_text = "created_at"};
/// `order: Literal['ASC', 'DESC'] = 'DESC'`
inline constexpr param_spec order{
    .name = "order", .type = param_type::literal, .literals = order_values, .default_text = "DESC"};

/// The query parameters in declaration order (workspace_name, the path parameter, comes first).
inline constexpr std::array<const param_spec*, 7> query{&limit,  &before, &after, &page_number,
                                                        &filter, &field,  &order};
} // namespace tokens_params

/// The endpoint's path: `workspace_name` is its one parameter.
inline constexpr route_template tokens_route("/api/v1/workspaces/{workspace_name}/token");
static_assert(tokens_route.is_valid() && tokens_route.param_count() == 1 &&
              tokens_route.param_name(0) == tokens_params::workspace_name.name);

/// A validated Get Workspace Tokens request: what the endpoint's handler receives, defaults filled.
///
/// @par Example
/// @code
/// auto r = apiquery::parse_tokens_request("/api/v1/workspaces/production/token?limit=5&order=ASC");
/// // r->limit == 5, r->order == sort_order::asc, r->field == token_sort_field::created_at
/// @endcode
struct tokens_request {
    std::string workspace_name;
    big_int limit = 10;                 ///< no minimum (0 and negatives are valid); exact at any size
    std::optional<uuid> before;         ///< cursor
    std::optional<uuid> after;          ///< cursor
    std::optional<big_int> page_number; ///< >= 1, exact at any size
    std::optional<std::string> filter;  ///< OData $filter text, as received ("" is kept, and means no filter)
    token_sort_field field = token_sort_field::created_at;
    sort_order order = sort_order::desc;

    friend bool operator==(const tokens_request&, const tokens_request&) = default;
};

/// Matches a raw request path against `/api/v1/workspaces/{workspace_name}/token` and returns the
/// decoded workspace name.
///
/// The ASGI server percent-decodes the path (`urllib.parse.unquote`, UTF-8 with replacement) and
/// Starlette matches it against `^/api/v1/workspaces/(?P<workspace_name>[^/]+)/token$` with Python's
/// `re.match`, whose `$` also matches before one final newline (so `.../token%0A` reaches the endpoint,
/// `.../token%0A%0A` and `.../token%0D` do not), and whose `[^/]+` takes newlines and `\r`.
/// Errors (status 404, with a reason): a path with bytes outside printable ASCII (the server cannot
/// decode it), an empty or `/`-containing workspace segment (`%2F` decodes to `/` before matching), any
/// other path. A path ending in `/` that matches without its trailing slashes would get a 307 redirect
/// from Starlette (redirect_slashes); it is reported as 404 with that reason.
APIQUERY_DECL result<std::string, request_error> match_tokens_route(std::string_view raw_path);

/// Validates the query of a request whose route matched, as FastAPI and the endpoint would:
/// 1. Every query parameter in declaration order (limit, before, after, page_number, filter, field,
///    order), from the last field with its exact name; absent means default (not validated). All
///    failing parameters are reported together, at most one error each, pydantic 2.13's elements.
/// 2. Only when step 1 passed (FastAPI answers 422 before the handler runs, so the rules below are
///    never seen together with type errors), the rules beyond parameter types, as `value_error`
///    elements in declaration order of their loc, at most one per parameter:
///    - `after` with `before`: on `["query","after"]`, "before and after cannot be combined: use one
///      cursor";
///    - `page_number` with `before` or `after`: on `["query","page_number"]`, "page_number cannot be
///      combined with before or after: clear page_number to use cursor-based pagination";
///      otherwise `page_number` with a non-empty `filter`: same loc, "filter only works with
///      cursor-based pagination: leave page_number blank";
///    - a non-empty `filter` refused by check_tokens_filter: on `["query","filter"]`, the problem's
///      message, ctx `{"error": message, "position": byte offset}`.
///    `input` is the parameter's raw text. An empty `filter` is no filter (Python's `if filter:`).
APIQUERY_DECL result<tokens_request, http_validation_error> validate_tokens_query(std::string workspace_name,
                                                                                  std::string_view raw_query);

/// The whole pipeline for a request target as sent on the wire (`/api/v1/workspaces/w/token?limit=5`):
/// split_request_target, match_tokens_route, validate_tokens_query.
APIQUERY_DECL result<tokens_request, request_error> parse_tokens_request(std::string_view target);

/// The normalised request as one line of JSON, every parameter in declaration order:
/// `{"workspace_name":"production","limit":10,"before":null,"after":null,"page_number":null,
/// "filter":null,"field":"created_at","order":"DESC"}` (UUIDs lower-case hyphenated, integers exact).
APIQUERY_DECL std::string json_text(const tokens_request& r);

/// Builds the request target a client sends for `r`: the path with the workspace name percent-encoded
/// (`urllib.parse.quote(name, safe="")`), then the non-default parameters in declaration order,
/// encoded as `urllib.parse.urlencode` does (quote_plus). Validating the result gives `r` back.
/// Fails (with a message) when no target can carry `r`: an empty workspace name, one containing `/`, or
/// text that is not UTF-8.
APIQUERY_DECL result<std::string, target_error> to_target(const tokens_request& r,
                                                          const target_options& options = {});

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/request.ipp>
#endif
