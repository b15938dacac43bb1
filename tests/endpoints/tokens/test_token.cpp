#include <apiquery/endpoints/tokens/model.hpp>

#include <catch2/catch.hpp>

#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/system/system_error.hpp>

using apiquery::organization_role;
using apiquery::token;

namespace {
token sample() {
    token t;
    t.name = "ci-token";
    t.masked_token = "ak_l****************cdef";
    t.personal = false;
    t.expires = true;
    t.expires_at = apiquery::parse_timestamp("2026-01-31T12:00:00.5+01:00").value();
    t.api_token_id = apiquery::parse_uuid("550E8400-E29B-41D4-A716-446655440000").value();
    t.user = {"Ada", "Lovelace"};
    t.role = "ADMIN";
    t.organization_role = organization_role::admin;
    t.workspaces = {{"production"}, {"staging"}};
    t.all_workspaces = false;
    return t;
}

const std::string sample_json =
    R"({"name":"ci-token","masked_token":"ak_l****************cdef","personal":false,"expires":true,)"
    R"("expires_at":"2026-01-31T11:00:00.500Z","api_token_id":"550e8400-e29b-41d4-a716-446655440000",)"
    R"("user":{"given_name":"Ada","family_name":"Lovelace"},"role":"ADMIN","organization_role":"ADMIN",)"
    R"("workspaces":[{"name":"production"},{"name":"staging"}],"all_workspaces":false})";
} // namespace

TEST_CASE("token: organization_role names", "[token]") {
    static_assert(apiquery::to_string(organization_role::external) == "EXTERNAL");
    static_assert(apiquery::parse_organization_role("MEMBER") == organization_role::member);
    static_assert(!apiquery::parse_organization_role("member"));
    CHECK(boost::json::value_from(organization_role::admin) == "ADMIN");
    CHECK(boost::json::value_to<organization_role>(boost::json::value("EXTERNAL")) ==
          organization_role::external);
    CHECK_FALSE(boost::json::try_value_to<organization_role>(boost::json::value("Admin")).has_value());
    CHECK_FALSE(boost::json::try_value_to<organization_role>(boost::json::value(1)).has_value());
}

TEST_CASE("token: written as the API writes it", "[token]") {
    // Keys in schema order, expires_at canonical UTC, UUID lower-case and hyphenated, all_workspaces last.
    CHECK(apiquery::write_model_json(sample()) == sample_json);
    token t = sample();
    t.expires = false;
    t.expires_at.reset();
    const auto text = apiquery::write_model_json(t);
    CHECK(text.find(R"("expires":false,"expires_at":null,)") != std::string::npos);
    t.expires_at = apiquery::parse_timestamp("2026-01-31T12:00:00.123456Z").value();
    CHECK(apiquery::write_model_json(t).find(R"("expires_at":"2026-01-31T12:00:00.123456Z")") !=
          std::string::npos);
}

TEST_CASE("token: Boost.JSON round trip", "[token]") {
    const token t = sample();
    const boost::json::value jv = boost::json::value_from(t);
    CHECK(jv == boost::json::parse(sample_json));
    const auto back = boost::json::value_to<token>(jv);
    CHECK(back == t);
    CHECK(apiquery::write_model_json(back) == sample_json);
    for (const auto& u : {apiquery::user_name{"", ""}, apiquery::user_name{"Émilie", "du Châtelet"}})
        CHECK(boost::json::value_to<apiquery::user_name>(boost::json::value_from(u)) == u);
    CHECK(
        boost::json::value_to<apiquery::workspace_name>(boost::json::parse(R"({"name":"dev","x":1})")).name ==
        "dev");
}

TEST_CASE("token: read like a pydantic client (lax values, extra keys, default)", "[token]") {
    const auto jv = boost::json::parse(
        R"({"extra":1,"name":"n","masked_token":"****","personal":"yes","expires":1,"expires_at":"2026-01-31",)"
        R"("api_token_id":"{550E8400-E29B-41D4-A716-446655440000}","user":{"family_name":"F","given_name":"G"},)"
        R"("role":"r","organization_role":"EXTERNAL","workspaces":[]})");
    const auto t = boost::json::value_to<token>(jv);
    CHECK(t.personal);
    CHECK(t.expires);
    REQUIRE(t.expires_at);
    CHECK(t.expires_at->is_naive()); // a date alone: midnight, naive, as pydantic gives it
    CHECK(apiquery::format_timestamp(*t.expires_at) == "2026-01-31T00:00:00.000Z");
    CHECK(apiquery::to_string(t.api_token_id) == "550e8400-e29b-41d4-a716-446655440000");
    CHECK(t.user == apiquery::user_name{"G", "F"});
    CHECK(t.organization_role == organization_role::external);
    CHECK_FALSE(t.all_workspaces); // the default
}

TEST_CASE("token: a mismatch is an error code, value_to throws", "[token]") {
    const auto bad = boost::json::parse(R"({"name":1})");
    const auto r = boost::json::try_value_to<token>(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(std::string(r.error().category().name()) == "apiquery.model");
    CHECK_THROWS_AS(boost::json::value_to<token>(bad), boost::system::system_error);
    // The errors themselves:
    const auto errors = apiquery::check_model_value<token>(bad);
    REQUIRE(errors.size() == 10); // name is not a string, nine fields are missing
    CHECK(errors[0].type == "string_type");
    CHECK(errors[1].type == "missing");
    CHECK(errors[1].loc == apiquery::make_loc({"masked_token"}));
}

TEST_CASE("token: the masking rule applies to masked_token", "[token]") {
    auto jv = boost::json::value_from(sample());
    jv.as_object()["masked_token"] = "ak_live_0123456789abcdef"; // not masked at all
    const auto errors = apiquery::check_model_value<token>(jv);
    REQUIRE(errors.size() == 1);
    CHECK(
        apiquery::json_text(apiquery::to_json(errors[0])) ==
        R"({"type":"value_error","loc":["masked_token"],"msg":"Value error, masked_token reveals 24 characters; )"
        R"(at most 8 may be visible","input":"ak_live_0123456789abcdef","ctx":{"error":"masked_token reveals 24 )"
        R"(characters; at most 8 may be visible"}})");
    CHECK(apiquery::check_model_value<token>(jv, {.check_masking = false}).empty());
}
