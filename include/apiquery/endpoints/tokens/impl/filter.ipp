// apiquery: implementation of tokens_filter.hpp.
#pragma once

#include <apiquery/endpoints/tokens/filter.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL std::optional<filter_problem> check_tokens_filter(std::string_view filter) {
    auto ast = parse_filter(filter);
    if (!ast)
        return filter_problem{std::move(ast.error().message), ast.error().position};
    auto checked = check_filter(std::move(*ast), profiles::tokens);
    if (!checked)
        return filter_problem{std::move(checked.error().message), checked.error().span.begin};
    return std::nullopt;
}

} // namespace apiquery
