// Tests of filter_print.hpp: the JSON form (every row of the table of issue 3) and canonical OData text,
// on hand-built trees and on parsed ones.
#include <apiquery/odata/filter_print.hpp>

#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace apiquery;

namespace {

filter_ast parse_ok(std::string_view text, const parse_options& options = {}) {
    auto r = parse_filter(text, options);
    if (!r) {
        INFO("input: " << text);
        INFO("error at " << r.error().position << ": " << r.error().message);
        FAIL("parse_filter rejected the input");
    }
    return std::move(*r);
}

std::string json_of(std::string_view text) {
    return json_text(parse_ok(text));
}

std::string odata_of(std::string_view text, const parse_options& options = {}) {
    return to_odata(parse_ok(text, options));
}

// The node the parser built for `x eq <literal>`'s right side, printed as JSON.
std::string literal_json(std::string_view literal) {
    const std::string text = "x eq " + std::string(literal);
    const auto ast = parse_ok(text);
    REQUIRE(ast.kind(ast.root()) == node_kind::binary);
    return json_text(ast, ast.children(ast.root())[1]);
}

} // namespace

// ------------------------------------------------------------------------------------------------
// Hand-built trees: independent of the parser.

TEST_CASE("json_text: literals of every kind (hand-built)") {
    filter_ast_builder b;
    const node_id items[] = {
        b.null_literal(),
        b.bool_literal(true),
        b.bool_literal(false),
        b.int_literal(42),
        b.int_literal(-5),
        b.int_literal(INT64_MIN),
        b.text_literal(literal_kind::decimal, "3.14"),
        b.text_literal(literal_kind::double_, "-0.314e1"),
        b.text_literal(literal_kind::string, "O'Neil"),
        b.text_literal(literal_kind::date, "2012-09-03"),
        b.text_literal(literal_kind::datetimeoffset, "2012-09-03T13:52Z"),
        b.text_literal(literal_kind::timeofday, "11:22:33"),
        b.text_literal(literal_kind::duration, "P6DT23H59M59.9999S"),
        b.text_literal(literal_kind::guid, "01234567-89ab-cdef-0123-456789abcdef"),
        b.enum_literal("Sales.Pattern", "Yellow"),
    };
    const auto ast = b.finish(b.list(items));
    CHECK(json_text(ast) == R"({"list":[)"
                            R"({"literal":"null","value":null},)"
                            R"({"literal":"boolean","value":true},)"
                            R"({"literal":"boolean","value":false},)"
                            R"({"literal":"int","value":42},)"
                            R"({"literal":"int","value":-5},)"
                            R"({"literal":"int","value":-9223372036854775808},)"
                            R"({"literal":"decimal","value":"3.14"},)"
                            R"({"literal":"double","value":"-0.314e1"},)"
                            R"({"literal":"string","value":"O'Neil"},)"
                            R"({"literal":"date","value":"2012-09-03"},)"
                            R"({"literal":"datetimeoffset","value":"2012-09-03T13:52Z"},)"
                            R"({"literal":"timeofday","value":"11:22:33"},)"
                            R"({"literal":"duration","value":"P6DT23H59M59.9999S"},)"
                            R"({"literal":"guid","value":"01234567-89ab-cdef-0123-456789abcdef"},)"
                            R"({"literal":"enum","type":"Sales.Pattern","value":"Yellow"}]})");
    CHECK(to_odata(ast) == "(null,true,false,42,-5,-9223372036854775808,3.14,-0.314e1,'O''Neil',2012-09-03,"
                           "2012-09-03T13:52Z,11:22:33,duration'P6DT23H59M59.9999S',"
                           "01234567-89ab-cdef-0123-456789abcdef,Sales.Pattern'Yellow')");
}

TEST_CASE("json_text: JSON string escaping") {
    filter_ast_builder b;
    const std::string nasty = std::string("q\"b\\s/\b\f\n\r\t") + '\0' + "\x01\x1f\x7f" + "é€😀";
    const auto ast = b.finish(b.text_literal(literal_kind::string, nasty));
    CHECK(json_text(ast) ==
          "{\"literal\":\"string\",\"value\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\x7f"
          "é€😀\"}");
    // Ill-formed UTF-8 (only possible in a hand-built tree) becomes U+FFFD: the output stays valid.
    filter_ast_builder b2;
    const auto bad = b2.finish(b2.path(std::string("a\xC3") + "/\xFF" + "b\xE2\x82"));
    CHECK(json_text(bad) == "{\"path\":[\"a\xEF\xBF\xBD\",\"\xEF\xBF\xBD"
                            "b\xEF\xBF\xBD\"]}");
}

