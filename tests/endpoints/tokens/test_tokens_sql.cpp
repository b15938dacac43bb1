// Tests of tokens_sql.hpp without a database: the schema, the loader's statement, row decoding, and
// the statements of a listing (their text shape and bound values).
// (tests/endpoints/tokens/test_tokens_sql_db.cpp runs them on SQLite and PostgreSQL against the engine.)
#include <apiquery/endpoints/tokens/table.hpp>

#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/lax_int.hpp>

#include <catch2/catch.hpp>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace sql = apiquery::sql;
using sql::dialect;
using V = std::vector<sql::value>;

namespace {

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

// The cells a driver would hand back for the loader's values (the first 13: scope_workspace is not read).
std::vector<sql::cell> cells_of(const sql::statement& insert, bool as_text, std::vector<std::string>& store) {
    store.clear();
    store.reserve(insert.params.size());
    std::vector<sql::cell> out;
    for (std::size_t i = 0; i + 1 < insert.params.size(); ++i) {
        const auto& v = insert.params[i];
        if (std::holds_alternative<std::nullptr_t>(v)) {
            out.emplace_back(nullptr);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            out.emplace_back(std::string_view(*s));
        } else if (const auto* b = std::get_if<bool>(&v)) {
            store.push_back(*b ? "t" : "f");
            out.emplace_back(std::string_view(store.back()));
        } else if (const auto* k = std::get_if<std::int64_t>(&v)) {
            if (as_text) {
                store.push_back(std::to_string(*k));
                out.emplace_back(std::string_view(store.back()));
            } else {
                out.emplace_back(*k);
            }
        }
    }
    return out;
}

} // namespace

