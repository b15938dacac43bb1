// apiquery validate [--lines] TARGET: what the endpoint a request target reaches answers to it.
// Reference: docs/request.md, "apiquery validate".
#include "command.hpp"

#include <apiquery/endpoints/all.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr int exit_invalid = 2;    // the server answers 422; the body is printed
constexpr int exit_not_routed = 3; // the target does not reach the endpoint (404); the body is printed

/// Validates one target against the endpoint its path reaches, prints one line, and returns its exit
/// status (0, 2 or 3).
int validate_one(std::string_view target, io& streams) {
    const auto endpoint = route_to(builtin_endpoints, split_request_target(target).path);
    if (!endpoint) {
        streams.out << request_error{404, {}, {}}.body() << '\n';
        streams.err << "apiquery validate: not routed (404): " << endpoint.error().reason << '\n';
        return exit_not_routed;
    }
    const response_text r = (*endpoint)->validate_target(target);
    streams.out << r.body << '\n';
    return r.status == 200 ? exit_ok : exit_invalid;
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

const command_registrar registrar{
    {"validate", "apiquery validate [--lines] TARGET",
     "Validate a request target as FastAPI would (routed to the endpoint its path reaches): the "
     "normalised request (exit 0) or the "
     "422 body (exit 2); --lines reads one target per line of standard input",
     run_validate}};

} // namespace
} // namespace apiquery::cli
