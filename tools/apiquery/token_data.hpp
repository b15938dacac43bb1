// The token records `apiquery list`, `apiquery demo` and `apiquery sqlite-load` answer from: a data file
// given with --data, or the bundled sample (data/sample-tokens.json; see data_file.hpp).
#pragma once

#include "data_file.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

namespace apiquery::cli {

/// Loads the token records of `file` (or of the bundled sample when `file` is empty). On failure prints
/// `<command>: ...` to `err` and sets `status` (exit_io or exit_data).
inline std::optional<std::vector<token_record>>
load_token_data(std::string_view command, std::string_view file, std::ostream& err, int& status) {
    return load_data(
        command, file, "sample-tokens.json", [](std::string_view text) { return parse_token_records(text); },
        err, status);
}

} // namespace apiquery::cli
