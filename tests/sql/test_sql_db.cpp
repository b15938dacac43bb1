// The SQL area on real databases: SQLite (libsqlite3) and PostgreSQL (libpq, on the server of the CTest
// fixture). PostgreSQL test cases skip with a message only when no server could be started; the test
// "sql: postgres available" makes that visible and fails under CI.
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/sql/sql.hpp>

#ifdef APIQUERY_TEST_HAVE_LIBPQ
#include "pg_db.hpp"
#endif

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sql = apiquery::sql;

namespace {

#ifdef APIQUERY_TEST_HAVE_LIBPQ
// The PostgreSQL connection of this program, or nullptr after a WARN saying why the test skips.
apiquery_test::pg_db* postgres_or_skip() {
    const auto& server = apiquery_test::postgres();
    if (!server.available) {
        WARN("postgres: skipped: " << server.reason);
        return nullptr;
    }
    static apiquery_test::pg_db db(server.conninfo);
    return &db;
}
#define APIQUERY_PG_OR_SKIP(var)                                                                             \
    auto* var = postgres_or_skip();                                                                          \
    if (var == nullptr)                                                                                      \
    return
#else
#define APIQUERY_PG_OR_SKIP(var)                                                                             \
    WARN("postgres: skipped: libpq (libpq-dev) was not found when the build was configured");                \
    return;                                                                                                  \
    apiquery_test_pg_unused* var = nullptr
struct apiquery_test_pg_unused {};
#endif

// The first column of every row, as text ("NULL" for NULL).
std::vector<std::string> first_column(apiquery::detail::sqlite_db& db, const sql::statement& s) {
    std::vector<std::string> out;
    for (const auto& row : db.rows(s)) {
        const auto& c = row.at(0);
        if (const auto* t = std::get_if<std::string>(&c))
            out.push_back(*t);
        else if (const auto* k = std::get_if<std::int64_t>(&c))
            out.push_back(std::to_string(*k));
        else
            out.push_back("NULL");
    }
    return out;
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ
std::vector<std::string> first_column(apiquery_test::pg_db& db, const sql::statement& s) {
    std::vector<std::string> out;
    for (const auto& row : db.rows(s)) {
        const auto& c = row.at(0);
        out.push_back(std::holds_alternative<std::nullptr_t>(c) ? "NULL" : std::get<std::string>(c));
    }
    return out;
}
#endif

// --- keyset conditions against a sorting oracle -------------------------------------------------------

struct krow {
    std::optional<std::int64_t> k;
    std::string id;
};

std::vector<krow> keyset_rows() {
    std::vector<krow> rows;
    std::mt19937 rng(7);
    // Ids whose code-point order differs from a natural-language collation's: 'B' < 'a' < 'b'.
    const char* letters = "aBbC_cZ";
    for (int i = 0; i < 40; ++i) {
        krow r;
        const int v = static_cast<int>(rng() % 6);
        if (v != 0)
            r.k = v * 10;
        r.id = std::string(1, letters[rng() % 7]) + std::string(1, letters[rng() % 7]) + std::to_string(i);
        rows.push_back(r);
    }
    return rows;
}

// Orders rows as `keys` say (k with its direction and NULL placement, then id).
bool before_in_order(const krow& a, const krow& b, bool k_desc, bool nulls_first, bool id_desc) {
    if (a.k.has_value() != b.k.has_value())
        return a.k.has_value() ? !nulls_first : nulls_first;
    if (a.k && *a.k != *b.k)
        return k_desc ? *a.k > *b.k : *a.k < *b.k;
    return id_desc ? a.id > b.id : a.id < b.id;
}

template <class Db>
void check_keyset(Db& db, sql::dialect d) {
    const auto rows = keyset_rows();
    const sql::column kcol{"k", sql::column_type::integer, true};
    const sql::column idcol{"id", sql::column_type::text, false};
    int checked = 0;
    for (bool k_desc : {false, true})
        for (bool nulls_first : {false, true})
            for (bool id_desc : {false, true})
                for (bool reverse : {false, true}) {
                    const std::vector<sql::order_key> keys{{kcol, k_desc, nulls_first}, {idcol, id_desc}};
                    auto sorted = rows;
                    std::sort(sorted.begin(), sorted.end(), [&](const krow& a, const krow& b) {
                        return before_in_order(a, b, k_desc, nulls_first, id_desc);
                    });
                    for (std::size_t pos = 0; pos < sorted.size(); ++pos) {
                        const auto& c = sorted[pos];
                        std::vector<sql::value> cursor{c.k ? sql::value(*c.k) : sql::value(nullptr), c.id};
                        sql::statement_builder b(d);
                        b.sql("SELECT ").identifier("id").sql(" FROM ").identifier("keyset_t").sql(" WHERE ");
                        sql::append_keyset_condition(b, keys, cursor, reverse);
                        sql::append_order_by(b, keys, reverse);
                        const auto s = b.finish();
                        std::vector<std::string> expected;
                        if (!reverse) {
                            for (std::size_t j = pos + 1; j < sorted.size(); ++j)
                                expected.push_back(sorted[j].id);
                        } else {
                            for (std::size_t j = pos; j-- > 0;)
                                expected.push_back(sorted[j].id);
                        }
                        INFO(s.text);
                        REQUIRE(first_column(db, s) == expected);
                        ++checked;
                    }
                }
    CHECK(checked == 16 * 40);
}

std::string keyset_table_sql(sql::dialect d) {
    std::string s = d == sql::dialect::sqlite
                        ? "CREATE TABLE keyset_t (k INTEGER, id TEXT NOT NULL PRIMARY KEY);"
                        : "CREATE TEMP TABLE keyset_t (k bigint, id text NOT NULL PRIMARY KEY);";
    for (const auto& r : keyset_rows())
        s += "INSERT INTO keyset_t VALUES (" + (r.k ? std::to_string(*r.k) : std::string("NULL")) + ", '" +
             r.id + "');";
    return s;
}

} // namespace

TEST_CASE("keyset conditions select exactly the rows after (before) the cursor: SQLite") {
    apiquery::detail::sqlite_db db(":memory:");
    db.exec(keyset_table_sql(sql::dialect::sqlite));
    check_keyset(db, sql::dialect::sqlite);
}

TEST_CASE("keyset conditions select exactly the rows after (before) the cursor: PostgreSQL") {
    APIQUERY_PG_OR_SKIP(pg);
    pg->exec("DROP TABLE IF EXISTS keyset_t;" + keyset_table_sql(sql::dialect::postgresql));
    // The cluster's default collation is natural-language ("en"); the SQL must still order by code point.
    CHECK(pg->scalar("SELECT 'a' < 'B'") == "t");
    check_keyset(*pg, sql::dialect::postgresql);
}
