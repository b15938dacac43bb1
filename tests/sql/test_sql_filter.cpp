// Tests of sql_filter.hpp without a database: the SQL text and bound values of translated filters, the
// engine's null and string semantics in SQL form, and the errors for what SQL cannot express.
// (tests/sql/test_sql_db.cpp checks on SQLite and PostgreSQL that the answers equal the engine's.)
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/sql/sql_filter.hpp>

#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sql = apiquery::sql;
using apiquery::profile;
namespace profiles = apiquery::profiles;

namespace {

// The tokens fields with every operator and function of the grammar allowed.
const profile& wide_profile() {
    static const profile p = [] {
        profile x(profiles::tokens);
        x.allow(apiquery::all_operators).allow(apiquery::all_functions).allow_lambdas().allow_aliases();
        x.add_field("tags", apiquery::value_type::string, {.collection = true});
        return x;
    }();
    return p;
}

apiquery::checked_filter check(std::string_view text, const apiquery::profile_view& p) {
    auto ast = apiquery::parse_filter(text);
    INFO(text);
    REQUIRE(ast);
    auto checked = apiquery::check_filter(std::move(*ast), p);
    if (!checked)
        FAIL(checked.error().message);
    return *checked;
}

sql::statement translate(std::string_view text, sql::dialect d,
                         const apiquery::profile_view& p = wide_profile(), sql::translate_options o = {}) {
    auto r = sql::translate_filter(check(text, p), sql::tokens_columns(), d, o);
    INFO(text);
    if (!r)
        FAIL(r.error().message);
    return *r;
}

sql::translate_error translate_error(std::string_view text, sql::dialect d = sql::dialect::sqlite) {
    auto r = sql::translate_filter(check(text, wide_profile()), sql::tokens_columns(), d);
    INFO(text);
    REQUIRE_FALSE(r);
    return r.error();
}

using sql::dialect;
using V = std::vector<sql::value>;

} // namespace

TEST_CASE("the tokens profile's filters: SQLite and PostgreSQL text, values bound") {
    auto s = translate("name eq 'ci' and created_at ge '2025-01-01'", dialect::sqlite, profiles::tokens);
    CHECK(s.text == R"(("name" COLLATE BINARY = ?1 AND "created_at" >= ?2))");
    CHECK(s.params == V{std::string("ci"), std::int64_t{1735689600000000}});
    s = translate("name eq 'ci' and created_at ge '2025-01-01'", dialect::postgresql, profiles::tokens);
    CHECK(s.text == R"(("name" COLLATE "C" = $1::text AND "created_at" >= $2::timestamptz))");
    CHECK(s.params == V{std::string("ci"), std::string("2025-01-01T00:00:00.000000+00")});

    s = translate("organization_role eq 'ADMIN' and personal eq true and api_token_id eq "
                  "550E8400-E29B-41D4-A716-446655440000",
                  dialect::sqlite, profiles::tokens);
    CHECK(s.text ==
          R"(("organization_role" COLLATE BINARY = ?1 AND "personal" = ?2 AND "api_token_id" = ?3))");
    CHECK(s.params ==
          V{std::string("ADMIN"), std::int64_t{1}, std::string("550e8400-e29b-41d4-a716-446655440000")});
    s = translate("personal eq true and api_token_id eq 550E8400-E29B-41D4-A716-446655440000",
                  dialect::postgresql, profiles::tokens);
    CHECK(s.text == R"(("personal" = $1::boolean AND "api_token_id" = $2::uuid))");
    CHECK(s.params == V{true, std::string("550e8400-e29b-41d4-a716-446655440000")});
}

TEST_CASE("lower-case t and z bind the same values as upper case") {
    for (const auto d : {dialect::sqlite, dialect::postgresql}) {
        const auto lower =
            translate("created_at ge 2025-01-01t00:00:00z and expires_at ge '2026-01-01t00:00:00.5z'", d,
                      profiles::tokens);
        const auto upper =
            translate("created_at ge 2025-01-01T00:00:00Z and expires_at ge '2026-01-01T00:00:00.5Z'", d,
                      profiles::tokens);
        CHECK(lower.text == upper.text);
        CHECK(lower.params == upper.params);
    }
    CHECK(translate("created_at ge 2025-01-01t00:00:00z", dialect::sqlite, profiles::tokens).params ==
          V{std::int64_t{1735689600000000}});
}

