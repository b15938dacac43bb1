// apiquery list [--data FILE | --sqlite FILE] TARGET: what the endpoint the target reaches answers, on its
// records (Get Workspace Tokens: token records; List Files: file records). Reference: docs/listing.md,
// "apiquery list", docs/files.md; --sqlite (the `tokens` or `files` table of a SQLite database, see
// apiquery sqlite-load): docs/sql.md, docs/files.md.
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"
#include "file_data.hpp"
#include "sqlite_files.hpp"
#include "sqlite_tokens.hpp"
#include "token_data.hpp"

#include <apiquery/endpoints/all.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "apiquery list [--data FILE | --sqlite FILE] TARGET";

/// The answer from a SQLite database; nullopt (status set, message printed) when it cannot be read.
std::optional<tokens_response> respond_from_sqlite(std::string_view target, std::string_view file, bool files,
                                                   io streams, int& status) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(std::filesystem::path(std::string(file)), ec)) {
        streams.err << "apiquery list: cannot read " << file << '\n';
        status = exit_io;
        return std::nullopt;
    }
    try {
        detail::sqlite_db db{std::string(file), SQLITE_OPEN_READONLY};
        tokens_response r;
        if (files) {
            files_response f = respond_files_sqlite(target, db);
            r = tokens_response{f.status, std::move(f.body), std::move(f.reason)};
        } else {
            r = respond_tokens_sqlite(target, db);
        }
        if (r.status == 500) {
            streams.err << "apiquery list: " << file << ": " << r.reason << '\n';
            status = exit_data;
            return std::nullopt;
        }
        return r;
    } catch (const std::runtime_error& e) {
        streams.err << "apiquery list: " << file << ": " << e.what() << '\n';
        status = exit_data;
        return std::nullopt;
    }
}

int run_list(std::span<const std::string_view> args, io streams) {
    std::optional<std::string_view> target, data, sqlite;

    const auto unexpected = [](std::string_view a) {
        return "apiquery list: unexpected argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage), unexpected);
    // --data and --sqlite: once each (a second one is unexpected).
    const auto once = [&unexpected](std::optional<std::string_view>& file) {
        return [&unexpected, &file](std::string_view value, std::string_view argument) {
            if (file)
                throw usage_error{unexpected(argument)};
            file = value;
        };
    };
    cl.option("--data", once(data));
    cl.option("--sqlite", once(sqlite));
    // TARGET: an argument that does not start with `-`.
    cl.operands([&](std::string_view a, operand_place) {
        if (target || !(a.empty() || a.front() != '-'))
            throw usage_error{unexpected(a)};
        target = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (!target || (data && data->empty()) || (sqlite && (sqlite->empty() || data))) {
        streams.err << usage_text(usage);
        return exit_usage;
    }
    // Routing first, by the target's path, over the declared endpoints (a target that reaches none is the
    // server's 404 whatever the data); then the endpoint's own data source.
    const auto endpoint = route_to(builtin_endpoints, split_request_target(*target).path);
    if (!endpoint) {
        streams.out << request_error{404, {}, {}}.body() << '\n';
        streams.err << "apiquery list: not routed (404): " << endpoint.error().reason << '\n';
        return exit_not_routed;
    }
    int status = exit_ok;
    std::optional<tokens_response> answer;
    if ((*endpoint)->name == "files") {
        if (sqlite) {
            answer = respond_from_sqlite(*target, *sqlite, true, streams, status);
            if (!answer)
                return status;
        } else {
            const auto records =
                load_file_data("list", data.value_or(std::string_view{}), streams.err, status);
            if (!records)
                return status;
            files_response f = respond_files(*target, *records);
            answer = tokens_response{f.status, std::move(f.body), std::move(f.reason)};
        }
    } else if (sqlite) {
        answer = respond_from_sqlite(*target, *sqlite, false, streams, status);
    } else if (const auto records =
                   load_token_data("list", data.value_or(std::string_view{}), streams.err, status)) {
        answer = respond_tokens(*target, *records);
    }
    if (!answer)
        return status;
    const tokens_response& r = *answer;
    streams.out << r.body << '\n';
    if (r.status == 200)
        return exit_ok;
    if (r.status == 422)
        return exit_invalid;
    streams.err << "apiquery list: not routed (404): " << r.reason << '\n';
    return exit_not_routed;
}

const command_registrar registrar{
    {"list", usage,
     "Answer a request target (Get Workspace Tokens or List Files, routed by its path) from the "
     "endpoint's records (its bundled sample by default): the 200 body (exit 0) or the 422 body (exit 2)",
     run_list}};

} // namespace
} // namespace apiquery::cli
