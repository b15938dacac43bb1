// Tests of endpoints/files/request.hpp and endpoint.hpp: parameters in FILES-NOTES order with pydantic's
// errors, every rule beyond types, the filter check, json_text, to_target and routing.
#include <apiquery/endpoints/files/request.hpp>

#include <apiquery/endpoints/all.hpp>
#include <apiquery/endpoints/files/endpoint.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {
namespace fp = apiquery::files_params;
using namespace apiquery;

static_assert(fp::query.size() == 11 && fp::query[0]->name == "name" && fp::query[4]->name == "filter" &&
              fp::query[5]->name == "limit" && fp::query[6]->name == "page_number" &&
              fp::query[7]->name == "after_value" && fp::query[8]->name == "after_file_id" &&
              fp::query[10]->name == "order");
static_assert(check_param(fp::limit, "100").ok() && !check_param(fp::limit, "101").ok());
static_assert(check_param(fp::limit, "-5").ok());
static_assert(!check_param(fp::page_number, "0").ok());
static_assert(check_param(fp::field, "name").literal_index == 1);
static_assert(!check_param(fp::field, "size").ok());
static_assert(check_param(fp::order, "DESC").literal_index == 1);

constexpr std::string_view base = "/api/v1/workspaces/production/files";

std::string answer(std::string_view query) {
    const auto r = parse_request<files_endpoint>(std::string(base) + "?" + std::string(query));
    return r ? json_text(*r) : r.error().body();
}

files_request ok(std::string_view query) {
    const auto r = parse_request<files_endpoint>(std::string(base) + "?" + std::string(query));
    if (!r)
        FAIL(r.error().body());
    return *r;
}

std::string value_error(std::string_view param, std::string_view message, std::string_view input) {
    return R"({"type":"value_error","loc":["query",")" + std::string(param) + R"("],"msg":"Value error, )" +
           std::string(message) + R"(","input":")" + std::string(input) + R"(","ctx":{"error":")" +
           std::string(message) + R"("}})";
}

} // namespace

TEST_CASE("defaults: limit 10, field created_at, order ASC (not DESC as for tokens)") {
    CHECK(answer("") == R"({"workspace_name":"production","name":null,"content":null,"meta_key":null,)"
                        R"("meta_value":null,"filter":null,"limit":10,"page_number":null,"after_value":null,)"
                        R"("after_file_id":null,"field":"created_at","order":"ASC"})");
    const auto r = ok("");
    CHECK(r.order == sort_order::asc);
    CHECK(r.field == files_sort_field::created_at);
}

TEST_CASE("every parameter read, the last of repeated keys, percent-decoded") {
    const auto r = ok("name=a%20b&content=x&meta_key=k&meta_value=v&filter=&limit=+05&limit=7&page_number=3"
                      "&field=name&order=DESC");
    CHECK(r.name == "a b");
    CHECK(r.content == "x");
    CHECK(r.meta_key == "k");
    CHECK(r.meta_value == "v");
    CHECK(r.filter == "");
    CHECK(r.limit == 7);
    CHECK(r.page_number == big_int(3));
    CHECK(r.field == files_sort_field::name);
    CHECK(r.order == sort_order::desc);
    // an empty filter is no filter: page_number is fine with it
    CHECK(answer("filter=&page_number=2").find("\"page_number\":2") != std::string::npos);
}

TEST_CASE("type errors: every failing parameter, in declaration order") {
    CHECK(
        answer("order=asc&field=size&after_file_id=x&page_number=0&limit=101") ==
        R"({"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}},)"
        R"({"type":"greater_than_equal","loc":["query","page_number"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}},)"
        R"({"type":"uuid_parsing","loc":["query","after_file_id"],"msg":"Input should be a valid UUID, invalid character: found `x` at 1","input":"x","ctx":{"error":"invalid character: found `x` at 1"}},)"
        R"({"type":"literal_error","loc":["query","field"],"msg":"Input should be 'created_at' or 'name'","input":"size","ctx":{"expected":"'created_at' or 'name'"}},)"
        R"({"type":"literal_error","loc":["query","order"],"msg":"Input should be 'ASC' or 'DESC'","input":"asc","ctx":{"expected":"'ASC' or 'DESC'"}}]})");
    // rules are not checked while a type error stands
    CHECK(
        answer("limit=x&page_number=2&after_value=zz") ==
        R"({"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]})");
}

TEST_CASE("the cursor pair comes together: the missing one's loc") {
    CHECK(answer("after_value=2025-01-01T00:00:00Z") ==
          "{\"detail\":[" +
              value_error("after_file_id",
                          "after_value and after_file_id come together: after_file_id is missing", "") +
              "]}");
    CHECK(answer("after_file_id=550e8400-e29b-41d4-a716-446655440000") ==
          "{\"detail\":[" +
              value_error("after_value",
                          "after_value and after_file_id come together: after_value is missing", "") +
              "]}");
    const auto r =
        ok("after_value=2025-01-01T01:00:00%2B01:00&after_file_id=550e8400-e29b-41d4-a716-446655440000");
    REQUIRE(r.after_instant);
    CHECK(r.after_instant->unix_micros() == 1735689600000000);
    CHECK(r.after_instant->offset_minutes() == 60);
}

