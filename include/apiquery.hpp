// apiquery: the umbrella header. Includes every public header of the library.
//
// Prefer including the one header you need (each is documented on its own): this one pulls in the
// PEGTL-based parsers and Boost.JSON.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/result.hpp>

namespace apiquery {

/// True when the library's headers were compiled together consistently; used by the packaging tests.
inline bool packaging_smoke_check() noexcept {
    return APIQUERY_VERSION_MAJOR == 0;
}

} // namespace apiquery
