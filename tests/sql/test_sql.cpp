// Tests of sql.hpp without a database: quoting, placeholders, casts, ORDER BY, keyset conditions, JSON.
// (tests/sql/test_sql_db.cpp runs the same pieces on SQLite and PostgreSQL.)
#include <apiquery/sql/postgres_text.hpp>
#include <apiquery/sql/sql.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace sql = apiquery::sql;

TEST_CASE("identifiers are quoted with doubled quotes, empty and NUL names are refused") {
    std::string out;
    CHECK(sql::append_identifier(out, "name"));
    CHECK(out == "\"name\"");
    out.clear();
    CHECK(sql::append_identifier(out, "we\"ird; DROP TABLE t; --"));
    CHECK(out == "\"we\"\"ird; DROP TABLE t; --\"");
    out.clear();
    CHECK_FALSE(sql::append_identifier(out, ""));
    CHECK_FALSE(sql::append_identifier(out, std::string("a\0b", 3)));
    CHECK(out.empty());

    sql::statement_builder b(sql::dialect::sqlite);
    b.sql("SELECT ").identifier("");
    CHECK(b.failed());
    CHECK_FALSE(b.error().empty());
}

TEST_CASE("placeholders are numbered per dialect, PostgreSQL with casts, and can be reused") {
    for (auto d : {sql::dialect::sqlite, sql::dialect::postgresql}) {
        sql::statement_builder b(d);
        b.sql("SELECT ");
        const auto n = b.param(std::string("x"), sql::column_type::text);
        b.sql(", ");
        b.param(std::int64_t{5}, sql::column_type::integer);
        b.sql(", ");
        b.param_ref(n, sql::column_type::text);
        b.sql(", ");
        b.param(true, sql::column_type::boolean);
        b.sql(", ");
        b.param(std::string("2025-01-01T00:00:00.000Z"), sql::column_type::timestamp);
        b.sql(", ");
        b.param(std::string("550e8400-e29b-41d4-a716-446655440000"), sql::column_type::uuid);
        b.sql(", ");
        b.param(1.5, sql::column_type::real);
        const auto s = b.finish();
        CHECK(s.params.size() == 6);
        if (d == sql::dialect::sqlite)
            CHECK(s.text == "SELECT ?1, ?2, ?1, ?3, ?4, ?5, ?6");
        else
            CHECK(
                s.text ==
                "SELECT $1::text, $2::bigint, $1::text, $3::boolean, $4::timestamptz, $5::uuid, $6::float8");
    }
}

