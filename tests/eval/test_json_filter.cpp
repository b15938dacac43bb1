// Tests of json_filter.hpp: every row of the semantics table, the ISO 8601 rule, numbers as doubles, the
// refusals, and hostile objects (odd keys, deep nesting, huge numbers).
#include <apiquery/eval/json_filter.hpp>

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace apiquery;

result<json_filter, filter_compile_error> compile(std::string_view text,
                                                  const profile_view& profile = profiles::files) {
    auto ast = parse_filter(text);
    REQUIRE(ast);
    auto checked = check_filter(std::move(*ast), profile);
    if (!checked)
        FAIL("refused by the profile: " << checked.error().message);
    return compile_json_filter(*checked);
}

bool matches(std::string_view filter, std::string_view object,
             const profile_view& profile = profiles::files) {
    auto f = compile(filter, profile);
    if (!f)
        FAIL("not compiled: " << f.error().message);
    const boost::json::value v = boost::json::parse(object);
    return f->matches(v.as_object());
}

const char* const stored = R"({
    "s": "news", "S": "News", "e": "", "u": "ünï", "astral": "a😀b",
    "i": 5, "neg": -3, "f": 5.0, "half": 2.5, "big": 18446744073709551615, "i64max": 9223372036854775807,
    "t": true, "no": false, "nul": null, "obj": {"k": "v", "n": {"deep": 1}}, "arr": ["news"],
    "d": "2025-01-01", "dt": "2025-01-01T10:00:00+02:00", "dtz": "2024-12-31T23:30:00Z",
    "naive": "2025-01-01T00:00:00", "lower": "2025-01-01t00:00:00z", "p53": 9007199254740993, "frac": "2025-01-01T00:00:00.0000005Z", "num_date": 20250101
})";

} // namespace

TEST_CASE("NULL: a missing key or JSON null, eq null is true for it, every other comparison false") {
    CHECK(matches("nul eq null", stored));
    CHECK(matches("missing eq null", stored));
    CHECK(matches("obj/absent eq null", stored));
    CHECK(matches("s/below_a_string eq null", stored)); // a non-object on the way is missing
    CHECK_FALSE(matches("s eq null", stored));
    CHECK_FALSE(matches("obj eq null", stored));
    CHECK_FALSE(matches("no eq null", stored));
    for (const char* f :
         {"nul eq 'x'", "nul ge 'x'", "nul eq 0", "nul ge 0", "nul eq false", "nul ge 2025-01-01",
          "missing eq ''", "missing ge ''", "missing eq 2025-01-01T00:00:00Z"})
        CHECK_FALSE(matches(f, stored));
}

TEST_CASE("booleans: eq with the same JSON boolean only") {
    CHECK(matches("t eq true", stored));
    CHECK(matches("no eq false", stored));
    CHECK_FALSE(matches("t eq false", stored));
    CHECK_FALSE(matches("i eq true", stored)); // 5 is not a boolean (nor is 1)
    CHECK_FALSE(matches("s eq true", stored));
    CHECK(matches("t", stored)); // a path alone is `eq true`
    CHECK_FALSE(matches("no", stored));
    CHECK_FALSE(matches("s", stored));
    CHECK(matches("t and s eq 'news'", stored));
}

