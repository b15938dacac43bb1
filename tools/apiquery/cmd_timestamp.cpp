// apiquery timestamp [--lines] [--] TEXT: what a pydantic v2 `datetime` field makes of TEXT.
//
// Output, one line per TEXT:
//   accepted: {"utc":"YYYY-MM-DDTHH:MM:SS.fffZ","offset_minutes":N}   (N is null for a naive datetime,
//             whose "utc" is then the wall-clock time read as UTC)
//   rejected: {"type":"<pydantic error type>","msg":"<pydantic message>"}
// Exit status: 0 when every TEXT is accepted, 2 when at least one is rejected, 64 for a bad command line.
// --lines: read the TEXTs from standard input, one per line (split at \n only; a \r stays in the text).
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"

#include <apiquery/value/json_text.hpp>
#include <apiquery/value/timestamp.hpp>

#include <istream>
#include <optional>
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

constexpr std::string_view usage = "apiquery timestamp [--lines] [--] TEXT";

int run(std::span<const std::string_view> args, io streams) {
    bool lines = false;
    std::optional<std::string_view> text;

    const auto unknown_option = [](std::string_view a) {
        return "apiquery timestamp: unknown option '" + std::string(a) +
               "' (use -- before a TEXT starting with --)\n";
    };
    command_line cl(usage_text(usage), unknown_option);
    cl.flag("--lines", [&] { lines = true; });
    // TEXT: an argument that does not start with `--` (other than `-h`, the help), and any after `--`.
    cl.operands([&](std::string_view a, operand_place place) {
        if (place == operand_place::end_of_options)
            return;
        if (place == operand_place::before_end_of_options) {
            if (a == "-h")
                command_line::help();
            if (a.starts_with("--"))
                throw usage_error{unknown_option(a)};
        }
        if (text)
            throw usage_error{"apiquery timestamp: more than one TEXT\n"};
        text = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (lines == text.has_value()) {
        streams.err << (lines
                            ? std::string("apiquery timestamp: --lines reads standard input; give no TEXT\n")
                            : usage_text(usage));
        return exit_usage;
    }
    std::string out;
    bool all_ok = true;
    if (text) {
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
    return all_ok ? exit_ok : exit_invalid;
}

const command_registrar registrar{command{"timestamp", usage,
                                          "Parse TEXT as a pydantic v2 datetime field does: prints "
                                          "{\"utc\",\"offset_minutes\"} or the pydantic error "
                                          "(exit 2).",
                                          &run}};

} // namespace
