// Tests of sql/json_filter.hpp without a database: the documented example's text, the invariant that the
// SQL text holds no key and no value (everything bound), decisions made without binding, and the errors.
// (test_json_filter_db.cpp runs the conditions on SQLite and PostgreSQL against a reference.)
#include <apiquery/sql/json_filter.hpp>

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace sql = apiquery::sql;
using apiquery::binary_op;

namespace {

apiquery::checked_filter files_filter(const char* text) {
    auto parsed = apiquery::parse_filter(text);
    REQUIRE(parsed);
    auto checked = apiquery::check_filter(std::move(*parsed), apiquery::profiles::files);
    REQUIRE(checked);
    return *checked;
}

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("json filter: the header's example, both dialects") {
    const auto f = files_filter("category eq 'news'");
    const auto lite = sql::translate_json_filter(f, {"meta"}, sql::dialect::sqlite);
    REQUIRE(lite);
    CHECK(lite->text ==
          "EXISTS (SELECT 1 FROM json_each(\"meta\") AS j1 WHERE j1.key = ?1 AND j1.type = 'text' AND "
          "j1.value COLLATE BINARY = ?2)");
    CHECK(lite->params == std::vector<sql::value>{std::string("category"), std::string("news")});
    const auto pg = sql::translate_json_filter(f, {"meta"}, sql::dialect::postgresql);
    REQUIRE(pg);
    CHECK(pg->text ==
          "(\"meta\" @> $1::text::jsonb AND EXISTS (SELECT 1 FROM (SELECT \"meta\" -> $2::text AS v) AS t "
          "WHERE jsonb_typeof(t.v) = 'string' AND (t.v #>> '{}') COLLATE \"C\" = $3::text))");
    CHECK(pg->params == std::vector<sql::value>{std::string("{\"category\":\"news\"}"),
                                                std::string("category"), std::string("news")});
}

TEST_CASE("json filter: the SQL text holds no key and no value, whatever they contain") {
    std::mt19937 rng(5);
    const std::string hostile[] = {"'",    "\"", "\\", "$",  ".", "[0]", "]", "--", "/*",
                                   ";",    "?1", "$1", "{",  "}", "%",   "_", "é",  "\xe6\x97\xa5",
                                   "\x01", "\n", " ",  "ZQX"};
    const sql::json_column cols[] = {{"meta"}, {"meta", "files"}, {"doc\"x"}};
    const binary_op ops[] = {binary_op::eq, binary_op::ne, binary_op::ge,
                             binary_op::gt, binary_op::le, binary_op::lt};
    int checked = 0;
    for (int i = 0; i < 3000; ++i) {
        // Keys and values made of a marker and hostile pieces: the marker never occurs in apiquery's SQL.
        const auto piece = [&] {
            std::string s = "ZQX";
            for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
                s += hostile[rng() % std::size(hostile)];
            return s;
        };
        std::vector<std::string> path;
        for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
            path.push_back(piece());
        const std::string value = piece();
        sql::json_literal lit;
        switch (rng() % 3) {
        case 0:
            lit = value;
            break;
        case 1:
            lit = nullptr;
            break;
        default:
            lit = sql::json_instant{1735689600, 0};
            break;
        }
        const auto op = std::holds_alternative<std::nullptr_t>(lit)
                            ? (rng() % 2 ? binary_op::eq : binary_op::ne)
                            : ops[rng() % 6];
        for (auto d : {sql::dialect::sqlite, sql::dialect::postgresql}) {
            sql::statement_builder b(d);
            REQUIRE(sql::append_json_comparison(b, cols[rng() % 3], path, op, lit));
            const auto s = b.finish();
            INFO(s.text);
            CHECK_FALSE(contains(s.text, "ZQX"));
            CHECK_FALSE(contains(s.text, "1735689600"));
            ++checked;
        }
    }
    CHECK(checked == 6000);
}

TEST_CASE("json filter: decisions made without binding") {
    const auto text_of = [](const std::vector<std::string>& path, binary_op op,
                            const sql::json_literal& lit) {
        sql::statement_builder b(sql::dialect::postgresql);
        REQUIRE(sql::append_json_comparison(b, {"meta"}, path, op, lit));
        return b.finish();
    };
    // A key no document can hold: missing.
    CHECK(text_of({std::string("a\0b", 3)}, binary_op::eq, nullptr).text == "TRUE");
    CHECK(text_of({std::string("a\0b", 3)}, binary_op::ne, nullptr).text == "FALSE");
    CHECK(text_of({"\xc3"}, binary_op::eq, std::string("x")).text == "FALSE");
    CHECK(text_of({"\xc3"}, binary_op::ne, std::string("x")).text == "NOT (FALSE)");
    // Ordering null or booleans, NaN, a NUL string for eq.
    CHECK(text_of({"a"}, binary_op::ge, nullptr).text == "FALSE");
    CHECK(text_of({"a"}, binary_op::ge, true).text == "FALSE");
    CHECK(text_of({"a"}, binary_op::eq, std::nan("")).text == "FALSE");
    CHECK(text_of({"a"}, binary_op::eq, std::string("a\0", 2)).text == "FALSE");
    // A NUL string orders just above its prefix: ge becomes gt on the prefix.
    const auto s = text_of({"a"}, binary_op::ge, std::string("ab\0c", 4));
    CHECK(contains(s.text, " > $2::text"));
    CHECK(s.params.at(1) == sql::value(std::string("ab")));
    // The empty path reaches nothing.
    CHECK(text_of({}, binary_op::eq, nullptr).text == "TRUE");
}

TEST_CASE("json filter: literals of both sides, two literals, a path alone") {
    const auto lite = [](const char* text) {
        auto r = sql::translate_json_filter(files_filter(text), {"meta"}, sql::dialect::sqlite);
        REQUIRE(r);
        return *r;
    };
    CHECK(lite("'news' eq category") == lite("category eq 'news'"));
    CHECK(lite("2 eq 2.0").text == "TRUE");
    CHECK(lite("'a' ge 'b'").text == "FALSE");
    CHECK(lite("2025-01-01 ge 2024-12-31T23:00:00-02:00").text == "FALSE");
    CHECK(lite("flag").text ==
          "EXISTS (SELECT 1 FROM json_each(\"meta\") AS j1 WHERE j1.key = ?1 AND j1.type = 'true')");
    const auto nested = lite("a/b eq 1");
    CHECK(contains(nested.text, "json_each(CASE WHEN j1.type = 'object' THEN j1.value ELSE '{}' END) AS j2"));
    CHECK(nested.params == std::vector<sql::value>{std::string("a"), std::string("b"), 1.0});
    const auto d = lite("d ge 2025-01-01T00:00:00.5+01:00");
    CHECK(d.params ==
          std::vector<sql::value>{std::string("d"), std::int64_t{1735686000}, std::int64_t{500000000000}});
}

TEST_CASE("json filter: constructs outside the semantics are errors with their span") {
    const auto error_of = [](const char* text, const apiquery::profile_view& p) {
        auto parsed = apiquery::parse_filter(text);
        REQUIRE(parsed);
        auto checked = apiquery::check_filter(std::move(*parsed), p);
        REQUIRE(checked);
        auto r = sql::translate_json_filter(*checked, {"meta"}, sql::dialect::sqlite);
        REQUIRE_FALSE(r);
        return r.error();
    };
    const auto& files = apiquery::profiles::files;
    CHECK(error_of("a eq b", files).message == "cannot translate operator 'eq' (bytes 2-6) to SQL: comparing "
                                               "two members of the document is not supported");
    CHECK(error_of("a eq 01234567-89ab-cdef-0123-456789abcdef", files).construct == "literal of type guid");
    CHECK(error_of("a ge duration'P1D'", files).construct == "literal of type duration");
    CHECK(error_of("a ge 12:00:00", files).construct == "literal of type timeofday");
    const auto& full = apiquery::profiles::full;
    CHECK(error_of("a in ('x', 'y')", full).construct == "operator 'in'");
    CHECK(error_of("contains(a, 'x')", full).construct == "function 'contains'");
    CHECK(error_of("a add 1 eq 2", full).construct == "operator 'add'");
}

TEST_CASE("parse_json_instant: the accepted syntax") {
    CHECK(sql::parse_json_instant("2025-01-01") == sql::json_instant{1735689600, 0});
    CHECK(sql::parse_json_instant("2025-01-01T01:00:00.000000001+01:00") ==
          sql::json_instant{1735689600, 1000});
    CHECK(sql::parse_json_instant("0000-03-01T00:00:00Z").value().unix_seconds == -62162035200);
    for (const char* bad :
         {"2025-01-01T00:00:00.0000000001Z", "2025-01-01T00:00Z", "2025-02-29", "2025-01-01T",
          "2025-01-01T00:00:00+01", "2025-01-01T00:00:00 ", "+2025-01-01", "2025-01-01T00:00:60Z"})
        CHECK_FALSE(sql::parse_json_instant(bad));
    CHECK(sql::is_valid_utf8("é日😀"));
    CHECK_FALSE(sql::is_valid_utf8("\xed\xa0\x80")); // a surrogate
    CHECK_FALSE(sql::is_valid_utf8("\xc0\xaf"));     // overlong
    CHECK_FALSE(sql::is_valid_utf8("\xf4\x90\x80\x80"));
}
