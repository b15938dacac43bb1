// Tests of filter_eval.hpp: the semantics of compiled evaluation (docs/listing.md, "Filter semantics").
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/eval/filter_eval.hpp>

#include "random_filters.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <utility>

namespace {

using namespace apiquery;

const boost::json::object& record() {
    static const boost::json::object o = boost::json::parse(R"({
        "name": "Ada-Token", "n": 3, "big": 18446744073709551615, "price": 3.14, "zero": 0,
        "none": null, "flag": true, "off": false, "text": "  padded\t", "accent": "Éte", "astral": "a😀b",
        "created_at": "2025-03-04T05:06:07.123456Z", "local": "2025-03-04T23:30:00-02:00",
        "day": "2024-02-29", "tod": "13:14:15.5", "dur": "P1DT2H", "id": "01234567-89ab-cdef-0123-456789abcdef",
        "tags": ["a", "b", "c", "b"], "nums": [4, 1, 3],
        "user": {"given_name": "Ada", "family_name": "Lovelace"},
        "items": [{"k": "x", "v": 1}, {"k": "y", "v": 2}], "empty": [], "style": "Red,Blue"
    })")
                                             .as_object();
    return o;
}

const compile_options fixed_now{timestamp::from_unix_micros(1767225600000000LL)}; // 2026-01-01T00:00:00Z

const eval::json_model& schema_model() {
    static const eval::json_field_type schema[] = {
        {"created_at", eval::kind::datetimeoffset},
        {"local", eval::kind::datetimeoffset},
        {"day", eval::kind::date},
        {"tod", eval::kind::timeofday},
        {"dur", eval::kind::duration},
        {"id", eval::kind::guid},
    };
    static const eval::json_model m(true, schema);
    return m;
}

compiled_filter compile_json(std::string_view text) {
    auto ast = parse_filter(text);
    INFO(text);
    REQUIRE(ast);
    auto f = compile_filter(*ast, schema_model(), fixed_now);
    if (!f)
        FAIL(f.error().message);
    return std::move(*f);
}

std::string ev(std::string_view text) {
    return compile_json(text).evaluate_to_string(&record());
}
bool match(std::string_view text) {
    return compile_json(text).matches(record());
}

} // namespace

TEST_CASE("null semantics: eq null, other comparisons false, two-valued logic") {
    CHECK(match("none eq null"));
    CHECK(match("missing eq null")); // a missing key reads as null
    CHECK_FALSE(match("n eq null"));
    CHECK(match("null eq null"));
    CHECK(match("n ne null"));
    CHECK_FALSE(match("none ne null"));
    CHECK_FALSE(match("none eq 3"));
    CHECK(match("none ne 3")); // ne is not eq
    for (const char* op : {"gt", "ge", "lt", "le"}) {
        CHECK_FALSE(match(std::string("none ") + op + " 3"));
        CHECK_FALSE(match(std::string("3 ") + op + " none"));
        CHECK_FALSE(match(std::string("none ") + op + " null"));
    }
    // The documented consequence: not applied to a comparison with null is true.
    CHECK(match("not (none ge 3)"));
    CHECK(match("not (none eq 3)"));
    CHECK_FALSE(match("(none ge 3) and true"));
    CHECK(match("(none ge 3) or true"));
    // a null boolean where a truth value is needed counts as false
    CHECK_FALSE(match("none"));
    CHECK(match("not none"));
    CHECK_FALSE(match("none and true"));
    // has and in are false with a null operand
    CHECK_FALSE(match("none has 'Red'"));
    CHECK_FALSE(match("none in ('a', 'b')"));
    CHECK(match("none in ('a', null)")); // membership uses eq: null eq null
    // arithmetic and functions: null in, null out
    CHECK(ev("none add 1") == "null");
    CHECK(ev("-none") == "null");
    CHECK(ev("length(none)") == "null");
    CHECK(ev("concat(none, 'x')") == "null");
    CHECK(ev("substring('abc', none)") == "null");
}

