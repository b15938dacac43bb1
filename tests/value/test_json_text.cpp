#include <apiquery/value/detail/json_escape.hpp>
#include <apiquery/value/json_text.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <cstdint>
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

TEST_CASE("json_text: every byte at every place of an eight-byte word is seen", "[json_text]") {
    // The escape loop skips eight plain bytes at a time: a byte that needs a look must stop it wherever
    // it sits. Each byte value, at each offset of a 19-byte string of 'a', against what it must become.
    const auto escaped = [](unsigned char c) -> std::string {
        switch (c) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        default:
            break;
        }
        if (c < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            return std::string{'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        }
        if (c >= 0x80)
            return "\xEF\xBF\xBD"; // a lone byte of 0x80 and up is ill-formed UTF-8
        return std::string(1, static_cast<char>(c));
    };
    int wrong = 0;
    for (int c = 0; c < 256; ++c)
        for (std::size_t at = 0; at < 19; ++at) {
            std::string in(19, 'a');
            in[at] = static_cast<char>(c);
            const std::string want = '"' + std::string(at, 'a') + escaped(static_cast<unsigned char>(c)) +
                                     std::string(18 - at, 'a') + '"';
            if (str(in) != want)
                ++wrong;
            std::uint64_t w = 0x6161616161616161u;
            w ^= std::uint64_t(0x61 ^ c) << (8 * (at % 8));
            const bool look = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
            if (apiquery::detail::needs_json_escape(w) != look)
                ++wrong;
        }
    CHECK(wrong == 0);
    // Well-formed sequences across the word boundaries stay as they are.
    for (const std::string_view ch : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"})
        for (std::size_t at = 0; at < 17; ++at) {
            std::string in(at, 'b');
            in.append(ch);
            in.append(17 - at, 'c');
            CHECK(str(in) == '"' + in + '"');
        }
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
