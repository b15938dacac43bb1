// The SQL listing on real databases gives the engine's answers: random filters, sorts and pages on the
// same records in memory (list_tokens, the reference), in SQLite and in PostgreSQL; hostile literals
// change nothing; cursor pages are index searches.
#include "tokens_db_support.hpp"

#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/service.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/lax_int.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace apiquery_test;
using apiquery::tokens_request;

namespace {

// The token fields with what the SQL translation supports (the tokens profile allows only eq, ge, and).
const apiquery::profile& sql_profile() {
    static const apiquery::profile p = [] {
        apiquery::profile x(apiquery::profiles::tokens);
        x.allow(apiquery::comparison_operators)
            .allow(apiquery::logical_operators)
            .allow(apiquery::filter_operator::in)
            .allow(apiquery::function_id::contains)
            .allow(apiquery::function_id::startswith)
            .allow(apiquery::function_id::endswith);
        return x;
    }();
    return p;
}

sql::tokens_sql_options sql_options(bool sqlite_like = false) {
    sql::tokens_sql_options o;
    o.profile = &sql_profile().view();
    o.translate.sqlite_case_sensitive_like = sqlite_like;
    return o;
}

apiquery::listing_options engine_options() {
    apiquery::listing_options o;
    o.profile = &sql_profile().view();
    return o;
}

bool filter_passes_profile(const std::string& f) {
    auto ast = apiquery::parse_filter(f);
    return ast && apiquery::check_filter(std::move(*ast), sql_profile());
}

apiquery::big_int huge() {
    return apiquery::big_int::from(apiquery::parse_lax_int("123456789012345678901234567890").value());
}

// Random requests on `records`: workspaces (one that does not exist, one with a hostile name), limits
// (negative, zero, small, the maximum), sorts, page numbers (huge ones too), cursors (in scope, in
// another workspace, unknown) and filters.
class request_generator {
public:
    request_generator(const std::vector<token_record>& records, std::uint64_t seed)
        : records_(records), rng_(seed), filters_(records, seed + 1) {}

