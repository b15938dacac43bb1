#include <apiquery/request/validation_error.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

TEST_CASE("validation_error: FastAPI's element layout", "[validation_error]") {
    apiquery::validation_error e;
    e.type = "less_than_equal";
    e.loc = apiquery::make_loc({"query", "limit"});
    e.msg = "Input should be less than or equal to 100";
    e.input = "101";
    e.ctx = boost::json::object{{"le", 100}};
    apiquery::validation_error m;
    m.type = "missing";
    m.loc = apiquery::make_loc({"body", "data", std::int64_t{3}, "expires_at"});
    m.msg = "Field required";
    m.input = nullptr;
    apiquery::validation_error bare{"x", {}, "y", std::nullopt, std::nullopt};
    const apiquery::http_validation_error body{{e, m, bare}};
    const std::string text = apiquery::json_text(body);
    CHECK(text ==
          R"({"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less )"
          R"(than or equal to 100","input":"101","ctx":{"le":100}},{"type":"missing","loc":["body",)"
          R"("data",3,"expires_at"],"msg":"Field required","input":null},{"type":"x","loc":[],"msg":"y"}]})");

    // The Boost.JSON form, and reading it back.
    const auto parsed = apiquery::http_validation_error_from_json(boost::json::parse(text));
    REQUIRE(parsed);
    CHECK(*parsed == body);
    CHECK(apiquery::to_json(body) == boost::json::parse(text));
}

TEST_CASE("validation_error: reading rejects what the schema rejects", "[validation_error]") {
    using apiquery::http_validation_error_from_json;
    CHECK(http_validation_error_from_json(boost::json::parse("{}")).value().detail.empty());
    CHECK(
        http_validation_error_from_json(boost::json::parse(R"({"detail":[{"loc":[],"msg":"m"}]})")).error() ==
        "/detail/0/type: required string");
    CHECK(http_validation_error_from_json(
              boost::json::parse(R"({"detail":[{"type":"t","loc":[1.5],"msg":"m"}]})"))
              .error() == "/detail/0/loc/0: expected a string or an integer");
    CHECK(http_validation_error_from_json(
              boost::json::parse(R"({"detail":[{"type":"t","loc":[],"msg":"m","ctx":1}]})"))
              .error() == "/detail/0/ctx: expected an object");
    CHECK_FALSE(http_validation_error_from_json(boost::json::parse("[]")));
}
