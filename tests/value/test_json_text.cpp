#include <apiquery/value/json_text.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <limits>
#include <string>

namespace {
std::string dbl(double v) {
    std::string s;
    apiquery::append_json_double(s, v);
    return s;
}
std::string str(std::string_view v) {
    std::string s;
    apiquery::append_json_string(s, v);
    return s;
}
} // namespace

TEST_CASE("json_text: strings are escaped as CPython's json with ensure_ascii=False", "[json_text]") {
    CHECK(str(std::string_view("\x00\x01\x1f\x7f\"\\/\xE2\x82\xAC", 10)) ==
          "\"\\u0000\\u0001\\u001f\x7f\\\"\\\\/\xE2\x82\xAC\"");
    CHECK(str("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
    CHECK(str("\x1b") == "\"\\u001b\"");
    CHECK(str("\xE2\x80\xA8") == "\"\xE2\x80\xA8\"");
    // ill-formed input: one U+FFFD per maximal subpart
    CHECK(str("a\xFF"
              "b") == "\"a\xEF\xBF\xBD"
                      "b\"");
    CHECK(str("\xE2\x82") == "\"\xEF\xBF\xBD\"");
    CHECK(str("\xF0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST_CASE("json_text: floats as Python's repr", "[json_text]") {
    CHECK(dbl(0.0) == "0.0");
    CHECK(dbl(-0.0) == "-0.0");
    CHECK(dbl(3.0) == "3.0");
    CHECK(dbl(100.0) == "100.0");
    CHECK(dbl(1.5) == "1.5");
    CHECK(dbl(0.1) == "0.1");
    CHECK(dbl(0.0001) == "0.0001");
    CHECK(dbl(0.00001) == "1e-05");
    CHECK(dbl(0.000123) == "0.000123");
    CHECK(dbl(1e15) == "1000000000000000.0");
    CHECK(dbl(1e16) == "1e+16");
    CHECK(dbl(1234567890123456.0) == "1234567890123456.0");
    CHECK(dbl(12345678901234567.0) == "1.2345678901234568e+16");
    CHECK(dbl(1.5e300) == "1.5e+300");
    CHECK(dbl(5e-324) == "5e-324");
    CHECK(dbl(123.456) == "123.456");
    CHECK(dbl(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(dbl(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("json_text: values, compact, in insertion order", "[json_text]") {
    boost::json::object o;
    o["z"] = 1;
    o["a"] = boost::json::array{nullptr, true, false, -5, std::uint64_t(18446744073709551615ull), 2.5, "x"};
    o["m"] = boost::json::object{};
    CHECK(apiquery::json_text(o) ==
          R"({"z":1,"a":[null,true,false,-5,18446744073709551615,2.5,"x"],"m":{}})");
}
