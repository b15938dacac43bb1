// bench_files_sql: List Files pushed down to SQLite and PostgreSQL (endpoints/files/table.hpp), on a
// `files` table of 1,000,000 generated files, all in one workspace (so a listing walks all of them).
// What serve runs: the statements come from sql::list_files_sql (captured once per benchmark), run
// through the executors `apiquery serve` uses (sqlite_db::executor, the CLI's libpq connection), and
// every row is decoded with decode_file_row.
// - BM_CursorPage/<db>/<order>/<filter>/<depth>: the page of 10 after the keyset cursor (after_value,
//   after_file_id) of the file at position <depth> of the order (0: the first page, no cursor),
//   created_at ASC or DESC; filter 0: none, 1: the API's documented example
//   `category eq 'news' and published_date ge '2025-01-01'`, 2: `category eq 'news'` alone. In the
//   generated data a file's published_date is within a year before its created_at, so the documented
//   example matches only files created in 2025 (the second half of the order), while `news` is spread
//   evenly over it: a filtered keyset page costs the rows walked until 11 match.
// - BM_OffsetPage/<db>/<order>/<depth>: the page of 10 after <depth> files by page_number (LIMIT/OFFSET:
//   the offset rows are walked and dropped); no filter (the endpoint refuses page_number with a filter).
// - BM_Respond/<db>/<filter>/<depth>: respond_files_sql, the whole answer of serve for a cursor page:
//   validation, `SELECT COUNT(*)` (the response's `total`), the page and the JSON body.
// Depths: 0, 1,000, 100,000, 500,000 and 999,000 files. Times are wall-clock (UseRealTime): the
// PostgreSQL server's work is in another process. The plans of the cursor pages at 999,000 (ASC) are
// printed on stderr.
//
// SQLite: the database is built once in the temporary folder (APIQUERY_BENCH_FILES_DB overrides the
// path) and reused by later runs. PostgreSQL: APIQUERY_BENCH_POSTGRES is a libpq conninfo of a server
// where the bench may create and drop the table `files` (the table is loaded at every run, with COPY);
// unset, the PostgreSQL benchmarks are skipped with that reason. bench/files_sql.sh starts a throw-away
// server and runs this program on it. docs/files.md quotes the numbers.
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/sql/cell.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/value/timestamp.hpp>

#if APIQUERY_HAVE_LIBPQ
#include "postgres_db.hpp" // tools/apiquery: the connection `apiquery serve --postgres` uses
#include <libpq-fe.h>
#endif

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace sql = apiquery::sql;
using apiquery::detail::sqlite_db;
using apiquery::sql::read_cell;

constexpr std::int64_t rows = 1000000;
constexpr std::int64_t chunk = 50000;
constexpr std::int64_t page_size = 10;
constexpr std::array<std::int64_t, 5> depths{0, 1000, 100000, 500000, 999000};
/// The filters of the benchmarks' `filter` argument (percent-encoded): none, the documented example
/// (`category eq 'news' and published_date ge '2025-01-01'`), `category eq 'news'`.
constexpr std::array<std::string_view, 3> filters{
    "", "category%20eq%20%27news%27%20and%20published_date%20ge%20%272025-01-01%27",
    "category%20eq%20%27news%27"};
constexpr std::array<std::string_view, 3> filter_names{"", " filtered (documented example)",
                                                       " filtered (category eq 'news')"};

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// The records of chunk `k` (50,000 files of generate_sample_files), moved into the one workspace
/// `production` (the generator keeps the tables' data contract: no NUL in a key or string).
std::vector<apiquery::file_record> chunk_records(std::int64_t k) {
    auto records = apiquery::generate_sample_files(static_cast<std::size_t>(chunk),
                                                   7000 + static_cast<std::uint64_t>(k));
    for (auto& r : records)
        r.workspace = "production";
    return records;
}

/// The CREATE TABLE statement and the CREATE INDEX statements of files_schema_sql, apart (the indexes
/// are built after the rows, which is faster).
std::pair<std::string, std::vector<std::string>> schema(sql::dialect d) {
    std::istringstream lines(sql::files_schema_sql(d));
    std::string table, line;
    std::vector<std::string> indexes;
    std::getline(lines, table);
    while (std::getline(lines, line))
        if (!line.empty())
            indexes.push_back(line);
    return {table, indexes};
}

// --- SQLite ---------------------------------------------------------------------------------------------

std::string sqlite_path() {
    if (const char* p = std::getenv("APIQUERY_BENCH_FILES_DB"); p && *p)
        return p;
    return (std::filesystem::temp_directory_path() / "apiquery-bench-files-1000000.db").string();
}

