#include <apiquery/model/paginated_result.hpp>

#include <catch2/catch.hpp>

#include <apiquery/endpoints/tokens/model.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

using page = apiquery::paginated_result<apiquery::workspace_name>;

TEST_CASE("paginated_result: keys in definition order, round trip", "[paginated_result]") {
    const page p{{{"production"}, {"staging"}}, true, 42};
    CHECK(apiquery::write_model_json(p) ==
          R"({"data":[{"name":"production"},{"name":"staging"}],"has_more":true,"total":42})");
    CHECK(boost::json::value_to<page>(boost::json::value_from(p)) == p);
    CHECK(apiquery::write_model_json(page{}) == R"({"data":[],"has_more":false,"total":0})");
}

TEST_CASE("paginated_result: class names follow pydantic's generic naming", "[paginated_result]") {
    CHECK(apiquery::model_traits<page>::class_name() == "PaginatedResult[WorkspaceName]");
    CHECK(apiquery::model_traits<apiquery::paginated_result<apiquery::token>>::class_name() ==
          "PaginatedResult[Token]");
    const auto errors = apiquery::check_model_json<page>("[]");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].type == "model_type");
    CHECK(errors[0].ctx->at("class_name") == "PaginatedResult[WorkspaceName]");
}

TEST_CASE("paginated_result: every element checked, errors in order", "[paginated_result]") {
    const auto errors =
        apiquery::check_model_json<page>(R"({"total":"many","data":[{"name":1},{},"x"],"has_more":2})");
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].loc == apiquery::make_loc({"data", std::int64_t{0}, "name"}));
    CHECK(errors[0].type == "string_type");
    CHECK(errors[1].loc == apiquery::make_loc({"data", std::int64_t{1}, "name"}));
    CHECK(errors[1].type == "missing");
    CHECK(errors[2].loc == apiquery::make_loc({"data", std::int64_t{2}}));
    CHECK(errors[2].type == "model_type");
    CHECK(errors[3].loc == apiquery::make_loc({"has_more"}));
    CHECK(errors[3].type == "bool_parsing");
    CHECK(errors[4].loc == apiquery::make_loc({"total"}));
    CHECK(errors[4].type == "int_parsing");
}

TEST_CASE("paginated_result: total beyond 64 bits", "[paginated_result]") {
    const std::string body = R"({"data":[],"has_more":false,"total":99999999999999999999999})";
    CHECK(apiquery::check_model_json<page>(body).empty()); // pydantic accepts a Python int of any size
    const auto r = apiquery::parse_model_json<page>(body); // the C++ model holds an int64
    REQUIRE_FALSE(r);
    REQUIRE(r.error().size() == 1);
    CHECK(r.error()[0].type == "value_error");
    CHECK(r.error()[0].loc == apiquery::make_loc({"total"}));
    CHECK(apiquery::parse_model_json<page>(R"({"data":[],"has_more":false,"total":"9223372036854775807"})")
              ->total == INT64_MAX);
    CHECK(apiquery::parse_model_json<page>(R"({"data":[],"has_more":false,"total":-9223372036854775808})")
              ->total == INT64_MIN);
}