TEST_CASE("strings compare by code point, case-sensitively") {
    CHECK(match("'a' lt 'b'"));
    CHECK(match("'Z' lt 'a'"));
    CHECK(match("'z' lt 'é'"));
    // U+FFFF sorts before U+1F600 by code point (UTF-16 order would put the surrogates first)
    CHECK(match("'\xEF\xBF\xBF' lt '\xF0\x9F\x98\x80'"));
    CHECK(match("'ab' lt 'abc'"));
    CHECK_FALSE(match("name eq 'ada-token'"));
    CHECK(match("name eq 'Ada-Token'"));
}

TEST_CASE("numbers promote int -> decimal -> double") {
    CHECK(match("1 eq 1.0"));
    CHECK(match("n eq 3.00"));
    CHECK(match("0.1 add 0.2 eq 0.3"));             // decimals are exact
    CHECK_FALSE(match("0.1e0 add 0.2e0 eq 0.3e0")); // doubles are not
    CHECK(match("price eq 3.14"));                  // a JSON double against a decimal literal
    CHECK(match("2 lt 2.5e0"));
    CHECK(match("big gt 9223372036854775807"));
    CHECK(ev("big") == "decimal:18446744073709551615");
    CHECK(ev("9223372036854775807 add 1") == "decimal:9223372036854775808");
    CHECK(ev("-9223372036854775807 sub 2") == "decimal:-9223372036854775809");
    CHECK(ev("7 div 2") == "int:3");
    CHECK(ev("-7 div 2") == "int:-3");
    CHECK(ev("-7 mod 2") == "int:-1");
    CHECK(ev("7 divby 2") == "decimal:3.5");
    CHECK(ev("1 divby 3") == "decimal:0.3333333333333333333333333333333333333");
    CHECK(ev("1 div 0") == "null");
    CHECK(ev("1 mod 0") == "null");
    CHECK(ev("1 divby 0") == "double:INF");
    CHECK(ev("-1 divby 0") == "double:-INF");
    CHECK(ev("0 divby zero") == "double:NaN");
    CHECK(ev("2.5 mul 4") == "decimal:10");
    CHECK(ev("7.5 mod 2") == "decimal:1.5");
    CHECK(ev("1.5e0 mul 2") == "double:3");
    CHECK(ev("-(n)") == "int:-3");
    CHECK(match("INF eq INF"));
    CHECK(match("-INF lt -1e300"));
    CHECK_FALSE(match("NaN eq NaN"));
    CHECK(match("NaN ne NaN"));
    CHECK_FALSE(match("NaN lt 1"));
    CHECK_FALSE(match("n eq '3'")); // no string/number coercion
    CHECK(match("flag eq true and off lt flag"));
}

TEST_CASE("date-times compare as instants, and dates and strings convert") {
    CHECK(match("2025-01-01T01:00:00+01:00 eq 2025-01-01T00:00:00Z"));
    CHECK(match("created_at eq 2025-03-04T06:06:07.123456+01:00"));
    CHECK(match("created_at ge 2025-03-04"));                     // a date is midnight UTC
    CHECK(match("created_at ge '2025-03-04'"));                   // a quoted date, read as the field's type
    CHECK(match("created_at lt '2025-03-04T05:06:07.1234561Z'")); // sub-microsecond precision kept
    CHECK(match("created_at gt 2025-03-04T05:06:07.1234559Z"));
    CHECK(match("local eq 2025-03-05T01:30:00Z"));
    CHECK(match("day eq 2024-02-29"));
    CHECK(match("id eq 01234567-89AB-CDEF-0123-456789ABCDEF"));
    CHECK(match("id eq '01234567-89ab-cdef-0123-456789abcdef'"));
    CHECK(match("tod gt 13:14:15"));
    CHECK(match("dur eq duration'PT26H'"));
    CHECK_FALSE(match("created_at eq 'not a date'"));
    CHECK(match("created_at ne 'not a date'"));
    CHECK(ev("created_at sub 2025-03-04T05:06:07.123456Z") == "duration:0us+0ps");
    CHECK(ev("2025-03-04 add duration'P1DT1H'") == "date:2025-03-05");
    CHECK(ev("2025-03-04 sub duration'PT1H'") == "date:2025-03-03");
    CHECK(ev("2025-03-04 sub 2025-03-01") == "duration:259200000000us+0ps");
    CHECK(ev("2025-01-01T00:00:00Z add duration'PT0.5S'") == "datetimeoffset:2025-01-01T00:00:00.500Z");
    CHECK(ev("duration'PT1S' mul 3") == "duration:3000000us+0ps");
    CHECK(ev("duration'PT3S' div 2") == "duration:1500000us+0ps");
    CHECK(ev("-duration'PT1S'") == "duration:-1000000us+0ps");
}

