// The file records `apiquery list` and `apiquery demo` answer for List Files: a data file given with
// --data, or the bundled sample (data/sample-files.json; see data_file.hpp).
#pragma once

#include "data_file.hpp"

#include <apiquery/endpoints/files/record.hpp>

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

namespace apiquery::cli {

/// Loads the file records of `file` (or of the bundled sample when `file` is empty). On failure prints
/// `<command>: ...` to `err` and sets `status` (exit_io or exit_data).
inline std::optional<std::vector<file_record>> load_file_data(std::string_view command, std::string_view file,
                                                              std::ostream& err, int& status) {
    return load_data(
        command, file, "sample-files.json", [](std::string_view text) { return parse_file_records(text); },
        err, status);
}

} // namespace apiquery::cli