std::int64_t sqlite_count(sqlite_db& db) {
    try {
        const auto r = db.rows({"SELECT COUNT(*) FROM files", {}});
        return std::get<std::int64_t>(r.at(0).at(0));
    } catch (const std::exception&) {
        return -1;
    }
}

sqlite_db& sqlite() {
    static sqlite_db db = [] {
        const auto path = sqlite_path();
        {
            sqlite_db existing(path);
            if (sqlite_count(existing) == rows)
                return existing;
        }
        std::filesystem::remove(path);
        sqlite_db fresh(path);
        const auto start = std::chrono::steady_clock::now();
        const auto [table, indexes] = schema(sql::dialect::sqlite);
        fresh.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        fresh.exec(table);
        fresh.exec("BEGIN");
        std::optional<apiquery::detail::sqlite_stmt> insert;
        for (std::int64_t k = 0; k < rows / chunk; ++k) {
            for (const auto& r : chunk_records(k)) {
                const auto s = sql::insert_file_statement(sql::dialect::sqlite, r);
                if (!insert)
                    insert.emplace(fresh.prepare(s.text));
                insert->bind(s.params);
                insert->step();
            }
        }
        insert.reset();
        fresh.exec("COMMIT");
        const double loaded = seconds_since(start);
        for (const auto& i : indexes)
            fresh.exec(i);
        fresh.exec("ANALYZE");
        std::cerr << "bench_files_sql: SQLite " << path << ": " << rows << " files inserted in " << loaded
                  << " s (one transaction, one prepared INSERT), indexes and ANALYZE: total "
                  << seconds_since(start) << " s\n";
        return fresh;
    }();
    return db;
}

// --- PostgreSQL -----------------------------------------------------------------------------------------

#if APIQUERY_HAVE_LIBPQ
/// One field of COPY's text format: \N for NULL, else the text with backslash, tab, newline and
/// carriage return escaped.
void append_copy_field(std::string& out, const sql::value& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) {
        out += "\\N";
    } else if (const auto* b = std::get_if<bool>(&v)) {
        out += *b ? "t" : "f";
    } else if (const auto* k = std::get_if<std::int64_t>(&v)) {
        out += std::to_string(*k);
    } else if (const auto* d = std::get_if<double>(&v)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        out += buf;
    } else {
        for (char c : std::get<std::string>(v)) {
            switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out.push_back(c);
            }
        }
    }
}

void pg_exec(PGconn* c, const std::string& text) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c, text.c_str()), &PQclear);
    const auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_COPY_IN)
        throw std::runtime_error("postgres: " + std::string(PQresultErrorMessage(r.get())) + "in: " + text);
}

/// Drops and loads the table: the values of insert_file_statement (the library's bound values, so the
/// same text as serve's inserts would store) sent with COPY in one transaction, then the indexes and
/// ANALYZE.
void pg_load(const std::string& conninfo) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error("postgres: cannot connect: " + std::string(PQerrorMessage(conn.get())));
    PGconn* c = conn.get();
    const auto start = std::chrono::steady_clock::now();
    const auto [table, indexes] = schema(sql::dialect::postgresql);
    pg_exec(c, "SET client_min_messages = warning");
    pg_exec(c, "DROP TABLE IF EXISTS files");
    pg_exec(c, "BEGIN");
    pg_exec(c, table);
    std::string columns;
    for (const auto& col : sql::files_table_columns()) {
        if (!columns.empty())
            columns += ", ";
        columns += col.name;
    }
    pg_exec(c, "COPY files (" + columns + ") FROM STDIN");
    std::string buffer;
    for (std::int64_t k = 0; k < rows / chunk; ++k) {
        for (const auto& r : chunk_records(k)) {
            const auto s = sql::insert_file_statement(sql::dialect::postgresql, r);
            for (std::size_t i = 0; i < s.params.size(); ++i) {
                if (i > 0)
                    buffer.push_back('\t');
                append_copy_field(buffer, s.params[i]);
            }
            buffer.push_back('\n');
            if (buffer.size() > (1u << 20)) {
                if (PQputCopyData(c, buffer.data(), static_cast<int>(buffer.size())) != 1)
                    throw std::runtime_error("postgres: COPY: " + std::string(PQerrorMessage(c)));
                buffer.clear();
            }
        }
    }
    if (!buffer.empty() && PQputCopyData(c, buffer.data(), static_cast<int>(buffer.size())) != 1)
        throw std::runtime_error("postgres: COPY: " + std::string(PQerrorMessage(c)));
    if (PQputCopyEnd(c, nullptr) != 1)
        throw std::runtime_error("postgres: COPY: " + std::string(PQerrorMessage(c)));
    {
        std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQgetResult(c), &PQclear);
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throw std::runtime_error("postgres: COPY: " + std::string(PQresultErrorMessage(r.get())));
        while (PGresult* more = PQgetResult(c))
            PQclear(more);
    }
    pg_exec(c, "COMMIT");
    const double loaded = seconds_since(start);
    pg_exec(c, "SET maintenance_work_mem = '256MB'");
    for (const auto& i : indexes)
        pg_exec(c, i);
    pg_exec(c, "VACUUM ANALYZE files");
    std::cerr << "bench_files_sql: PostgreSQL: " << rows << " files copied in " << loaded
              << " s (one transaction, COPY), indexes and VACUUM ANALYZE: total " << seconds_since(start)
              << " s\n";
}

