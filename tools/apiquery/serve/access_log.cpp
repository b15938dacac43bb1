// apiquery serve: the access log (see access_log.hpp).
#include "access_log.hpp"

#include <apiquery/value/json_text.hpp>

#include <cstdio>
#include <ctime>
#include <mutex>

namespace apiquery::cli::serve {

std::string access_line(const access_entry& e) {
    using namespace std::chrono;
    const auto micros = duration_cast<microseconds>(e.time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[48];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(micros % 1000000));
    std::string out = "{\"time\":\"";
    out += stamp;
    out += "\",\"method\":";
    append_json_string(out, e.method);
    out += ",\"target\":";
    append_json_string(out, e.target);
    out += ",\"status\":";
    out += std::to_string(e.status);
    out += ",\"bytes\":";
    out += std::to_string(e.bytes);
    out += ",\"microseconds\":";
    out += std::to_string(e.microseconds);
    out += "}\n";
    return out;
}

void log_access(const access_entry& e) {
    static std::mutex mutex;
    const std::string line = access_line(e);
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace apiquery::cli::serve
