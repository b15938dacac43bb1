// apiquery list [--data FILE] TARGET: what the Get Workspace Tokens endpoint answers, on token records.
// Reference: docs/listing.md, "apiquery list".
#include "command.hpp"
#include "token_data.hpp"

#include <apiquery/listing.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr int exit_invalid = 2;    // the server answers 422; the body is printed
constexpr int exit_not_routed = 3; // the target does not reach the endpoint (404); the body is printed
constexpr std::string_view usage = "usage: apiquery list [--data FILE] TARGET\n";

int run_list(std::span<const std::string_view> args, io streams) {
    std::optional<std::string_view> target, data;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--data" && i + 1 < args.size() && !data) {
            data = args[++i];
        } else if (a.starts_with("--data=") && !data) {
            data = a.substr(7);
        } else if (!target && (a.empty() || a.front() != '-')) {
            target = a;
        } else {
            streams.err << "apiquery list: unexpected argument '" << a << "'\n" << usage;
            return exit_usage;
        }
    }
    if (!target || (data && data->empty())) {
        streams.err << usage;
        return exit_usage;
    }
    int status = exit_ok;
    const auto records = load_token_data("list", data.value_or(std::string_view{}), streams.err, status);
    if (!records)
        return status;
    const tokens_response r = respond_tokens(*target, *records);
    streams.out << r.body << '\n';
    if (r.status == 200)
        return exit_ok;
    if (r.status == 422)
        return exit_invalid;
    streams.err << "apiquery list: not routed (404): " << r.reason << '\n';
    return exit_not_routed;
}

const command_registrar registrar{
    {"list", "apiquery list [--data FILE] TARGET",
     "Answer a Get Workspace Tokens request target from token records (the "
     "bundled sample by default): the 200 body (exit 0) or the 422 body (exit 2)",
     run_list}};

} // namespace
} // namespace apiquery::cli
