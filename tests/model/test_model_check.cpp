#include <apiquery/model/model_check.hpp>

#include <catch2/catch.hpp>

#include <apiquery/endpoints/tokens/model.hpp>
#include <apiquery/model/paginated_result.hpp>

#include <boost/json/parse.hpp>

TEST_CASE("model_check: check and parse from text and from Boost.JSON", "[model_check]") {
    using apiquery::user_name;
    CHECK(apiquery::check_model_json<user_name>(R"({"given_name":"a","family_name":"b","x":[]})").empty());
    const auto u =
        apiquery::parse_model_json<user_name>(R"({"family_name":"b","given_name":"a","given_name":"c"})");
    REQUIRE(u);
    CHECK(*u == user_name{"c", "b"}); // the last duplicate wins
    const auto errors = apiquery::check_model_json<user_name>(R"({"given_name":1})");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].type == "string_type");
    CHECK(errors[1].type == "missing");
    CHECK(apiquery::check_model_value<user_name>(boost::json::parse(R"({"given_name":1})")) == errors);
    CHECK_FALSE(apiquery::parse_model_value<user_name>(boost::json::parse("[]")));
    CHECK(
        apiquery::parse_model_value<user_name>(boost::json::parse(R"({"given_name":"x","family_name":"y"})"))
            ->family_name == "y");
}

TEST_CASE("model_check: a text that is not JSON is one json_invalid error", "[model_check]") {
    const auto r = apiquery::parse_model_json<apiquery::workspace_name>(R"({"name":"x",})");
    REQUIRE_FALSE(r);
    REQUIRE(r.error().size() == 1);
    CHECK(r.error()[0].type == "json_invalid");
    CHECK(r.error()[0].loc.empty());
    CHECK(r.error()[0].msg == "Invalid JSON: trailing comma at line 1 column 13");
    CHECK(r.error()[0].input == boost::json::value(R"({"name":"x",})"));
}

TEST_CASE("model_check: Boost.JSON integers are read as jiter reads their text", "[model_check]") {
    // 10^18 has 19 digits: a jiter BigInt, which pydantic's bool does not accept (a quirk, kept).
    const auto v =
        boost::json::parse(R"({"data":[],"has_more":1000000000000000000,"total":1000000000000000000})");
    const auto errors = apiquery::check_model_value<apiquery::paginated_result<apiquery::workspace_name>>(v);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].type == "bool_type");
}
