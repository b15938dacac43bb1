// The token records `apiquery list` and `apiquery demo` answer from: a data file given with --data, or
// the bundled sample (data/sample-tokens.json), looked up in the build tree first, then where
// `cmake --install` puts it.
#pragma once

#include "exit_codes.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace apiquery::cli {

/// The bundled sample file, or nothing when neither location has it.
inline std::optional<std::filesystem::path> bundled_token_data() {
    for (const char* dir : {APIQUERY_BUILD_DATA_DIR, APIQUERY_INSTALL_DATA_DIR}) {
        std::filesystem::path p = std::filesystem::path(dir) / "sample-tokens.json";
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec))
            return p;
    }
    return std::nullopt;
}

/// Loads the records of `file` (or of the bundled sample when `file` is empty). On failure prints
/// `<command>: ...` to `err` and sets `status` (exit_io or exit_data).
inline std::optional<std::vector<token_record>>
load_token_data(std::string_view command, std::string_view file, std::ostream& err, int& status) {
    std::filesystem::path path;
    if (file.empty()) {
        auto bundled = bundled_token_data();
        if (!bundled) {
            err << "apiquery " << command << ": the bundled data/sample-tokens.json was not found (looked in "
                << APIQUERY_BUILD_DATA_DIR << " and " << APIQUERY_INSTALL_DATA_DIR << "); use --data FILE\n";
            status = exit_io;
            return std::nullopt;
        }
        path = *bundled;
    } else {
        path = std::filesystem::path(std::string(file));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << "apiquery " << command << ": cannot read " << path.string() << "\n";
        status = exit_io;
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto records = parse_token_records(text.str());
    if (!records) {
        err << "apiquery " << command << ": " << path.string() << ": " << records.error() << "\n";
        status = exit_data;
        return std::nullopt;
    }
    return std::move(*records);
}

} // namespace apiquery::cli
