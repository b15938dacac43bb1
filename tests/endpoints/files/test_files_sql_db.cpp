// The files table (endpoints/files/table.hpp) on real databases: keyset pages of a metadata-filtered
// listing equal a sort of the matching rows on SQLite and PostgreSQL, and the plans use the indexes:
// SQLite and PostgreSQL read a cursor page from the (workspace, created_at, file_id) index, PostgreSQL
// answers `category eq 'news'` from the GIN index on meta. Runs in test_sql_db (fixture of tests/sql).
#include <apiquery/endpoints/files/table.hpp>

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/sql/listing_plan.hpp>

#ifdef APIQUERY_TEST_HAVE_LIBPQ
#include "pg_db.hpp"
#endif

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace sql = apiquery::sql;

namespace {

#ifdef APIQUERY_TEST_HAVE_LIBPQ
apiquery_test::pg_db* files_postgres_or_skip() {
    const auto& server = apiquery_test::postgres();
    if (!server.available) {
        WARN("postgres: skipped: " << server.reason);
        return nullptr;
    }
    static apiquery_test::pg_db db(server.conninfo);
    return &db;
}
#endif

struct file_row {
    std::string file_id;
    std::string workspace;
    std::string name;
    std::string category; // "" for none
    std::int64_t created_at = 0;
};

std::string uuid_of(std::uint64_t hi, std::uint64_t lo) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 32; ++i) {
        const std::uint64_t w = i < 16 ? hi : lo;
        s.push_back(hex[(w >> (4 * (15 - (i % 16)))) & 15]);
        if (i == 7 || i == 11 || i == 15 || i == 19)
            s.push_back('-');
    }
    return s;
}

std::vector<file_row> make_rows(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const char* categories[] = {"blog", "report", "memo", "", "manual"};
    std::vector<file_row> rows;
    for (std::size_t i = 0; i < n; ++i) {
        file_row r;
        r.file_id = uuid_of(rng(), rng());
        r.workspace = (rng() % 10 < 8) ? "production" : "staging";
        r.name = "file-" + std::to_string(rng() % 1000);
        // 1 % news; duplicate created_at values so that the file_id tie-breaker matters.
        r.category = rng() % 100 == 0 ? "news" : categories[rng() % 5];
        r.created_at = 1735689600000000 + static_cast<std::int64_t>(rng() % 5000) * 1000000;
        rows.push_back(r);
    }
    return rows;
}

std::string meta_of(const file_row& r) {
    return r.category.empty() ? std::string(R"({"published_date":"2025-01-01"})")
                              : R"({"category":")" + r.category + R"(","published_date":"2025-01-01"})";
}

sql::statement insert_of(sql::dialect d, const file_row& r) {
    const bool pg = d == sql::dialect::postgresql;
    sql::statement_builder b(d);
    b.sql(
        "INSERT INTO files (file_id, workspace, name, size, characters, meta, created_at, created_at_offset, "
        "languages, content) VALUES (");
    b.param(r.file_id, sql::column_type::uuid);
    b.sql(", ");
    b.param(r.workspace, sql::column_type::text);
    b.sql(", ");
    b.param(r.name, sql::column_type::text);
    b.sql(", ");
    b.param(std::int64_t{100}, sql::column_type::integer);
    b.sql(", ");
    b.param(std::int64_t{10}, sql::column_type::integer);
    b.sql(", ");
    b.param(meta_of(r), sql::column_type::text);
    b.sql(pg ? "::jsonb, " : ", ");
    b.param(sql::timestamp_value(d, r.created_at), sql::column_type::timestamp);
    b.sql(", ");
    b.param(std::int64_t{0}, sql::column_type::integer);
    b.sql(", NULL, ");
    b.param(std::string("text"), sql::column_type::text);
    b.sql(")");
    return b.finish();
}

apiquery::checked_filter files_filter(const char* text) {
    auto parsed = apiquery::parse_filter(text);
    REQUIRE(parsed);
    auto checked = apiquery::check_filter(std::move(*parsed), apiquery::profiles::files);
    REQUIRE(checked);
    return *checked;
}

sql::listing_plan plan_of(sql::dialect d, const apiquery::checked_filter& f, std::int64_t limit) {
    sql::listing_plan plan;
    plan.sql_dialect = d;
    plan.table = "files";
    plan.row_columns = {sql::files_column("created_at"), sql::files_column("file_id")};
    plan.scope = [](sql::statement_builder& b) {
        b.identifier("workspace").sql(" = ");
        b.param(std::string("production"), sql::column_type::text);
    };
    plan.filter = f;
    plan.filter_document = sql::files_meta_column();
    plan.order = sql::files_listing_order("created_at", false);
    plan.limit = limit;
    return plan;
}

// Pages through the listing by keyset, as the API's SDK does; returns every file id in order.
template <class Exec>
std::vector<std::string> walk(sql::dialect d, const apiquery::checked_filter& f, Exec&& rows_of) {
    std::vector<std::string> out;
    auto plan = plan_of(d, f, 7);
    std::vector<sql::cell> cursor;
    std::int64_t last_at = 0;
    std::string last_id;
    for (int guard = 0; guard < 10000; ++guard) {
        const auto s = sql::page_statement(plan, cursor);
        auto page = rows_of(s); // (created_at, file_id)
        const bool more = page.size() > static_cast<std::size_t>(plan.limit);
        if (more)
            page.resize(static_cast<std::size_t>(plan.limit));
        for (const auto& [at, id] : page)
            out.push_back(id);
        if (!more)
            break;
        last_at = page.back().first;
        last_id = page.back().second;
        plan.direction = apiquery::cursor_direction::after;
        cursor = {last_at, std::string_view(last_id)};
    }
    return out;
}