TEST_CASE("numbers: eq and ge numerically across int and double, exactly") {
    CHECK(matches("i eq 5", stored));
    CHECK(matches("i eq 5.0", stored));
    CHECK(matches("f eq 5", stored));
    CHECK(matches("f eq 5.0", stored));
    CHECK(matches("i eq 5e0", stored));
    CHECK(matches("half eq 2.5", stored));
    CHECK_FALSE(matches("half eq 2", stored));
    CHECK(matches("half ge 2", stored));
    CHECK(matches("half ge 2.5", stored));
    CHECK_FALSE(matches("half ge 2.6", stored));
    CHECK(matches("neg ge -3", stored));
    CHECK_FALSE(matches("neg ge -2.999", stored));
    // every number, stored or literal, is read as its nearest double: 2^64 - 1 and 2^63 - 1 become 2^64
    // and 2^63, and integers beyond 2^53 compare as their doubles (as in JavaScript and SQL's JSON)
    CHECK(matches("big eq 18446744073709551615", stored));
    CHECK(matches("big eq 1.8446744073709552e19", stored));
    CHECK(matches("big ge 1.8e19", stored));
    CHECK(matches("big ge 9223372036854775807", stored));
    CHECK(matches("i64max ge 9223372036854775807", stored));
    CHECK(matches("i64max eq 9223372036854775808", stored));
    CHECK(matches("i64max eq 9223372036854775806", stored));
    CHECK(matches("i64max eq 9.223372036854775808e18", stored));
    CHECK(matches("p53 eq 9007199254740992", stored)); // 2^53 + 1 is stored as 2^53
    CHECK_FALSE(matches("p53 eq 9007199254740994", stored));
    CHECK(matches("i ge -INF", stored));
    CHECK_FALSE(matches("i ge INF", stored));
    CHECK_FALSE(matches("i eq NaN", stored));
    CHECK_FALSE(matches("i ge NaN", stored));
    // kinds: a string holding a number, a boolean, an object, an array are not numbers
    CHECK_FALSE(matches("num_date eq '20250101'", stored));
    CHECK_FALSE(matches("s ge 0", stored));
    CHECK_FALSE(matches("t eq 1", stored));
    CHECK_FALSE(matches("obj ge 0", stored));
    CHECK_FALSE(matches("arr eq 0", stored));
}

TEST_CASE("strings: eq and ge by code point, case-sensitive") {
    CHECK(matches("s eq 'news'", stored));
    CHECK_FALSE(matches("s eq 'News'", stored));
    CHECK_FALSE(matches("S eq 'news'", stored));
    CHECK(matches("s ge 'new'", stored));
    CHECK(matches("s ge 'news'", stored));
    CHECK_FALSE(matches("s ge 'newt'", stored));
    CHECK(matches("s ge 'News'", stored)); // 'n' (U+006E) > 'N' (U+004E)
    CHECK(matches("e eq ''", stored));
    CHECK(matches("e ge ''", stored));
    CHECK(matches("u eq 'ünï'", stored));
    CHECK(matches("u ge 'z'", stored));                  // U+00FC > U+007A
    CHECK(matches("astral ge 'a\xef\xbf\xbf'", stored)); // U+1F600 > U+FFFF: code points, not UTF-16
    CHECK(matches("d ge '2025-01-01'", stored));
    CHECK(matches("dt ge '2025-01-01'", stored)); // as text: "2025-01-01T..." >= "2025-01-01"
    CHECK_FALSE(matches("dtz ge '2025-01-01'", stored));
    // kinds: a number, an object, an array, a boolean are not strings
    CHECK_FALSE(matches("num_date ge '2025-01-01'", stored));
    CHECK_FALSE(matches("i eq '5'", stored));
    CHECK_FALSE(matches("obj eq 'v'", stored));
    CHECK_FALSE(matches("arr eq 'news'", stored));
    CHECK_FALSE(matches("t eq 'true'", stored));
    // a literal on the left is turned round
    CHECK(matches("'news' eq s", stored));
    CHECK(matches("'newt' ge s", stored));
    CHECK_FALSE(matches("'new' ge s", stored));
}

