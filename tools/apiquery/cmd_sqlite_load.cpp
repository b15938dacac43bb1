// apiquery sqlite-load [--data FILE] OUT.db: writes token records (the bundled sample by default) into a
// new SQLite database with the tokens schema of docs/sql.md, for `apiquery list --sqlite OUT.db TARGET`.
//   exit 0: prints `apiquery sqlite-load: N tokens written to OUT.db`;
//   exit 64: bad command line; 65/66: the data file is not token records / cannot be read;
//   exit 73 (EX_CANTCREAT): OUT.db exists already or cannot be created (message on standard error).
#include "command.hpp"
#include "sqlite_tokens.hpp"
#include "token_data.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace apiquery::cli {
namespace {

constexpr int exit_cantcreat = 73;
constexpr std::string_view usage = "usage: apiquery sqlite-load [--data FILE] OUT.db\n";

int run_sqlite_load(std::span<const std::string_view> args, io streams) {
    std::optional<std::string_view> out, data;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--data" && i + 1 < args.size() && !data) {
            data = args[++i];
        } else if (a.starts_with("--data=") && !data) {
            data = a.substr(7);
        } else if (!out && !a.empty() && a.front() != '-') {
            out = a;
        } else {
            streams.err << "apiquery sqlite-load: unexpected argument '" << a << "'\n" << usage;
            return exit_usage;
        }
    }
    if (!out || (data && data->empty())) {
        streams.err << usage;
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
    {"sqlite-load", "apiquery sqlite-load [--data FILE] OUT.db",
     "Write token records (the bundled sample by default) into a new SQLite database, for "
     "apiquery list --sqlite",
     run_sqlite_load}};

} // namespace
} // namespace apiquery::cli