    tokens_request next() {
        static const std::string workspaces[] = {
            "production", "production", "production", "staging",
            "analytics",  "nowhere",    "it's; --",   std::string("produc\0tion", 11)};
        static const std::int64_t limits[] = {-1000000, -1, 0, 1, 2, 3, 5, 10, 10, 100};
        tokens_request r;
        r.workspace_name = workspaces[rng_.below(8)];
        r.limit = limits[rng_.below(10)];
        r.field = static_cast<apiquery::token_sort_field>(rng_.below(4));
        r.order = rng_.chance(50) ? apiquery::sort_order::asc : apiquery::sort_order::desc;
        switch (rng_.below(6)) {
        case 0:
        case 1:
            break;
        case 2: {
            static const std::int64_t pages[] = {1, 2, 3, 7, 1000000};
            r.page_number = rng_.chance(10) ? huge() : apiquery::big_int(pages[rng_.below(5)]);
            break;
        }
        default: {
            apiquery::uuid id;
            const auto k = rng_.below(10);
            if (k == 0) {
                apiquery::uuid::bytes_type b{};
                for (auto& x : b)
                    x = static_cast<std::uint8_t>(rng_.next());
                id = apiquery::uuid(b); // matches nothing
            } else {
                id = records_[rng_.below(records_.size())].meta.api_token_id; // maybe another workspace
                if (k > 3) {
                    for (std::size_t i = 0; i < 50; ++i) { // prefer one in scope
                        const auto& c = records_[rng_.below(records_.size())];
                        if (apiquery::in_workspace_scope(c, r.workspace_name)) {
                            id = c.meta.api_token_id;
                            break;
                        }
                    }
                }
            }
            (rng_.chance(50) ? r.after : r.before) = id;
        }
        }
        if (rng_.chance(65)) {
            for (int tries = 0; tries < 20; ++tries) {
                auto f = filters_.next();
                if (filter_passes_profile(f)) {
                    r.filter = f;
                    break;
                }
                ++rejected_;
            }
        }
        return r;
    }
    std::size_t rejected() const noexcept { return rejected_; }

private:
    const std::vector<token_record>& records_;
    splitmix64 rng_;
    filter_generator filters_;
    std::size_t rejected_ = 0;
};

// A short form of an answer for failure messages: status, total, has_more, then name/id per token.
std::string summary(const std::string& answer) {
    if (answer.rfind("200 ", 0) != 0)
        return answer;
    const auto v = boost::json::parse(answer.substr(4));
    std::string s = "200 total=" + std::to_string(v.at("total").as_int64()) +
                    " has_more=" + (v.at("has_more").as_bool() ? "true" : "false") + "\n";
    for (const auto& t : v.at("data").as_array())
        s += "  " + std::string(t.at("name").as_string()) + " " + std::string(t.at("role").as_string()) +
             " " + std::string(t.at("api_token_id").as_string()) + "\n";
    return s;
}

#define REQUIRE_SAME_ANSWER(actual, expected)                                                                \
    do {                                                                                                     \
        const auto a_ = (actual);                                                                            \
        const auto e_ = (expected);                                                                          \
        if (a_ != e_)                                                                                        \
            FAIL("SQL:\n" << summary(a_) << "\nengine:\n" << summary(e_));                                   \
    } while (false)

std::string describe(const tokens_request& r) {
    std::string s = apiquery::json_text(r);
    return s;
}

void differential(sql::dialect d, const sql::executor& run, int iterations, std::uint64_t seed,
                  bool sqlite_like = false) {
    const auto records = test_records();
    request_generator gen(records, seed);
    int ok = 0, refused = 0, filtered = 0;
    for (int i = 0; i < iterations; ++i) {
        const auto req = gen.next();
        const auto expected = engine_answer(req, records, sql_profile());
        const auto actual = sql_answer(req, d, run, sql_options(sqlite_like));
        INFO("request " << i << ": " << describe(req));
        REQUIRE_SAME_ANSWER(actual, expected);
        (expected.rfind("200", 0) == 0 ? ok : refused)++;
        filtered += req.filter ? 1 : 0;
    }
    // The generator must exercise what it claims to.
    CHECK(ok > iterations / 2);
    CHECK(refused > 0);
    CHECK(filtered > iterations / 2);
    CHECK(gen.rejected() < static_cast<std::size_t>(iterations) / 5);
}

// Walks every page with `after` (forwards) and `before` (backwards) cursors and page numbers, in every
// order, comparing each page with the engine's.
void walks(sql::dialect d, const sql::executor& run) {
    const auto records = test_records();
    const char* filters[] = {nullptr, "expires_at ge 2025-06-01T00:00:00Z or expires_at eq null",
                             "not (contains(name, 'e'))"};
    for (auto field : {apiquery::token_sort_field::name, apiquery::token_sort_field::role,
                       apiquery::token_sort_field::created_at, apiquery::token_sort_field::expires_at})
        for (auto order : {apiquery::sort_order::asc, apiquery::sort_order::desc})
            for (const char* f : filters) {
                tokens_request req;
                req.workspace_name = "production";
                req.limit = 7;
                req.field = field;
                req.order = order;
                if (f)
                    req.filter = f;
                std::size_t seen = 0;
                // Forwards.
                for (int guard = 0; guard < 1000; ++guard) {
                    const auto expected = engine_answer(req, records, sql_profile());
                    INFO(describe(req));
                    REQUIRE_SAME_ANSWER(sql_answer(req, d, run, sql_options()), expected);
                    auto page = apiquery::list_tokens(req, records, engine_options()).value();
                    seen += page.data.size();
                    if (!page.has_more || page.data.empty())
                        break;
                    req.after = page.data.back().api_token_id;
                }
                CHECK(static_cast<std::int64_t>(seen) ==
                      apiquery::list_tokens(req, records, engine_options()).value().total);
                // Backwards from the last record.
                req.before = req.after;
                req.after.reset();
                for (int guard = 0; guard < 1000 && req.before; ++guard) {
                    const auto expected = engine_answer(req, records, sql_profile());
                    INFO(describe(req));
                    REQUIRE_SAME_ANSWER(sql_answer(req, d, run, sql_options()), expected);
                    auto page = apiquery::list_tokens(req, records, engine_options()).value();
                    if (!page.has_more || page.data.empty())
                        break;
                    req.before = page.data.front().api_token_id;
                }
                // Page numbers.
                req.before.reset();
                for (std::int64_t p = 1; p < 40; ++p) {
                    req.page_number = p;
                    const auto expected = engine_answer(req, records, sql_profile());
                    INFO(describe(req));
                    REQUIRE_SAME_ANSWER(sql_answer(req, d, run, sql_options()), expected);
                    if (!apiquery::list_tokens(req, records, engine_options()).value().has_more)
                        break;
                }
            }
}

// Filters with a hostile string in every literal position.
std::vector<std::string> hostile_filters() {
    std::vector<std::string> out;
    auto strings = hostile_strings();
    strings.push_back(std::string("nul\0byte", 8));
    strings.push_back(std::string(1, '\0'));
    for (const auto& h : strings) {
        const auto q = quote(h);
        for (const char* field : {"name", "role", "user/given_name"}) {
            const std::string f = field;
            out.push_back(f + " eq " + q);
            out.push_back(f + " ne " + q);
            out.push_back(f + " ge " + q);
            out.push_back(f + " lt " + q);
            out.push_back(f + " in (" + q + ", 'x')");
            out.push_back("contains(" + f + ", " + q + ")");
            out.push_back("startswith(" + f + ", " + q + ")");
            out.push_back("endswith(" + f + ", " + q + ")");
            out.push_back("not (" + f + " eq " + q + ") and " + q + " le " + f);
        }
    }
    return out;
}

template <class Checksum>
void injection(sql::dialect d, const sql::executor& run, Checksum&& checksum, bool sqlite_like = false) {
    const auto records = test_records();
    const auto before = checksum();
    int matched = 0;
    for (const auto& f : hostile_filters()) {
        for (const std::string& ws :
             {std::string("production"), std::string("it's; --"), std::string("produc\0tion", 11)}) {
            tokens_request req;
            req.workspace_name = ws;
            req.limit = 100;
            req.filter = f;
            REQUIRE(filter_passes_profile(f));
            const auto expected = engine_answer(req, records, sql_profile());
            INFO(f);
            REQUIRE_SAME_ANSWER(sql_answer(req, d, run, sql_options(sqlite_like)), expected);
            matched += expected.find("\"total\":0}") == std::string::npos ? 1 : 0;
        }
    }
    CHECK(matched > 100); // the hostile values are in the data: many filters match rows
    CHECK(checksum() == before);
}

std::string sqlite_checksum(apiquery::detail::sqlite_db& db) {
    std::string all;
    for (const auto& row : db.rows({"SELECT * FROM \"tokens\" ORDER BY \"api_token_id\"", {}}))
        for (const auto& c : row)
            all += std::visit(
                [](const auto& v) -> std::string {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::nullptr_t>)
                        return "NULL|";
                    else if constexpr (std::is_same_v<V, std::string>)
                        return v + "|";
                    else
                        return std::to_string(v) + "|";
                },
                c);
    for (const auto& row : db.rows({"SELECT type, name, sql FROM sqlite_master ORDER BY name", {}}))
        for (const auto& c : row)
            if (const auto* t = std::get_if<std::string>(&c))
                all += *t + "|";
    return all;
}

} // namespace

