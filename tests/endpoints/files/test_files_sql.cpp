// Tests of endpoints/files/table.hpp without a database: the schema per dialect, the listing order, and a
// listing plan over the metadata document (its statements' text and bound values).
// (test_files_sql_db.cpp runs them on SQLite and PostgreSQL, plans included.)
#include <apiquery/endpoints/files/table.hpp>

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/listing_plan.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace sql = apiquery::sql;
using sql::dialect;

namespace {
bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("files schema: columns, JSON checks and the listing indexes per dialect") {
    const auto lite = sql::files_schema_sql(dialect::sqlite);
    CHECK(contains(lite, R"(CREATE TABLE "files" ("file_id" TEXT PRIMARY KEY, "workspace" TEXT NOT NULL, )"));
    CHECK(contains(lite,
                   R"("meta" TEXT NOT NULL CHECK (json_valid("meta") AND json_type("meta") = 'object'))"));
    CHECK(contains(lite, R"("created_at" INTEGER NOT NULL, "created_at_offset" INTEGER NOT NULL, )"));
    CHECK(contains(lite, R"("languages" TEXT, "content" TEXT NOT NULL, "meta_text" TEXT);)"));
    CHECK(contains(
        lite,
        R"(CREATE INDEX "files_workspace_created_at" ON "files" ("workspace", "created_at", "file_id");)"));
    CHECK(contains(lite,
                   R"(CREATE INDEX "files_workspace_name" ON "files" ("workspace", "name", "file_id");)"));
    CHECK_FALSE(contains(lite, "gin"));

    const auto pg = sql::files_schema_sql(dialect::postgresql, {"docs"});
    CHECK(contains(
        pg, R"(CREATE TABLE "docs" ("file_id" uuid PRIMARY KEY, "workspace" text COLLATE "C" NOT NULL, )"));
    CHECK(contains(pg, R"("name" text COLLATE "C" NOT NULL, "size" bigint NOT NULL, )"));
    CHECK(contains(pg, R"("meta" jsonb NOT NULL CHECK (jsonb_typeof("meta") = 'object'))"));
    CHECK(contains(pg, R"("created_at" timestamptz NOT NULL, "created_at_offset" integer NOT NULL, )"));
    CHECK(contains(pg, R"("languages" jsonb, "content" text NOT NULL, "meta_text" text);)"));
    CHECK(contains(pg, R"(CREATE INDEX "docs_meta" ON "docs" USING gin ("meta" jsonb_path_ops);)"));
    CHECK(contains(pg, R"(CREATE INDEX "docs_workspace_name" ON "docs" ("workspace", "name", "file_id");)"));
}

TEST_CASE("files listing order and select list") {
    const auto o = sql::files_listing_order("name", true);
    REQUIRE(o.size() == 2);
    CHECK(o[0].col.name == "name");
    CHECK(o[0].descending);
    CHECK(o[1].col.name == "file_id");
    CHECK(o[1].descending);
    CHECK(sql::files_listing_order("created_at", false)[0].col.type == sql::column_type::timestamp);
    CHECK(
        sql::files_select_list(dialect::sqlite) ==
        R"("file_id", "workspace", "name", "size", "characters", "meta", "created_at", "created_at_offset", )"
        R"("languages", "content", "meta_text")");
    CHECK(contains(sql::files_select_list(dialect::postgresql),
                   R"(CAST(EXTRACT(EPOCH FROM "created_at") * 1000000 AS bigint))"));
    CHECK_THROWS_AS(sql::files_column("nope"), std::out_of_range);
}

TEST_CASE("a files listing plan writes the metadata filter over the document, every key and value bound") {
    auto parsed = apiquery::parse_filter("category eq 'news' and published_date ge '2025-01-01'");
    REQUIRE(parsed);
    auto checked = apiquery::check_filter(std::move(*parsed), apiquery::profiles::files);
    REQUIRE(checked);
    sql::listing_plan plan;
    plan.sql_dialect = dialect::postgresql;
    plan.table = "files";
    plan.row_columns = sql::files_table_columns();
    plan.scope = [](sql::statement_builder& b) {
        b.identifier("workspace").sql(" = ");
        b.param(std::string("production"), sql::column_type::text);
    };
    plan.filter = *checked;
    plan.filter_document = sql::files_meta_column();
    plan.order = sql::files_listing_order("created_at", false);
    plan.direction = apiquery::cursor_direction::after;
    plan.limit = 10;
    const apiquery::sql::cell cursor[] = {std::int64_t{1735689600000000},
                                          std::string_view("00000000-0000-4000-8000-000000000000")};
    const auto page = sql::page_statement(plan, cursor);
    INFO(page.text);
    CHECK(contains(
        page.text,
        R"( FROM "files" WHERE "workspace" = $1::text AND (("meta" @> $2::text::jsonb AND EXISTS )"));
    CHECK(contains(page.text, R"(ORDER BY "created_at", "file_id" LIMIT $)"));
    CHECK(contains(page.text, R"( AND ("created_at", "file_id") > ($7::timestamptz, $8::uuid) ORDER BY)"));
    for (std::string_view part : {"news", "category", "published_date", "2025", "production"})
        CHECK_FALSE(contains(page.text, part));
    CHECK(page.params.at(1) == sql::value(std::string(R"({"category":"news"})")));
    const auto count = sql::count_statement(plan);
    CHECK(contains(count.text,
                   R"(SELECT COUNT(*) FROM "files" WHERE "workspace" = $1::text AND (("meta" @> )"));
}
