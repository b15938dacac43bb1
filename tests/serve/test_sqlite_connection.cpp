// apiquery serve's SQLite connection (tools/apiquery/serve/sqlite_connection.hpp): statements kept for
// reuse, and counts kept by statement text and parameters while the data does not change. The cache is
// made visible here by changing the data behind it, which a serving connection never does.
#include "../../tools/apiquery/serve/sqlite_connection.hpp"

#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/sql/listing_plan.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using apiquery::cli::serve::sqlite_connection;
namespace sql = apiquery::sql;

std::vector<std::vector<std::string>> rows_of(sqlite_connection& c, const sql::statement& s) {
    std::vector<std::vector<std::string>> out;
    c.run(s, [&](std::span<const sql::cell> row) {
        auto& r = out.emplace_back();
        for (const auto& cell : row) {
            if (const auto* i = std::get_if<std::int64_t>(&cell))
                r.push_back(std::to_string(*i));
            else if (const auto* t = std::get_if<std::string_view>(&cell)) {
                std::string quoted =
                    "'"; // built by append: "x" + std::string trips GCC 12's -Wrestrict at -O3
                quoted.append(*t);
                quoted.push_back('\'');
                r.push_back(std::move(quoted));
            } else
                r.push_back(std::holds_alternative<std::nullptr_t>(cell) ? "NULL" : "real");
        }
    });
    return out;
}

std::int64_t count_of(sqlite_connection& c, const sql::statement& s) {
    const auto rows = rows_of(c, s);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].size() == 1);
    return std::stoll(rows[0][0]);
}

sqlite_connection loaded() {
    apiquery::detail::sqlite_db db(":memory:");
    // `v` has no declared type: 1 and '1' are different values in it.
    db.exec("CREATE TABLE t (k TEXT, v); INSERT INTO t VALUES ('a', 1), ('a', '1'), ('b', 1), ('a', 2.5);");
    return sqlite_connection(std::move(db), false);
}

} // namespace

TEST_CASE("serve's SQLite connection: a count is asked once per statement text and parameters") {
    auto c = loaded();
    const sql::statement by_k{"SELECT COUNT(*) FROM t WHERE k = ?1", {std::string("a")}};
    CHECK(count_of(c, by_k) == 3);
    c.db().exec("INSERT INTO t VALUES ('a', 3)");
    CHECK(count_of(c, by_k) == 3); // kept: the data is promised not to change while served
    CHECK(rows_of(c, {"SELECT COUNT(v) FROM t WHERE k = ?1", {std::string("a")}}) ==
          std::vector<std::vector<std::string>>{{"4"}}); // another statement: asked
    CHECK(rows_of(c, {"SELECT v FROM t WHERE k = ?1 AND v = 3", {std::string("a")}}).size() == 1);
    // Same text, other parameters, of other types: other keys.
    const std::string v_is = "SELECT COUNT(*) FROM t WHERE v = ?1";
    CHECK(count_of(c, {v_is, {std::int64_t{1}}}) == 2);
    CHECK(count_of(c, {v_is, {std::string("1")}}) == 1);
    CHECK(count_of(c, {v_is, {2.5}}) == 1);
    CHECK(count_of(c, {v_is, {true}}) == 2);
    CHECK(count_of(c, {v_is, {nullptr}}) == 0);
    CHECK(count_of(c, {v_is, {std::string("a\0b", 3)}}) == 0);
    // A parameter's bytes cannot pass for the next parameter: the text is prefixed with its length.
    const std::string two = "SELECT COUNT(*) FROM t WHERE k = ?1 OR k = ?2";
    CHECK(count_of(c, {two, {std::string("a"), std::string("b")}}) == 5);
    CHECK(count_of(c, {two, {std::string("ab"), std::string("")}}) == 0);
}

TEST_CASE("serve's SQLite connection: kept counts are bounded, then the cache starts over") {
    auto c = loaded();
    const sql::statement first{"SELECT COUNT(*) FROM t WHERE k = ?1", {std::string("b")}};
    CHECK(count_of(c, first) == 1);
    c.db().exec("INSERT INTO t VALUES ('b', 9)");
    CHECK(count_of(c, first) == 1);
    // Distinct keys of 1 KiB each, past the bound: every answer still right, and the first count asked
    // again (the cache was emptied on the way).
    const std::size_t keys = sqlite_connection::count_cache_bytes / 1024 + 16;
    for (std::size_t i = 0; i < keys; ++i) {
        std::string k(1024, 'x');
        k.replace(0, std::to_string(i).size(), std::to_string(i));
        REQUIRE(count_of(c, {"SELECT COUNT(*) FROM t WHERE k = ?1", {k}}) == 0);
    }
    CHECK(count_of(c, first) == 2);
}

TEST_CASE("serve's SQLite connection: statements past the kept ones still run, errors throw") {
    auto c = loaded();
    for (std::size_t i = 0; i < sqlite_connection::cache_limit + 10; ++i)
        CHECK(rows_of(c, {std::string("SELECT ").append(std::to_string(i)), {}}) ==
              std::vector<std::vector<std::string>>{{std::to_string(i)}});
    CHECK_THROWS(rows_of(c, {"SELECT nothing FROM nowhere", {}}));
    CHECK(count_of(c, {"SELECT COUNT(*) FROM t", {}}) == 4); // the failed one left no transaction open
}

TEST_CASE("serve's SQLite connection: the listings' count statements are the ones it keeps") {
    // Every endpoint counts through sql::count_statement; the connection recognises its text.
    sql::listing_plan plan;
    plan.sql_dialect = sql::dialect::sqlite;
    plan.table = "files";
    CHECK(sql::count_statement(plan).text.starts_with(sqlite_connection::count_prefix));
    const auto request = apiquery::parse_tokens_request(
        "/api/v1/workspaces/production/token?limit=10&filter=role%20eq%20%27ADMIN%27");
    REQUIRE(request);
    const auto listing = sql::tokens_listing::make(*request, sql::dialect::sqlite, {});
    REQUIRE(listing);
    CHECK(listing->count_statement().text.starts_with(sqlite_connection::count_prefix));
    CHECK_FALSE(listing->page_statement({}).text.starts_with(sqlite_connection::count_prefix));
}