TEST_CASE("null: eq null is the null test, other comparisons with NULL are false, two-valued under not") {
    auto s = translate("expires_at eq null", dialect::sqlite);
    CHECK(s.text == R"(("expires_at" IS NULL))");
    CHECK(s.params.empty());
    CHECK(translate("expires_at ne null", dialect::sqlite).text == R"(("expires_at" IS NOT NULL))");
    CHECK(translate("null eq expires_at", dialect::sqlite).text == R"(("expires_at" IS NULL))");
    // A nullable column is guarded, so NOT means the engine's not.
    s = translate("not (expires_at ge 2026-01-01T00:00:00Z)", dialect::sqlite);
    CHECK(s.text == R"(NOT (("expires_at" >= ?1 AND "expires_at" IS NOT NULL)))");
    // ne is not eq: true for NULL.
    s = translate("expires_at ne 2026-01-01T00:00:00Z", dialect::postgresql);
    CHECK(s.text == R"(("expires_at" <> $1::timestamptz OR "expires_at" IS NULL))");
    // A literal on the left is moved to the right, the operator mirrored.
    s = translate("2026-01-01T00:00:00Z lt expires_at", dialect::sqlite);
    CHECK(s.text == R"(("expires_at" > ?1 AND "expires_at" IS NOT NULL))");
    // NOT NULL columns need no guard.
    CHECK(translate("name ne 'x'", dialect::sqlite).text == R"("name" COLLATE BINARY <> ?1)");
    // Two nullable operands: equal when both are NULL.
    s = translate("expires_at eq expires_at", dialect::sqlite);
    CHECK(s.text ==
          R"((("expires_at" = "expires_at" AND "expires_at" IS NOT NULL AND "expires_at" IS NOT NULL) )"
          R"(OR ("expires_at" IS NULL AND "expires_at" IS NULL)))");
    s = translate("expires_at ne expires_at", dialect::sqlite);
    CHECK(s.text.rfind("NOT ((", 0) == 0);
}

TEST_CASE("literals compared with literals are decided in the translation") {
    CHECK(translate("'a' lt 'b'", dialect::sqlite).text == "TRUE");
    CHECK(translate("'b' lt 'a'", dialect::sqlite).text == "FALSE");
    CHECK(translate("1 eq 1 and name eq 'x'", dialect::sqlite).text ==
          R"((TRUE AND "name" COLLATE BINARY = ?1))");
    CHECK(translate("null eq null", dialect::sqlite).text == "TRUE");
    CHECK(translate("'é' gt 'z'", dialect::sqlite).text == "TRUE"); // code points, not a collation
}

TEST_CASE("in: a bound list, null items as IS NULL, empty lists false") {
    auto s = translate("name in ('a', 'b')", dialect::postgresql);
    CHECK(s.text == R"(("name" COLLATE "C" IN ($1::text, $2::text)))");
    // `in` is `eq` with any item: a null item matches NULL.
    s = translate("expires_at in (null, 2026-01-01T00:00:00Z)", dialect::sqlite);
    CHECK(s.text == R"(("expires_at" IN (?1) OR "expires_at" IS NULL))");
    s = translate("expires_at in (2026-01-01T00:00:00Z)", dialect::sqlite);
    CHECK(s.text == R"(("expires_at" IN (?1) AND "expires_at" IS NOT NULL))");
    CHECK(translate("name in ()", dialect::sqlite).text == "FALSE");
    CHECK(translate("expires_at in (null)", dialect::sqlite).text == R"(("expires_at" IS NULL))");
}

TEST_CASE("contains, startswith, endswith: LIKE with escapes in PostgreSQL, exact byte functions in SQLite") {
    auto s = translate("contains(name, '50%_off!')", dialect::postgresql);
    CHECK(s.text == R"(("name" COLLATE "C" LIKE $1::text ESCAPE '!'))");
    CHECK(s.params == V{std::string("%50!%!_off!!%")});
    CHECK(translate("startswith(name, 'a_')", dialect::postgresql).params == V{std::string("a!_%")});
    CHECK(translate("endswith(name, '%')", dialect::postgresql).params == V{std::string("%!%")});

    s = translate("contains(name, 'ab')", dialect::sqlite);
    CHECK(s.text == R"((instr("name" COLLATE BINARY, ?1) > 0))");
    CHECK(s.params == V{std::string("ab")});
    CHECK(translate("startswith(name, 'ab')", dialect::sqlite).text ==
          R"((instr("name" COLLATE BINARY, ?1) = 1))");
    CHECK(
        translate("endswith(name, 'ab')", dialect::sqlite).text ==
        R"(((length(CAST(?1 AS BLOB)) = 0 OR (length(CAST("name" COLLATE BINARY AS BLOB)) >= length(CAST(?1 AS )"
        R"(BLOB)) AND substr(CAST("name" COLLATE BINARY AS BLOB), -length(CAST(?1 AS BLOB))) = CAST(?1 AS )"
        R"(BLOB)))))");
    sql::translate_options like;
    like.sqlite_case_sensitive_like = true;
    s = translate("startswith(name, 'a%')", dialect::sqlite, wide_profile(), like);
    CHECK(s.text == R"(("name" COLLATE BINARY LIKE ?1 ESCAPE '!'))");
    CHECK(s.params == V{std::string("a!%%")});

    // A column as the needle.
    CHECK(translate("contains(name, role)", dialect::postgresql).text ==
          R"((strpos("name" COLLATE "C", "role" COLLATE "C") > 0))");
}

