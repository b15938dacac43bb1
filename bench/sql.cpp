// bench_sql: the listing pushed down to SQLite (issue 9), on a 1,000,000-row `tokens` table.
// - BM_CursorPage/<depth>: the page after the cursor that ends page depth-1 (keyset pagination: the
//   cursor lookup by primary key, then the page query with `(created_at, api_token_id) < (?, ?)`).
// - BM_OffsetPage/<depth>: page_number = depth (LIMIT/OFFSET: the offset rows are walked and dropped).
// - BM_Count: the `SELECT COUNT(*)` of `total` (the same for both; shown for scale).
// Depths 1, 100 and 10,000 pages of 10 tokens, workspace `production`, created_at DESC (the default).
// The cursor page's time stays flat with depth; the offset page's grows linearly with it.
// The database is built once in the temporary folder (APIQUERY_BENCH_SQL_DB overrides the path) and
// reused by later runs. Run: build with -DAPIQUERY_BUILD_BENCH=ON (Release), then `bench_sql`;
// docs/sql.md has numbers.
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace sql = apiquery::sql;
using apiquery::detail::sqlite_db;

constexpr std::int64_t rows = 1000000;
constexpr std::int64_t page_size = 10;

std::string database_path() {
    if (const char* p = std::getenv("APIQUERY_BENCH_SQL_DB"); p && *p)
        return p;
    return (std::filesystem::temp_directory_path() / "apiquery-bench-sql-1000000.db").string();
}

std::int64_t count_rows(sqlite_db& db) {
    try {
        const auto r = db.rows({"SELECT COUNT(*) FROM tokens", {}});
        return std::get<std::int64_t>(r.at(0).at(0));
    } catch (const std::exception&) {
        return -1;
    }
}

/// The database, built on first use: 1,000,000 generated tokens (in chunks, to keep memory low), the
/// indexes created after the rows, then ANALYZE.
sqlite_db& database() {
    static sqlite_db db = [] {
        const auto path = database_path();
        {
            sqlite_db existing(path);
            if (count_rows(existing) == rows)
                return existing;
        }
        std::filesystem::remove(path);
        sqlite_db fresh(path);
        std::cerr << "bench_sql: building " << path << " (" << rows << " tokens, once)\n";
        const auto schema = sql::tokens_schema_sql(sql::dialect::sqlite);
        std::istringstream lines(schema);
        std::string table, line;
        std::vector<std::string> indexes;
        std::getline(lines, table);
        while (std::getline(lines, line))
            if (!line.empty())
                indexes.push_back(line);
        fresh.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        fresh.exec(table);
        fresh.exec("BEGIN");
        std::optional<apiquery::detail::sqlite_stmt> insert;
        constexpr std::int64_t chunk = 50000;
        for (std::int64_t done = 0; done < rows; done += chunk) {
            const auto records =
                apiquery::generate_sample_tokens(chunk, 1000 + static_cast<std::uint64_t>(done));
            for (const auto& r : records) {
                auto s = sql::insert_token_statement(sql::dialect::sqlite, r);
                if (!insert)
                    insert.emplace(fresh.prepare(s.text));
                insert->bind(s.params);
                insert->step();
            }
        }
        insert.reset();
        fresh.exec("COMMIT");
        for (const auto& i : indexes)
            fresh.exec(i);
        fresh.exec("ANALYZE");
        return fresh;
    }();
    return db;
}

apiquery::tokens_request request() {
    apiquery::tokens_request r;
    r.workspace_name = "production";
    r.limit = page_size;
    return r;
}

/// The api_token_id of the last token of page `depth - 1` (the cursor of page `depth`).
apiquery::uuid cursor_for(std::int64_t depth) {
    const auto offset = (depth - 1) * page_size - 1;
    const auto r = database().rows({"SELECT api_token_id FROM tokens WHERE scope_workspace = ?1 ORDER BY "
                                    "created_at DESC, api_token_id DESC "
                                    "LIMIT 1 OFFSET ?2",
                                    {std::string("production"), offset}});
    return apiquery::parse_uuid(std::get<std::string>(r.at(0).at(0))).value();
}

/// Runs a statement to its end; returns the number of rows.
std::size_t drain(apiquery::detail::sqlite_stmt& st, const sql::statement& s) {
    st.bind(s.params);
    std::size_t n = 0;
    while (st.step())
        ++n;
    return n;
}

void BM_CursorPage(benchmark::State& state) {
    auto& db = database();
    auto req = request();
    const auto depth = state.range(0);
    if (depth > 1)
        req.after = cursor_for(depth);
    const auto listing = sql::tokens_listing::make(req, sql::dialect::sqlite).value();
    const auto lookup = listing.cursor_statement();
    std::optional<apiquery::detail::sqlite_stmt> lookup_st;
    if (lookup)
        lookup_st.emplace(db.prepare(lookup->text));
    // The page statement's text does not depend on the cursor values: prepare it once.
    std::vector<sql::cell> probe_row{std::int64_t{0},
                                     std::string_view("00000000-0000-0000-0000-000000000000")};
    auto page_st = db.prepare(
        listing.page_statement(lookup ? std::span<const sql::cell>(probe_row) : std::span<const sql::cell>())
            .text);
    std::size_t n = 0;
    for (auto _ : state) {
        std::vector<sql::cell> row;
        std::string id;
        if (lookup_st) {
            lookup_st->bind(lookup->params);
            if (!lookup_st->step())
                state.SkipWithError("cursor not found");
            row.push_back(lookup_st->cell(0));
            id = std::string(std::get<std::string_view>(lookup_st->cell(1)));
            row.emplace_back(std::string_view(id));
        }
        n = drain(page_st, listing.page_statement(row));
        benchmark::DoNotOptimize(n);
    }
    state.counters["rows"] = static_cast<double>(n);
}

void BM_OffsetPage(benchmark::State& state) {
    auto& db = database();
    auto req = request();
    req.page_number = state.range(0);
    const auto listing = sql::tokens_listing::make(req, sql::dialect::sqlite).value();
    const auto page = listing.page_statement();
    auto st = db.prepare(page.text);
    std::size_t n = 0;
    for (auto _ : state) {
        n = drain(st, page);
        benchmark::DoNotOptimize(n);
    }
    state.counters["rows"] = static_cast<double>(n);
}

void BM_Count(benchmark::State& state) {
    auto& db = database();
    const auto count = sql::tokens_listing::make(request(), sql::dialect::sqlite).value().count_statement();
    auto st = db.prepare(count.text);
    for (auto _ : state) {
        st.bind(count.params);
        st.step();
        benchmark::DoNotOptimize(st.cell(0));
    }
}

} // namespace

BENCHMARK(BM_CursorPage)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OffsetPage)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Count)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
