// List Files over SQL (sql::list_files_sql, respond_files_sql) gives the in-memory listing's bytes
// (respond_files): random requests over generated files with mixed-kind metadata (filters, both sort
// fields and orders, keyset cursors, page numbers, name/content/meta_key/meta_value), the documented
// example, and keyset walks that visit every matching file once, in order. SQLite and PostgreSQL. Runs
// in test_sql_db (fixture of tests/sql).
#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/value/lax_int.hpp>

#ifdef APIQUERY_TEST_HAVE_LIBPQ
#include "pg_db.hpp"
#endif

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace sql = apiquery::sql;
using apiquery::file_record;
using apiquery::files_request;

namespace {

const sql::files_table diff_table{"files_listing_diff"};

// The generated sample (it keeps the data contract of sql/json_filter.hpp), plus files that stress the
// order: equal names, equal instants.
const std::vector<file_record>& records() {
    static const std::vector<file_record> r = [] {
        auto v = apiquery::generate_sample_files(600, 16);
        // Names with LIKE wildcards and case: substring search must not read them as patterns.
        v[0].name = "100%_done.txt";
        v[1].name = "100x_done.TXT";
        v[2].content = "A_b%c";
        v[3].meta["big"] = 9007199254740993LL;
        v[4].meta["big"] = 9007199254740992.0;
        v[5].meta["published_date"] = "2025-01-01t10:00:00z"; // not the syntax: no date
        v[6].meta["published_date"] = "2025-01-01 10:00:00";
        v[7].meta["published_date"] = "2025-01-01T10:00:00.123456789Z";
        v[8].created_at = apiquery::timestamp::naive(v[9].created_at.utc());
        // Numbers that must come back from the database bit for bit (Boost.JSON 1.81's own parser reads
        // the first two one unit in the last place off, and 0e309 as NaN), and doubles of random bits.
        v[9].meta["odd"] = 1.3927926388013963e-143;
        v[10].meta["odd"] = 5.409760742964738e+124;
        v[11].meta["odd"] = -0.0;
        boost::json::array doubles;
        std::mt19937_64 bits(7);
        while (doubles.size() < 64) {
            const std::uint64_t b = bits();
            double d = 0;
            std::memcpy(&d, &b, sizeof d);
            if (std::isfinite(d))
                doubles.emplace_back(d);
        }
        v[12].meta["doubles"] = std::move(doubles);
        return v;
    }();
    return r;
}

void load(sql::dialect d, const sql::executor& run, const std::function<void(const std::string&)>& exec) {
    exec(std::string("DROP TABLE IF EXISTS ") + "\"" + diff_table.name + "\"");
    // files_schema_sql holds several statements.
    exec(sql::files_schema_sql(d, diff_table));
    exec("BEGIN");
    for (const auto& r : records())
        run(sql::insert_file_statement(d, r, diff_table), [](std::span<const sql::cell>) {});
    exec("COMMIT");
}

std::string memory_answer(const std::string& target) {
    const auto r = apiquery::respond_files(target, records());
    return std::to_string(r.status) + " " + r.body;
}

std::string sql_answer(const std::string& target, sql::dialect d, const sql::executor& run) {
    sql::files_sql_options o;
    o.table = diff_table;
    const auto r = apiquery::respond_files_sql(target, d, run, o);
    return std::to_string(r.status) + " " + r.body + (r.reason.empty() ? "" : " / " + r.reason);
}

class generator {
public:
    explicit generator(std::uint64_t seed) : rng_(seed) {}

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& a) {
        return a[below(N)];
    }