TEST_CASE("values no stored value can equal are decided without binding them") {
    // Below the microsecond: columns hold microseconds.
    auto s = translate("created_at ge 2025-01-01T00:00:00.0000001Z", dialect::sqlite);
    CHECK(s.text == R"("created_at" > ?1)");
    CHECK(s.params == V{std::int64_t{1735689600000000}});
    CHECK(translate("created_at eq 2025-01-01T00:00:00.0000001Z", dialect::sqlite).text == "FALSE");
    CHECK(translate("created_at ne 2025-01-01T00:00:00.0000001Z", dialect::sqlite).text == "TRUE");
    CHECK(translate("created_at lt 2025-01-01T00:00:00.0000001Z", dialect::sqlite).text ==
          R"("created_at" <= ?1)");
    // PostgreSQL text cannot hold NUL: the text before it decides the order.
    const std::string nul_filter = std::string("name ge 'ab") + '\0' + "c'";
    s = translate(nul_filter, dialect::postgresql);
    CHECK(s.text == R"("name" COLLATE "C" > $1::text)");
    CHECK(s.params == V{std::string("ab")});
    CHECK(translate(std::string("name eq 'a") + '\0' + "'", dialect::postgresql).text == "FALSE");
    CHECK(translate(std::string("contains(name, '") + '\0' + "')", dialect::postgresql).text == "FALSE");
    CHECK(translate(std::string("name in ('a', 'b") + '\0' + "')", dialect::postgresql).params ==
          V{std::string("a")});
    // SQLite binds NUL bytes with their length.
    s = translate(nul_filter, dialect::sqlite);
    CHECK(s.params == V{std::string("ab\0c", 4)});
    // Instants before PostgreSQL's first one.
    s = translate("created_at ge -5000-01-01T00:00:00Z", dialect::postgresql);
    CHECK(s.params == V{std::string("-infinity")});
}

TEST_CASE("no value ever appears in the SQL text") {
    const char* hostile[] = {"x' OR '1'='1", "a\"; DROP TABLE tokens; --", "/* c */", "\\", "%_!", "é€😀"};
    for (const char* h : hostile) {
        std::string q;
        for (const char* p = h; *p; ++p) {
            q.push_back(*p);
            if (*p == '\'')
                q.push_back('\'');
        }
        for (auto d : {dialect::sqlite, dialect::postgresql}) {
            for (const std::string& f : {"name eq '" + q + "'", "contains(name, '" + q + "')",
                                         "name in ('" + q + "', 'b')", "not (role ge '" + q + "')"}) {
                const auto s = translate(f, d);
                INFO(f);
                CHECK(s.text.find(h) == std::string::npos);
                CHECK_FALSE(s.params.empty());
            }
        }
    }
}

TEST_CASE("what SQL cannot express is an error naming the construct and its span") {
    struct expected {
        const char* filter;
        const char* construct;
        std::uint32_t begin, end;
    };
    const expected cases[] = {
        {"tolower(name) eq 'x'", "function 'tolower'", 0, 13},
        {"length(name) gt 3", "function 'length'", 0, 12},
        {"name eq 'a' or concat(name, 'x') eq 'ax'", "function 'concat'", 15, 32},
        {"year(created_at) eq 2025", "function 'year'", 0, 16},
        {"tags/any(t: t eq 'x')", "lambda 'any'", 5, 21}, // from the any keyword
        {"name eq @p", "parameter alias '@p'", 8, 10},
        {"created_at ge now()", "function 'now'", 14, 19},
        {"length(name) add 1 gt 3", "operator 'add'", 13, 18}, // from the add keyword
        {"-length(name) lt 0", "operator '-' (negation)", 0, 13},
        {"contains(name, tolower(role))", "function 'tolower'", 15, 28},
    };
    for (const auto& c : cases) {
        const auto e = translate_error(c.filter);
        INFO(c.filter << " -> " << e.message);
        CHECK(e.construct == c.construct);
        CHECK(e.span.begin == c.begin);
        CHECK(e.span.end == c.end);
        CHECK(e.message.find(c.construct) != std::string::npos);
    }
    // A field without a column.
    sql::column_map few;
    few.add("name", {"name", sql::column_type::text, false});
    auto r =
        sql::translate_filter(check("name eq 'a' and role eq 'b'", profiles::tokens), few, dialect::sqlite);
    REQUIRE_FALSE(r);
    CHECK(r.error().construct == "field 'role'");
    CHECK(r.error().span == apiquery::source_span{16, 20});
    // A column of the wrong type.
    sql::column_map wrong;
    wrong.add("created_at", {"created_at", sql::column_type::text, false});
    r = sql::translate_filter(check("created_at ge 2025-01-01", profiles::tokens), wrong, dialect::sqlite);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("holds text values") != std::string::npos);
}

