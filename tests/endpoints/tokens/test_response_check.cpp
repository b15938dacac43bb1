#include <apiquery/endpoints/tokens/response.hpp>

#include <catch2/catch.hpp>

#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <map>
#include <string>
#include <vector>

using apiquery::loc_segment;
using apiquery::validation_error;

namespace {

// A valid page: two tokens, the second with two workspaces.
const char* const token_a =
    R"({"name":"a","masked_token":"****","personal":true,"expires":false,"expires_at":null,)"
    R"("api_token_id":"00000000-0000-0000-0000-000000000001","user":{"given_name":"g","family_name":"f"},)"
    R"("role":"MEMBER","organization_role":"MEMBER","workspaces":[{"name":"production"}],"all_workspaces":false})";
const char* const token_b =
    R"({"name":"b","masked_token":"ak_l****************cdef","personal":false,"expires":true,)"
    R"("expires_at":"2026-01-31T11:00:00.500Z","api_token_id":"550e8400-e29b-41d4-a716-446655440000",)"
    R"("user":{"given_name":"Ada","family_name":"Lovelace"},"role":"ADMIN","organization_role":"ADMIN",)"
    R"("workspaces":[{"name":"production"},{"name":"staging"}],"all_workspaces":true})";

std::string valid_page() {
    return std::string(R"({"data":[)") + token_a + "," + token_b + R"(],"has_more":true,"total":2})";
}

/// The valid page with the value at `path` replaced by the raw JSON text `raw` (or removed when raw is
/// empty). The path is applied to a Boost.JSON copy holding a marker, so the raw text may be anything.
std::string with_value(const std::vector<loc_segment>& path, const std::string& raw) {
    boost::json::value page = boost::json::parse(valid_page());
    if (path.empty())
        return raw;
    boost::json::value* parent = &page;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        if (const auto* name = std::get_if<std::string>(&path[k]))
            parent = &parent->as_object().at(*name);
        else
            parent = &parent->as_array().at(static_cast<std::size_t>(std::get<std::int64_t>(path[k])));
    }
    const auto& last = path.back();
    if (raw.empty()) {
        parent->as_object().erase(std::get<std::string>(last));
        return boost::json::serialize(page);
    }
    if (const auto* name = std::get_if<std::string>(&last))
        parent->as_object()[*name] = "@@RAW@@";
    else
        parent->as_array().at(static_cast<std::size_t>(std::get<std::int64_t>(last))) = "@@RAW@@";
    std::string text = boost::json::serialize(page);
    text.replace(text.find("\"@@RAW@@\""), 9, raw);
    return text;
}

std::vector<loc_segment> loc(std::initializer_list<loc_segment> l) {
    return l;
}

enum class kind { str, masked, boolean, integer, datetime, uuid, literal, list, model };

struct position {
    std::vector<loc_segment> path;
    kind k;
    std::size_t required_fields = 0; // models: how many `missing` errors `{}` gives
    const char* class_name = "";
};

const std::vector<position> positions = {
    {{}, kind::model, 3, "PaginatedResult[Token]"},
    {loc({"data"}), kind::list},
    {loc({"data", std::int64_t{1}}), kind::model, 10, "Token"},
    {loc({"data", std::int64_t{1}, "name"}), kind::str},
    {loc({"data", std::int64_t{1}, "masked_token"}), kind::masked},
    {loc({"data", std::int64_t{1}, "personal"}), kind::boolean},
    {loc({"data", std::int64_t{1}, "expires"}), kind::boolean},
    {loc({"data", std::int64_t{1}, "expires_at"}), kind::datetime},
    {loc({"data", std::int64_t{1}, "api_token_id"}), kind::uuid},
    {loc({"data", std::int64_t{1}, "user"}), kind::model, 2, "UserName"},
    {loc({"data", std::int64_t{1}, "user", "given_name"}), kind::str},
    {loc({"data", std::int64_t{1}, "user", "family_name"}), kind::str},
    {loc({"data", std::int64_t{1}, "role"}), kind::str},
    {loc({"data", std::int64_t{1}, "organization_role"}), kind::literal},
    {loc({"data", std::int64_t{1}, "workspaces"}), kind::list},
    {loc({"data", std::int64_t{1}, "workspaces", std::int64_t{1}}), kind::model, 1, "WorkspaceName"},
    {loc({"data", std::int64_t{1}, "workspaces", std::int64_t{1}, "name"}), kind::str},
    {loc({"data", std::int64_t{1}, "all_workspaces"}), kind::boolean},
    {loc({"has_more"}), kind::boolean},
    {loc({"total"}), kind::integer},
};

