// apiquery timestamp [--lines] [--] TEXT: what a pydantic v2 `datetime` field makes of TEXT.
//
// Output, one line per TEXT:
//   accepted: {"utc":"YYYY-MM-DDTHH:MM:SS.fffZ","offset_minutes":N}   (N is null for a naive datetime,
//             whose "utc" is then the wall-clock time read as UTC)
//   rejected: {"type":"<pydantic error type>","msg":"<pydantic message>"}
// Exit status: 0 when every TEXT is accepted, 2 when at least one is rejected, 64 for a bad command line.
// --lines: read the TEXTs from standard input, one per line (split at \n only; a \r stays in the text).
#include "command.hpp"

#include <apiquery/value/json_text.hpp>
#include <apiquery/value/timestamp.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace {

using namespace apiquery::cli;

/// Appends the JSON line for one TEXT; returns whether it was accepted.
bool describe(std::string_view text, std::string& out) {
    const auto r = apiquery::parse_pydantic_datetime(text);
    if (r) {
        out += "{\"utc\":\"";
        char buf[apiquery::timestamp_max_chars];
        out.append(buf, apiquery::format_timestamp(*r, buf));
        out += "\",\"offset_minutes\":";
        if (r->is_naive())
            out += "null";
        else
            out += std::to_string(r->offset_minutes());
        out += "}\n";
        return true;
    }
    out += "{\"type\":";
    apiquery::append_json_string(out, r.error().type);
    out += ",\"msg\":";
    apiquery::append_json_string(out, r.error().msg());
    out += "}\n";
    return false;
}

int run(std::span<const std::string_view> args, io streams) {
    bool lines = false;
    bool options_done = false;
    const std::string_view* text = nullptr;
    for (const auto& a : args) {
        if (!options_done && a == "--lines") {
            lines = true;
        } else if (!options_done && a == "--") {
            options_done = true;
        } else if (!options_done && (a == "--help" || a == "-h")) {
            streams.out << "usage: apiquery timestamp [--lines] [--] TEXT\n";
            return exit_ok;
        } else if (!options_done && a.size() > 2 && a.substr(0, 2) == "--") {
            streams.err << "apiquery timestamp: unknown option '" << a
                        << "' (use -- before a TEXT starting with --)\n";
            return exit_usage;
        } else if (text == nullptr) {
            text = &a;
        } else {
            streams.err << "apiquery timestamp: more than one TEXT\n";
            return exit_usage;
        }
    }
    if (lines == (text != nullptr)) {
        streams.err << (lines ? "apiquery timestamp: --lines reads standard input; give no TEXT\n"
                              : "usage: apiquery timestamp [--lines] [--] TEXT\n");
        return exit_usage;
    }
    std::string out;
    bool all_ok = true;
    if (text != nullptr) {
        all_ok = describe(*text, out);
        streams.out << out;
    } else {
        std::string line;
        while (std::getline(streams.in, line)) {
            all_ok = describe(line, out) && all_ok;
            if (out.size() > 1 << 16) {
                streams.out << out;
                out.clear();
            }
        }
        streams.out << out;
    }
    streams.out.flush();
    return all_ok ? exit_ok : 2;
}

const command_registrar registrar{command{"timestamp", "apiquery timestamp [--lines] [--] TEXT",
                                          "Parse TEXT as a pydantic v2 datetime field does: prints "
                                          "{\"utc\",\"offset_minutes\"} or the pydantic error "
                                          "(exit 2).",
                                          &run}};

} // namespace