TEST_CASE("json_text / to_odata: empty tree and no_node") {
    const filter_ast empty;
    CHECK(json_text(empty) == "null");
    CHECK(to_odata(empty).empty());
    filter_ast_builder b;
    const auto ast = b.finish(b.int_literal(1));
    CHECK(json_text(ast, no_node) == "null");
    CHECK(to_odata(ast, no_node).empty());
}

TEST_CASE("to_odata: minimal parentheses from the tree's shape (hand-built)") {
    filter_ast_builder b;
    auto p = [&](std::string_view s) { return b.path(s); };
    SECTION("left-associative binary operators") {
        // a sub (b sub c)
        const auto right = b.binary(binary_op::sub, p("b"), p("c"));
        const auto ast = b.finish(b.binary(binary_op::sub, p("a"), right));
        CHECK(to_odata(ast) == "a sub (b sub c)");
    }
    SECTION("left nesting needs none") {
        const auto left = b.binary(binary_op::sub, p("a"), p("b"));
        const auto ast = b.finish(b.binary(binary_op::sub, left, p("c")));
        CHECK(to_odata(ast) == "a sub b sub c");
    }
    SECTION("or inside and") {
        const node_id ors[] = {p("a"), p("b")};
        const node_id ands[] = {b.logical(logical_op::or_, ors), p("c")};
        const auto ast = b.finish(b.logical(logical_op::and_, ands));
        CHECK(to_odata(ast) == "(a or b) and c");
    }
    SECTION("and inside or") {
        const node_id ands[] = {p("a"), p("b")};
        const node_id ors[] = {b.logical(logical_op::and_, ands), p("c")};
        const auto ast = b.finish(b.logical(logical_op::or_, ors));
        CHECK(to_odata(ast) == "a and b or c");
    }
    SECTION("not binds tighter than eq") {
        const auto eq = b.binary(binary_op::eq, p("a"), p("b"));
        const auto ast = b.finish(b.unary(unary_op::not_, eq));
        CHECK(to_odata(ast) == "not (a eq b)");
    }
    SECTION("negation of a literal that starts with a digit takes a space") {
        const auto ast = b.finish(b.unary(unary_op::neg, b.int_literal(5)));
        CHECK(to_odata(ast) == "- 5");
        CHECK(json_text(ast) == R"({"op":"neg","args":[{"literal":"int","value":5}]})");
    }
    SECTION("mul over add, both sides") {
        const auto sum = b.binary(binary_op::add, p("a"), p("b"));
        const auto prod = b.binary(binary_op::mul, sum, p("c"));
        const auto ast = b.finish(b.binary(binary_op::add, prod, b.binary(binary_op::mul, p("d"), p("e"))));
        CHECK(to_odata(ast) == "(a add b) mul c add d mul e");
    }
    SECTION("has and in bind tighter than unary") {
        const auto neg = b.unary(unary_op::neg, p("a"));
        const auto has = b.binary(binary_op::has, neg, b.enum_literal("N.E", "x"));
        const node_id items[] = {b.int_literal(1)};
        const auto in = b.in(has, b.list(items));
        const auto ast = b.finish(b.unary(unary_op::not_, in));
        CHECK(to_odata(ast) == "not (-a) has N.E'x' in (1)");
    }
    SECTION("in with a collection-valued expression") {
        const auto ast = b.finish(b.in(p("a"), p("b/c")));
        CHECK(to_odata(ast) == "a in b/c");
        CHECK(json_text(ast) == R"({"op":"in","args":[{"path":["a"]},{"path":["b","c"]}]})");
    }
    SECTION("lambda without a body") {
        const auto ast = b.finish(b.lambda(lambda_op::any, p("Products"), "", no_node));
        CHECK(to_odata(ast) == "Products/any()");
        CHECK(json_text(ast) == R"({"lambda":"any","path":{"path":["Products"]},"var":null,"body":null})");
    }
    SECTION("deep left chain prints without recursion") {
        node_id acc = b.int_literal(0);
        for (int i = 1; i <= 20000; ++i)
            acc = b.binary(binary_op::sub, acc, b.int_literal(i));
        const auto ast = b.finish(acc);
        const auto text = to_odata(ast);
        CHECK(text.substr(0, 14) == "0 sub 1 sub 2 ");
        CHECK(text.size() > 20000 * 6);
        const auto json = json_text(ast);
        CHECK(json.substr(0, 25) == R"({"op":"sub","args":[{"op")");
    }
    SECTION("deep right chain gets parentheses at every level") {
        node_id acc = b.path("z");
        for (int i = 0; i < 20000; ++i)
            acc = b.binary(binary_op::sub, b.path("a"), acc);
        const auto ast = b.finish(acc);
        const auto text = to_odata(ast);
        CHECK(text.substr(0, 18) == "a sub (a sub (a su");
        CHECK(text.substr(text.size() - 3) == ")))");
    }
}

