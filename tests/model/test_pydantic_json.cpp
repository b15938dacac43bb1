#include <apiquery/model/pydantic_json.hpp>

#include <catch2/catch.hpp>

#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>

#include <cmath>
#include <string>

using apiquery::json_kind;
using apiquery::parse_pydantic_json;

namespace {
/// The error text pydantic puts in ctx["error"] of json_invalid, or "" when jiter accepts the text.
std::string jiter_error(std::string_view text) {
    const auto r = parse_pydantic_json(text);
    return r ? std::string() : r.error().description();
}
/// The Python object pydantic would echo, as json.dumps writes it.
std::string echo(std::string_view text) {
    const auto r = parse_pydantic_json(text);
    REQUIRE(r);
    return apiquery::json_text(apiquery::to_value(r->root()));
}
} // namespace

TEST_CASE("pydantic_json: values and kinds", "[pydantic_json]") {
    const auto doc =
        parse_pydantic_json(R"( {"a": [null, true, false, 0, -0, 12, 1.5, "x\u00e9", {}], "b": "y"} )");
    REQUIRE(doc);
    const auto root = doc->root();
    REQUIRE(root.kind() == json_kind::object);
    CHECK(root.size() == 2);
    const auto a = root.find("a");
    REQUIRE(a.valid());
    std::vector<json_kind> kinds;
    a.for_each_element([&](apiquery::json_view v) { kinds.push_back(v.kind()); });
    CHECK(kinds == std::vector<json_kind>{json_kind::null, json_kind::boolean, json_kind::boolean,
                                          json_kind::integer, json_kind::integer, json_kind::integer,
                                          json_kind::number, json_kind::string, json_kind::object});
    CHECK(std::string(root.find("b").get_string()) == "y");
    CHECK_FALSE(root.find("c").valid());
    CHECK(echo(R"([-0, 1.0, 1e3, 1E-5, 0.1, 1e16, 123456789012345678])") ==
          "[0,1.0,1000.0,1e-05,0.1,1e+16,123456789012345678]");
    CHECK(echo(R"("a\"\\\/\b\f\n\r\t\u0000\u00e9\ud83d\ude00")") == R"("a\"\\/\b\f\n\r\t\u0000é😀")");
}

TEST_CASE("pydantic_json: jiter's numbers (Int, BigInt at 19 digits, Float, NaN and Infinity)",
          "[pydantic_json]") {
    auto kind_of = [](std::string_view t) { return parse_pydantic_json(t).value().root().kind(); };
    CHECK(kind_of("999999999999999999") == json_kind::integer);      // 18 digits
    CHECK(kind_of("1000000000000000000") == json_kind::big_integer); // 19 digits, fits in int64: still BigInt
    CHECK(kind_of("-1000000000000000000") == json_kind::big_integer);
    CHECK(kind_of("1.0") == json_kind::number);
    CHECK(kind_of("NaN") == json_kind::number);
    CHECK(std::isnan(parse_pydantic_json("NaN").value().root().get_double()));
    CHECK(parse_pydantic_json("-Infinity").value().root().get_double() == -INFINITY);
    CHECK(parse_pydantic_json("1e400").value().root().get_double() == INFINITY);
    CHECK(parse_pydantic_json("-1e400").value().root().get_double() == -INFINITY);
    CHECK(parse_pydantic_json("1e-400").value().root().get_double() == 0.0);
    CHECK(parse_pydantic_json("4.9e-324").value().root().get_double() > 0.0);
    CHECK(std::string(parse_pydantic_json("12345678901234567890123").value().root().get_string()) ==
          "12345678901234567890123");
    CHECK(echo("[NaN,Infinity,-Infinity]") == "[NaN,Infinity,-Infinity]");
    CHECK(echo("9223372036854775807") == "9223372036854775807");
    CHECK(echo("18446744073709551615") == "18446744073709551615");
    // Documented difference: beyond 64 bits pydantic echoes the exact int, apiquery a double.
    CHECK(echo("123456789012345678901234567890") == "1.2345678901234568e+29");
    // 4300 characters is the limit, sign included.
    CHECK(jiter_error(std::string(4300, '1')).empty());
    // Strings built with append(): "-" + std::string(n, c) draws a false -Wrestrict from GCC 12 at -O3
    // (GCC bug 105329).
    CHECK(jiter_error(std::string("-").append(4299, '1')).empty());
    CHECK(jiter_error(std::string(4301, '1')) ==
          "number out of range at line 1 column 4301"); // index past the end
    CHECK(jiter_error(std::string("[").append(4301, '1').append(".5]")) ==
          "number out of range at line 1 column 4303");
    CHECK(jiter_error(std::string(4290, '1') + ".5").empty());
}

TEST_CASE("pydantic_json: duplicate keys", "[pydantic_json]") {
    const auto doc = parse_pydantic_json(R"({"total":1,"x":2,"total":"x"})");
    REQUIRE(doc);
    CHECK(doc->root().size() == 3); // all kept
    CHECK(std::string(doc->root().find("total").get_string()) == "x");
    // As a Python dict: first position, last value.
    CHECK(echo(R"({"total":1,"x":2,"total":"x"})") == R"({"total":"x","x":2})");
}

TEST_CASE("pydantic_json: jiter's errors, messages and positions", "[pydantic_json]") {
    // Each expectation below was produced by pydantic 2.13.4 (model_validate_json -> json_invalid ctx).
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"", "EOF while parsing a value at line 1 column 0"},
        {" ", "EOF while parsing a value at line 1 column 1"},
        {"\xEF\xBB\xBF{}", "expected value at line 1 column 1"},
        {R"({"a":1.})", "invalid number at line 1 column 8"},
        {R"({"a":1.e5})", "invalid number at line 1 column 8"},
        {R"({"a":1e})", "invalid number at line 1 column 8"},
        {R"({"a":-})", "invalid number at line 1 column 7"},
        {R"({"a":-a})", "invalid number at line 1 column 7"},
        {R"({"a":01})", "invalid number at line 1 column 7"},
        {R"({"a":1.5e+})", "invalid number at line 1 column 11"},
        {"{\"a\":\"\xFF\"}", "invalid unicode code point at line 1 column 8"},
        {"{\"a\":\"x\\u00e9\xFF\"}", "invalid unicode code point at line 1 column 11"},
        {"\xFF", "expected value at line 1 column 1"},
        {R"({"a":tru})", "expected ident at line 1 column 9"},
        {R"({"a":trux})", "expected ident at line 1 column 9"},
        {R"({"a":nul)", "EOF while parsing a value at line 1 column 8"},
        {R"({"a":Inf})", "expected ident at line 1 column 9"},
        {R"({"a":-Infinity1})", "expected `,` or `}` at line 1 column 15"},
        {R"({"a":NaN)", "EOF while parsing an object at line 1 column 8"},
        {R"({"a":"\ud800"})", "unexpected end of hex escape at line 1 column 13"},
        {R"({"a":"\udc00"})", "lone leading surrogate in hex escape at line 1 column 12"},
        {R"({"a":"\ud800\u0041"})", "lone leading surrogate in hex escape at line 1 column 18"},
        {R"({"a":"\ud800x"})", "unexpected end of hex escape at line 1 column 13"},
        {R"({"a":"\ud800\x"})", "unexpected end of hex escape at line 1 column 14"},
        {R"({"a":"\u12"})", "invalid escape at line 1 column 11"},
        {R"({"a":"\u12G4"})", "invalid escape at line 1 column 11"},
        {R"({"a":"\q"})", "invalid escape at line 1 column 8"},
        {R"({"a" 1})", "expected `:` at line 1 column 6"},
        {R"({"a":1,})", "trailing comma at line 1 column 8"},
        {"[1,]", "trailing comma at line 1 column 4"},
        {"[1 2]", "expected `,` or `]` at line 1 column 4"},
        {"{1:2}", "key must be a string at line 1 column 2"},
        {R"({"a":1}x)", "trailing characters at line 1 column 8"},
        {"{\"a\":1}\n\nx", "trailing characters at line 3 column 1"},
        {"{\"a\":\n1\n,\n", "EOF while parsing a value at line 4 column 0"},
        {"{\"a\":\"\n\"}",
         "control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0"},
        {R"({"a":+1})", "expected value at line 1 column 6"},
        {R"({"a":.5})", "expected value at line 1 column 6"},
        {R"({"a":0x1})", "expected `,` or `}` at line 1 column 7"},
        {R"({"a":})", "expected value at line 1 column 6"},
        {R"(["a)", "EOF while parsing a string at line 1 column 3"},
        {"[", "EOF while parsing a list at line 1 column 1"},
        {"{", "EOF while parsing an object at line 1 column 1"},
        {R"({"a")", "EOF while parsing an object at line 1 column 4"},
        {R"({"a":1,)", "EOF while parsing a value at line 1 column 7"},
    };
    for (const auto& [text, want] : cases) {
        INFO(text);
        CHECK(jiter_error(text) == std::string(want));
    }
}