apiquery::cli::postgres_db* postgres() {
    static std::unique_ptr<apiquery::cli::postgres_db> db =
        []() -> std::unique_ptr<apiquery::cli::postgres_db> {
        const char* conninfo = std::getenv("APIQUERY_BENCH_POSTGRES");
        if (conninfo == nullptr || *conninfo == '\0')
            return nullptr;
        pg_load(conninfo);
        return std::make_unique<apiquery::cli::postgres_db>(conninfo);
    }();
    return db.get();
}
#endif

// --- The listings -----------------------------------------------------------------------------------------

/// The executor of a database (as serve's), or nullptr with the reason in `why`.
std::optional<sql::executor> executor_of(sql::dialect d, std::string& why) {
    if (d == sql::dialect::sqlite)
        return sqlite().executor();
#if APIQUERY_HAVE_LIBPQ
    if (auto* pg = postgres())
        return pg->executor();
    why = "PostgreSQL: APIQUERY_BENCH_POSTGRES is not set (a libpq conninfo; bench/files_sql.sh starts a "
          "throw-away server and sets it)";
#else
    why = "PostgreSQL: built without libpq (install libpq-dev)";
#endif
    return std::nullopt;
}

/// The cursor of the page after `depth` files in created_at order: after_value (the instant, written in
/// UTC with microseconds) and after_file_id of the file at position depth - 1.
std::pair<std::string, std::string> cursor_at(const sql::executor& run, sql::dialect d, std::int64_t depth,
                                              bool descending) {
    const char* dir = descending ? "DESC" : "ASC";
    std::string text =
        "SELECT " +
        std::string(d == sql::dialect::postgresql ? "(extract(epoch from created_at) * 1000000)::bigint"
                                                  : "created_at") +
        ", file_id FROM files WHERE workspace = 'production' ORDER BY created_at ";
    text += dir;
    text += ", file_id ";
    text += dir;
    text += " LIMIT 1 OFFSET " + std::to_string(depth - 1);
    std::int64_t micros = 0;
    std::string id;
    run({text, {}}, [&](std::span<const sql::cell> row) {
        read_cell(row[0], micros);
        read_cell(row[1], id);
    });
    if (id.empty())
        throw std::runtime_error("no file at depth " + std::to_string(depth));
    return {apiquery::format_timestamp(apiquery::timestamp::from_unix_micros(micros)), id};
}

/// The query of a page: 10 files, created_at in the order, the cursor after `depth` files or the page
/// number `depth / 10 + 1`, filters[filter].
std::string page_query(const sql::executor& run, sql::dialect d, std::int64_t depth, bool descending,
                       std::int64_t filter, bool by_page_number) {
    std::string q = "limit=" + std::to_string(page_size);
    if (descending)
        q += "&order=DESC";
    if (filter != 0) {
        q += "&filter=";
        q += filters.at(static_cast<std::size_t>(filter));
    }
    if (depth > 0) {
        if (by_page_number) {
            q += "&page_number=" + std::to_string(depth / page_size + 1);
        } else {
            const auto [value, id] = cursor_at(run, d, depth, descending);
            q += "&after_value=" + value + "&after_file_id=" + id;
        }
    }
    return q;
}

/// The statements list_files_sql runs for `query`: the count, then the page.
std::vector<sql::statement> captured_statements(const std::string& query, sql::dialect d) {
    auto request = apiquery::validate_files_query("production", query);
    if (!request)
        throw std::runtime_error("refused: " + query);
    std::vector<sql::statement> seen;
    const sql::executor record = [&](const sql::statement& s, const sql::row_callback&) {
        seen.push_back(s);
    };
    if (!sql::list_files_sql(*request, d, record) || seen.size() != 2)
        throw std::runtime_error("list_files_sql gave no page statement for " + query);
    return seen;
}

sql::statement captured_page_statement(const std::string& query, sql::dialect d) {
    return captured_statements(query, d).at(1);
}

/// Runs a page statement and decodes its rows as list_files_sql does; returns the number of files.
std::size_t run_page(const sql::executor& run, const sql::statement& s) {
    std::size_t n = 0;
    run(s, [&](std::span<const sql::cell> row) {
        auto r = sql::decode_file_row(row);
        if (!r)
            throw std::runtime_error(r.error());
        benchmark::DoNotOptimize(r->meta.size());
        ++n;
    });
    return n;
}

