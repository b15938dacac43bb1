// apiquery sqlite-load [--data FILE] OUT.db: writes token records (the bundled sample by default) into a
// new SQLite database with the tokens schema of docs/sql.md, for `apiquery list --sqlite OUT.db TARGET`.
//   exit 0: prints `apiquery sqlite-load: N tokens written to OUT.db`;
//   exit 64: bad command line; 65/66: the data file is not token records / cannot be read;
//   exit 73 (EX_CANTCREAT): OUT.db exists already or cannot be created (message on standard error).
#include "command.hpp"
#include "command_line.hpp"
#include "endpoint_option.hpp"
#include "exit_codes.hpp"
#include "sqlite_tokens.hpp"
#include "token_data.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "apiquery sqlite-load [--endpoint tokens] [--data FILE] OUT.db";

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
    if (endpoint->name != "tokens") { // (the tokens table is the one SQL table of this program)
        streams.err << "apiquery sqlite-load: endpoint '" << endpoint->name << "' has no SQL table\n";
        return exit_usage;
    }
    int status = exit_ok;
    const auto records =
        load_token_data("sqlite-load", data.value_or(std::string_view{}), streams.err, status);
    if (!records)
        return status;
    const std::string path(*out);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        streams.err << "apiquery sqlite-load: " << path << " exists already (choose a new file)\n";
        return exit_cantcreat;
    }
    try {
        detail::sqlite_db db(path);
        load_tokens_sqlite(db, *records);
    } catch (const std::runtime_error& e) {
        streams.err << "apiquery sqlite-load: " << path << ": " << e.what() << "\n";
        std::filesystem::remove(path, ec);
        return exit_cantcreat;
    }
    streams.out << "apiquery sqlite-load: " << records->size() << " tokens written to " << path << "\n";
    return exit_ok;
}

const command_registrar registrar{
    {"sqlite-load", usage,
     "Write token records (the bundled sample by default) into a new SQLite database, for "
     "apiquery list --sqlite",
     run_sqlite_load}};

} // namespace
} // namespace apiquery::cli
