// `--endpoint NAME` for the commands that take no request target (sample-data, sqlite-load,
// check-response): which declared endpoint's data or responses they work on. A command given a target
// routes by its path instead (validate, list).
#pragma once

#include "command_line.hpp"

#include <apiquery/endpoints/all.hpp>

#include <string>
#include <string_view>

namespace apiquery::cli {

/// The names of the built-in endpoints, comma-separated, for messages.
inline std::string endpoint_names() {
    std::string out;
    for (const auto& e : builtin_endpoints) {
        if (!out.empty())
            out += ", ";
        out += e.name;
    }
    return out;
}

/// Declares `--endpoint NAME` (or `--endpoint=NAME`) on `cl`: NAME must be a built-in endpoint
/// (default: the first, tokens); otherwise "apiquery COMMAND: unknown endpoint 'NAME' (tokens)".
inline void add_endpoint_option(command_line& cl, std::string_view command, const endpoint_entry*& chosen) {
    chosen = &builtin_endpoints.front();
    cl.option("--endpoint", [command, &chosen](std::string_view value, std::string_view) {
        chosen = find_endpoint(builtin_endpoints, value);
        if (chosen == nullptr)
            throw usage_error{"apiquery " + std::string(command) + ": unknown endpoint '" +
                              std::string(value) + "' (" + endpoint_names() + ")\n"};
    });
}

} // namespace apiquery::cli