TEST_CASE("lower-case t, z and duration letters evaluate as the upper-case forms") {
    CHECK(match("2025-01-01t01:00:00+01:00 eq 2025-01-01T00:00:00z"));
    CHECK(match("created_at eq 2025-03-04t06:06:07.123456+01:00"));
    CHECK(match("created_at gt 2025-03-04t05:06:07.1234559z"));
    CHECK_FALSE(match("created_at ge 2025-03-04t05:06:07.1234561z")); // exact beyond the microsecond
    CHECK(match("created_at lt '2025-03-04t05:06:07.1234561z'"));     // quoted: the same exactness
    CHECK(match("local eq 2025-03-05t01:30:00z"));
    CHECK(match("dur eq duration'pt26h'"));
    CHECK(match("dur eq duration'P1dT2h'"));
    CHECK(match("dur gt duration'-p1d'"));
    for (const auto& [lower, upper] :
         {std::pair{"created_at sub 2025-03-04t05:06:07.123456z",
                    "created_at sub 2025-03-04T05:06:07.123456Z"},
          std::pair{"2025-03-04 add duration'p1dt1h'", "2025-03-04 add duration'P1DT1H'"},
          std::pair{"2025-01-01t00:00:00z add duration'pt0.5s'", "2025-01-01T00:00:00Z add duration'PT0.5S'"},
          std::pair{"duration'pt1s' mul 3", "duration'PT1S' mul 3"},
          std::pair{"-duration'pt1s'", "-duration'PT1S'"}}) {
        INFO(lower);
        CHECK(ev(lower) == ev(upper));
    }
    CHECK(ev("2025-01-01t00:00:00z add duration'pt0.5s'") == "datetimeoffset:2025-01-01T00:00:00.500Z");
}

TEST_CASE("string and collection functions") {
    CHECK(ev("concat(name, '!')") == "string:Ada-Token!");
    CHECK(ev("contains(name, 'a-T')") == "boolean:true");
    CHECK(ev("startswith(name, 'Ada')") == "boolean:true");
    CHECK(ev("endswith(name, 'ken')") == "boolean:true");
    CHECK(ev("indexof(name, 'Tok')") == "int:4");
    CHECK(ev("indexof(astral, 'b')") == "int:2"); // characters, not bytes
    CHECK(ev("indexof(name, 'zz')") == "int:-1");
    CHECK(ev("length(astral)") == "int:3");
    CHECK(ev("length(tags)") == "int:4");
    CHECK(ev("length(empty)") == "int:0");
    CHECK(ev("substring(name, 4)") == "string:Token");
    CHECK(ev("substring(name, 1, 2)") == "string:da");
    CHECK(ev("substring(name, 40)") == "string:");
    CHECK(ev("substring(name, -5)") == "string:Token");
    CHECK(ev("substring(astral, 1, 1)") == "string:\xF0\x9F\x98\x80");
    CHECK(ev("substring(name, 1, -1)") == "null");
    CHECK(ev("contains(tags, nums)") == "boolean:false");
    CHECK(ev("hassubset(tags, tags)") == "boolean:true");
    CHECK(ev("hassubset(nums, nums)") == "boolean:true");
    CHECK(ev("hassubsequence(tags, tags)") == "boolean:true");
    CHECK(ev("matchesPattern(name, '^A.*n$')") == "boolean:true");
    CHECK(ev("matchesPattern(name, '^a')") == "boolean:false");
    CHECK(ev("matchesPattern(astral, '^a.b$')") == "boolean:true"); // `.` is one code point
    CHECK(ev("matchesPattern(name, '\\bTok')") == "boolean:true");
    CHECK(ev("matchesPattern(name, '^[A-Z][a-z]+-(?:Tok|Pok)en$')") == "boolean:true");
    CHECK(ev("matchesPattern(name, 'x|y|-T')") == "boolean:true");
    CHECK(ev("matchesPattern(name, '^\\w{3}-\\w{5}$')") == "boolean:true");
    CHECK(ev("matchesPattern(name, '^\\w{3,4}$')") == "boolean:false");
    CHECK(ev("matchesPattern(name, '[^\\s\\d]+$')") == "boolean:true");
    CHECK(ev("matchesPattern(text, '^\\s+padded\\s$')") == "boolean:true");
    CHECK(ev("matchesPattern(name, concat('^', 'Ada'))") == "boolean:true"); // compiled per row
    CHECK(ev("matchesPattern(name, concat('(', ''))") == "null");            // invalid at run time: null
    CHECK(ev("tolower(name)") == "string:ada-token");
    CHECK(ev("toupper(name)") == "string:ADA-TOKEN");
    CHECK(ev("tolower(accent)") == "string:éte");
    CHECK(ev("toupper('ÿßσ')") == "string:Ÿ\xC3\x9F\xCE\xA3");
    CHECK(ev("trim(text)") == "string:padded");
    CHECK(match("'b' in tags"));
    CHECK_FALSE(match("'z' in tags"));
    CHECK(match("name in ('x', 'Ada-Token')"));
    CHECK(match("style has 'Blue'"));
    CHECK(match("style has 'Red,Blue'"));
    CHECK_FALSE(match("style has 'Green'"));
    CHECK(match("style has Sales.Pattern'Red'"));
}

