#include <apiquery/value/lax_int.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {
using apiquery::int_error;
using apiquery::parse_lax_int;

constexpr std::int64_t value(std::string_view s) {
    return *parse_lax_int(s).value().to_int64();
}
constexpr bool fails(std::string_view s, int_error e = int_error::int_parsing) {
    const auto r = parse_lax_int(s);
    return !r && r.error() == e;
}

// Reference section 2.2, at compile time.
static_assert(value("42") == 42);
static_assert(value("  1  ") == 1);
static_assert(value("\t42\n") == 42);
static_assert(value("+5") == 5 && value("+0") == 0 && value("+4_2") == 42 && value("+04_2.0") == 42);
static_assert(value("-0") == 0 && value("-1.0") == -1 && value("-00001") == -1 &&
              value("-00042_000") == -42000);
static_assert(value("042") == 42 && value("00") == 0 && value("0_000") == 0 && value("00.00") == 0);
static_assert(value("000001") == 1 && value("1_000") == 1000 && value("1_000_000") == 1000000);
static_assert(value("0_42") == 42 && value("  04_2.0 ") == 42);
static_assert(value("4.0") == 4 && value("42.00") == 42 && value("123456789.0") == 123456789);
static_assert(value("0-5") == -5 && value("00-12") == -12 && value(" 0-5") == -5 && value("0-5.0") == -5);
static_assert(value("0-_5") == -5 && value("+0-5") == -5 && value("0__1") == 1);
static_assert(value("\xC2\xA0"
                    "42") == 42); // U+00A0 is trimmed
static_assert(value("\xC2\x85"
                    " 7") == 7); // U+0085 too
static_assert(value("9223372036854775807") == INT64_MAX);
static_assert(value("-9223372036854775808") == INT64_MIN);
static_assert(!parse_lax_int("9223372036854775808").value().to_int64());
static_assert(parse_lax_int("9223372036854775808").value().compare(100) > 0);
static_assert(parse_lax_int("-99999999999999999999").value().compare(INT64_MIN) < 0);
static_assert(parse_lax_int("99999999999999999999999").value().digit_count() == 23);
static_assert(fails("4.5") && fails("1.") && fails("42.") && fails(".5") && fails("123456789123456.00001"));
static_assert(fails("1e3") && fails("1E3") && fails("0x10") && fails("1,000") && fails("1 000"));
static_assert(fails("nan") && fails("inf") && fails("true") && fails("") && fails(" ") && fails("+"));
static_assert(fails("-") && fails("--1") && fails("+-1") && fails("-+1") && fails("++4_2") &&
              fails("--0001"));
static_assert(fails("-0-001") && fails("-0+001") && fails("+ 5") && fails("_1") && fails("1_") &&
              fails("1__0"));
static_assert(fails("1_0_") && fails("00_") && fails("42_") && fails("42_.0") && fails("  _042.0 "));
static_assert(fails("1_0.0_0") && fails("0:") &&
              fails("\x1c"
                    "7") &&
              fails("0_.0") && fails("0-05") && fails("-0-5"));
static_assert(fails("\xD9\xA1\xD9\xA2\xD9\xA3") && fails("\xEF\xBC\x91\xEF\xBC\x92")); // non-ASCII digits
} // namespace

TEST_CASE("lax_int: the 4300-digit limit", "[lax_int]") {
    const std::string ones4300(4300, '1');
    CHECK(parse_lax_int(ones4300));
    CHECK(parse_lax_int(ones4300).value().digit_count() == 4300);
    CHECK(parse_lax_int(ones4300 + "1").error() == int_error::int_parsing_size);
    CHECK(parse_lax_int("-" + std::string(4299, '1')));
    CHECK(parse_lax_int("-" + ones4300).error() == int_error::int_parsing_size);
    CHECK(parse_lax_int(ones4300 + "1x").error() == int_error::int_parsing_size);
    CHECK(parse_lax_int(ones4300 + "x").error() == int_error::int_parsing);
    CHECK(parse_lax_int(ones4300 + ".0"));
    CHECK(parse_lax_int(ones4300 + "1.0").error() == int_error::int_parsing_size);
    CHECK(parse_lax_int(" " + ones4300 + "1").error() == int_error::int_parsing);
    CHECK(parse_lax_int("+" + ones4300 + "1").error() == int_error::int_parsing);
    CHECK(parse_lax_int("0" + ones4300)); // cleaned to 4300 digits
}

TEST_CASE("lax_int: values print as Python's str(int)", "[lax_int]") {
    CHECK(parse_lax_int("-0").value().to_string() == "0");
    CHECK(parse_lax_int("+00042_000.00").value().to_string() == "42000");
    CHECK(parse_lax_int("99999999999999999999999").value().to_string() == "99999999999999999999999");
    CHECK(parse_lax_int("-1_0000_0000_0000_0000_0000").value().to_string() == "-100000000000000000000");
    CHECK(parse_lax_int("0-_5").value().to_string() == "-5");
    CHECK(std::string(apiquery::error_type(int_error::int_parsing_size)) == "int_parsing_size");
    CHECK(std::string(apiquery::error_message(int_error::int_parsing)) ==
          "Input should be a valid integer, unable to parse string as an integer");
}
