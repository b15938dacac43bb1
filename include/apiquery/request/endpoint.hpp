// apiquery: what a list endpoint declares for the generic request code, and that code: a request
// target validated into the endpoint's typed request or the exact error response, and a table of
// endpoints that routes a target to the endpoint it reaches.
//
// An endpoint is a struct of declarations (endpoints/NAME/endpoint.hpp for the built-in ones):
//
//     struct orders_endpoint {
//         static constexpr std::string_view name = "orders";
//         static constexpr apiquery::route_template route{"/api/v1/shops/{shop}/orders"};
//         using request_type = orders_request;
//         // The query and the rules: the typed request, or the 422 body (query_reading does the work).
//         static apiquery::result<request_type, apiquery::http_validation_error>
//         validate(apiquery::route_match path, std::string_view raw_query);
//         // The normalised request, one line of JSON (what `apiquery validate` prints).
//         static std::string json_text(const request_type& r);
//         // Optional, for clients walking a listing (model/page_walk.hpp): the strict check of a 200
//         // body, and the cursor pagination (the page after a page asks for the records after its last).
//         static std::vector<apiquery::validation_error> check_page(std::string_view body);
//         static constexpr apiquery::cursor_pagination pagination{order_cursor, order_cleared};
//     };
//     auto r = apiquery::parse_request<orders_endpoint>("/api/v1/shops/s1/orders?limit=5");
//
// Documentation: docs/architecture.md ("Adding an endpoint"), docs/request.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery {

/// What the server sends instead of running the handler.
struct request_error {
    /// 422: validation failed (`validation` holds the body). 404: the target does not reach the endpoint
    /// (`reason` says why; the body FastAPI sends is `{"detail":"Not Found"}`).
    int status = 422;
    http_validation_error validation;
    std::string reason;

    /// The response body, byte-identical to FastAPI's.
    [[nodiscard]] APIQUERY_DECL std::string body() const;
};

/// The declarations the generic request code needs from an endpoint (see the example above).
template <class E>
concept endpoint_declaration = requires(route_match path, std::string_view query,
                                        const typename E::request_type& r) {
    { E::name } -> std::convertible_to<std::string_view>;
    { E::route } -> std::convertible_to<const route_template&>;
    {
        E::validate(std::move(path), query)
        } -> std::same_as<result<typename E::request_type, http_validation_error>>;
    { E::json_text(r) } -> std::same_as<std::string>;
};

/// The whole pipeline for a request target as sent on the wire (`/path?query`): split_request_target,
/// match_route against E::route (404 with a reason), then E::validate (422 with the body).
template <endpoint_declaration E>
result<typename E::request_type, request_error> parse_request(std::string_view target) {
    const request_target t = split_request_target(target);
    auto m = match_route(E::route, t.path);
    if (!m) {
        request_error err;
        err.status = 404;
        err.reason = std::move(m.error().reason);
        return unexpected{std::move(err)};
    }
    auto r = E::validate(std::move(*m), t.query);
    if (!r) {
        request_error err;
        err.status = 422;
        err.validation = std::move(r).error();
        return unexpected{std::move(err)};
    }
    return std::move(*r);
}

/// One query parameter of a cursor: the next page's request sets it to a field of the previous page's
/// last record. The field is `field`, or, when `field_param` is not empty, the field named by that
/// query parameter of the request (a sort field), `field` being its default.
struct cursor_param {
    std::string_view name;
    std::string_view field;
    std::string_view field_param = {};
};

/// How an endpoint pages by cursor, as a client follows it: the request of the page after a page is the
/// same request target, its query fields named in `cursor` or `cleared` removed wherever they are, the
/// cursor fields appended (`name=value`, the value percent-encoded as quote_plus does). A walk
/// continues while the page's `has_more` is true. Every parameter of `cursor` is always sent (all or
/// none: the first page sends none).
struct cursor_pagination {
    std::span<const cursor_param> cursor;
    /// Query parameters the following requests go without (another way of choosing a page).
    std::span<const std::string_view> cleared = {};
};

