// apiquery validate [--lines] TARGET: what the endpoint a request target reaches answers to it.
// Reference: docs/request.md, "apiquery validate".
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"

#include <apiquery/endpoints/all.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

#include <algorithm>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "apiquery validate [--lines] TARGET";
/// The usage part of the messages for a bad command line.
constexpr std::string_view usage_message =
    "usage: apiquery validate TARGET | apiquery validate --lines < FILE\n";

/// Validates one target against the endpoint its path reaches, prints one line, and returns its exit
/// status (exit_ok, exit_invalid or exit_not_routed).
int validate_one(std::string_view target, io& streams) {
    auto endpoint = route_target(builtin_endpoints, target);
    if (!endpoint) {
        streams.out << request_error{404, {}, {}}.body() << '\n';
        streams.err << "apiquery validate: not routed (404): " << endpoint.error().reason << '\n';
        return exit_not_routed;
    }
    const response_text r = endpoint->entry->validate_routed(std::move(endpoint->path), endpoint->query);
    streams.out << r.body << '\n';
    return r.status == 200 ? exit_ok : exit_invalid;
}

int run_validate(std::span<const std::string_view> args, io streams) {
    bool lines = false;
    std::optional<std::string_view> target;

    const auto unexpected = [](std::string_view a) {
        return "apiquery validate: unexpected argument '" + std::string(a) + "'\n" +
               std::string(usage_message);
    };
    command_line cl(usage_text(usage), unexpected);
    cl.flag("--lines", [&] { lines = true; });
    // TARGET: an argument that does not start with `-`, or `-`.
    cl.operands([&](std::string_view a, operand_place) {
        if (target || !(a.empty() || a.front() != '-' || a == "-"))
            throw usage_error{unexpected(a)};
        target = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (lines == target.has_value()) {
        streams.err << usage_message;
        return exit_usage;
    }
    if (!lines)
        return validate_one(*target, streams);
    int status = exit_ok;
    std::string line;
    while (std::getline(streams.in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        status = std::max(status, validate_one(line, streams)); // exit_ok < exit_invalid < exit_not_routed
    }
    streams.out.flush();
    return status;
}

const command_registrar registrar{
    {"validate", usage,
     "Validate a request target as FastAPI would (routed to the endpoint its path reaches): the "
     "normalised request (exit 0) or the "
     "422 body (exit 2); --lines reads one target per line of standard input",
     run_validate}};

} // namespace
} // namespace apiquery::cli