// The values, and the error type pydantic 2.13 gives for each kind ("" = accepted). Columns:
// str, masked, bool, int, datetime (nullable), uuid, literal, list, model.
struct row {
    const char* raw;
    std::array<const char*, 9> want;
};
// clang-format off
const std::vector<row> table = {
    {"null",   {"string_type","string_type","bool_type","int_type","","uuid_type","literal_error","list_type","model_type"}},
    {"true",   {"string_type","string_type","","","datetime_type","uuid_type","literal_error","list_type","model_type"}},
    {"0",      {"string_type","string_type","","","","uuid_type","literal_error","list_type","model_type"}},
    {"2",      {"string_type","string_type","bool_parsing","","","uuid_type","literal_error","list_type","model_type"}},
    {"1.5",    {"string_type","string_type","bool_type","int_from_float","","uuid_type","literal_error","list_type","model_type"}},
    {"-1.25",  {"string_type","string_type","bool_type","int_from_float","","uuid_type","literal_error","list_type","model_type"}},
    {"NaN",    {"string_type","string_type","bool_type","finite_number","datetime_parsing","uuid_type","literal_error","list_type","model_type"}},
    {"1e20",   {"string_type","string_type","bool_type","int_parsing_size","datetime_parsing","uuid_type","literal_error","list_type","model_type"}},
    {"1000000000000000000", {"string_type","string_type","bool_type","","datetime_type","uuid_type","literal_error","list_type","model_type"}},
    {R"("x")", {"","","bool_parsing","int_parsing","datetime_from_date_parsing","uuid_parsing","literal_error","list_type","model_type"}},
    {R"("1e3")", {"","","bool_parsing","int_parsing","datetime_from_date_parsing","uuid_parsing","literal_error","list_type","model_type"}},
    {R"("yes")", {"","","","int_parsing","datetime_from_date_parsing","uuid_parsing","literal_error","list_type","model_type"}},
    {R"("2024-02-30")", {"","value_error","bool_parsing","int_parsing","datetime_from_date_parsing","uuid_parsing","literal_error","list_type","model_type"}},
    {R"("550e8400e29b41d4a716446655440000")", {"","value_error","bool_parsing","int_parsing","datetime_from_date_parsing","","literal_error","list_type","model_type"}},
    {R"("ADMIN")", {"","","bool_parsing","int_parsing","datetime_from_date_parsing","uuid_parsing","","list_type","model_type"}},
    {R"("abcde*******wxyz")", {"","value_error","bool_parsing","int_parsing","datetime_from_date_parsing","uuid_parsing","literal_error","list_type","model_type"}},
    {"[]",     {"string_type","string_type","bool_type","int_type","datetime_type","uuid_type","literal_error","","model_type"}},
    {"{}",     {"string_type","string_type","bool_type","int_type","datetime_type","uuid_type","literal_error","list_type","missing"}},
};
// clang-format on

} // namespace

TEST_CASE("response_check: the valid page", "[response_check]") {
    CHECK(apiquery::check_token_page(valid_page()).empty());
    CHECK(apiquery::check_response_body(valid_page()).empty());
    const auto page = apiquery::parse_token_page(valid_page());
    REQUIRE(page);
    CHECK(page->data.size() == 2);
    CHECK(page->has_more);
    CHECK(page->total == 2);
    CHECK(page->data[1].all_workspaces);
    // Written back: the same bytes (the page is in the API's canonical form already).
    CHECK(apiquery::json_text(*page) == valid_page());
}

TEST_CASE("response_check: every error type in every position", "[response_check]") {
    std::size_t checked = 0;
    for (const auto& pos : positions) {
        for (const auto& r : table) {
            const std::string want = r.want[static_cast<std::size_t>(pos.k)];
            const std::string body = with_value(pos.path, r.raw);
            INFO("body: " << body);
            const auto errors = apiquery::check_token_page(body);
            if (want.empty()) {
                CHECK(errors.empty());
                continue;
            }
            if (want == "missing") { // `{}` for a model: one `missing` per required field, inside it
                REQUIRE(errors.size() == pos.required_fields);
                for (const auto& e : errors) {
                    CHECK(e.type == "missing");
                    CHECK(e.loc.size() == pos.path.size() + 1);
                    CHECK(std::equal(pos.path.begin(), pos.path.end(), e.loc.begin()));
                    CHECK(e.input == boost::json::value(boost::json::object()));
                }
                ++checked;
                continue;
            }
            REQUIRE(errors.size() == 1);
            CHECK(errors[0].type == want);
            CHECK(errors[0].loc == pos.path);
            if (want == "model_type")
                CHECK(errors[0].ctx->at("class_name") == pos.class_name);
            ++checked;
        }
    }
    CHECK(checked > 250);
}