TEST_CASE("date and date-time literals: ISO 8601 strings compared as instants") {
    CHECK(matches("d eq 2025-01-01", stored));
    CHECK(matches("d ge 2025-01-01", stored));
    CHECK(matches("d eq 2025-01-01T00:00:00Z", stored));
    CHECK(matches("d eq 2025-01-01T01:00:00+01:00", stored));
    CHECK_FALSE(matches("d ge 2025-01-01T00:00:00.000001Z", stored));
    // 2025-01-01T10:00:00+02:00 is 08:00Z
    CHECK(matches("dt eq 2025-01-01T08:00:00Z", stored));
    CHECK(matches("dt ge 2025-01-01", stored));
    CHECK_FALSE(matches("dt ge 2025-01-01T08:00:01Z", stored));
    // 2024-12-31T23:30:00Z is before 2025-01-01 as an instant (but not as text against '2024-12-31')
    CHECK_FALSE(matches("dtz ge 2025-01-01", stored));
    CHECK(matches("dtz ge 2024-12-31", stored));
    CHECK(matches("dtz ge 2025-01-01T00:30:00+01:00", stored));
    CHECK(matches("naive eq 2025-01-01", stored));       // no offset: UTC
    CHECK_FALSE(matches("lower eq 2025-01-01", stored)); // lower-case t and z: not the syntax
    // sub-microsecond digits count
    CHECK(matches("frac ge 2025-01-01T00:00:00.0000005Z", stored));
    CHECK_FALSE(matches("frac ge 2025-01-01T00:00:00.0000006Z", stored));
    CHECK_FALSE(matches("frac eq 2025-01-01", stored));
    // kinds: not a string, or a string that is not ISO 8601
    CHECK_FALSE(matches("num_date ge 2025-01-01", stored));
    CHECK_FALSE(matches("s ge 2000-01-01", stored));
    CHECK_FALSE(matches("missing ge 2000-01-01", stored));
    CHECK_FALSE(matches("obj ge 2000-01-01", stored));
}

TEST_CASE("parse_json_instant (value/json_instant.hpp): exactly the documented forms") {
    const auto at = [](std::string_view t) { return parse_json_instant(t).value(); };
    CHECK(at("1970-01-01") == json_instant{0, 0});
    CHECK(at("1970-01-01T00:00:01Z") == json_instant{1, 0});
    CHECK(at("1970-01-01T00:00:01.5") == json_instant{1, 500000000000});
    CHECK(at("1970-01-01T01:00:00+01:00") == json_instant{0, 0});
    CHECK(at("1970-01-01T00:00:00-00:30") == json_instant{1800, 0});
    CHECK(at("2024-02-29") == json_instant{1709164800, 0});
    CHECK(at("1970-01-01T00:00:00.123456789Z") == json_instant{0, 123456789000});
    CHECK(at("0000-01-01") == json_instant{-62167219200, 0});
    CHECK(at("9999-12-31T23:59:59.999999Z") == json_instant{253402300799, 999999000000});
    CHECK(at("1969-12-31T23:59:59.000000001Z") == json_instant{-1, 1000});
    for (const char* bad : {"",
                            "2025",
                            "2025-1-01",
                            "2025-01-1",
                            "2025/01/01",
                            "2025-02-29",
                            "2025-13-01",
                            "2025-00-10",
                            "2025-01-32",
                            "2025-01-01T",
                            "2025-01-01T00:00",
                            "2025-01-01t00:00:00",
                            "2025-01-01 00:00:00",
                            "2025-01-01T00:00:00z",
                            "2025-01-01T00:00:00.1234567890Z",
                            "2025-01-01T24:00:00",
                            "2025-01-01T10:60:00",
                            "2025-01-01T10:00:60",
                            "2025-01-01T10",
                            "2025-01-01T10:00:",
                            "2025-01-01T10:00:00.",
                            "2025-01-01T10:00:00Zx",
                            "2025-01-01T10:00:00+24:00",
                            "2025-01-01T10:00:00+01",
                            "2025-01-01T10:00:00+0100",
                            "2025-01-01x",
                            " 2025-01-01",
                            "2025-01-01 ",
                            "+2025-01-01",
                            "20250101",
                            "2025-01-01T10:00:00+01:00:00",
                            "١٢٣٤-01-01"})
        CHECK_FALSE(parse_json_instant(bad));
}

