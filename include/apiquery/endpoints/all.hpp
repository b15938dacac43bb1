// apiquery: the table of the built-in endpoints, for programs that serve or check all of them (the
// apiquery command-line program). A program with endpoints of its own makes its own table the same way.
#pragma once

#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/tokens/endpoint.hpp>
#include <apiquery/request/endpoint.hpp>

#include <array>

namespace apiquery {

/// The built-in endpoints, in routing order.
inline constexpr std::array<endpoint_entry, 2> builtin_endpoints{entry_of<tokens_endpoint>(),
                                                                 entry_of<files_endpoint>()};

} // namespace apiquery
