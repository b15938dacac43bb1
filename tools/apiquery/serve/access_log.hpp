// apiquery serve --access-log: one JSON line per request on standard error,
//   {"time":"2026-12-06T18:40:00.123456Z","method":"GET","target":"/api/...","status":200,"bytes":1234,"microseconds":87}
// time: when the request was read (UTC); bytes: the response body's length; microseconds: from the
// request read to the response written. Strings are JSON-escaped (ill-formed UTF-8 as U+FFFD). Lines
// from several threads never interleave.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace apiquery::cli::serve {

struct access_entry {
    std::chrono::system_clock::time_point time;
    std::string_view method;
    std::string_view target;
    int status = 0;
    std::size_t bytes = 0;
    std::int64_t microseconds = 0;
};

/// The line of `e`, with its final newline.
std::string access_line(const access_entry& e);

/// Writes the line of `e` to standard error. Thread-safe.
void log_access(const access_entry& e);

} // namespace apiquery::cli::serve