TEST_CASE("response_check: missing in every position", "[response_check]") {
    for (const auto& pos : positions) {
        if (pos.path.empty() || !std::holds_alternative<std::string>(pos.path.back()))
            continue;
        const std::string body = with_value(pos.path, "");
        INFO(body);
        const auto errors = apiquery::check_token_page(body);
        if (std::get<std::string>(pos.path.back()) == "all_workspaces") { // optional, default false
            CHECK(errors.empty());
            continue;
        }
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].type == "missing");
        CHECK(errors[0].msg == "Field required");
        CHECK(errors[0].loc == pos.path);
        CHECK(errors[0].input->is_object()); // the object the field is missing from
        CHECK_FALSE(errors[0].ctx);
    }
}

TEST_CASE("response_check: every problem is reported, in field order", "[response_check]") {
    const std::string body =
        R"({"total":"lots","extra":[1,2],"data":[{"workspaces":[{"name":null}],"name":7,"expires_at":"2026-13-01",)"
        R"("personal":"maybe","organization_role":"admin","user":{"given_name":"G"},"api_token_id":"zz",)"
        R"("masked_token":"ak_live_0123456789abcdef","all_workspaces":2,"role":null}],"has_more":"no"})";
    std::vector<std::string> got;
    for (const auto& e : apiquery::check_token_page(body))
        got.push_back(apiquery::json_text(apiquery::to_json(e)));
    // Exactly what pydantic 2.13.4 reports for this body (model_validate_json, errors(include_url=False)).
    const std::vector<std::string> want = {
        R"({"type":"string_type","loc":["data",0,"name"],"msg":"Input should be a valid string","input":7})",
        R"({"type":"value_error","loc":["data",0,"masked_token"],"msg":"Value error, masked_token reveals 24 characters; at most 8 may be visible","input":"ak_live_0123456789abcdef","ctx":{"error":"masked_token reveals 24 characters; at most 8 may be visible"}})",
        R"({"type":"bool_parsing","loc":["data",0,"personal"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"})",
        R"({"type":"missing","loc":["data",0,"expires"],"msg":"Field required","input":{"workspaces":[{"name":null}],"name":7,"expires_at":"2026-13-01","personal":"maybe","organization_role":"admin","user":{"given_name":"G"},"api_token_id":"zz","masked_token":"ak_live_0123456789abcdef","all_workspaces":2,"role":null}})",
        R"({"type":"datetime_from_date_parsing","loc":["data",0,"expires_at"],"msg":"Input should be a valid datetime or date, month value is outside expected range of 1-12","input":"2026-13-01","ctx":{"error":"month value is outside expected range of 1-12"}})",
        R"({"type":"uuid_parsing","loc":["data",0,"api_token_id"],"msg":"Input should be a valid UUID, invalid character: found `z` at 1","input":"zz","ctx":{"error":"invalid character: found `z` at 1"}})",
        R"({"type":"missing","loc":["data",0,"user","family_name"],"msg":"Field required","input":{"given_name":"G"}})",
        R"({"type":"string_type","loc":["data",0,"role"],"msg":"Input should be a valid string","input":null})",
        R"({"type":"literal_error","loc":["data",0,"organization_role"],"msg":"Input should be 'ADMIN', 'MEMBER' or 'EXTERNAL'","input":"admin","ctx":{"expected":"'ADMIN', 'MEMBER' or 'EXTERNAL'"}})",
        R"({"type":"string_type","loc":["data",0,"workspaces",0,"name"],"msg":"Input should be a valid string","input":null})",
        R"({"type":"bool_parsing","loc":["data",0,"all_workspaces"],"msg":"Input should be a valid boolean, unable to interpret input","input":2})",
        R"({"type":"int_parsing","loc":["total"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"lots"})",
    };
    CHECK(got == want);
}

TEST_CASE("response_check: lax values pydantic accepts", "[response_check]") {
    const std::string body =
        R"({"data":[{"name":"n","masked_token":"","personal":"on","expires":1.0,"expires_at":1700000000.5,)"
        R"("api_token_id":"urn:uuid:550E8400-E29B-41D4-A716-446655440000","user":{"given_name":"","family_name":""},)"
        R"("role":"","organization_role":"EXTERNAL","workspaces":[],"all_workspaces":"F"}],"has_more":0,"total":" 1_000 "})";
    const auto page = apiquery::parse_token_page(body);
    REQUIRE(page);
    const auto& t = page->data.at(0);
    CHECK(t.personal);
    CHECK(t.expires);
    CHECK(apiquery::format_timestamp(*t.expires_at) == "2023-11-14T22:13:20.500Z");
    CHECK(apiquery::to_string(t.api_token_id) == "550e8400-e29b-41d4-a716-446655440000");
    CHECK_FALSE(t.all_workspaces);
    CHECK_FALSE(page->has_more);
    CHECK(page->total == 1000);
}

