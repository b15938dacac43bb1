// apiquery: implementation of endpoint.hpp.
#pragma once

#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

namespace apiquery {

APIQUERY_DECL std::string request_error::body() const {
    if (status == 422)
        return json_text(validation);
    return "{\"detail\":\"Not Found\"}";
}

APIQUERY_DECL result<const endpoint_entry*, route_mismatch> route_to(std::span<const endpoint_entry> table,
                                                                     std::string_view raw_path) {
    constexpr std::string_view redirect = "Starlette would redirect";
    route_mismatch why{"no endpoint is declared"};
    for (std::size_t i = 0; i < table.size(); ++i) {
        auto m = match_route(*table[i].route, raw_path);
        if (m)
            return &table[i];
        if (i == 0 || (m.error().reason.starts_with(redirect) && !why.reason.starts_with(redirect)))
            why = std::move(m.error());
    }
    if (table.size() > 1 && !why.reason.starts_with(redirect) &&
        !why.reason.starts_with("the path has a byte"))
        why.reason = "the path does not match any endpoint";
    return unexpected{std::move(why)};
}

} // namespace apiquery