TEST_CASE("to_json: the sql and the params") {
    sql::statement s{"SELECT ?1",
                     {nullptr, true, std::int64_t{-3}, 0.5, std::string("O'Neil \"x\"\n"),
                      std::numeric_limits<double>::infinity(), std::nan("")}};
    CHECK(sql::json_text(s) ==
          R"({"sql":"SELECT ?1","params":[null,true,-3,0.5,"O'Neil \"x\"\n","Infinity","NaN"]})");
    CHECK(sql::json_text(sql::statement{}) == R"({"sql":"","params":[]})");
}

TEST_CASE("columns carry the collation that compares by code point") {
    sql::statement_builder a(sql::dialect::sqlite), p(sql::dialect::postgresql);
    sql::append_column(a, {"name", sql::column_type::text, false});
    sql::append_column(p, {"name", sql::column_type::text, false});
    CHECK(a.text() == "\"name\" COLLATE BINARY");
    CHECK(p.text() == "\"name\" COLLATE \"C\"");
    sql::statement_builder t(sql::dialect::postgresql);
    sql::append_column(t, {"created_at", sql::column_type::timestamp, false});
    CHECK(t.text() == "\"created_at\"");
}

namespace {
const sql::column created{"created_at", sql::column_type::timestamp, false};
const sql::column expires{"expires_at", sql::column_type::timestamp, true};
const sql::column id{"api_token_id", sql::column_type::uuid, false};

std::string order_text(sql::dialect d, std::vector<sql::order_key> keys, bool reverse = false) {
    sql::statement_builder b(d);
    sql::append_order_by(b, keys, reverse);
    return std::string(b.text());
}
} // namespace

TEST_CASE("ORDER BY writes NULLS FIRST/LAST only where it differs from the dialect's default") {
    using sql::dialect;
    // NOT NULL columns: no NULLS clause, so an index delivers the order.
    CHECK(order_text(dialect::sqlite, {{created, true}, {id, true}}) ==
          " ORDER BY \"created_at\" DESC, \"api_token_id\" DESC");
    CHECK(order_text(dialect::postgresql, {{created, false}, {id, false}}) ==
          " ORDER BY \"created_at\", \"api_token_id\"");
    CHECK(order_text(dialect::postgresql, {{created, false}, {id, false}}, true) ==
          " ORDER BY \"created_at\" DESC, \"api_token_id\" DESC");
    // Nullable, NULLs last in ascending order: SQLite's default puts them first, PostgreSQL's last.
    CHECK(order_text(dialect::sqlite, {{expires, false, false}, {id, false}}) ==
          " ORDER BY \"expires_at\" NULLS LAST, \"api_token_id\"");
    CHECK(order_text(dialect::postgresql, {{expires, false, false}, {id, false}}) ==
          " ORDER BY \"expires_at\", \"api_token_id\"");
    CHECK(order_text(dialect::sqlite, {{expires, true, true}, {id, true}}) ==
          " ORDER BY \"expires_at\" DESC NULLS FIRST, \"api_token_id\" DESC");
    CHECK(order_text(dialect::postgresql, {{expires, true, true}, {id, true}}) ==
          " ORDER BY \"expires_at\" DESC, \"api_token_id\" DESC");
    // Reversed: every direction and placement flipped.
    CHECK(order_text(dialect::sqlite, {{expires, false, false}, {id, false}}, true) ==
          " ORDER BY \"expires_at\" DESC NULLS FIRST, \"api_token_id\" DESC");
}

namespace {
sql::statement keyset(sql::dialect d, std::vector<sql::order_key> keys, std::vector<sql::value> cursor,
                      bool reverse = false) {
    sql::statement_builder b(d);
    sql::append_keyset_condition(b, keys, cursor, reverse);
    return b.finish();
}
} // namespace

TEST_CASE("keyset conditions: a row-value comparison when the keys agree, no value in the text") {
    const std::vector<sql::value> c{std::int64_t{1735689600000000}, std::string("0000-id")};
    auto s = keyset(sql::dialect::sqlite, {{created, true}, {id, true}}, c);
    CHECK(s.text == "(\"created_at\", \"api_token_id\") < (?1, ?2)");
    CHECK(s.params == c);
    s = keyset(sql::dialect::sqlite, {{created, true}, {id, true}}, c, true);
    CHECK(s.text == "(\"created_at\", \"api_token_id\") > (?1, ?2)");
    s = keyset(sql::dialect::postgresql, {{created, false}, {id, false}}, c);
    CHECK(s.text == "(\"created_at\", \"api_token_id\") > ($1::timestamptz, $2::uuid)");
    // Mixed directions: k >= c AND (k > c OR rest).
    s = keyset(sql::dialect::sqlite, {{created, true}, {id, false}}, c);
    CHECK(s.text == "(\"created_at\" <= ?1 AND (\"created_at\" < ?1 OR \"api_token_id\" > ?2))");
}

TEST_CASE("keyset conditions: NULL sort values") {
    const std::vector<sql::value> non_null{std::int64_t{7}, std::string("id")};
    const std::vector<sql::value> null{nullptr, std::string("id")};
    // Ascending, NULLs last: after a value come the larger values and every NULL.
    auto s = keyset(sql::dialect::sqlite, {{expires, false, false}, {id, false}}, non_null);
    CHECK(s.text == "((\"expires_at\" >= ?1 OR \"expires_at\" IS NULL) AND ((\"expires_at\" > ?1 OR "
                    "\"expires_at\" IS NULL) OR \"api_token_id\" > ?2))");
    // ... after a NULL come only the NULLs with a larger id.
    s = keyset(sql::dialect::sqlite, {{expires, false, false}, {id, false}}, null);
    CHECK(s.text == "(\"expires_at\" IS NULL AND \"api_token_id\" > ?1)");
    CHECK(s.params.size() == 1);
    // Ascending, NULLs first: after a NULL come the other NULLs (larger id) and every value.
    s = keyset(sql::dialect::sqlite, {{expires, false, true}, {id, false}}, null);
    CHECK(s.text == "((\"expires_at\" IS NOT NULL OR \"api_token_id\" > ?1))");
    // ... after a value: a row-value comparison (a NULL key makes it NULL, i.e. not after).
    s = keyset(sql::dialect::postgresql, {{expires, false, true}, {id, false}}, non_null);
    CHECK(s.text == "(\"expires_at\", \"api_token_id\") > ($1::timestamptz, $2::uuid)");
}

TEST_CASE("LIMIT and OFFSET are bound") {
    sql::statement_builder b(sql::dialect::postgresql);
    b.sql("SELECT 1");
    sql::append_limit_offset(b, 11, 0);
    const auto s = b.finish();
    CHECK(s.text == "SELECT 1 LIMIT $1::bigint OFFSET $2::bigint");
    CHECK(s.params == std::vector<sql::value>{std::int64_t{11}, std::int64_t{0}});
}

TEST_CASE(
    "postgres_text_params: every kind of value in PostgreSQL's text format; NUL in a text is an error") {
    const sql::statement s{"SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9",
                           {nullptr, true, false, std::int64_t{-9223372036854775807 - 1}, 0.1, -0.0,
                            std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                            std::string("it's \xC3\xA9")}};
    const auto t = sql::postgres_text_params(s);
    REQUIRE(t);
    const std::vector<std::optional<std::string>> want{
        std::nullopt, "true",     "false", "-9223372036854775808", "0.10000000000000001",
        "-0",         "Infinity", "NaN",   "it's \xC3\xA9"};
    CHECK(*t == want);
    // Every finite double comes back from its text unchanged.
    for (const double d : {5e-324, 1.7976931348623157e308, 1.3927926388013963e-143, 2.0 / 3.0}) {
        INFO(d);
        CHECK(std::strtod(sql::postgres_double_text(d).c_str(), nullptr) == d);
    }
    CHECK(sql::postgres_double_text(-std::numeric_limits<double>::infinity()) == "-Infinity");

    const sql::statement nul{"SELECT $1, $2", {std::int64_t{1}, std::string("a\0b", 3)}};
    const auto refused = sql::postgres_text_params(nul);
    REQUIRE_FALSE(refused);
    CHECK(refused.error() == "parameter $2 is text holding NUL, which PostgreSQL's text format cannot carry");
}