TEST_CASE("response_check: unix timestamps as speedate reads them", "[response_check]") {
    // Values and results from pydantic 2.13.4.
    const std::map<std::string, std::string> ok = {
        {"0", "1970-01-01T00:00:00.000Z"},
        {"-62167219200", "1968-01-12T11:19:40.800Z"}, // beyond 2e10: milliseconds
        {"20000000000", "2603-10-11T11:33:20.000Z"},
        {"20000000001", "1970-08-20T11:33:20.001Z"},
        {"1.5", "1970-01-01T00:00:01.500Z"},
        {"-1.25", "1969-12-31T23:59:58.250Z"}, // speedate's quirk: floor, then the absolute fraction
        {"-0.0000001", "1969-12-31T23:59:59.000Z"},
        {"0.9999996", "1970-01-01T00:00:01.000Z"},
        {"253402300799999", "9999-12-31T23:59:59.999Z"},
        {"253402300799999.9", "9999-12-31T23:59:59.999906Z"},
        {"-62135596800000", "0001-01-01T00:00:00.000Z"},
        {R"("1700000000")", "2023-11-14T22:13:20.000Z"},
    };
    for (const auto& [raw, want] : ok) {
        INFO(raw);
        const auto page =
            apiquery::parse_token_page(with_value(loc({"data", std::int64_t{0}, "expires_at"}), raw));
        REQUIRE(page);
        CHECK(apiquery::format_timestamp(*page->data[0].expires_at) == want);
    }
    const std::map<std::string, std::string> bad = {
        {"-62167219200000", "year 0 is out of range"},
        {"-62167219200001", "dates before 0000 are not supported as unix timestamps"},
        {"-62135596800001", "year 0 is out of range"},
        {"253402300800000", "dates after 9999 are not supported as unix timestamps"},
        {"1e20", "dates after 9999 are not supported as unix timestamps"},
        {"-Infinity", "dates before 0000 are not supported as unix timestamps"},
        {"NaN", "NaN values not permitted"},
    };
    for (const auto& [raw, want] : bad) {
        INFO(raw);
        const auto errors =
            apiquery::check_token_page(with_value(loc({"data", std::int64_t{0}, "expires_at"}), raw));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].type == "datetime_parsing");
        CHECK(errors[0].msg == "Input should be a valid datetime, " + want);
        CHECK(errors[0].ctx->at("error") == want.c_str());
    }
}

TEST_CASE("response_check: what check-response prints", "[response_check]") {
    CHECK(
        apiquery::check_response_body("") ==
        R"({"detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: EOF while parsing a value at line 1 column 0",)"
        R"("input":"","ctx":{"error":"EOF while parsing a value at line 1 column 0"}}]})");
    CHECK(
        apiquery::check_response_body(R"({"data":[],"has_more":false})") ==
        R"({"detail":[{"type":"missing","loc":["total"],"msg":"Field required","input":{"data":[],"has_more":false}}]})");
    const auto unmasked =
        with_value(loc({"data", std::int64_t{0}, "masked_token"}), R"("ak_live_0123456789abcdef")");
    CHECK_FALSE(apiquery::check_response_body(unmasked).empty());
    CHECK(apiquery::check_response_body(unmasked, {.check_masking = false}).empty());
}

TEST_CASE("response_check: parse, write, check again", "[response_check]") {
    // Bodies a pydantic client accepts in lax forms: the typed page writes the canonical form, which
    // checks clean and reads back equal.
    const std::vector<std::string> bodies = {
        valid_page(),
        with_value(loc({"data", std::int64_t{1}, "expires_at"}), R"("2026-01-31 12:00:00.5+01:00")"),
        with_value(loc({"data", std::int64_t{1}, "expires_at"}), R"("2026-01-31")"),
        with_value(loc({"data", std::int64_t{1}, "api_token_id"}),
                   R"("{550E8400-E29B-41D4-A716-446655440000}")"),
        with_value(loc({"has_more"}), R"("yes")"),
        with_value(loc({"total"}), "7.0"),
    };
    for (const auto& body : bodies) {
        INFO(body);
        const auto page = apiquery::parse_token_page(body);
        REQUIRE(page);
        const auto written = apiquery::json_text(*page);
        CHECK(written ==
              apiquery::json_text(boost::json::value_from(*page))); // the direct writer = Boost.JSON's
        CHECK(apiquery::check_token_page(written).empty());
        const auto again = apiquery::parse_token_page(written);
        REQUIRE(again);
        CHECK(*again == *page);
        CHECK(apiquery::json_text(*again) == written);
    }
}
