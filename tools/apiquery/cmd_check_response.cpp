// apiquery check-response [--endpoint tokens|files] [--no-mask-check] [--lines] [FILE | -]: checks a 200
// body of the endpoint (Get Workspace Tokens by default, or List Files) as a pydantic client would.
// Reference: docs/models.md, "apiquery check-response"; docs/files.md.
#include "command.hpp"
#include "command_line.hpp"
#include "endpoint_option.hpp"
#include "exit_codes.hpp"

#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/tokens/response.hpp>

#include <fstream>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage =
    "apiquery check-response [--endpoint tokens|files] [--no-mask-check] [--lines] [FILE | -]";

int run_check_response(std::span<const std::string_view> args, io streams) {
    check_options options;
    bool lines = false;
    std::optional<std::string_view> file;

    const auto unexpected = [](std::string_view a) {
        return "apiquery check-response: unexpected argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage), unexpected);
    const endpoint_entry* endpoint = nullptr;
    add_endpoint_option(cl, "check-response", endpoint);
    cl.flag("--no-mask-check", [&] { options.check_masking = false; });
    cl.flag("--lines", [&] { lines = true; });
    // FILE: an argument that does not start with `-`, or `-` (standard input); `-h` is the help.
    cl.operands([&](std::string_view a, operand_place) {
        if (a == "-h")
            command_line::help();
        if (file || !(a.empty() || a.front() != '-' || a == "-"))
            throw usage_error{unexpected(a)};
        file = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    // The endpoint's check (List Files has no masked field: --no-mask-check changes nothing there).
    const bool files = endpoint->name == "files";
    const auto check = [&](std::string_view body) {
        return files ? check_files_response_body(body) : check_response_body(body, options);
    };

    std::ifstream in_file;
    std::istream* in = &streams.in;
    if (file && *file != "-") {
        in_file.open(std::string(*file), std::ios::binary);
        if (!in_file) {
            streams.err << "apiquery check-response: cannot read '" << *file << "'\n";
            return exit_io;
        }
        in = &in_file;
    }

    if (lines) {
        int status = exit_ok;
        std::string line;
        while (std::getline(*in, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            const std::string report = check(line);
            if (report.empty()) {
                streams.out << "{\"detail\":[]}\n";
            } else {
                streams.out << report << '\n';
                status = exit_invalid;
            }
        }
        if (in->bad()) {
            streams.err << "apiquery check-response: read error\n";
            return exit_io;
        }
        return status;
    }

    std::ostringstream buffer;
    buffer << in->rdbuf();
    if (in->bad()) {
        streams.err << "apiquery check-response: read error\n";
        return exit_io;
    }
    const std::string body = std::move(buffer).str();
    const std::string report = check(body);
    if (report.empty())
        return exit_ok;
    streams.out << report << '\n';
    return exit_invalid;
}

const command_registrar registrar{
    {"check-response", usage,
     "Check a 200 body of the endpoint (tokens, or files) as a pydantic client would: nothing (exit 0) or "
     "{\"detail\":[...]} with every error (exit 2); --lines checks one body per line",
     run_check_response}};

} // namespace
} // namespace apiquery::cli