    std::string filter() {
        static const std::array<std::string, 14> paths{
            "category",      "category", "published_date", "published_date", "author/team", "author/name",
            "author",        "reviewed", "priority",       "tags",           "missing",     "big",
            "author/team/x", "odd"};
        static const std::array<std::string, 30> literals{"'news'",
                                                          "'News'",
                                                          "'blog'",
                                                          "''",
                                                          "'2025-01-01'",
                                                          "'2025-03-01T09:30:00+02:00'",
                                                          "'legal'",
                                                          "2025-01-01",
                                                          "2025-06-01T00:00:00Z",
                                                          "2024-07-15T10:00:00+02:00",
                                                          "2025-01-01T10:00:00Z",
                                                          "2025-01-01T10:00:00.123456789Z",
                                                          "1",
                                                          "2",
                                                          "2.5",
                                                          "1.0",
                                                          "20250101",
                                                          "3e0",
                                                          "-1",
                                                          "9007199254740992",
                                                          "9007199254740993",
                                                          "true",
                                                          "false",
                                                          "null",
                                                          "'editorial'",
                                                          "'Ada'",
                                                          "0",
                                                          "2026-02-28",
                                                          "1.3927926388013963e-143",
                                                          "5.409760742964738e124"};
        std::string f;
        const std::size_t n = 1 + below(2);
        for (std::size_t i = 0; i < n; ++i) {
            if (i)
                f.append(" and ");
            f.append(pick(paths));
            f.append(below(2) ? " eq " : " ge ");
            f.append(pick(literals));
        }
        return f;
    }

    files_request next() {
        static const std::array<std::string, 6> workspaces{"production", "production", "production",
                                                           "staging",    "research",   "nowhere"};
        static const std::array<std::string, 9> names{"news", "README", ".txt", "e",    "",
                                                      "%",    "_",      "N",    "100%_"};
        static const std::array<std::string, 7> contents{"action", "the", "%", "The", "b%c", "_", "Minutes"};
        static const std::array<std::string, 7> keys{"category", "published_date", "odd.key", "ünï",
                                                     "missing",  "$ref",           ""};
        static const std::array<std::string, 5> values{"news", "News", "yes", "", "Ada"};
        static const std::array<std::int64_t, 7> limits{-1, 0, 1, 3, 10, 25, 100};
        files_request r;
        r.workspace_name = pick(workspaces);
        r.limit = pick(limits);
        r.field = below(2) ? apiquery::files_sort_field::name : apiquery::files_sort_field::created_at;
        r.order = below(2) ? apiquery::sort_order::asc : apiquery::sort_order::desc;
        if (below(4) == 0)
            r.name = pick(names);
        if (below(6) == 0)
            r.content = pick(contents);
        if (below(6) == 0) {
            r.meta_key = pick(keys);
            if (below(2))
                r.meta_value = pick(values);
        }
        if (below(2) != 0)
            r.filter = filter();
        const auto mode = below(4);
        if (mode == 0 && !r.filter) {
            r.page_number = static_cast<std::int64_t>(1 + below(6));
        } else if (mode >= 2) {
            const auto& f = records()[below(records().size())];
            r.after_file_id = below(8) ? f.file_id : records()[below(records().size())].file_id;
            if (r.field == apiquery::files_sort_field::name)
                r.after_value = below(8) ? f.name : std::string("READ");
            else
                r.after_value = below(8) ? apiquery::format_pydantic_datetime(f.created_at)
                                         : std::string("2025-06-01T00:00:00");
        }
        return r;
    }

private:
    std::mt19937_64 rng_;
};

void differential(sql::dialect d, const sql::executor& run, int iterations, std::uint64_t seed) {
    generator gen(seed);
    int ok = 0, refused = 0, filtered = 0, cursors = 0, nonempty = 0;
    for (int i = 0; i < iterations; ++i) {
        const auto req = gen.next();
        const auto target = apiquery::to_target(req);
        REQUIRE(target);
        const auto expected = memory_answer(*target);
        const auto actual = sql_answer(*target, d, run);
        INFO("request " << i << ": " << *target);
        REQUIRE(actual == expected);
        (expected.rfind("200", 0) == 0 ? ok : refused)++;
        filtered += req.filter ? 1 : 0;
        cursors += req.after_value ? 1 : 0;
        nonempty += expected.rfind("200 {\"data\":[]", 0) == 0 ? 0 : 1;
    }
    // The generator exercises what it claims to.
    CHECK(ok > iterations / 2);
    CHECK(refused > 0);
    CHECK(filtered > iterations / 3);
    CHECK(cursors > iterations / 4);
    CHECK(nonempty > iterations / 4);
    WARN("files differential: " << iterations << " requests, " << ok << " pages (" << nonempty
                                << " not empty), " << refused << " 422");
}