// The column type of a free field's type (text for dynamic ones), as the CLI picks it.
static sql::column_type free_column_type(apiquery::value_type t) {
    sql::column_type c = sql::column_type::text;
    sql::column_type_for(t, c);
    return c;
}

TEST_CASE("$root, $it and $this are not columns, even when the column map has them") {
    // The full profile binds `$root/...`, `$it` and `$this` as free fields with the path as
    // written; a column map built from the free fields (as `apiquery filter --format sql-*` builds it)
    // would then name a column "$root/x". The translator refuses them.
    struct expected {
        const char* filter;
        const char* construct;
        std::uint32_t begin, end;
    };
    const expected cases[] = {
        {"$root/x eq 1", "path '$root/x'", 0, 7},
        {"name eq 'a' and $it eq 'b'", "path '$it'", 16, 19},
        {"$this", "path '$this'", 0, 5},
        {"$it eq null", "path '$it'", 0, 3},
        {"not ($root/a/b ge 2)", "path '$root/a/b'", 5, 14},
        {"$it in (1, 2)", "path '$it'", 0, 3},
        {"contains($this, 'a')", "path '$this'", 9, 14},
        {"x eq 1 or $root/y eq 'a'", "path '$root/y'", 10, 17},
    };
    for (const apiquery::profile_view* p : {&profiles::full, &profiles::files}) {
        for (const auto& c : cases) {
            auto checked_or = apiquery::check_filter(apiquery::parse_filter(c.filter).value(), *p);
            if (!checked_or) {
                // The files profile refuses these itself (`$root`, `$this`, `$it` alone); full accepts all.
                INFO(c.filter << ": " << checked_or.error().message);
                CHECK(p == &profiles::files);
                continue;
            }
            const auto& checked = *checked_or;
            sql::column_map columns;
            for (apiquery::node_id id : checked.ast().ids()) {
                const auto& b = checked.binding(id);
                if (b.kind == apiquery::binding_kind::free && columns.find(b.path) == nullptr)
                    columns.add(std::string(b.path),
                                {std::string(b.path), free_column_type(checked.type(id).type), true});
            }
            for (auto d : {dialect::sqlite, dialect::postgresql}) {
                const auto r = sql::translate_filter(checked, columns, d);
                INFO(c.filter);
                REQUIRE_FALSE(r);
                INFO(r.error().message);
                CHECK(r.error().construct == c.construct);
                CHECK(r.error().span == apiquery::source_span{c.begin, c.end});
                CHECK(r.error().message.find(c.construct) != std::string::npos);
                CHECK(r.error().message.find("not columns") != std::string::npos);
            }
        }
    }
    // An ordinary free field still is a column.
    sql::column_map columns;
    columns.add("x", {"x", sql::column_type::integer, true});
    const auto s = sql::translate_filter(check("x eq 1", profiles::full), columns, dialect::sqlite);
    REQUIRE(s);
    CHECK(s->text == "(\"x\" = ?1 AND \"x\" IS NOT NULL)");
}

TEST_CASE("add_free_field_columns: a column per typed free field, listed columns kept") {
    const auto f =
        check("category eq 'news' and size ge 3 and ratio ge 1.5e0 and seen eq true and name eq 'x' "
              "and other eq other2",
              apiquery::profiles::files);
    sql::column_map columns{{"name", {"title", sql::column_type::text, false}}};
    sql::add_free_field_columns(columns, f);
    const auto* category = columns.find("category");
    REQUIRE(category != nullptr);
    CHECK(category->name == "category");
    CHECK(category->type == sql::column_type::text);
    CHECK(category->nullable);
    REQUIRE(columns.find("size") != nullptr);
    CHECK(columns.find("size")->type == sql::column_type::integer);
    REQUIRE(columns.find("ratio") != nullptr);
    CHECK(columns.find("ratio")->type == sql::column_type::real);
    REQUIRE(columns.find("seen") != nullptr);
    CHECK(columns.find("seen")->type == sql::column_type::boolean);
    CHECK(columns.find("name")->name == "title"); // already mapped: kept
    CHECK(columns.find("other") == nullptr);      // untyped (dynamic): no column, the translation says so
    CHECK(columns.entries().size() == 5);
}