TEST_CASE("the schema: columns, types, collation and the listing indexes per dialect") {
    const auto lite = sql::tokens_schema_sql(dialect::sqlite);
    CHECK(contains(lite, R"(CREATE TABLE "tokens" ("api_token_id" TEXT PRIMARY KEY, "name" TEXT NOT NULL)"));
    CHECK(contains(lite, R"("expires_at" INTEGER, )"));
    CHECK(contains(lite, R"("created_at" INTEGER NOT NULL, "scope_workspace" TEXT))"));
    // SQLite: the default order's index covers the row; the others are narrow.
    CHECK(contains(lite,
                   R"(CREATE INDEX "tokens_scope_created_at" ON "tokens" ("scope_workspace", "created_at", )"
                   R"("api_token_id", "name", "masked_token", "personal", "expires", "expires_at", )"
                   R"("user_given_name", "user_family_name", "role", "organization_role", "workspaces", )"
                   R"("all_workspaces");)"));
    CHECK(contains(lite, R"(CREATE INDEX "tokens_scope_name" ON "tokens" ("scope_workspace", "name", )"
                         R"("api_token_id");)"));
    const auto pg = sql::tokens_schema_sql(dialect::postgresql);
    CHECK(contains(pg, R"("api_token_id" uuid PRIMARY KEY, "name" text COLLATE "C" NOT NULL)"));
    CHECK(contains(pg, R"("personal" boolean NOT NULL)"));
    CHECK(contains(pg, R"("expires_at" timestamptz, )"));
    for (const char* f : {"created_at", "name", "role", "expires_at"})
        CHECK(contains(pg, std::string("CREATE INDEX \"tokens_scope_") + f +
                               "\" ON \"tokens\" (\"scope_workspace\", \"" + f + "\", \"api_token_id\");"));
    // Table names are identifiers: quoted.
    CHECK(contains(sql::tokens_schema_sql(dialect::sqlite, {"my \"tokens\""}),
                   R"(CREATE TABLE "my ""tokens""" ()"));
}

TEST_CASE("the loader binds every value and rows decode back to the record") {
    const auto records = apiquery::generate_sample_tokens(60, 3);
    std::vector<std::string> store;
    int scoped = 0, unscoped = 0;
    for (const auto& r : records) {
        const auto lite = sql::insert_token_statement(dialect::sqlite, r);
        REQUIRE(lite.params.size() == 14);
        CHECK(contains(lite.text, "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
        CHECK(lite.params[12] == sql::value(r.created_at.unix_micros()));
        const auto scope = sql::scope_workspace(r);
        (scope ? scoped : unscoped)++;
        CHECK(lite.params[13] == (scope ? sql::value(*scope) : sql::value(nullptr)));
        CHECK(sql::decode_token_row(cells_of(lite, false, store)).value() == r);
        CHECK(sql::decode_token_row(cells_of(lite, true, store)).value() == r);

        const auto pg = sql::insert_token_statement(dialect::postgresql, r);
        CHECK(contains(pg.text, "VALUES ($1::uuid, $2::text, $3::text, $4::boolean"));
        CHECK(pg.params[3] == sql::value(r.meta.personal));
        CHECK(pg.params[12] == sql::value(sql::postgres_timestamp_text(r.created_at.unix_micros())));
    }
    CHECK(scoped > 0);
    CHECK(unscoped > 0);
    // What is wrong is said.
    const auto first = sql::insert_token_statement(dialect::sqlite, records[0]);
    auto bad = cells_of(first, false, store);
    bad[9] = std::string_view("BOSS");
    CHECK(sql::decode_token_row(bad).error() ==
          "column 'organization_role' holds a value that is not what the schema says");
    CHECK_FALSE(sql::decode_token_row(std::vector<sql::cell>(3, nullptr)));
}

TEST_CASE("the workspaces column: the plain form read directly and every other JSON text as JSON") {
    const auto records = apiquery::generate_sample_tokens(1, 5);
    std::vector<std::string> store;
    store.reserve(64);
    const auto lite = sql::insert_token_statement(dialect::sqlite, records[0]);
    const auto names = [&](std::string_view column) -> std::optional<std::vector<std::string>> {
        auto row = cells_of(lite, false, store);
        row[10] = column;
        auto r = sql::decode_token_row(row);
        if (!r)
            return std::nullopt;
        std::vector<std::string> out;
        for (const auto& w : r->meta.workspaces)
            out.push_back(w.name);
        return out;
    };
    using v = std::vector<std::string>;
    CHECK(names("[]") == v{});
    CHECK(names(R"(["a"])") == v{"a"});
    CHECK(names(R"(["prod","dev sandbox",""])") == v{"prod", "dev sandbox", ""});
    // What the plain reader leaves to the JSON parser: escapes, non-ASCII, spaces.
    CHECK(names(R"(["a\"b","c\\d","\u00e9"])") == v{"a\"b", "c\\d", "\xC3\xA9"});
    CHECK(names("[\"\xC3\xA9t\xC3\xA9\"]") == v{"\xC3\xA9t\xC3\xA9"});
    CHECK(names(R"([ "a" , "b" ])") == v{"a", "b"});
    // Not a list of strings: the row is refused, whichever reader saw it first.
    for (std::string_view bad :
         {"", "[", "]", R"(["a")", R"(["a",])", R"(["a"]x)", R"(["a""b"])", "[1]", R"({"a":1})", R"(["a",1])",
          "[\"a\x01\"]", "[\"\xFF\"]", R"([,"a"])", "null"})
        CHECK_FALSE(names(bad));
}

TEST_CASE("postgres_timestamp_text: exact, BC years, wide years, -infinity") {
    CHECK(sql::postgres_timestamp_text(0) == "1970-01-01T00:00:00.000000+00");
    CHECK(sql::postgres_timestamp_text(1735689600123456) == "2025-01-01T00:00:00.123456+00");
    CHECK(sql::postgres_timestamp_text(-1) == "1969-12-31T23:59:59.999999+00");
    // Year 0 is 1 BC; year 10000 has five digits.
    CHECK(sql::postgres_timestamp_text(-62167219200000000) == "0001-01-01T00:00:00.000000+00 BC");
    CHECK(sql::postgres_timestamp_text(253402300800000000) == "10000-01-01T00:00:00.000000+00");
    CHECK(sql::postgres_timestamp_text(-210866803200000000) == "4714-11-24T00:00:00.000000+00 BC");
    CHECK(sql::postgres_timestamp_text(-210866803200000001) == "-infinity");
    CHECK(sql::postgres_timestamp_text(std::numeric_limits<std::int64_t>::min()) == "-infinity");
}

namespace {
apiquery::tokens_request request() {
    apiquery::tokens_request r;
    r.workspace_name = "production";
    r.limit = 10;
    return r;
}
} // namespace

TEST_CASE("listing statements: scope, filter, keyset, order, LIMIT L+1, all bound") {
    auto req = request();
    req.filter = "name eq 'ci' and created_at ge 2025-01-01T00:00:00Z";
    req.after = apiquery::parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    auto l = sql::tokens_listing::make(req, dialect::sqlite).value();
    const auto cursor = l.cursor_statement().value();
    CHECK(cursor.text ==
          R"(SELECT "created_at", "api_token_id" FROM "tokens" WHERE "scope_workspace" COLLATE )"
          R"(BINARY = ?1 AND "api_token_id" = ?2)");
    CHECK(cursor.params == V{std::string("production"), std::string("550e8400-e29b-41d4-a716-446655440000")});
    CHECK(l.count_statement().text ==
          R"(SELECT COUNT(*) FROM "tokens" WHERE "scope_workspace" COLLATE BINARY = ?1 )"
          R"(AND ("name" COLLATE BINARY = ?2 AND "created_at" >= ?3))");
    const sql::cell row[] = {std::int64_t{1735689600000000},
                             std::string_view("550e8400-e29b-41d4-a716-446655440000")};
    const auto page = l.page_statement(row);
    CHECK(contains(page.text,
                   R"(WHERE "scope_workspace" COLLATE BINARY = ?1 AND ("name" COLLATE BINARY = ?2 AND )"
                   R"("created_at" >= ?3) AND ("created_at", "api_token_id") < (?4, ?5) ORDER BY )"
                   R"("created_at" DESC, "api_token_id" DESC LIMIT ?6 OFFSET ?7)"));
    CHECK(page.params == V{std::string("production"), std::string("ci"), std::int64_t{1735689600000000},
                           std::int64_t{1735689600000000},
                           std::string("550e8400-e29b-41d4-a716-446655440000"), std::int64_t{11},
                           std::int64_t{0}});

    // before: the reverse order (nearest first), the keyset the other way.
    req.before = req.after;
    req.after.reset();
    req.order = apiquery::sort_order::asc;
    req.field = apiquery::token_sort_field::expires_at;
    l = sql::tokens_listing::make(req, dialect::postgresql).value();
    const sql::cell null_row[] = {nullptr, std::string_view("550e8400-e29b-41d4-a716-446655440000")};
    const auto back = l.page_statement(null_row);
    INFO(back.text);
    // Before a NULL expires_at (ASC: NULLs last): every dated token, and the NULLs with a smaller id.
    CHECK(contains(back.text,
                   R"(AND (("expires_at" IS NOT NULL OR "api_token_id" < $4::uuid)) ORDER BY )"
                   R"("expires_at" DESC, "api_token_id" DESC LIMIT $5::bigint OFFSET $6::bigint)"));
}

TEST_CASE("page numbers and limits: saturated, never overflowing") {
    auto req = request();
    req.page_number = apiquery::big_int::from(apiquery::parse_lax_int("99999999999999999999999999").value());
    auto l = sql::tokens_listing::make(req, dialect::sqlite).value();
    auto s = l.page_statement();
    CHECK(s.params.back() == sql::value(std::numeric_limits<std::int64_t>::max()));
    req.page_number = 3;
    s = sql::tokens_listing::make(req, dialect::sqlite).value().page_statement();
    CHECK(s.params.back() == sql::value(std::int64_t{20}));
    req.limit = apiquery::big_int::from(apiquery::parse_lax_int("-99999999999999999999999999").value());
    l = sql::tokens_listing::make(req, dialect::sqlite).value();
    CHECK(l.page_size() == 0);
    s = l.page_statement();
    CHECK(s.params[s.params.size() - 2] == sql::value(std::int64_t{1})); // L + 1: is there anything at all?
    CHECK(s.params.back() == sql::value(std::int64_t{0}));
}

TEST_CASE("refusals: the engine's 422 bodies") {
    auto req = request();
    req.filter = "name eq 'a' or name eq 'b'";
    auto r = sql::tokens_listing::make(req, dialect::sqlite);
    REQUIRE_FALSE(r);
    CHECK(
        apiquery::json_text(r.error()) ==
        R"x({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, operator 'or' is not )x"
        R"x(supported by this endpoint (supported: eq, ge, and)","input":"name eq 'a' or name eq 'b'","ctx":)x"
        R"x({"error":"operator 'or' is not supported by this endpoint (supported: eq, ge, and)","position":12}}]})x");
    req.filter.reset();
    req.before = apiquery::parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    CHECK(
        apiquery::json_text(sql::tokens_listing::make(req, dialect::sqlite).value().cursor_not_found()) ==
        R"({"detail":[{"type":"value_error","loc":["query","before"],"msg":"Value error, cursor does not match )"
        R"(any token of workspace 'production'","input":"550e8400-e29b-41d4-a716-446655440000","ctx":{"error":)"
        R"("cursor does not match any token of workspace 'production'"}}]})");
    // A filter the profile accepts but SQL cannot express (a function) is refused before any query runs.
    sql::tokens_sql_options o;
    o.profile = &apiquery::profiles::full;
    req.before.reset();
    req.filter = "tolower(name) eq 'ci'";
    r = sql::tokens_listing::make(req, dialect::sqlite, o);
    REQUIRE_FALSE(r);
    CHECK(
        contains(apiquery::json_text(r.error()), "cannot translate function 'tolower' (bytes 0-13) to SQL"));
}
