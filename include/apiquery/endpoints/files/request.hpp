// apiquery: the List Files request (`GET /api/v1/workspaces/{workspace_name}/files`): its declared
// parameters, validation with FastAPI-identical 422 bodies, and building its target.
//
// Documentation: docs/files.md.
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
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// The sort keys of a file listing (`field`).
enum class files_sort_field : std::uint8_t { created_at, name };

/// The wire text of a sort field: `created_at`, `name`.
constexpr std::string_view to_string(files_sort_field f) noexcept {
    return f == files_sort_field::created_at ? "created_at" : "name";
}

/// The declared parameters of List Files, as constexpr data, in declaration order (the order of errors
/// in a 422).
namespace files_params {
inline constexpr std::array<std::string_view, 2> field_values{"created_at", "name"};
inline constexpr std::array<std::string_view, 2> order_values{"ASC", "DESC"};

/// `workspace_name: str` (path)
inline constexpr param_spec workspace_name{
    .name = "workspace_name", .in = param_location::path, .type = param_type::string, .required = true};
/// `name: str | None = None`
inline constexpr param_spec name{.name = "name", .type = param_type::string, .nullable = true};
/// `content: str | None = None`
inline constexpr param_spec content{.name = "content", .type = param_type::string, .nullable = true};
/// `meta_key: str | None = None` (deprecated)
inline constexpr param_spec meta_key{.name = "meta_key", .type = param_type::string, .nullable = true};
/// `meta_value: str | None = None` (deprecated)
inline constexpr param_spec meta_value{.name = "meta_value", .type = param_type::string, .nullable = true};
/// `filter: str | None = None`
inline constexpr param_spec filter{.name = "filter", .type = param_type::string, .nullable = true};
/// `limit: Annotated[int, Query(le=100)] = 10`
inline constexpr param_spec limit{
    .name = "limit", .type = param_type::integer, .le = 100, .default_text = "10"};
/// `page_number: Annotated[int | None, Query(ge=1)] = None`
inline constexpr param_spec page_number{
    .name = "page_number", .type = param_type::integer, .nullable = true, .ge = 1};
/// `after_value: str | None = None`
inline constexpr param_spec after_value{.name = "after_value", .type = param_type::string, .nullable = true};
/// `after_file_id: UUID | None = None`
inline constexpr param_spec after_file_id{
    .name = "after_file_id", .type = param_type::uuid, .nullable = true};
/// `field: Literal['created_at', 'name'] = 'created_at'`
inline constexpr param_spec field{
    .name = "field", .type = param_type::literal, .literals = field_values, .default_text = "created_at"};
/// `order: Literal['ASC', 'DESC'] = 'ASC'`
inline constexpr param_spec order{
    .name = "order", .type = param_type::literal, .literals = order_values, .default_text = "ASC"};

/// The query parameters in declaration order (workspace_name, the path parameter, comes first).
inline constexpr std::array<const param_spec*, 11> query{&name,          &content, &meta_key,    &meta_value,
                                                         &filter,        &limit,   &page_number, &after_value,
                                                         &after_file_id, &field,   &order};
} // namespace files_params

/// The endpoint's path: `workspace_name` is its one parameter.
inline constexpr route_template files_route("/api/v1/workspaces/{workspace_name}/files");
static_assert(files_route.is_valid() && files_route.param_count() == 1 &&
              files_route.param_name(0) == files_params::workspace_name.name);

/// A validated List Files request: what the endpoint's handler receives, defaults filled.
///
/// @par Example
/// @code
/// auto r = apiquery::parse_request<apiquery::files_endpoint>(
///     "/api/v1/workspaces/production/files?limit=10&filter=category%20eq%20%27news%27");
/// // r->limit == 10, r->filter == "category eq 'news'", r->order == sort_order::asc
/// @endcode
struct files_request {
    std::string workspace_name;
    std::optional<std::string> name;        ///< substring of the file name (code points)
    std::optional<std::string> content;     ///< substring of the file's text
    std::optional<std::string> meta_key;    ///< deprecated: the metadata has this top-level key
    std::optional<std::string> meta_value;  ///< deprecated: with meta_key, its value is this JSON string
    std::optional<std::string> filter;      ///< OData $filter text as received ("" means no filter)
    big_int limit = 10;                     ///< at most 100; 0 and negatives are valid (empty pages)
    std::optional<big_int> page_number;     ///< >= 1
    std::optional<std::string> after_value; ///< keyset cursor: the sort field's value of the last file seen
    std::optional<uuid> after_file_id;      ///< keyset cursor: the last file's id (tie-breaker)
    files_sort_field field = files_sort_field::created_at;
    sort_order order = sort_order::asc;
    /// `after_value` read as pydantic's `datetime` when `field` is created_at (naive values as UTC).
    std::optional<timestamp> after_instant;

    friend bool operator==(const files_request&, const files_request&) = default;
};

/// Validates the query of a request whose route matched, as FastAPI and the endpoint would:
/// 1. Every query parameter in declaration order (name, content, meta_key, meta_value, filter, limit,
///    page_number, after_value, after_file_id, field, order), from the last field with its exact name;
///    absent means default. All failing parameters are reported together, pydantic 2.13's elements.
/// 2. Only when step 1 passed, the rules beyond parameter types, as `value_error` elements in the
///    declaration order of their loc:
///    - a non-empty `filter` that does not parse, is refused by the `files` profile or cannot be
///      evaluated over metadata: on `["query","filter"]`, ctx `{"error", "position"}`;
///    - `page_number` with `after_value` or `after_file_id`: on `["query","page_number"]`, "page_number
///      cannot be combined with after_value or after_file_id: clear page_number to use cursor-based
///      pagination"; otherwise `page_number` with a non-empty filter: same loc, "filter only works with
///      cursor-based pagination: leave page_number blank";
///    - `after_file_id` without `after_value`: on `["query","after_value"]`, "after_value and
///      after_file_id come together: after_value is missing"; with field created_at, an `after_value`
///      that pydantic's `datetime` refuses: same loc, "after_value must be a created_at date-time: "
///      followed by pydantic's message;
///    - `after_value` without `after_file_id`: on `["query","after_file_id"]`, "after_value and
///      after_file_id come together: after_file_id is missing".
APIQUERY_DECL result<files_request, http_validation_error> validate_files_query(std::string workspace_name,
                                                                                std::string_view raw_query);

/// The normalised request as one line of JSON, every parameter in declaration order:
/// `{"workspace_name":"production","name":null,"content":null,"meta_key":null,"meta_value":null,
/// "filter":null,"limit":10,"page_number":null,"after_value":null,"after_file_id":null,
/// "field":"created_at","order":"ASC"}`.
APIQUERY_DECL std::string json_text(const files_request& r);

/// Builds the request target a client sends for `r`: the path with the workspace name percent-encoded,
/// then the non-default parameters in declaration order, encoded as `urllib.parse.urlencode` does.
/// Validating the result gives `r` back. Fails when no target can carry `r` (an empty workspace name,
/// one containing `/`, text that is not UTF-8).
APIQUERY_DECL result<std::string, target_error> to_target(const files_request& r,
                                                          const target_options& options = {});

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/request.ipp>
#endif