TEST_CASE("date, time and arithmetic functions") {
    CHECK(ev("date(created_at)") == "date:2025-03-04");
    CHECK(ev("date(local)") == "date:2025-03-04"); // evaluated in the value's own offset
    CHECK(ev("day(local)") == "int:4");
    CHECK(ev("hour(local)") == "int:23");
    CHECK(ev("totaloffsetminutes(local)") == "int:-120");
    CHECK(ev("year(created_at)") == "int:2025");
    CHECK(ev("month(created_at)") == "int:3");
    CHECK(ev("day(day)") == "int:29");
    CHECK(ev("hour(created_at)") == "int:5");
    CHECK(ev("minute(created_at)") == "int:6");
    CHECK(ev("second(created_at)") == "int:7");
    CHECK(ev("fractionalseconds(created_at)") == "decimal:0.123456");
    CHECK(ev("fractionalseconds(tod)") == "decimal:0.5");
    CHECK(ev("hour(tod)") == "int:13");
    CHECK(ev("time(created_at)") == "timeofday:05:06:07.123456000000");
    CHECK(ev("totalseconds(dur)") == "decimal:93600");
    CHECK(ev("totalseconds(duration'PT0.25S')") == "decimal:0.25");
    CHECK(ev("maxdatetime()") == "datetimeoffset:9999-12-31T23:59:59.999999Z+999999ps");
    CHECK(ev("mindatetime()") == "datetimeoffset:0001-01-01T00:00:00.000Z");
    CHECK(ev("now()") == "datetimeoffset:2026-01-01T00:00:00.000Z");
    CHECK(match("created_at lt now()"));
    CHECK(ev("round(2.5)") == "decimal:3");
    CHECK(ev("round(-2.5)") == "decimal:-3");
    CHECK(ev("round(2.4)") == "decimal:2");
    CHECK(ev("floor(-2.5)") == "decimal:-3");
    CHECK(ev("ceiling(-2.5)") == "decimal:-2");
    CHECK(ev("ceiling(price)") == "double:4");
    CHECK(ev("floor(n)") == "int:3");
    CHECK(ev("round(-2.5e0)") == "double:-3");
    // a string date-time field without a declared type is read as one by the date functions
    auto ast = parse_filter("year(created_at)");
    REQUIRE(ast);
    auto plain = compile_filter(*ast, eval::json_object_model(), fixed_now);
    REQUIRE(plain);
    CHECK(plain->evaluate_to_string(&record()) == "int:2025");
    // every function: null in, null out
    for (const char* f : {"date", "day", "fractionalseconds", "hour", "minute", "month", "second", "time",
                          "totaloffsetminutes", "totalseconds", "year", "ceiling", "floor", "round", "length",
                          "tolower", "toupper", "trim"})
        CHECK(ev(std::string(f) + "(none)") == "null");
    for (const char* f : {"concat", "contains", "endswith", "indexof", "startswith", "hassubset",
                          "hassubsequence", "matchesPattern"}) {
        CHECK(ev(std::string(f) + "(none, 'a')") == "null");
        CHECK(ev(std::string(f) + "('a', none)") == "null");
    }
    CHECK(ev("year(name)") == "null"); // a type mismatch gives null
}

