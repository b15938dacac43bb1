#include <apiquery/endpoints/tokens/record.hpp>

#include <catch2/catch.hpp>

#include <apiquery/model/paginated_result.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

namespace {
apiquery::token_record sample() {
    apiquery::token_record r;
    r.meta.name = "deploy";
    r.meta.masked_token = "********";
    r.meta.api_token_id = apiquery::parse_uuid("00000000-0000-0000-0000-000000000001").value();
    r.meta.user = {"Grace", "Hopper"};
    r.meta.role = "MEMBER";
    r.meta.workspaces = {{"production"}};
    r.created_at = apiquery::parse_timestamp("2025-03-01T08:30:00Z").value();
    return r;
}
} // namespace

TEST_CASE("token_record: the Token members, then created_at", "[token_record]") {
    const auto text = apiquery::write_model_json(sample());
    CHECK(
        text ==
        R"({"name":"deploy","masked_token":"********","personal":false,"expires":false,"expires_at":null,)"
        R"("api_token_id":"00000000-0000-0000-0000-000000000001","user":{"given_name":"Grace",)"
        R"("family_name":"Hopper"},"role":"MEMBER","organization_role":"MEMBER",)"
        R"("workspaces":[{"name":"production"}],"all_workspaces":false,"created_at":"2025-03-01T08:30:00.000Z"})");
    CHECK(text == apiquery::json_text(boost::json::value_from(sample())));
    CHECK(boost::json::value_to<apiquery::token_record>(boost::json::parse(text)) == sample());
    // The Token part of a record is a valid Token (extra keys are ignored), but a 200 body is written
    // from record.meta, which has no created_at at all.
    CHECK(apiquery::check_model_json<apiquery::token>(text).empty());
    CHECK(apiquery::write_model_json(sample().meta).find("created_at") == std::string::npos);
}

TEST_CASE("token_record: created_at is required and checked", "[token_record]") {
    auto jv = boost::json::value_from(sample());
    jv.as_object().erase("created_at");
    auto errors = apiquery::check_model_value<apiquery::token_record>(jv);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].type == "missing");
    CHECK(errors[0].loc == apiquery::make_loc({"created_at"}));
    jv.as_object()["created_at"] = "yesterday";
    jv.as_object()["role"] = 5;
    errors = apiquery::check_model_value<apiquery::token_record>(jv);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].loc == apiquery::make_loc({"role"})); // Token fields first
    CHECK(errors[1].type == "datetime_from_date_parsing");
    CHECK(apiquery::model_traits<apiquery::token_record>::class_name() == "TokenRecord");
    CHECK(apiquery::check_model_json<apiquery::token_record>("1")[0].ctx->at("class_name") == "TokenRecord");
}

TEST_CASE("token_record: pages of records", "[token_record]") {
    const apiquery::paginated_result<apiquery::token_record> p{{sample(), sample()}, false, 2};
    const auto back = apiquery::parse_model_json<apiquery::paginated_result<apiquery::token_record>>(
        apiquery::write_model_json(p));
    REQUIRE(back);
    CHECK(*back == p);
}
