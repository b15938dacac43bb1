// apiquery validate [--lines] TARGET: what the Get Workspace Tokens endpoint answers to a request target.
// Reference: docs/request.md, "apiquery validate".
#include "command.hpp"

#include <apiquery/tokens_request.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr int exit_invalid = 2;    // the server answers 422; the body is printed
constexpr int exit_not_routed = 3; // the target does not reach the endpoint (404); the body is printed

/// Validates one target, prints one line, and returns its exit status (0, 2 or 3).
int validate_one(std::string_view target, io& streams) {
    const auto r = parse_tokens_request(target);
    if (r) {
        streams.out << json_text(*r) << '\n';
        return exit_ok;
    }
    streams.out << r.error().body() << '\n';
    if (r.error().status == 422)
        return exit_invalid;
    streams.err << "apiquery validate: not routed (404): " << r.error().reason << '\n';
    return exit_not_routed;
}

int run_validate(std::span<const std::string_view> args, io streams) {
    bool lines = false;
    std::optional<std::string_view> target;
    for (std::string_view a : args) {
        if (a == "--lines")
            lines = true;
        else if (!target && (a.empty() || a.front() != '-' || a == "-"))
            target = a;
        else {
            streams.err << "apiquery validate: unexpected argument '" << a
                        << "'\nusage: apiquery validate TARGET | apiquery validate --lines < FILE\n";
            return exit_usage;
        }
    }
    if (lines == target.has_value()) {
        streams.err << "usage: apiquery validate TARGET | apiquery validate --lines < FILE\n";
        return exit_usage;
    }
    if (!lines)
        return validate_one(*target, streams);
    int status = exit_ok;
    std::string line;
    while (std::getline(streams.in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        status = std::max(status, validate_one(line, streams));
    }
    streams.out.flush();
    return status;
}

const command_registrar registrar{{"validate", "apiquery validate [--lines] TARGET",
                                   "Validate a Get Workspace Tokens request target as FastAPI would: the "
                                   "normalised request (exit 0) or the "
                                   "422 body (exit 2); --lines reads one target per line of standard input",
                                   run_validate}};

} // namespace
} // namespace apiquery::cli
