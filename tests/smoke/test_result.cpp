#include <apiquery/value/result.hpp>

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("result holds a value or an error", "[result]") {
    apiquery::result<int, std::string> ok = 42;
    REQUIRE(ok.has_value());
    CHECK(*ok == 42);
    CHECK_THROWS_AS(ok.error(), apiquery::bad_result_access);

    apiquery::result<int, std::string> bad = apiquery::unexpected{std::string("boom")};
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == "boom");
    CHECK(bad.value_or(7) == 7);
    CHECK_THROWS_AS(bad.value(), apiquery::bad_result_access);
}