TEST_CASE("ne, gt, lt, le, or, not: two-valued") {
    CHECK(matches("missing ne 'x'", stored, profiles::full));
    CHECK_FALSE(matches("missing ne null", stored, profiles::full));
    CHECK(matches("s ne null", stored, profiles::full));
    CHECK(matches("i ne '5'", stored, profiles::full)); // another kind: not equal
    CHECK(matches("i gt 4", stored, profiles::full));
    CHECK(matches("i lt 6", stored, profiles::full));
    CHECK(matches("i le 5", stored, profiles::full));
    CHECK_FALSE(matches("missing lt 6", stored, profiles::full));
    CHECK(matches("not (missing ge 2025-01-01)", stored, profiles::full));
    CHECK(matches("s eq 'blog' or i eq 5", stored, profiles::full));
    CHECK_FALSE(matches("s eq 'blog' or not (i eq 5)", stored, profiles::full));
    auto ast = parse_filter("s eq 'blog' or not (i eq 5)");
    auto checked = check_filter(std::move(*ast), profiles::full);
    REQUIRE(checked);
    auto f = compile_json_filter(*checked);
    REQUIRE(f);
    CHECK_FALSE(f->is_conjunction());
    CHECK(f->conditions().size() == 2);
}

TEST_CASE("the compiled form: paths as keys, literals ready, conjunctions flat") {
    auto f = compile(
        "category eq 'news' and published_date ge '2025-01-01' and a/b/c ge 2025-01-01T10:00:00+02:00");
    REQUIRE(f);
    CHECK(f->is_conjunction());
    REQUIRE(f->conditions().size() == 3);
    CHECK(f->conditions()[0].path == std::vector<std::string>{"category"});
    CHECK(f->conditions()[0].literal.kind == eval::json_literal_kind::string);
    CHECK(f->conditions()[0].literal.text == "news");
    CHECK(f->conditions()[2].path == std::vector<std::string>{"a", "b", "c"});
    CHECK(f->conditions()[2].op == binary_op::ge);
    CHECK(f->conditions()[2].literal.kind == eval::json_literal_kind::instant);
    CHECK(f->conditions()[2].literal.instant == json_instant{1735718400, 0});
    auto g = compile("'x' ge y");
    REQUIRE(g);
    CHECK(g->conditions()[0].op == binary_op::le);
}

TEST_CASE("refusals: what the metadata semantics cannot answer, with the span of the construct") {
    const auto refused = [](std::string_view text, const profile_view& p = profiles::files) {
        auto f = compile(text, p);
        REQUIRE_FALSE(f);
        return std::pair{f.error().message, f.error().span.begin};
    };
    CHECK(refused("x eq 550e8400-e29b-41d4-a716-446655440000").second == 5);
    CHECK(refused("x eq duration'PT1H'").first.find("compare them with a string") != std::string::npos);
    CHECK(refused("x eq 10:00:00").second == 5);
    CHECK(refused("x eq y").first == "a metadata path can only be compared with a literal value");
    CHECK(refused("1 eq 1", profiles::full).first == "a comparison must have a metadata path on one side");
    CHECK(refused("contains(x, 'a')", profiles::full).first.find("only comparisons") == 0);
    CHECK(refused("x in ('a')", profiles::full).second == 0);
    CHECK(refused("x add 1 eq 2", profiles::full).second == 0);
    CHECK(refused("x gt null", profiles::full).first == "null and boolean values cannot be ordered");
}

