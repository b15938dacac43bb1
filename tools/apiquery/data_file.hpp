// The data files `apiquery list`, `apiquery demo` and `apiquery sqlite-load` answer from: a file given
// with --data, or the endpoint's bundled sample (data/sample-<endpoint>.json), looked up in the build
// tree first, then where `cmake --install` puts it.
#pragma once

#include "exit_codes.hpp"

#include <apiquery/value/result.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace apiquery::cli {

/// The bundled sample file `name` (e.g. `sample-tokens.json`), or nothing when neither location has it.
inline std::optional<std::filesystem::path> bundled_data(std::string_view name) {
    for (const char* dir : {APIQUERY_BUILD_DATA_DIR, APIQUERY_INSTALL_DATA_DIR}) {
        std::filesystem::path p = std::filesystem::path(dir) / std::string(name);
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec))
            return p;
    }
    return std::nullopt;
}

/// Loads the records of `file` (or of the bundled sample `bundled_name` when `file` is empty) with
/// `parse` (text -> result<std::vector<R>, std::string>). On failure prints `apiquery <command>: ...` to
/// `err` and sets `status` (exit_io or exit_data).
template <class Parse>
auto load_data(std::string_view command, std::string_view file, std::string_view bundled_name, Parse parse,
               std::ostream& err, int& status)
    -> std::optional<typename decltype(parse(std::string_view{}))::value_type> {
    std::filesystem::path path;
    if (file.empty()) {
        auto bundled = bundled_data(bundled_name);
        if (!bundled) {
            err << "apiquery " << command << ": the bundled data/" << bundled_name
                << " was not found (looked in " << APIQUERY_BUILD_DATA_DIR << " and "
                << APIQUERY_INSTALL_DATA_DIR << "); use --data FILE\n";
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
    auto records = parse(text.str());
    if (!records) {
        err << "apiquery " << command << ": " << path.string() << ": " << records.error() << "\n";
        status = exit_data;
        return std::nullopt;
    }
    return std::move(*records);
}

} // namespace apiquery::cli
