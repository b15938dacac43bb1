// apiquery sqlite-load [--endpoint tokens|files] [--data FILE] OUT.db: writes the endpoint's records (its
// bundled sample by default) into a new SQLite database with its schema (docs/sql.md, docs/files.md), for
// `apiquery list --sqlite OUT.db TARGET`.
//   exit 0: prints `apiquery sqlite-load: N tokens written to OUT.db` (or `N files`);
//   exit 64: bad command line; 65/66: the data file is not such records / cannot be read;
//   exit 73 (EX_CANTCREAT): OUT.db exists already or cannot be created (message on standard error).
#include "command.hpp"
#include "command_line.hpp"
#include "endpoint_option.hpp"
#include "exit_codes.hpp"
#include "file_data.hpp"
#include "sqlite_files.hpp"
#include "sqlite_tokens.hpp"
#include "token_data.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "apiquery sqlite-load [--endpoint tokens|files] [--data FILE] OUT.db";

int run_sqlite_load(std::span<const std::string_view> args, io streams) {
    std::optional<std::string_view> out, data;

    const auto unexpected = [](std::string_view a) {
        return "apiquery sqlite-load: unexpected argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage), unexpected);
    const endpoint_entry* endpoint = nullptr;
    add_endpoint_option(cl, "sqlite-load", endpoint);
    // --data: once (a second one is unexpected).
    cl.option("--data", [&](std::string_view value, std::string_view argument) {
        if (data)
            throw usage_error{unexpected(argument)};
        data = value;
    });
    // OUT.db: an argument that is not empty and does not start with `-`.
    cl.operands([&](std::string_view a, operand_place) {
        if (out || a.empty() || a.front() == '-')
            throw usage_error{unexpected(a)};
        out = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (!out || (data && data->empty())) {
        streams.err << usage_text(usage);
        return exit_usage;
    }
    const bool files = endpoint->name == "files";
    if (!files && endpoint->name != "tokens") {
        streams.err << "apiquery sqlite-load: endpoint '" << endpoint->name << "' has no SQL table\n";
        return exit_usage;
    }
    int status = exit_ok;
    std::optional<std::vector<token_record>> tokens;
    std::optional<std::vector<file_record>> file_records;
    if (files)
        file_records = load_file_data("sqlite-load", data.value_or(std::string_view{}), streams.err, status);
    else
        tokens = load_token_data("sqlite-load", data.value_or(std::string_view{}), streams.err, status);
    if (!tokens && !file_records)
        return status;
    const std::string path(*out);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        streams.err << "apiquery sqlite-load: " << path << " exists already (choose a new file)\n";
        return exit_cantcreat;
    }
    try {
        detail::sqlite_db db(path);
        if (files)
            load_files_sqlite(db, *file_records);
        else
            load_tokens_sqlite(db, *tokens);
    } catch (const std::runtime_error& e) {
        streams.err << "apiquery sqlite-load: " << path << ": " << e.what() << "\n";
        std::filesystem::remove(path, ec);
        return exit_cantcreat;
    }
    if (files) {
        streams.out << "apiquery sqlite-load: " << file_records->size() << " files written to " << path
                    << "\n";
        return exit_ok;
    }
    const auto& records = tokens;
    streams.out << "apiquery sqlite-load: " << records->size() << " tokens written to " << path << "\n";
    return exit_ok;
}

const command_registrar registrar{
    {"sqlite-load", usage,
     "Write an endpoint's records (its bundled sample by default) into a new SQLite database, for "
     "apiquery list --sqlite",
     run_sqlite_load}};

} // namespace
} // namespace apiquery::cli