TEST_CASE("hostile objects: odd keys, deep nesting, huge numbers, duplicate keys") {
    // Keys a filter path cannot spell are data: nothing breaks, the addressable keys still work.
    boost::json::object o;
    o[boost::json::string_view("nul\0key", 7)] = "x";
    o["with \"quote\""] = 1;
    o["a.b"] = 2;
    o["$ref"] = 3;
    o["a[0]"] = 4;
    o[""] = 5;
    o["ünï"] = "ok";
    o["category"] = "news";
    auto f = compile("category eq 'news' and ünï eq 'ok'");
    REQUIRE(f);
    CHECK(f->matches(o));
    auto g = compile("a eq null and nul eq null"); // `a.b` is not `a`, `nul\0key` is not `nul`
    REQUIRE(g);
    CHECK(g->matches(o));

    // 200 levels of nesting: a path of 8 keys stops where it must.
    std::string deep;
    for (int k = 0; k < 200; ++k)
        deep += "{\"a\":";
    deep += "1";
    for (int k = 0; k < 200; ++k)
        deep += "}";
    boost::json::parse_options po;
    po.max_depth = 1000;
    const boost::json::value dv = boost::json::parse(deep, {}, po);
    CHECK_FALSE(compile("a/a/a/a/a/a/a/a eq null")->matches(dv.as_object())); // an object is not null
    CHECK(compile("a/a/a/a/a/a/a/b eq null")->matches(dv.as_object()));
    CHECK_FALSE(compile("a/a/a/a/a/a/a/a ge 0")->matches(dv.as_object()));

    // Huge and tiny numbers.
    const boost::json::value nums =
        boost::json::parse(R"({"h": 1e308, "t": 5e-324, "z": -0.0, "big": 123456789012345678901234567890})");
    CHECK(compile("h ge 1e308")->matches(nums.as_object()));
    CHECK(compile("h ge 9223372036854775807")->matches(nums.as_object()));
    CHECK(compile("t ge 0")->matches(nums.as_object()));
    CHECK_FALSE(compile("t eq 0")->matches(nums.as_object()));
    CHECK(compile("z eq 0")->matches(nums.as_object()));
    CHECK(compile("big ge 1.2e29")->matches(nums.as_object()));
}

TEST_CASE("json_compare and find_json_path directly") {
    const boost::json::value v = boost::json::parse(R"({"a": {"b": [1]}, "c": 1})");
    CHECK(eval::find_json_path(v.as_object(), {"a", "b"})->is_array());
    CHECK(eval::find_json_path(v.as_object(), {"a", "b", "c"}) == nullptr);
    CHECK(eval::find_json_path(v.as_object(), {"c", "d"}) == nullptr);
    eval::json_literal one;
    one.kind = eval::json_literal_kind::number;
    one.number = 1;
    CHECK(eval::json_compare(eval::find_json_path(v.as_object(), {"c"}), binary_op::eq, one));
    CHECK_FALSE(eval::json_compare(nullptr, binary_op::ge, one));
    CHECK(eval::json_compare(nullptr, binary_op::ne, one));
    CHECK(to_string(eval::json_literal_kind::instant) == "instant");
}

TEST_CASE("find_json_path: the member if_contains finds, in small objects (scanned) and large ones") {
    // Keys of equal length that differ in the first, a middle or the last byte; sizes on both sides of
    // the scan limit (16 members).
    for (const std::size_t size : {1u, 2u, 15u, 16u, 17u, 18u, 19u, 40u}) {
        boost::json::object o;
        for (std::size_t k = 0; k < size; ++k) {
            std::string key = "key-";
            key.append(k % 3 == 0 ? "abcdefgh" : "abcdefgi");
            key.append(std::to_string(k));
            key.append(k % 5, 'z');
            o[key] = static_cast<std::int64_t>(k);
        }
        o["k"] = "short";
        o[""] = "empty";
        for (const auto& kv : o) {
            const std::vector<std::string> path{std::string(kv.key())};
            const auto* v = eval::find_json_path(o, path);
            INFO("size " << size << ", key '" << std::string(kv.key()) << "'");
            REQUIRE(v == o.if_contains(kv.key()));
            REQUIRE(v != nullptr);
        }
        for (const char* absent :
             {"key-abcdefgh", "key-abcdefgh0z", "key-abcdefgi0", "K", "kk", "key-abcdefgh00"}) {
            const std::vector<std::string> path{absent};
            CHECK(eval::find_json_path(o, path) == o.if_contains(absent));
        }
    }
}
