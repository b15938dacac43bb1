#include <apiquery/value/big_int.hpp>

#include <catch2/catch.hpp>

namespace {
apiquery::big_int big(std::string_view s) {
    return apiquery::big_int::from(apiquery::parse_lax_int(s).value());
}
} // namespace

TEST_CASE("big_int: exact at any size", "[big_int]") {
    CHECK(big("10") == 10);
    CHECK(!big("10").is_large());
    CHECK(big("9223372036854775808").is_large());
    CHECK(big("9223372036854775808").to_string() == "9223372036854775808");
    CHECK(big("-9223372036854775809").to_string() == "-9223372036854775809");
    CHECK(big("-9223372036854775808").to_int64() == INT64_MIN);
    CHECK(big("99999999999999999999999") > 100);
    CHECK(big("-99999999999999999999999") < -100);
    CHECK(big("-99999999999999999999999") < big("-99999999999999999999998"));
    CHECK(big("99999999999999999999999") > big("19999999999999999999999"));
    CHECK(big("100000000000000000000000") > big("99999999999999999999999"));
    CHECK(big("-100000000000000000000000") < big("-99999999999999999999999"));
    CHECK(big("-99999999999999999999999") < big("99999999999999999999999"));
    CHECK(big("99999999999999999999999") == big("99_999_999_999_999_999_999_999"));
    CHECK(apiquery::big_int(5) <=> apiquery::big_int(7) == std::strong_ordering::less);
    std::string s = "n=";
    big("-12").append_to(s);
    CHECK(s == "n=-12");
}