TEST_CASE("pydantic_json: the recursion limit (200 containers below the top one)", "[pydantic_json]") {
    CHECK(jiter_error(std::string(201, '[') + "1") == "recursion limit exceeded at line 1 column 202");
    CHECK(jiter_error(std::string(200, '[') + "1" + std::string(200, ']')).empty());
    CHECK(jiter_error(std::string(201, '[') + std::string(201, ']')).empty()); // the innermost is empty
    std::string objects;
    for (int k = 0; k < 250; ++k)
        objects += "{\"a\":";
    CHECK(jiter_error(objects) == "recursion limit exceeded at line 1 column 1006");
    // A million brackets: an error, not a stack overflow.
    CHECK(jiter_error(std::string(1000000, '[')) == "recursion limit exceeded at line 1 column 202");
}

TEST_CASE("pydantic_json: json_invalid element", "[pydantic_json]") {
    const auto r = parse_pydantic_json("[1,]");
    REQUIRE_FALSE(r);
    CHECK(
        apiquery::json_text(apiquery::to_json(apiquery::json_invalid_error("[1,]", r.error()))) ==
        R"({"type":"json_invalid","loc":[],"msg":"Invalid JSON: trailing comma at line 1 column 4","input":"[1,]",)"
        R"("ctx":{"error":"trailing comma at line 1 column 4"}})");
}

