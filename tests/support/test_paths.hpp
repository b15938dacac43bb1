// Paths the tests read data from, set by the build system.
#pragma once

#include <filesystem>
#include <string>

namespace apiquery::test {

/// The repository root.
inline std::filesystem::path source_dir() {
    return APIQUERY_SOURCE_DIR;
}

/// The shared/ folder beside the repository (reference material); may be absent.
inline std::filesystem::path shared_dir() {
    return APIQUERY_SHARED_DIR;
}

} // namespace apiquery::test