/// Prints the plan of a statement once per name (Google Benchmark calls a benchmark several times).
void explain_once(const sql::executor& run, sql::dialect d, const std::string& name,
                  const sql::statement& s) {
    static std::set<std::string> done;
    if (!done.insert(name).second)
        return;
    std::string plan;
    const std::string prefix = d == sql::dialect::sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (COSTS OFF) ";
    run({prefix + s.text, s.params}, [&](std::span<const sql::cell> row) {
        std::string line;
        read_cell(row[d == sql::dialect::sqlite ? 3 : 0], line);
        plan += "    " + line + "\n";
    });
    std::cerr << "bench_files_sql: plan of " << name << ":\n" << plan;
}

sql::dialect dialect_of(std::int64_t k) {
    return k == 0 ? sql::dialect::sqlite : sql::dialect::postgresql;
}

void BM_CursorPage(benchmark::State& state) {
    const auto d = dialect_of(state.range(0));
    const bool descending = state.range(1) != 0;
    const auto filter = state.range(2);
    const auto depth = state.range(3);
    std::string why;
    const auto run = executor_of(d, why);
    if (!run) {
        state.SkipWithError(why.c_str());
        return;
    }
    const auto page = captured_page_statement(page_query(*run, d, depth, descending, filter, false), d);
    if (depth == 999000 && !descending)
        explain_once(*run, d,
                     std::string(d == sql::dialect::sqlite ? "SQLite" : "PostgreSQL") +
                         std::string(filter_names.at(static_cast<std::size_t>(filter))) +
                         " cursor page at 999000",
                     page);
    std::size_t n = 0;
    for (auto _ : state) {
        n = run_page(*run, page);
        benchmark::DoNotOptimize(n);
    }
    state.counters["rows"] = static_cast<double>(n);
}

void BM_OffsetPage(benchmark::State& state) {
    const auto d = dialect_of(state.range(0));
    const bool descending = state.range(1) != 0;
    const auto depth = state.range(2);
    std::string why;
    const auto run = executor_of(d, why);
    if (!run) {
        state.SkipWithError(why.c_str());
        return;
    }
    const auto page = captured_page_statement(page_query(*run, d, depth, descending, 0, true), d);
    std::size_t n = 0;
    for (auto _ : state) {
        n = run_page(*run, page);
        benchmark::DoNotOptimize(n);
    }
    state.counters["rows"] = static_cast<double>(n);
}

void BM_Respond(benchmark::State& state) {
    const auto d = dialect_of(state.range(0));
    const auto filter = state.range(1);
    const auto depth = state.range(2);
    std::string why;
    const auto run = executor_of(d, why);
    if (!run) {
        state.SkipWithError(why.c_str());
        return;
    }
    const auto query = page_query(*run, d, depth, false, filter, false);
    const std::string target = "/api/v1/workspaces/production/files?" + query;
    if (filter != 0 && depth == 0)
        explain_once(*run, d,
                     std::string(d == sql::dialect::sqlite ? "SQLite" : "PostgreSQL") +
                         std::string(filter_names.at(static_cast<std::size_t>(filter))) + " count",
                     captured_statements(query, d).at(0));
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto r = apiquery::respond_files_sql(target, d, *run);
        if (r.status != 200) {
            state.SkipWithError("not 200");
            break;
        }
        bytes = r.body.size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["body_bytes"] = static_cast<double>(bytes);
}

void cursor_args(benchmark::internal::Benchmark* b) {
    b->ArgNames({"db", "desc", "filter", "depth"});
    for (std::int64_t db : {0, 1})
        for (std::int64_t filter : {0, 1, 2})
            for (std::int64_t desc : {0, 1})
                for (auto depth : depths)
                    b->Args({db, desc, filter, depth});
}

void offset_args(benchmark::internal::Benchmark* b) {
    b->ArgNames({"db", "desc", "depth"});
    for (std::int64_t db : {0, 1})
        for (std::int64_t desc : {0, 1})
            for (auto depth : depths)
                b->Args({db, desc, depth});
}

void respond_args(benchmark::internal::Benchmark* b) {
    b->ArgNames({"db", "filter", "depth"});
    for (std::int64_t db : {0, 1})
        for (std::int64_t filter : {0, 1, 2})
            for (std::int64_t depth : {std::int64_t{0}, std::int64_t{999000}})
                b->Args({db, filter, depth});
}

} // namespace

BENCHMARK(BM_CursorPage)->Apply(cursor_args)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OffsetPage)->Apply(offset_args)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Respond)->Apply(respond_args)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
