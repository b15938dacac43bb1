// apiquery: the `$filter` profile of Get Workspace Tokens (`GET /api/v1/workspaces/{workspace_name}/token`):
// operators `eq`, `ge`, `and` over the token fields (docs/profile.md).
#pragma once

#include <apiquery/profile/profile.hpp>

#include <cstdint>
#include <string_view>

namespace apiquery {

namespace detail::tokens_profile {

inline constexpr std::string_view organization_roles[] = {"ADMIN", "MEMBER", "EXTERNAL"};

inline constexpr field_view fields[] = {
    {"name", value_type::string},
    {"role", value_type::string},
    {"organization_role", value_type::enum_, false, false, true, organization_roles},
    {"personal", value_type::boolean},
    {"expires", value_type::boolean},
    {"expires_at", value_type::datetimeoffset, false, true},
    {"created_at", value_type::datetimeoffset},
    {"api_token_id", value_type::guid},
    {"all_workspaces", value_type::boolean},
    {"user/given_name", value_type::string},
    {"user/family_name", value_type::string},
    {"masked_token", value_type::string, false, false, false}, // a secret: never filterable
};

} // namespace detail::tokens_profile

/// The indices of the `tokens` profile's fields (profiles::tokens.fields[i]), for evaluators that
/// switch on a bound field.
enum class token_field : std::uint32_t {
    name,
    role,
    organization_role,
    personal,
    expires,
    expires_at,
    created_at,
    api_token_id,
    all_workspaces,
    user_given_name,
    user_family_name,
    masked_token, ///< listed so that messages say "cannot be used in a filter"; not filterable
};

/// The field's path in the profile (`name`, `user/given_name`, ...).
constexpr std::string_view to_string(token_field f) noexcept {
    return detail::tokens_profile::fields[static_cast<std::size_t>(f)].path;
}

namespace profiles {

/// Get Workspace Tokens: operators `eq`, `ge`, `and`; no functions, lambdas or aliases; the token
/// fields (organization_role an enum ADMIN|MEMBER|EXTERNAL; expires_at a nullable datetimeoffset;
/// masked_token listed but not filterable). Limits: depth 8, 100 nodes.
inline constexpr profile_view tokens{
    "tokens",
    operator_set{filter_operator::eq, filter_operator::ge, filter_operator::and_},
    function_set{},
    false,
    false,
    false,
    detail::tokens_profile::fields,
    profile_limits{8, 100},
};

static_assert(validate_profile(tokens).ok());

} // namespace profiles

} // namespace apiquery