TEST_CASE("SQLite: random filters, sorts and pages give the engine's answers") {
    apiquery::detail::sqlite_db db(":memory:");
    load_sqlite(db, test_records());
    differential(sql::dialect::sqlite, db.executor(), 1500, 1);
}

TEST_CASE("SQLite with PRAGMA case_sensitive_like and LIKE: the engine's answers") {
    apiquery::detail::sqlite_db db(":memory:");
    db.exec("PRAGMA case_sensitive_like = ON");
    load_sqlite(db, test_records());
    differential(sql::dialect::sqlite, db.executor(), 600, 2, true);
}

TEST_CASE("SQLite: walking every page by cursor and by number gives the engine's pages") {
    apiquery::detail::sqlite_db db(":memory:");
    load_sqlite(db, test_records());
    walks(sql::dialect::sqlite, db.executor());
}

TEST_CASE("SQLite: hostile literals give the engine's answers and change nothing") {
    apiquery::detail::sqlite_db db(":memory:");
    load_sqlite(db, test_records());
    injection(sql::dialect::sqlite, db.executor(), [&] { return sqlite_checksum(db); });
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ

namespace {
pg_db* postgres_or_skip() {
    const auto& server = apiquery_test::postgres();
    if (!server.available) {
        WARN("postgres: skipped: " << server.reason);
        return nullptr;
    }
    static pg_db db(server.conninfo);
    use_own_schema(db);
    return &db;
}

std::string pg_checksum(pg_db& db) {
    return db.scalar("SELECT md5(string_agg(t::text, '|' ORDER BY api_token_id)) FROM tokens t") + "/" +
           db.scalar("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                     "WHERE table_schema = current_schema()");
}
} // namespace

TEST_CASE("PostgreSQL: random filters, sorts and pages give the engine's answers") {
    auto* pg = postgres_or_skip();
    if (!pg)
        return;
    load_postgres(*pg, test_records());
    differential(sql::dialect::postgresql, pg->executor(), 1500, 1);
}

TEST_CASE("PostgreSQL: walking every page by cursor and by number gives the engine's pages") {
    auto* pg = postgres_or_skip();
    if (!pg)
        return;
    load_postgres(*pg, test_records());
    walks(sql::dialect::postgresql, pg->executor());
}

TEST_CASE("PostgreSQL: hostile literals give the engine's answers and change nothing") {
    auto* pg = postgres_or_skip();
    if (!pg)
        return;
    load_postgres(*pg, test_records());
    injection(sql::dialect::postgresql, pg->executor(), [&] { return pg_checksum(*pg); });
}

#else

TEST_CASE("PostgreSQL: the differential tests") {
    WARN("postgres: skipped: libpq (libpq-dev) was not found when the build was configured");
}

#endif

// --- plans: a cursor page is an index search, not a scan and a sort -------------------------------------

namespace {

// A listing request for plans: production, limit 10, a cursor in the middle of the scope.
tokens_request plan_request(const std::vector<token_record>& records, apiquery::token_sort_field field,
                            apiquery::sort_order order, bool before) {
    tokens_request req;
    req.workspace_name = "production";
    req.limit = 10;
    req.field = field;
    req.order = order;
    std::size_t n = 0;
    for (const auto& r : records)
        if (apiquery::in_workspace_scope(r, "production") && ++n == 1000)
            (before ? req.before : req.after) = r.meta.api_token_id;
    return req;
}

// The page statement of a request, with the cursor row read from the database.
sql::statement page_of(const tokens_request& req, sql::dialect d, const sql::executor& run) {
    auto listing = sql::tokens_listing::make(req, d).value();
    std::vector<std::string> texts;
    std::vector<sql::cell> cursor;
    if (auto c = listing.cursor_statement()) {
        run(*c, [&](std::span<const sql::cell> row) {
            for (const auto& x : row) {
                if (const auto* t = std::get_if<std::string_view>(&x))
                    texts.emplace_back(*t);
                else
                    texts.emplace_back();
                cursor.push_back(x);
            }
        });
        for (std::size_t i = 0; i < cursor.size(); ++i)
            if (std::holds_alternative<std::string_view>(cursor[i]))
                cursor[i] = std::string_view(texts[i]);
    }
    return listing.page_statement(cursor);
}

std::vector<std::string> sqlite_plan(apiquery::detail::sqlite_db& db, const sql::statement& s) {
    std::vector<std::string> out;
    for (const auto& row : db.rows({"EXPLAIN QUERY PLAN " + s.text, s.params}))
        out.push_back(std::get<std::string>(row.at(3)));
    return out;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view what) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(what) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines)
        s += l + "\n";
    return s;
}

} // namespace

