// apiquery sqlite-load [--endpoint tokens|files] [--data FILE] OUT.db: writes the endpoint's records (its
// bundled sample by default) into a new SQLite database with its schema (docs/sql.md, docs/files.md), for
// `apiquery list --sqlite OUT.db TARGET` and `apiquery serve --sqlite OUT.db`. With `--postgres CONNINFO`
// instead of OUT.db: creates the endpoint's table in that PostgreSQL database and loads it, for
// `apiquery serve --postgres CONNINFO` (load each endpoint once to serve them all).
//   exit 0: prints `apiquery sqlite-load: N tokens written to OUT.db` (or `N files`, or `to PostgreSQL`);
//   exit 64: bad command line; 65/66: the data file is not such records (for files, also metadata the
//   table cannot store: NUL in a key or string, a number out of range) / cannot be read;
//   exit 73 (EX_CANTCREAT): OUT.db exists already or cannot be created, or the PostgreSQL table cannot
//   be created (it exists already) or loaded (message on standard error).
#include "command.hpp"
#include "command_line.hpp"
#include "endpoint_option.hpp"
#include "exit_codes.hpp"
#include "file_data.hpp"
#include "postgres_db.hpp"
#include "sqlite_files.hpp"
#include "sqlite_tokens.hpp"
#include "token_data.hpp"

#include <apiquery/value/json_text.hpp>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage =
    "apiquery sqlite-load [--endpoint tokens|files] [--data FILE] (OUT.db | --postgres CONNINFO)";

/// What breaks the files table's data contract (docs/files.md) in a metadata value, and where: NUL in a
/// key or a string (SQLite's json_each cuts a key there, PostgreSQL's jsonb refuses it), a number that is
/// not 0 and outside 1e-307..1e308 in magnitude. `path` holds the keys and indexes from the value down,
/// innermost first (built only for a problem: most data has none).
struct meta_problem {
    std::string what;
    boost::json::array path;
};

bool has_nul(boost::json::string_view t) {
    return t.find('\0') != boost::json::string_view::npos;
}

std::optional<meta_problem> meta_contract_problem(const boost::json::value& v);

std::optional<meta_problem> object_contract_problem(const boost::json::object& o) {
    for (const auto& kv : o) {
        if (has_nul(kv.key()))
            return meta_problem{"a key holds NUL", {kv.key()}};
        if (auto p = meta_contract_problem(kv.value())) {
            p->path.emplace_back(kv.key());
            return p;
        }
    }
    return std::nullopt;
}

std::optional<meta_problem> meta_contract_problem(const boost::json::value& v) {
    if (const auto* s = v.if_string())
        return has_nul(*s) ? std::optional<meta_problem>(meta_problem{"a string holds NUL", {}})
                           : std::nullopt;
    if (const auto* d = v.if_double()) {
        const double m = std::fabs(*d);
        if (m != 0 && !(m >= 1e-307 && m <= 1e308))
            return meta_problem{std::string("the number ").append(json_text(v)).append(" is out of range"),
                                {}};
        return std::nullopt;
    }
    if (const auto* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto p = meta_contract_problem((*a)[i])) {
                p->path.emplace_back(i);
                return p;
            }
    } else if (const auto* o = v.if_object()) {
        return object_contract_problem(*o);
    }
    return std::nullopt;
}

/// The first record whose metadata the files table cannot hold, as a message; empty when all can.
std::string files_contract_problem(std::span<const file_record> records) {
    for (std::size_t i = 0; i < records.size(); ++i)
        if (auto p = object_contract_problem(records[i].meta)) {
            p->path.emplace_back("meta");
            std::reverse(p->path.begin(), p->path.end());
            return std::string("record ")
                .append(std::to_string(i))
                .append(" at ")
                .append(json_text(boost::json::value(std::move(p->path))))
                .append(": ")
                .append(p->what)
                .append(", which the files table cannot store (docs/files.md, the data contract)");
        }
    return {};
}

/// Creates the endpoint's table in PostgreSQL (`schema`) and inserts `records` (`insert` of each) in one
/// transaction; `noun` names the records in the message.
template <class Record, class Insert>
int load_postgres(const std::string& conninfo, const std::string& schema, std::span<const Record> records,
                  Insert insert, std::string_view noun, io streams) {
#if APIQUERY_HAVE_LIBPQ
    try {
        postgres_db db(conninfo);
        db.exec("BEGIN");
        db.exec(schema);
        const sql::row_callback none = [](std::span<const sql::cell>) {};
        for (const auto& r : records)
            db.query(insert(sql::dialect::postgresql, r), none);
        db.exec("COMMIT");
    } catch (const std::runtime_error& e) {
        streams.err << "apiquery sqlite-load: " << e.what() << "\n";
        return exit_cantcreat;
    }
    streams.out << "apiquery sqlite-load: " << records.size() << " " << noun << " written to PostgreSQL\n";
    return exit_ok;
#else
    (void)conninfo;
    (void)schema;
    (void)records;
    (void)insert;
    (void)noun;
    streams.err << "apiquery sqlite-load: --postgres: this apiquery was built without libpq (install "
                   "libpq-dev and rebuild)\n";
    return exit_usage;
#endif
}

int run_sqlite_load(std::span<const std::string_view> args, io streams) {
    std::optional<std::string_view> out, data, postgres;

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
    // --postgres: once, instead of OUT.db.
    cl.option("--postgres", [&](std::string_view value, std::string_view argument) {
        if (postgres || value.empty())
            throw usage_error{unexpected(argument)};
        postgres = value;
    });
    // OUT.db: an argument that is not empty and does not start with `-`.
    cl.operands([&](std::string_view a, operand_place) {
        if (out || a.empty() || a.front() == '-')
            throw usage_error{unexpected(a)};
        out = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (!out == !postgres || (data && data->empty())) {
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
    if (file_records)
        if (const auto problem = files_contract_problem(*file_records); !problem.empty()) {
            streams.err << "apiquery sqlite-load: " << problem << "\n";
            return exit_data;
        }
    if (postgres) {
        const std::string conninfo(*postgres);
        if (files)
            return load_postgres<file_record>(
                conninfo, sql::files_schema_sql(sql::dialect::postgresql), *file_records,
                [](sql::dialect d, const file_record& r) { return sql::insert_file_statement(d, r); },
                "files", streams);
        return load_postgres<token_record>(
            conninfo, sql::tokens_schema_sql(sql::dialect::postgresql), *tokens,
            [](sql::dialect d, const token_record& r) { return sql::insert_token_statement(d, r); }, "tokens",
            streams);
    }
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
    if (files)
        streams.out << "apiquery sqlite-load: " << file_records->size() << " files written to " << path
                    << "\n";
    else
        streams.out << "apiquery sqlite-load: " << tokens->size() << " tokens written to " << path << "\n";
    return exit_ok;
}

const command_registrar registrar{
    {"sqlite-load", usage,
     "Write an endpoint's records (its bundled sample by default) into a new SQLite database, for "
     "apiquery list --sqlite and serve --sqlite, or into PostgreSQL (--postgres), for serve --postgres",
     run_sqlite_load}};

} // namespace
} // namespace apiquery::cli
