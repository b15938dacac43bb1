// Tests of filter_error.hpp: codes and the caret rendering.
#include <apiquery/odata/filter_error.hpp>

#include <catch2/catch.hpp>

#include <string>

using apiquery::filter_errc;
using apiquery::filter_parse_error;

TEST_CASE("error codes have the JSON form's names") {
    CHECK(to_string(filter_errc::syntax) == "syntax");
    CHECK(to_string(filter_errc::invalid_literal) == "invalid_literal");
    CHECK(to_string(filter_errc::unknown_function) == "unknown_function");
    CHECK(to_string(filter_errc::wrong_arity) == "wrong_arity");
    CHECK(to_string(filter_errc::unsupported) == "unsupported");
    CHECK(to_string(filter_errc::depth_limit) == "depth_limit");
    CHECK(to_string(filter_errc::node_limit) == "node_limit");
    CHECK(to_string(filter_errc::in_list_limit) == "in_list_limit");
    CHECK(to_string(filter_errc::input_too_long) == "input_too_long");
    CHECK(to_string(filter_errc::invalid_utf8) == "invalid_utf8");
}

TEST_CASE("caret_line: the input with a caret under the position") {
    const filter_parse_error e{filter_errc::syntax, 7, "expected an operand after 'and'"};
    CHECK(e.caret_line("a and b)") == "a and b)\n       ^");
    CHECK(filter_parse_error{filter_errc::syntax, 0, ""}.caret_line("") == "\n^");
    CHECK(filter_parse_error{filter_errc::syntax, 4, ""}.caret_line("a eq") == "a eq\n    ^");
    // positions beyond the input are clamped to its end
    CHECK(filter_parse_error{filter_errc::syntax, 99, ""}.caret_line("ab") == "ab\n  ^");
}

TEST_CASE("caret_line: control characters become spaces, columns count code points") {
    CHECK(filter_parse_error{filter_errc::syntax, 3, ""}.caret_line("a\tb\nc") == "a b c\n   ^");
    // "é" is two bytes but one column
    CHECK(filter_parse_error{filter_errc::syntax, 11, ""}.caret_line("x eq 'caf\xc3\xa9") ==
          "x eq 'caf\xc3\xa9\n          ^");
    // a position inside a character puts the caret under the next one
    CHECK(filter_parse_error{filter_errc::syntax, 10, ""}.caret_line("x eq 'caf\xc3\xa9!") ==
          "x eq 'caf\xc3\xa9!\n          ^");
    CHECK(filter_parse_error{filter_errc::syntax, 12, ""}.caret_line("x eq 'caf\xc3\xa9' y") ==
          "x eq 'caf\xc3\xa9' y\n           ^");
    // an ill-formed byte is shown as '?'
    CHECK(filter_parse_error{filter_errc::invalid_utf8, 1, ""}.caret_line("a\xff") == "a?\n ^");
}

TEST_CASE("caret_line: long inputs are cut to a window around the position") {
    std::string text(200, 'x');
    text[100] = '!';
    const auto line = filter_parse_error{filter_errc::syntax, 100, ""}.caret_line(text);
    const auto nl = line.find('\n');
    REQUIRE(nl != std::string::npos);
    const std::string first = line.substr(0, nl);
    const std::string caret = line.substr(nl + 1);
    CHECK(first.rfind("...", 0) == 0);
    CHECK(first.size() == 3 + 36 + 36 + 3);
    CHECK(first.substr(first.size() - 3) == "...");
    CHECK(caret.size() == 3 + 36 + 1);
    CHECK(first[caret.size() - 1] == '!');
    // near the start: no leading cut
    const auto start = filter_parse_error{filter_errc::syntax, 2, ""}.caret_line(text);
    CHECK(start.rfind("xx", 0) == 0);
    CHECK(start.substr(start.find('\n') + 1) == "  ^");
}
