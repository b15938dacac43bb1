// apiquery: the `$filter` profile of List Files, the endpoint of the API's documented filter example
// (`category eq 'news' and published_date ge '2025-01-01'`; docs/profile.md).
#pragma once

#include <apiquery/profile/profile.hpp>

namespace apiquery::profiles {

/// List Files: operators `eq`, `ge`, `and`; free metadata fields, any path, typed by what they are
/// compared with. Limits: depth 8, 100 nodes.
inline constexpr profile_view files{
    "files",
    operator_set{filter_operator::eq, filter_operator::ge, filter_operator::and_},
    function_set{},
    false,
    false,
    true,
    {},
    profile_limits{8, 100},
};

static_assert(validate_profile(files).ok());

} // namespace apiquery::profiles