// Walks every page by keyset cursor (as the SDK does) through SQL: each matching file once, in order,
// every page equal to the in-memory one.
void walks(sql::dialect d, const sql::executor& run) {
    for (const char* filter :
         {"", "category eq 'news' and published_date ge '2025-01-01'", "published_date ge 2025-01-01"})
        for (auto field : {apiquery::files_sort_field::created_at, apiquery::files_sort_field::name})
            for (auto order : {apiquery::sort_order::asc, apiquery::sort_order::desc}) {
                files_request req;
                req.workspace_name = "production";
                req.limit = 7;
                req.field = field;
                req.order = order;
                if (*filter)
                    req.filter = filter;
                std::set<std::string> seen;
                std::int64_t total = -1;
                std::size_t visited = 0;
                std::string target = apiquery::to_target(req).value();
                for (int guard = 0; guard < 1000; ++guard) {
                    INFO(target);
                    const auto expected = memory_answer(target);
                    REQUIRE(sql_answer(target, d, run) == expected);
                    const auto body = boost::json::parse(expected.substr(4));
                    total = body.at("total").as_int64();
                    for (const auto& f : body.at("data").as_array()) {
                        CHECK(seen.insert(std::string(f.at("file_id").as_string())).second);
                        ++visited;
                    }
                    auto vr = apiquery::parse_request<apiquery::files_endpoint>(target);
                    REQUIRE(vr);
                    const auto page = apiquery::list_files(*vr, records());
                    REQUIRE(page);
                    const auto next = apiquery::next_files_target(*vr, *page);
                    if (!next)
                        break;
                    target = *next;
                }
                CHECK(static_cast<std::int64_t>(visited) == total);
                CHECK(total > 0);
            }
}

const std::string documented_example =
    "/api/v1/workspaces/production/files?limit=10&filter=category%20eq%20%27news%27%20and%20"
    "published_date%20ge%20%272025-01-01%27";

} // namespace

TEST_CASE("List Files on SQLite: random requests give the in-memory bytes") {
    apiquery::detail::sqlite_db db(":memory:");
    const auto run = db.executor();
    load(sql::dialect::sqlite, run, [&](const std::string& s) { db.exec(s); });
    const auto expected = memory_answer(documented_example);
    CHECK(expected.rfind("200 {\"data\":[{", 0) == 0);
    CHECK(sql_answer(documented_example, sql::dialect::sqlite, run) == expected);
    differential(sql::dialect::sqlite, run, 1600, 1);
    walks(sql::dialect::sqlite, run);

    // The deepest path the endpoint takes runs on SQLite (one joined table per key); a deeper one is the
    // endpoint's 422 on every backend, at the path.
    for (const std::size_t keys : {apiquery::files_max_path_keys, apiquery::files_max_path_keys + 1}) {
        std::string target =
            "/api/v1/workspaces/production/files?filter=category%20eq%20%27news%27%20and%20a";
        for (std::size_t i = 1; i < keys; ++i)
            target.append("%2Fa");
        target.append("%20eq%201");
        const auto deep = memory_answer(target);
        CHECK(sql_answer(target, sql::dialect::sqlite, run) == deep);
        if (keys > apiquery::files_max_path_keys)
            CHECK(deep.find("\"msg\":\"Value error, a metadata path has at most 64 keys; this one has 65") !=
                  std::string::npos);
        else
            CHECK(deep.rfind("200 ", 0) == 0);
    }
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ
TEST_CASE("List Files on PostgreSQL: random requests give the in-memory bytes") {
    const auto& server = apiquery_test::postgres();
    if (!server.available) {
        WARN("postgres: skipped: " << server.reason);
        return;
    }
    static apiquery_test::pg_db db(server.conninfo);
    const auto run = db.executor();
    load(sql::dialect::postgresql, run, [&](const std::string& s) { db.exec(s); });
    const auto expected = memory_answer(documented_example);
    CHECK(sql_answer(documented_example, sql::dialect::postgresql, run) == expected);
    differential(sql::dialect::postgresql, run, 1600, 1);
    walks(sql::dialect::postgresql, run);
    db.exec("DROP TABLE \"files_listing_diff\"");
}
#endif
