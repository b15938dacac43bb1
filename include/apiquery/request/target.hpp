// apiquery: how an endpoint's `to_target` writes a request target a client sends, and why it cannot.
#pragma once

#include <string>

namespace apiquery {

/// How to_target writes a request.
struct target_options {
    bool include_defaults = false; ///< also write parameters whose value is the default
    bool space_as_plus = true;     ///< `+` for spaces (Python requests / urlencode); false: `%20`
};

/// Why to_target cannot build a target.
struct target_error {
    std::string message;
};

} // namespace apiquery