std::vector<std::string> expected_ids(std::vector<file_row> rows, std::string_view category) {
    std::erase_if(rows,
                  [&](const file_row& r) { return r.workspace != "production" || r.category != category; });
    std::sort(rows.begin(), rows.end(), [](const file_row& a, const file_row& b) {
        return std::tie(a.created_at, a.file_id) < std::tie(b.created_at, b.file_id);
    });
    std::vector<std::string> ids;
    for (const auto& r : rows)
        ids.push_back(r.file_id);
    return ids;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines)
        s += l + "\n";
    return s;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view what) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(what) != std::string::npos; });
}

} // namespace

TEST_CASE(
    "files table on SQLite: filtered keyset pages visit every match once, in order; the page is an index "
    "range") {
    const auto rows = make_rows(3000, 11);
    apiquery::detail::sqlite_db db(":memory:");
    db.exec(sql::files_schema_sql(sql::dialect::sqlite));
    for (const auto& r : rows)
        db.rows(insert_of(sql::dialect::sqlite, r));
    db.exec("ANALYZE");
    for (const char* category : {"news", "blog"}) {
        const auto f = files_filter(("category eq '" + std::string(category) + "'").c_str());
        const auto got = walk(sql::dialect::sqlite, f, [&](const sql::statement& s) {
            std::vector<std::pair<std::int64_t, std::string>> page;
            for (const auto& row : db.rows(s))
                page.emplace_back(std::get<std::int64_t>(row.at(0)), std::get<std::string>(row.at(1)));
            return page;
        });
        CHECK(got == expected_ids(rows, category));
        CHECK(got.size() > 5);
    }
    // The plan: the cursor page is a search of the (workspace, created_at, file_id) index; no sort.
    auto plan = plan_of(sql::dialect::sqlite, files_filter("category eq 'news'"), 10);
    plan.direction = apiquery::cursor_direction::after;
    const std::string id = rows[0].file_id;
    const sql::cell cursor[] = {rows[0].created_at, std::string_view(id)};
    const auto s = sql::page_statement(plan, cursor);
    std::vector<std::string> lines;
    for (const auto& row : db.rows({"EXPLAIN QUERY PLAN " + s.text, s.params}))
        lines.push_back(std::get<std::string>(row.at(3)));
    INFO(s.text << "\n" << joined(lines));
    CHECK(any_contains(lines, "SEARCH files USING INDEX files_workspace_created_at (workspace=? AND "
                              "(created_at,file_id)>(?,?))"));
    CHECK_FALSE(any_contains(lines, "TEMP B-TREE"));
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ
TEST_CASE("files table on PostgreSQL: the same pages; `category eq 'news'` is answered from the GIN index") {
    auto* pg = files_postgres_or_skip();
    if (!pg)
        return;
    const auto rows = make_rows(20000, 11);
    pg->exec("DROP TABLE IF EXISTS files;" + sql::files_schema_sql(sql::dialect::postgresql));
    pg->exec("BEGIN");
    for (const auto& r : rows)
        pg->rows(insert_of(sql::dialect::postgresql, r));
    pg->exec("COMMIT; ANALYZE files");
    const auto f = files_filter("category eq 'news'");
    const auto got = walk(sql::dialect::postgresql, f, [&](const sql::statement& s) {
        std::vector<std::pair<std::int64_t, std::string>> page;
        for (const auto& row : pg->rows(s))
            page.emplace_back(std::stoll(std::get<std::string>(row.at(0))), std::get<std::string>(row.at(1)));
        return page;
    });
    CHECK(got == expected_ids(rows, "news"));
    CHECK(got.size() > 100);

    // The count of a listing (every matching row: the statement where an index on meta matters most).
    // 20,000 rows, 1 % of them news, fresh statistics, the planner's default settings: it chooses a bitmap
    // scan of the GIN index for the containment (no enable_seqscan = off).
    const auto count = sql::count_statement(plan_of(sql::dialect::postgresql, f, 10));
    std::vector<std::string> lines;
    for (const auto& row : pg->rows({"EXPLAIN (COSTS OFF) " + count.text, count.params}))
        lines.push_back(std::get<std::string>(row.at(0)));
    INFO(count.text << "\n" << joined(lines));
    CHECK(any_contains(lines, "Bitmap Index Scan on files_meta"));
    CHECK(any_contains(lines, "Index Cond: (meta @> "));
    CHECK_FALSE(any_contains(lines, "Seq Scan"));
    CHECK(pg->rows(count).at(0).at(0) == apiquery_test::pg_cell(std::to_string(got.size())));

    // A cursor page in created_at order stays an index range of (workspace, created_at, file_id).
    auto page_plan = plan_of(sql::dialect::postgresql, f, 10);
    page_plan.direction = apiquery::cursor_direction::after;
    const std::string id = rows[0].file_id;
    const sql::cell cursor[] = {rows[0].created_at, std::string_view(id)};
    const auto page = sql::page_statement(page_plan, cursor);
    lines.clear();
    for (const auto& row : pg->rows({"EXPLAIN (COSTS OFF) " + page.text, page.params}))
        lines.push_back(std::get<std::string>(row.at(0)));
    INFO(page.text << "\n" << joined(lines));
    CHECK(any_contains(lines, "files_"));
    CHECK_FALSE(any_contains(lines, "Seq Scan"));
    pg->exec("DROP TABLE files");
}
#endif
