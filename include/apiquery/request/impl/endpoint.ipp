// apiquery: implementation of endpoint.hpp.
#pragma once

#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL std::string request_error::body() const {
    if (status == 422)
        return json_text(validation);
    return "{\"detail\":\"Not Found\"}";
}

namespace detail {
/// The first entry whose route matches the raw path, with the match, or the 404's reason (route_to).
inline result<std::pair<const endpoint_entry*, route_match>, route_mismatch>
route_path(std::span<const endpoint_entry> table, std::string_view raw_path) {
    constexpr std::string_view redirect = "Starlette would redirect";
    route_mismatch why{"no endpoint is declared"};
    for (std::size_t i = 0; i < table.size(); ++i) {
        auto m = match_route(*table[i].route, raw_path);
        if (m)
            return std::pair{&table[i], std::move(*m)};
        if (i == 0 || (m.error().reason.starts_with(redirect) && !why.reason.starts_with(redirect)))
            why = std::move(m.error());
    }
    if (table.size() > 1 && !why.reason.starts_with(redirect) &&
        !why.reason.starts_with("the path has a byte"))
        why.reason = "the path does not match any endpoint";
    return unexpected{std::move(why)};
}
} // namespace detail

APIQUERY_DECL result<routed_target, route_mismatch> route_target(std::span<const endpoint_entry> table,
                                                                 std::string_view target) {
    const request_target t = split_request_target(target);
    auto r = detail::route_path(table, t.path);
    if (!r)
        return unexpected{std::move(r.error())};
    return routed_target{r->first, std::move(r->second), t.query};
}

APIQUERY_DECL result<const endpoint_entry*, route_mismatch> route_to(std::span<const endpoint_entry> table,
                                                                     std::string_view raw_path) {
    auto r = detail::route_path(table, raw_path);
    if (!r)
        return unexpected{std::move(r.error())};
    return r->first;
}

} // namespace apiquery