TEST_CASE("SQLite: a cursor page is an index search (EXPLAIN QUERY PLAN), in both directions") {
    const auto records = apiquery::generate_sample_tokens(20000, 7);
    apiquery::detail::sqlite_db db(":memory:");
    load_sqlite(db, records);
    db.exec("ANALYZE");
    const auto run = db.executor();
    for (auto order : {apiquery::sort_order::desc, apiquery::sort_order::asc})
        for (bool before : {false, true}) {
            const auto s =
                page_of(plan_request(records, apiquery::token_sort_field::created_at, order, before),
                        sql::dialect::sqlite, run);
            const auto plan = sqlite_plan(db, s);
            INFO(s.text << "\n" << joined(plan));
            // The index carries the row: no table lookup (COVERING).
            CHECK(any_contains(
                plan, "SEARCH tokens USING COVERING INDEX tokens_scope_created_at (scope_workspace=? "
                      "AND (created_at,api_token_id)"));
            CHECK_FALSE(any_contains(plan, "TEMP B-TREE"));
            CHECK_FALSE(any_contains(plan, "SCAN"));
        }
    // Every sort field has its index (name and role compare COLLATE BINARY, the index's collation).
    for (auto field : {apiquery::token_sort_field::name, apiquery::token_sort_field::role}) {
        const auto s = page_of(plan_request(records, field, apiquery::sort_order::asc, false),
                               sql::dialect::sqlite, run);
        const auto plan = sqlite_plan(db, s);
        INFO(s.text << "\n" << joined(plan));
        CHECK(any_contains(plan, "SEARCH tokens USING INDEX"));
        CHECK_FALSE(any_contains(plan, "TEMP B-TREE"));
    }
    // With only the index on (created_at, api_token_id) the cursor page is still an index search: the
    // range comes from the index, the workspace is checked per row, no sort.
    db.exec("DROP INDEX tokens_scope_created_at; CREATE INDEX tokens_created ON tokens (created_at, "
            "api_token_id); "
            "ANALYZE");
    const auto s = page_of(
        plan_request(records, apiquery::token_sort_field::created_at, apiquery::sort_order::desc, false),
        sql::dialect::sqlite, run);
    const auto plan = sqlite_plan(db, s);
    INFO(s.text << "\n" << joined(plan));
    CHECK(any_contains(plan, "SEARCH tokens USING INDEX tokens_created ((created_at,api_token_id)<(?,?))"));
    CHECK_FALSE(any_contains(plan, "TEMP B-TREE"));
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ
TEST_CASE("PostgreSQL: a cursor page is an index scan with the keyset in the Index Cond (EXPLAIN), no Sort") {
    auto* pg = postgres_or_skip();
    if (!pg)
        return;
    // 5,000 rows and fresh statistics are enough: the planner prefers the ordered index scan (no
    // enable_seqscan = off needed).
    const auto records = apiquery::generate_sample_tokens(5000, 7);
    load_postgres(*pg, records);
    pg->exec("ANALYZE tokens");
    const auto run = pg->executor();
    const auto explain = [&](const sql::statement& s) {
        std::vector<std::string> lines;
        for (const auto& row : pg->rows({"EXPLAIN (COSTS OFF) " + s.text, s.params}))
            lines.push_back(std::get<std::string>(row.at(0)));
        return lines;
    };
    for (auto order : {apiquery::sort_order::desc, apiquery::sort_order::asc})
        for (bool before : {false, true}) {
            const auto s =
                page_of(plan_request(records, apiquery::token_sort_field::created_at, order, before),
                        sql::dialect::postgresql, run);
            const auto plan = explain(s);
            INFO(s.text << "\n" << joined(plan));
            CHECK(any_contains(plan, "Index Scan"));
            CHECK(any_contains(plan, "tokens_scope_created_at"));
            CHECK(any_contains(plan, "Index Cond: ((scope_workspace = "));
            CHECK(any_contains(plan, "(ROW(created_at, api_token_id) "));
            CHECK_FALSE(any_contains(plan, "Sort"));
            CHECK_FALSE(any_contains(plan, "Seq Scan"));
        }
    for (auto field : {apiquery::token_sort_field::name, apiquery::token_sort_field::role}) {
        const auto s = page_of(plan_request(records, field, apiquery::sort_order::desc, false),
                               sql::dialect::postgresql, run);
        const auto plan = explain(s);
        INFO(s.text << "\n" << joined(plan));
        CHECK(any_contains(plan, "Index Scan"));
        CHECK_FALSE(any_contains(plan, "Sort"));
    }
}
#endif

TEST_CASE("request_handler over serve_tokens_sql (SQLite) answers as over serve_tokens (memory)") {
    const auto records = test_records();
    apiquery::detail::sqlite_db db(":memory:");
    load_sqlite(db, records);
    const apiquery::request_handler memory({apiquery::serve_tokens(records)});
    const apiquery::request_handler sqlite({apiquery::serve_tokens_sql(sql::dialect::sqlite, db.executor())});
    const std::vector<apiquery::http_header> none;
    std::string cursor;
    for (const auto& r : records)
        if (apiquery::in_workspace_scope(r, "production")) {
            cursor = apiquery::to_string(r.meta.api_token_id);
            break;
        }
    REQUIRE(!cursor.empty());
    for (const std::string& target :
         {std::string("/api/v1/workspaces/production/token"),
          std::string("/api/v1/workspaces/production/token?limit=7&order=ASC&field=expires_at"),
          "/api/v1/workspaces/production/token?limit=5&after=" + cursor,
          "/api/v1/workspaces/production/token?limit=5&before=" + cursor,
          std::string("/api/v1/workspaces/production/token?page_number=3&limit=4&field=name"),
          std::string(
              "/api/v1/workspaces/production/token?filter=organization_role%20eq%20%27ADMIN%27&limit=100"),
          std::string("/api/v1/workspaces/production/token?after=00000000-0000-0000-0000-000000000000"),
          std::string("/api/v1/workspaces/production/token?limit=x"),
          std::string("/api/v1/workspaces/production/token/")}) {
        INFO(target);
        const auto a = memory.handle("GET", target, none);
        const auto b = sqlite.handle("GET", target, none);
        CHECK(a.status == b.status);
        CHECK(a.body == b.body);
        CHECK(a.headers == b.headers);
    }
}