// ------------------------------------------------------------------------------------------------
// Parsed trees: every row of the JSON-form table of issue 3.

TEST_CASE("JSON form table: literals") {
    CHECK(literal_json("null") == R"({"literal":"null","value":null})");
    CHECK(literal_json("true") == R"({"literal":"boolean","value":true})");
    CHECK(literal_json("false") == R"({"literal":"boolean","value":false})");
    CHECK(literal_json("42") == R"({"literal":"int","value":42})");
    CHECK(literal_json("-5") == R"({"literal":"int","value":-5})");
    CHECK(literal_json("9223372036854775807") == R"({"literal":"int","value":9223372036854775807})");
    CHECK(literal_json("-9223372036854775808") == R"({"literal":"int","value":-9223372036854775808})");
    CHECK(literal_json("9223372036854775808") == R"({"literal":"decimal","value":"9223372036854775808"})");
    CHECK(literal_json("3.14") == R"({"literal":"decimal","value":"3.14"})");
    CHECK(literal_json("-3.140") == R"({"literal":"decimal","value":"-3.140"})");
    CHECK(literal_json("-0.314e1") == R"({"literal":"double","value":"-0.314e1"})");
    CHECK(literal_json("1e-101") == R"({"literal":"double","value":"1e-101"})");
    CHECK(literal_json("INF") == R"({"literal":"double","value":"INF"})");
    CHECK(literal_json("-INF") == R"({"literal":"double","value":"-INF"})");
    CHECK(literal_json("NaN") == R"({"literal":"double","value":"NaN"})");
    CHECK(literal_json("'O''Neil'") == R"({"literal":"string","value":"O'Neil"})");
    CHECK(literal_json("''") == R"({"literal":"string","value":""})");
    CHECK(literal_json("2012-09-03") == R"({"literal":"date","value":"2012-09-03"})");
    CHECK(literal_json("2012-09-03T13:52Z") == R"({"literal":"datetimeoffset","value":"2012-09-03T13:52Z"})");
    CHECK(literal_json("11:22:33") == R"({"literal":"timeofday","value":"11:22:33"})");
    CHECK(literal_json("duration'P6DT23H59M59.9999S'") ==
          R"({"literal":"duration","value":"P6DT23H59M59.9999S"})");
    CHECK(literal_json("01234567-89ab-cdef-0123-456789abcdef") ==
          R"({"literal":"guid","value":"01234567-89ab-cdef-0123-456789abcdef"})");
    CHECK(literal_json("Sales.Pattern'Yellow'") ==
          R"({"literal":"enum","type":"Sales.Pattern","value":"Yellow"})");
}

TEST_CASE("JSON form table: paths, aliases, operators") {
    CHECK(json_of("Address/Street") == R"({"path":["Address","Street"]})");
    CHECK(json_of("$it/Name") == R"({"path":["$it","Name"]})");
    CHECK(json_of("$root/People") == R"({"path":["$root","People"]})");
    CHECK(json_of("$this") == R"({"path":["$this"]})");
    CHECK(json_of("@p") == R"({"alias":"@p"})");
    CHECK(json_of("a eq 1") == R"({"op":"eq","args":[{"path":["a"]},{"literal":"int","value":1}]})");
    for (std::string_view op :
         {"eq", "ne", "gt", "ge", "lt", "le", "add", "sub", "mul", "div", "divby", "mod"}) {
        const std::string text = "a " + std::string(op) + " b";
        CHECK(json_of(text) ==
              R"({"op":")" + std::string(op) + R"(","args":[{"path":["a"]},{"path":["b"]}]})");
    }
    CHECK(
        json_of("style has Sales.Pattern'Yellow'") ==
        R"({"op":"has","args":[{"path":["style"]},{"literal":"enum","type":"Sales.Pattern","value":"Yellow"}]})");
    CHECK(
        json_of("1 sub 2 sub 3") ==
        R"({"op":"sub","args":[{"op":"sub","args":[{"literal":"int","value":1},{"literal":"int","value":2}]},)"
        R"({"literal":"int","value":3}]})");
    const std::string abc = R"({"op":"and","args":[{"path":["a"]},{"path":["b"]},{"path":["c"]}]})";
    CHECK(json_of("a and b and c") == abc);
    CHECK(json_of("(a and b) and c") == abc);
    CHECK(json_of("a and (b and c)") == abc);
    CHECK(json_of("a or b or c") == R"({"op":"or","args":[{"path":["a"]},{"path":["b"]},{"path":["c"]}]})");
    CHECK(json_of("not a") == R"({"op":"not","args":[{"path":["a"]}]})");
    CHECK(json_of("-a") == R"({"op":"neg","args":[{"path":["a"]}]})");
    CHECK(json_of("-(5)") == R"({"op":"neg","args":[{"literal":"int","value":5}]})");
}

TEST_CASE("JSON form table: in") {
    CHECK(
        json_of("x in (1,2)") ==
        R"({"op":"in","args":[{"path":["x"]},{"list":[{"literal":"int","value":1},{"literal":"int","value":2}]}]})");
    CHECK(json_of("x in ('a')") ==
          R"({"op":"in","args":[{"path":["x"]},{"list":[{"literal":"string","value":"a"}]}]})");
    CHECK(json_of("x in ()") == R"({"op":"in","args":[{"path":["x"]},{"list":[]}]})");
    CHECK(json_of("x in (y)") == R"({"op":"in","args":[{"path":["x"]},{"path":["y"]}]})");
    CHECK(json_of("FirstName in (FirstName)") ==
          R"({"op":"in","args":[{"path":["FirstName"]},{"path":["FirstName"]}]})");
}

TEST_CASE("JSON form table: calls, cast/isof, lambdas") {
    CHECK(json_of("contains(name,'prod')") ==
          R"({"call":"contains","args":[{"path":["name"]},{"literal":"string","value":"prod"}]})");
    CHECK(json_of("MATCHESPATTERN(a,'x')") ==
          R"({"call":"matchesPattern","args":[{"path":["a"]},{"literal":"string","value":"x"}]})");
    CHECK(json_of("TotalOffsetMinutes(a)") == R"({"call":"totaloffsetminutes","args":[{"path":["a"]}]})");
    CHECK(json_of("geo.distance(a,b)") ==
          R"({"call":"geo.distance","args":[{"path":["a"]},{"path":["b"]}]})");
    CHECK(json_of("now()") == R"({"call":"now","args":[]})");
    CHECK(json_of("cast(X,Edm.Int32)") == R"({"call":"cast","args":[{"path":["X"]},{"type":"Edm.Int32"}]})");
    CHECK(json_of("cast(Edm.Int32)") == R"({"call":"cast","args":[{"type":"Edm.Int32"}]})");
    CHECK(json_of("isof(Model.Customer)") == R"({"call":"isof","args":[{"type":"Model.Customer"}]})");
    CHECK(json_of("Products/any(p:p/Price gt 5)") ==
          R"({"lambda":"any","path":{"path":["Products"]},"var":"p","body":)"
          R"({"op":"gt","args":[{"path":["p","Price"]},{"literal":"int","value":5}]}})");
    CHECK(json_of("Products/any()") ==
          R"({"lambda":"any","path":{"path":["Products"]},"var":null,"body":null})");
    CHECK(json_of("Products/all(p:p/Items/any(i:i/Qty ge p/Min))") ==
          R"({"lambda":"all","path":{"path":["Products"]},"var":"p","body":)"
          R"({"lambda":"any","path":{"path":["p","Items"]},"var":"i","body":)"
          R"({"op":"ge","args":[{"path":["i","Qty"]},{"path":["p","Min"]}]}}})");
    CHECK(json_of("((a))") == R"({"path":["a"]})");
}

// ------------------------------------------------------------------------------------------------
// Canonical OData text of parsed input.

TEST_CASE("to_odata: canonical text") {
    CHECK(odata_of("Name EQ 'Milk' AND Price LT 2.55") == "Name eq 'Milk' and Price lt 2.55");
    CHECK(odata_of("(  a   eq 1 )") == "a eq 1");
    CHECK(odata_of("a sub (b sub c)") == "a sub (b sub c)");
    CHECK(odata_of("(a sub b) sub c") == "a sub b sub c");
    CHECK(odata_of("(a or b) and c") == "(a or b) and c");
    CHECK(odata_of("a and b or c") == "a and b or c");
    CHECK(odata_of("a or (b and c)") == "a or b and c");
    CHECK(odata_of("not (a eq b)") == "not (a eq b)");
    CHECK(odata_of("(not a) eq b") == "not a eq b");
    CHECK(odata_of("not(a)") == "not a");
    CHECK(odata_of("-(5)") == "- 5");
    CHECK(odata_of("- 5") == "- 5");
    CHECK(odata_of("-(-5)") == "--5");
    CHECK(odata_of("-(INF)") == "- INF");
    CHECK(odata_of("-(-INF)") == "--INF");
    CHECK(odata_of("-NaN") == "-NaN");
    CHECK(odata_of("-(2012-09-03)") == "- 2012-09-03");
    CHECK(odata_of("-(-2012-09-03)") == "--2012-09-03");
    CHECK(odata_of("-(11:22)") == "- 11:22");
    CHECK(odata_of("-(01234567-89ab-cdef-0123-456789abcdef)") == "- 01234567-89ab-cdef-0123-456789abcdef");
    CHECK(odata_of("-(abcdef01-89ab-cdef-0123-456789abcdef)") == "-abcdef01-89ab-cdef-0123-456789abcdef");
    CHECK(odata_of("-(+1.5)") == "-+1.5");
    CHECK(odata_of("-('a')") == "-'a'");
    CHECK(odata_of("-(null)") == "-null");
    CHECK(odata_of("-(-(-(false)))") == "---false");
    CHECK(odata_of("-5") == "-5");
    CHECK(odata_of("-(a)") == "-a");
    // A negation whose operand's text starts with a number: `has` and `in` bind tighter than the
    // negation, so -(5 has 4) is written `- 5 has 4` (`-5 has 4` is (-5) has 4). Found by the fuzzer.
    CHECK(odata_of("-+5 has 4") == "- 5 has 4");
    CHECK(odata_of("-(5 has 4)") == "- 5 has 4");
    CHECK(odata_of("-(5 has 4 has 3)") == "- 5 has 4 has 3");
    CHECK(odata_of("-(1.5 in (1,2))") == "- 1.5 in (1,2)");
    CHECK(odata_of("-(INF has x)") == "- INF has x");
    CHECK(odata_of("-(2012-09-03 in x)") == "- 2012-09-03 in x");
    CHECK(odata_of("-((5 add 1) has 4)") == "-(5 add 1) has 4");
    CHECK(odata_of("-(a has 4)") == "-a has 4");
    CHECK(odata_of("-(-5 has 4)") == "--5 has 4");
    for (const char* text : {"-+5 has 4", "-(5 has 4 has 3)", "-(1.5 in (1,2))", "-(INF has x)",
                             "-((5 add 1) has 4)", "-(-5 has 4)", "- - 5 has 4", "-(5 has 4) in x"}) {
        INFO(text);
        const auto ast = parse_ok(text);
        CHECK(parse_ok(to_odata(ast)) == ast);
    }
    CHECK(odata_of("-(-a)") == "--a");
    CHECK(odata_of("(4 add 5) mod (4 sub 1)") == "(4 add 5) mod (4 sub 1)");
    CHECK(odata_of("Price add 2.45 eq 5.00") == "Price add 2.45 eq 5.00");
    CHECK(odata_of("'O''Neil' eq x") == "'O''Neil' eq x");
    CHECK(odata_of("x eq Duration'P1D'") == "x eq duration'P1D'");
    CHECK(odata_of("x in ( 1 , 2 )") == "x in (1,2)");
    CHECK(odata_of("x IN ()") == "x in ()");
    CHECK(odata_of("x in (y)") == "x in y");
    CHECK(odata_of("contains( name , 'prod' ) and length(name) gt 3") ==
          "contains(name,'prod') and length(name) gt 3");
    CHECK(odata_of("Products/ANY( p : p/x eq 1 )") == "Products/any(p:p/x eq 1)");
    CHECK(odata_of("Products/any()") == "Products/any()");
    CHECK(odata_of("CAST(x, Edm.String) eq 'a'") == "cast(x,Edm.String) eq 'a'");
    CHECK(odata_of("matchespattern(a,'x')") == "matchesPattern(a,'x')");
}

TEST_CASE("to_odata: 4.0 strict mode re-parses the canonical text") {
    parse_options strict;
    strict.odata_4_0_strict = true;
    const auto ast = parse_ok("NOT contains(Name,'x') AND Price LT 2 OR x eq DURATION'P1D'");
    const auto text = to_odata(ast);
    CHECK(text == "not contains(Name,'x') and Price lt 2 or x eq duration'P1D'");
    const auto again = parse_filter(text, strict);
    REQUIRE(again);
    CHECK(*again == ast);
}