TEST_CASE("cast and isof") {
    CHECK(ev("cast(n, Edm.String)") == "string:3");
    CHECK(ev("cast('42', Edm.Int32)") == "int:42");
    CHECK(ev("cast('4.5', Edm.Int32)") == "null");
    CHECK(ev("cast(300, Edm.Byte)") == "null");
    CHECK(ev("cast(n, Edm.Decimal)") == "decimal:3");
    CHECK(ev("cast(n, Edm.Double)") == "double:3");
    CHECK(ev("cast('2025-01-02', Edm.Date)") == "date:2025-01-02");
    CHECK(ev("cast(created_at, Edm.Date)") == "date:2025-03-04");
    CHECK(ev("cast(2025-01-02, Edm.DateTimeOffset)") == "datetimeoffset:2025-01-02T00:00:00.000Z");
    CHECK(ev("cast('true', Edm.Boolean)") == "boolean:true");
    CHECK(ev("cast(none, Edm.String)") == "null");
    CHECK(ev("cast(n, NS.Unknown)") == "null");
    CHECK(ev("isof(n, Edm.Int64)") == "boolean:true");
    CHECK(ev("isof(n, Edm.Byte)") == "boolean:true");
    CHECK(ev("isof(name, Edm.String)") == "boolean:true");
    CHECK(ev("isof(price, Edm.Decimal)") == "boolean:false");
    CHECK(ev("isof(none, Edm.String)") == "boolean:false");
    CHECK(ev("isof(NS.Token)") == "boolean:false");
}

TEST_CASE("lambdas over JSON arrays and typed collections") {
    CHECK(match("tags/any(t: t eq 'c')"));
    CHECK_FALSE(match("tags/all(t: t eq 'c')"));
    CHECK(match("tags/all(t: length(t) eq 1)"));
    CHECK(match("items/any(i: i/k eq 'y' and i/v eq 2)"));
    CHECK(match("items/any(i: i/v eq n sub 1)")); // outer fields inside the body
    CHECK(match("items/any(i: $it/n eq 3 and $this/k eq 'x')"));
    CHECK(match("items/any()"));
    CHECK_FALSE(match("empty/any()"));
    CHECK(match("empty/all(e: e eq 1)"));
    CHECK_FALSE(match("none/any()"));
    CHECK_FALSE(match("none/all(x: true)"));
    CHECK(match("items/any(i: tags/any(t: t eq i/k or t eq 'a'))")); // nested

    const auto records = generate_sample_tokens(40, 7);
    auto ast =
        parse_filter("workspaces/any(w: w/name eq 'staging') and workspaces/all(w: length(w/name) gt 3)");
    REQUIRE(ast);
    auto f = compile_filter(*ast, token_record_model());
    REQUIRE(f);
    for (const auto& r : records) {
        bool staging = false;
        for (const auto& w : r.meta.workspaces)
            staging = staging || w.name == "staging";
        CHECK(f->matches_record(&r) == staging);
    }
}

TEST_CASE("compile errors name the node") {
    const auto error = [](std::string_view text, const eval::record_model& m) {
        auto ast = parse_filter(text);
        REQUIRE(ast);
        auto f = compile_filter(*ast, m);
        REQUIRE_FALSE(f);
        return f.error();
    };
    auto e = error("nmae eq 'x'", token_record_model());
    CHECK(e.message == "unknown field 'nmae'");
    CHECK(e.span.begin == 0);
    CHECK(e.span.end == 4);
    CHECK(error("name eq @p", token_record_model()).message == "parameter alias '@p' has no value");
    CHECK(error("geo.length(name) gt 1", token_record_model()).message.find("geography") !=
          std::string::npos);
    CHECK(error("$root/Tokens eq null", token_record_model()).message.find("$root") != std::string::npos);
    CHECK(error("name/any(x: true)", token_record_model()).message == "'name' is not a collection field");
    CHECK(error("matchesPattern(name, '(')", token_record_model()).message ==
          "invalid regular expression '(': missing ')'");
    CHECK(error("matchesPattern(name, '(a)\\1')", token_record_model()).message.find("backreferences") !=
          std::string::npos);
    CHECK(error("matchesPattern(name, '(?=a)')", token_record_model()).message.find("lookaround") !=
          std::string::npos);
}

