#include <apiquery/model/http_validation_error.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

TEST_CASE("http_validation_error: Boost.JSON conversions both ways", "[http_validation_error]") {
    const auto text =
        R"({"detail":[{"type":"missing","loc":["data",3,"expires_at"],"msg":"Field required","input":{}},)"
        R"({"type":"x","loc":[],"msg":"y"}]})";
    const auto jv = boost::json::parse(text);
    const auto body = boost::json::value_to<apiquery::http_validation_error>(jv);
    REQUIRE(body.detail.size() == 2);
    CHECK(body.detail[0].loc == apiquery::make_loc({"data", std::int64_t{3}, "expires_at"}));
    CHECK_FALSE(body.detail[1].input);
    CHECK(boost::json::value_from(body) == jv);
    CHECK(boost::json::value_from(body.detail[0]) == jv.at("detail").at(0));
    CHECK(boost::json::value_to<apiquery::validation_error>(jv.at("detail").at(1)) == body.detail[1]);
    const auto bad = boost::json::try_value_to<apiquery::http_validation_error>(
        boost::json::parse(R"({"detail":[{"loc":[]}]})"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(std::string(bad.error().category().name()) == "apiquery.model");
    CHECK_FALSE(boost::json::try_value_to<apiquery::validation_error>(boost::json::parse("[]")).has_value());
}