/// A response as status and body text.
struct response_text {
    int status = 200;
    std::string body;
};

/// One endpoint of a table, its type erased: for programs that serve or check several endpoints.
/// Immutable; its functions keep no state and may be called from several threads at once.
struct endpoint_entry {
    std::string_view name;
    const route_template* route = nullptr;
    /// Validates a target whose path matched `route`: 200 with the normalised request (E::json_text),
    /// or the error response (422 body).
    response_text (*validate_target)(std::string_view target) = nullptr;
    /// The same for a target already routed here: its matched path and its raw query.
    response_text (*validate_routed)(route_match path, std::string_view raw_query) = nullptr;
    /// `count` deterministic sample records from `seed`, as the endpoint's data file (a JSON array), when
    /// the endpoint declares `static std::string sample_json(std::size_t count, std::uint64_t seed)`;
    /// otherwise nullptr.
    std::string (*sample_json)(std::size_t count, std::uint64_t seed) = nullptr;
    /// The errors a strict client finds in a 200 body (empty: valid), when the endpoint declares
    /// `static std::vector<validation_error> check_page(std::string_view body)`; otherwise nullptr.
    std::vector<validation_error> (*check_page)(std::string_view body) = nullptr;
    /// The endpoint's cursor pagination, when it declares `static constexpr cursor_pagination
    /// pagination`; otherwise nullptr (a client cannot walk its listing).
    const cursor_pagination* pagination = nullptr;
};

namespace detail {
template <endpoint_declaration E>
response_text validate_routed_of(route_match path, std::string_view raw_query) {
    auto r = E::validate(std::move(path), raw_query);
    if (r)
        return {200, E::json_text(*r)};
    return {422, json_text(r.error())};
}
template <endpoint_declaration E>
response_text validate_target_of(std::string_view target) {
    auto r = parse_request<E>(target);
    if (r)
        return {200, E::json_text(*r)};
    return {r.error().status, r.error().body()};
}
} // namespace detail

/// The table entry of an endpoint.
template <endpoint_declaration E>
constexpr endpoint_entry entry_of() noexcept {
    endpoint_entry e{E::name, &E::route, &detail::validate_target_of<E>, &detail::validate_routed_of<E>};
    if constexpr (requires(std::size_t n, std::uint64_t s) {
                      { E::sample_json(n, s) } -> std::same_as<std::string>;
                  })
        e.sample_json = &E::sample_json;
    if constexpr (requires(std::string_view body) {
                      { E::check_page(body) } -> std::same_as<std::vector<validation_error>>;
                  })
        e.check_page = &E::check_page;
    if constexpr (requires {
                      { E::pagination } -> std::convertible_to<const cursor_pagination&>;
                  })
        e.pagination = &E::pagination;
    return e;
}

/// The entry a raw path reaches (the first whose route matches, as Starlette tries its routes in
/// order), or the 404's reason: with one entry, that entry's mismatch reason; with several, the
/// redirect reason when a route would redirect, else "the path does not match any endpoint".
APIQUERY_DECL result<const endpoint_entry*, route_mismatch> route_to(std::span<const endpoint_entry> table,
                                                                     std::string_view raw_path);

/// A target routed to an entry of a table: the entry, the matched path, the raw query.
struct routed_target {
    const endpoint_entry* entry = nullptr;
    route_match path;
    std::string_view query;
};

/// route_to for a whole target (split_request_target, then its path), keeping what the match found, so
/// that `entry->validate_routed(std::move(path), query)` validates without routing again.
APIQUERY_DECL result<routed_target, route_mismatch> route_target(std::span<const endpoint_entry> table,
                                                                 std::string_view target);

/// The entry with this name, or nullptr.
constexpr const endpoint_entry* find_endpoint(std::span<const endpoint_entry> table,
                                              std::string_view name) noexcept {
    for (const auto& e : table)
        if (e.name == name)
            return &e;
    return nullptr;
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/request/impl/endpoint.ipp>
#endif