TEST_CASE("typed and JSON evaluation agree on random filters") {
    const auto records = generate_sample_tokens(200, 3);
    std::vector<boost::json::object> json;
    for (const auto& r : records)
        json.push_back(boost::json::value_from(r).as_object());
    test::filter_generator gen(11, records);
    int compared = 0, matched = 0;
    for (int i = 0; i < 400; ++i) {
        const std::string text = gen.next(i % 2 == 0);
        INFO(text);
        auto ast = parse_filter(text);
        REQUIRE(ast);
        auto typed = compile_filter(*ast, token_record_model(), fixed_now);
        auto js = compile_filter(*ast, token_json_model(), fixed_now);
        REQUIRE(typed);
        REQUIRE(js);
        for (std::size_t k = 0; k < records.size(); ++k) {
            const bool a = typed->matches_record(&records[k]);
            CHECK(a == js->matches(json[k]));
            matched += a ? 1 : 0;
            ++compared;
        }
    }
    CHECK(compared == 400 * 200);
    CHECK(matched > compared / 50); // the generator produces filters that do match
    CHECK(matched < compared);
}

TEST_CASE("checked filters: profile conversions give the same answers") {
    const auto records = generate_sample_tokens(150, 13);
    std::vector<boost::json::object> json;
    for (const auto& r : records)
        json.push_back(boost::json::value_from(r).as_object());
    test::filter_generator gen(21, records);
    int checked_count = 0;
    for (int i = 0; i < 300; ++i) {
        const bool tokens = i % 2 == 0;
        const std::string text = gen.next(tokens);
        INFO(text);
        auto ast = parse_filter(text);
        REQUIRE(ast);
        auto checked = check_filter(*ast, tokens ? profiles::tokens : profiles::full);
        if (tokens)
            REQUIRE(checked); // the generator stays within the tokens profile
        if (!checked)
            continue;
        ++checked_count;
        auto plain = compile_filter(*ast, token_record_model(), fixed_now);
        auto typed = compile_filter(*checked, token_record_model(), fixed_now);
        // JSON without a schema: the types come from the check (tokens profile) or stay dynamic (full)
        auto js = compile_filter(*checked, eval::json_object_model(), fixed_now);
        REQUIRE(plain);
        REQUIRE(typed);
        REQUIRE(js);
        for (std::size_t k = 0; k < records.size(); ++k) {
            const bool a = plain->matches_record(&records[k]);
            CHECK(a == typed->matches_record(&records[k]));
            if (tokens)
                CHECK(a == js->matches(json[k]));
        }
    }
    CHECK(checked_count > 200);
}

TEST_CASE("decimal arithmetic") {
    using eval::decimal;
    CHECK(decimal::from_text("-012.3400")->to_string() == "-12.34");
    CHECK(decimal::from_text("500")->to_string() == "500");
    CHECK(decimal::from_text("0.001")->to_string() == "0.001");
    CHECK_FALSE(decimal::from_text("1.2.3"));
    CHECK_FALSE(decimal::from_text("123456789012345678901234567890123456789")); // 39 digits
    CHECK(*decimal::from_text("1.10") == *decimal::from_text("1.1"));
    CHECK(*decimal::from_text("-2") < *decimal::from_text("-1.5"));
    CHECK(*decimal::from_text("100") > *decimal::from_text("99.999"));
    CHECK(decimal::from_text("0.1")->to_double() == 0.1);
    // beyond 38 digits a literal becomes a double
    CHECK(ev("123456789012345678901234567890123456789.5") == "double:1.2345678901234568e+38");
}