TEST_CASE("pydantic_json: a Boost.JSON value read as jiter reads its text", "[pydantic_json]") {
    const auto v = boost::json::parse(
        R"({"i":5,"big":1000000000000000000,"u":18446744073709551615,"d":2.5,"s":"x","a":[true,null]})");
    const auto doc = apiquery::json_document_from_value(v);
    REQUIRE(doc.has_value());
    const auto root = doc->root();
    CHECK(root.find("i").kind() == json_kind::integer);
    CHECK(root.find("big").kind() == json_kind::big_integer);
    CHECK(std::string(root.find("big").get_string()) == "1000000000000000000");
    CHECK(root.find("u").kind() == json_kind::big_integer);
    CHECK(std::string(root.find("u").get_string()) == "18446744073709551615");
    CHECK(root.find("d").kind() == json_kind::number);
    CHECK(std::string(root.find("s").get_string()) == "x");
    CHECK(root.find("a").size() == 2);
    CHECK(apiquery::to_value(root) == v);
}

TEST_CASE("pydantic_json: a Boost.JSON value nested beyond the recursion limit", "[pydantic_json]") {
    auto nest = [](std::size_t depth, boost::json::value inner) {
        for (std::size_t k = 0; k < depth; ++k)
            inner = boost::json::array{std::move(inner)};
        return inner;
    };
    CHECK(apiquery::json_document_from_value(nest(200, 1)).has_value()); // as jiter: 200 '[' then 1 is fine
    CHECK(apiquery::json_document_from_value(nest(200, boost::json::array()))
              .has_value()); // 201, innermost empty
    const auto deep = apiquery::json_document_from_value(nest(201, 1));
    REQUIRE_FALSE(deep.has_value());
    CHECK(std::string(deep.error().message) == "recursion limit exceeded");
    const auto e = apiquery::json_invalid_error({}, deep.error());
    CHECK(apiquery::json_text(apiquery::to_json(e)) ==
          R"({"type":"json_invalid","loc":[],"msg":"Invalid JSON: recursion limit exceeded","input":null,)"
          R"("ctx":{"error":"recursion limit exceeded"}})");
    // Much deeper: refused without descending (the conversion recursion stops at the limit).
    CHECK_FALSE(apiquery::json_document_from_value(nest(5000, 1)).has_value());
}