TEST_CASE("after_value is a pydantic datetime for created_at, any string for name") {
    const std::string id = "&after_file_id=550e8400-e29b-41d4-a716-446655440000";
    CHECK(answer("after_value=yesterday" + id) ==
          "{\"detail\":[" +
              value_error(
                  "after_value",
                  "after_value must be a created_at date-time: Input should be a valid datetime or date, "
                  "input is too short",
                  "yesterday") +
              "]}");
    // what pydantic's datetime accepts: dates, naive date-times (UTC here), unix seconds
    CHECK(ok("after_value=2025-01-01" + id).after_instant->unix_micros() == 1735689600000000);
    CHECK(ok("after_value=2025-01-01T00:00:00" + id).after_instant->unix_micros() == 1735689600000000);
    CHECK(ok("after_value=1735689600" + id).after_instant->unix_micros() == 1735689600000000);
    CHECK(answer("after_value=2025-02-30" + id).find("after_value must be a created_at date-time") !=
          std::string::npos);
    // field=name: the string as it is (even empty), no instant
    const auto r = ok("field=name&after_value=" + id);
    CHECK(r.after_value == "");
    CHECK_FALSE(r.after_instant);
    CHECK(ok("field=name&after_value=yesterday" + id).after_value == "yesterday");
}

TEST_CASE("page_number with a cursor or with a filter is refused") {
    const std::string id = "after_file_id=550e8400-e29b-41d4-a716-446655440000";
    const std::string cursor_msg = "page_number cannot be combined with after_value or after_file_id: clear "
                                   "page_number to use cursor-based pagination";
    CHECK(answer("page_number=2&field=name&after_value=a&" + id) ==
          "{\"detail\":[" + value_error("page_number", cursor_msg, "2") + "]}");
    // a half cursor: both rules, in loc order
    CHECK(answer("page_number=2&" + id) ==
          "{\"detail\":[" + value_error("page_number", cursor_msg, "2") + "," +
              value_error("after_value",
                          "after_value and after_file_id come together: after_value is missing", "") +
              "]}");
    CHECK(answer("page_number=2&filter=category%20eq%20%27news%27") ==
          "{\"detail\":[" +
              value_error("page_number",
                          "filter only works with cursor-based pagination: leave page_number blank", "2") +
              "]}");
    // a refused filter comes first (its loc is declared before page_number)
    const auto both = answer("page_number=2&filter=category%20eq%20%27news%27%20or%20x%20eq%201");
    CHECK(both.find(R"("loc":["query","filter"])") < both.find(R"("loc":["query","page_number"])"));
}

TEST_CASE("the filter: parsed, checked against the files profile, compiled for metadata") {
    CHECK(ok("filter=category%20eq%20%27news%27%20and%20published_date%20ge%20%272025-01-01%27").filter ==
          "category eq 'news' and published_date ge '2025-01-01'");
    CHECK(ok("filter=a/b%20ge%202025-01-01T00:00:00Z%20and%20n%20eq%201.5%20and%20x%20eq%20null").filter);
    CHECK(
        answer("filter=x%20eq") ==
        R"({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, expected an operand after 'eq'","input":"x eq","ctx":{"error":"expected an operand after 'eq'","position":4}}]})");
    CHECK(
        answer("filter=a%20eq%201%20or%20b%20eq%202") ==
        R"j({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, operator 'or' is not supported by this endpoint (supported: eq, ge, and)","input":"a eq 1 or b eq 2","ctx":{"error":"operator 'or' is not supported by this endpoint (supported: eq, ge, and)","position":7}}]})j");
    CHECK(answer("filter=reviewed%20ge%20true").find("\"position\":9") != std::string::npos);
    CHECK(answer("filter=x%20ge%20null").find("null can only be compared with eq or ne") !=
          std::string::npos);
    CHECK(
        answer("filter=x%20eq%20550e8400-e29b-41d4-a716-446655440000") ==
        R"({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, metadata values are JSON: compare them with a string, a number, true, false, null, a date or a date-time","input":"x eq 550e8400-e29b-41d4-a716-446655440000","ctx":{"error":"metadata values are JSON: compare them with a string, a number, true, false, null, a date or a date-time","position":5}}]})");
    CHECK(answer("filter=x%20eq%20y").find("a metadata path can only be compared with a literal value") !=
          std::string::npos);
}

TEST_CASE("to_target gives the request back, and routing reaches files after tokens") {
    files_request r;
    r.workspace_name = "my ws";
    r.name = "a&b";
    r.content = "x y";
    r.meta_key = "k=1";
    r.meta_value = "ü";
    r.filter = "category eq 'news'";
    r.limit = 5;
    r.after_value = "2025-01-01T00:00:00.500000+02:00";
    r.after_file_id = parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    r.order = sort_order::desc;
    const auto target = to_target(r);
    REQUIRE(target);
    CHECK(*target ==
          "/api/v1/workspaces/my%20ws/files?name=a%26b&content=x+y&meta_key=k%3D1&meta_value=%C3%BC"
          "&filter=category+eq+%27news%27&limit=5&after_value=2025-01-01T00%3A00%3A00.500000%2B02%3A00"
          "&after_file_id=550e8400-e29b-41d4-a716-446655440000&order=DESC");
    auto back = parse_request<files_endpoint>(*target);
    REQUIRE(back);
    r.after_instant = back->after_instant;
    CHECK(*back == r);
    r.workspace_name = "a/b";
    CHECK_FALSE(to_target(r));

    const auto routed = route_to(builtin_endpoints, "/api/v1/workspaces/production/files");
    REQUIRE(routed);
    CHECK((*routed)->name == "files");
    CHECK((*routed)->sample_json != nullptr);
    CHECK(find_endpoint(builtin_endpoints, "files") == &builtin_endpoints[1]);
    const auto nf = parse_request<files_endpoint>("/api/v1/workspaces/production/file");
    REQUIRE_FALSE(nf);
    CHECK(nf.error().status == 404);
    const auto r307 = parse_request<files_endpoint>("/api/v1/workspaces/production/files/");
    REQUIRE_FALSE(r307);
    CHECK(r307.error().status == 404);
}
