#include <apiquery/endpoints/tokens/request.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {
namespace tp = apiquery::tokens_params;

// The declared parameters are constexpr data: literal inputs validate at compile time.
static_assert(tp::query.size() == 7 && tp::query[0]->name == "limit" && tp::query[6]->name == "order");
static_assert(apiquery::check_param(tp::limit, "100").ok());
static_assert(!apiquery::check_param(tp::limit, "101").ok());
static_assert(apiquery::check_param(tp::limit, "0").ok() && apiquery::check_param(tp::limit, "-5").ok());
static_assert(apiquery::check_param(tp::page_number, "1").ok() &&
              !apiquery::check_param(tp::page_number, "0").ok());
static_assert(apiquery::check_param(tp::field, "expires_at").literal_index == 3);
static_assert(apiquery::check_param(tp::order, "ASC").literal_index == 0);
static_assert(apiquery::check_param(tp::before, "{550e8400-e29b-41d4-a716-446655440000}").ok());
static_assert(apiquery::check_param(tp::filter, "").ok());

constexpr std::string_view base = "/api/v1/workspaces/production/token";

/// What `apiquery validate` prints for a query on the production workspace.
std::string answer(std::string_view query) {
    const auto r = apiquery::parse_tokens_request(std::string(base) + "?" + std::string(query));
    return r ? apiquery::json_text(*r) : r.error().body();
}

std::string one_error(std::string_view type, std::string_view param, std::string_view msg,
                      std::string_view input, std::string_view ctx = {}) {
    std::string s = R"({"detail":[{"type":")" + std::string(type) + R"(","loc":["query",")" +
                    std::string(param) + R"("],"msg":")" + std::string(msg) + R"(","input":)" +
                    std::string(input);
    if (!ctx.empty())
        s += R"(,"ctx":)" + std::string(ctx);
    return s + "}]}";
}

std::string normalised(std::string_view limit = "10", std::string_view before = "null",
                       std::string_view page = "null", std::string_view filter = "null",
                       std::string_view field = "created_at", std::string_view order = "DESC",
                       std::string_view after = "null") {
    return R"({"workspace_name":"production","limit":)" + std::string(limit) + R"(,"before":)" +
           std::string(before) + R"(,"after":)" + std::string(after) + R"(,"page_number":)" +
           std::string(page) + R"(,"filter":)" + std::string(filter) + R"(,"field":")" + std::string(field) +
           R"(","order":")" + std::string(order) + R"("})";
}

constexpr std::string_view int_msg = "Input should be a valid integer, unable to parse string as an integer";
} // namespace

TEST_CASE("tokens_request: the issue's normalised form", "[tokens_request]") {
    CHECK(answer("") == normalised());
    const auto r = apiquery::parse_tokens_request("/api/v1/workspaces/production/token");
    REQUIRE(r);
    CHECK(r->limit == 10);
    CHECK(r->field == apiquery::token_sort_field::created_at);
    CHECK(r->order == apiquery::sort_order::desc);
    CHECK((!r->before && !r->after && !r->page_number && !r->filter));
}

TEST_CASE("tokens_request: reference section 7, valid rows", "[tokens_request]") {
    CHECK(answer("limit=42") == normalised("42"));
    CHECK(answer("limit=%20%2042%20") == normalised("42"));
    CHECK(answer("limit=%2B5") == normalised("5"));
    CHECK(answer("limit=+5") == normalised("5"));
    CHECK(answer("limit=-0") == normalised("0"));
    CHECK(answer("limit=0_042.0") == normalised("42"));
    CHECK(answer("limit=100.0") == normalised("100"));
    CHECK(answer("limit=200&limit=1") == normalised("1"));
    CHECK(answer("limit=0-5") == normalised("-5"));
    CHECK(answer("page_number=99999999999999999999999") ==
          normalised("10", "null", "99999999999999999999999"));
    CHECK(answer("before=550E8400-E29B-41D4-A716-446655440000") ==
          normalised("10", "\"550e8400-e29b-41d4-a716-446655440000\""));
    CHECK(answer("before=urn:uuid:550e8400e29b41d4a716446655440000") !=
          normalised("10", "\"550e8400-e29b-41d4-a716-446655440000\"")); // urn needs the hyphenated form
    CHECK(answer("before=%7B550e8400-e29b-41d4-a716-446655440000%7D") ==
          normalised("10", "\"550e8400-e29b-41d4-a716-446655440000\""));
    CHECK(answer("order=DESC") == normalised());
    CHECK(answer("filter=") == normalised("10", "null", "null", "\"\""));
    CHECK(answer("LIMIT=abc&field=name&order=ASC") ==
          normalised("10", "null", "null", "null", "name", "ASC"));
    CHECK(answer("limit=-99999999999999999999") == normalised("-99999999999999999999"));
}

TEST_CASE("tokens_request: reference section 7, error rows", "[tokens_request]") {
    CHECK(answer("limit=abc") == one_error("int_parsing", "limit", int_msg, "\"abc\""));
    CHECK(answer("limit=42.5") == one_error("int_parsing", "limit", int_msg, "\"42.5\""));
    CHECK(answer("limit") == one_error("int_parsing", "limit", int_msg, "\"\""));
    CHECK(answer("limit=101") == one_error("less_than_equal", "limit",
                                           "Input should be less than or equal to 100", "\"101\"",
                                           R"({"le":100})"));
    CHECK(answer("limit=9223372036854775808") == one_error("less_than_equal", "limit",
                                                           "Input should be less than or equal to 100",
                                                           "\"9223372036854775808\"", R"({"le":100})"));
    CHECK(answer("limit=1&limit=200") == one_error("less_than_equal", "limit",
                                                   "Input should be less than or equal to 100", "\"200\"",
                                                   R"({"le":100})"));
    CHECK(answer("limit=" + std::string(4301, '1')) ==
          one_error("int_parsing_size", "limit",
                    "Unable to parse input string as an integer, exceeded maximum size",
                    "\"" + std::string(4301, '1') + "\""));
    CHECK(answer("page_number=-0") == one_error("greater_than_equal", "page_number",
                                                "Input should be greater than or equal to 1", "\"-0\"",
                                                R"({"ge":1})"));
    CHECK(answer("page_number=0-5") == one_error("greater_than_equal", "page_number",
                                                 "Input should be greater than or equal to 1", "\"0-5\"",
                                                 R"({"ge":1})"));
    CHECK(answer("before=") ==
          one_error(
              "uuid_parsing", "before",
              "Input should be a valid UUID, invalid length: expected length 32 for simple format, found 0",
              "\"\"", R"({"error":"invalid length: expected length 32 for simple format, found 0"})"));
    CHECK(answer("before=%C3%A950e8400-e29b-41d4-a716-446655440000") ==
          one_error("uuid_parsing", "before",
                    "Input should be a valid UUID, invalid character: found `\xC3\xA9` at 1",
                    "\"\xC3\xA9"
                    "50e8400-e29b-41d4-a716-446655440000\"",
                    "{\"error\":\"invalid character: found `\xC3\xA9` at 1\"}"));
    CHECK(answer("field=Name") ==
          one_error("literal_error", "field", "Input should be 'name', 'role', 'created_at' or 'expires_at'",
                    "\"Name\"", R"({"expected":"'name', 'role', 'created_at' or 'expires_at'"})"));
    CHECK(answer("order=ASC&order=desc") == one_error("literal_error", "order",
                                                      "Input should be 'ASC' or 'DESC'", "\"desc\"",
                                                      R"({"expected":"'ASC' or 'DESC'"})"));
    // Section 1.1: escaping of the input.
    CHECK(answer("order=%00%01%1f%7f%22%5c%2F%e2%82%ac%ff") ==
          one_error("literal_error", "order", "Input should be 'ASC' or 'DESC'",
                    "\"\\u0000\\u0001\\u001f\x7f\\\"\\\\/\xE2\x82\xAC\xEF\xBF\xBD\"",
                    R"({"expected":"'ASC' or 'DESC'"})"));
    // Raw non-ASCII bytes are latin-1.
    CHECK(answer("order=\xC3\xA9") == one_error("literal_error", "order", "Input should be 'ASC' or 'DESC'",
                                                "\"\xC3\x83\xC2\xA9\"", R"({"expected":"'ASC' or 'DESC'"})"));
}

TEST_CASE("tokens_request: every failing parameter, in declaration order", "[tokens_request]") {
    CHECK(
        answer("order=asc&field=x&filter=&page_number=0&after=&before=zz&limit=101") ==
        R"({"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or )"
        R"(equal to 100","input":"101","ctx":{"le":100}},{"type":"uuid_parsing","loc":["query","before"],"msg":)"
        R"("Input should be a valid UUID, invalid character: found `z` at 1","input":"zz","ctx":{"error":)"
        R"("invalid character: found `z` at 1"}},{"type":"uuid_parsing","loc":["query","after"],"msg":"Input )"
        R"(should be a valid UUID, invalid length: expected length 32 for simple format, found 0","input":"",)"
        R"("ctx":{"error":"invalid length: expected length 32 for simple format, found 0"}},{"type":)"
        R"("greater_than_equal","loc":["query","page_number"],"msg":"Input should be greater than or equal )"
        R"(to 1","input":"0","ctx":{"ge":1}},{"type":"literal_error","loc":["query","field"],"msg":"Input )"
        R"(should be 'name', 'role', 'created_at' or 'expires_at'","input":"x","ctx":{"expected":"'name', )"
        R"('role', 'created_at' or 'expires_at'"}},{"type":"literal_error","loc":["query","order"],"msg":)"
        R"("Input should be 'ASC' or 'DESC'","input":"asc","ctx":{"expected":"'ASC' or 'DESC'"}}]})");
}

TEST_CASE("tokens_request: rules beyond parameter types", "[tokens_request]") {
    const std::string a = "550e8400-e29b-41d4-a716-446655440000";
    const std::string cursor_msg = "page_number cannot be combined with before or after: clear page_number "
                                   "to use cursor-based pagination";
    CHECK(answer("before=" + a + "&after=" + a) ==
          R"({"detail":[{"type":"value_error","loc":["query","after"],"msg":"Value error, before and after )"
          R"(cannot be combined: use one cursor","input":")" +
              a + R"(","ctx":{"error":"before and after cannot be combined: use one cursor"}}]})");
    CHECK(answer("page_number=2&after=" + a) ==
          R"({"detail":[{"type":"value_error","loc":["query","page_number"],"msg":"Value error, )" +
              cursor_msg + R"(","input":"2","ctx":{"error":")" + cursor_msg + R"("}}]})");
    CHECK(
        answer("page_number=02&filter=name+eq+%27x%27") ==
        R"({"detail":[{"type":"value_error","loc":["query","page_number"],"msg":"Value error, filter only )"
        R"(works with cursor-based pagination: leave page_number blank","input":"02","ctx":{"error":"filter )"
        R"(only works with cursor-based pagination: leave page_number blank"}}]})");
    // A filter that does not parse or that the tokens profile refuses: ctx carries the byte position.
    CHECK(
        answer("filter=name+eq") ==
        R"({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, expected an operand )"
        R"(after 'eq'","input":"name eq","ctx":{"error":"expected an operand after 'eq'","position":7}}]})");
    const std::string both_rules = answer("page_number=1&filter=personal+eq+%27yes%27");
    CHECK(both_rules.find(R"({"type":"value_error","loc":["query","page_number"])") == 11);
    CHECK(both_rules.find(
              R"("loc":["query","filter"],"msg":"Value error, field 'personal' is boolean; 'yes' is )"
              R"(a string","input":"personal eq 'yes'","ctx":{"error":"field 'personal' is boolean; )"
              R"('yes' is a string","position":12}}]})") != std::string::npos);
    // A refused operator: ctx.position is its keyword (byte 12 of the decoded filter).
    CHECK(
        answer("filter=name%20eq%20%27a%27%20or%20name%20eq%20%27b%27") ==
        R"x({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, operator 'or' is )x"
        R"x(not supported by this endpoint (supported: eq, ge, and)","input":"name eq 'a' or name eq 'b'",)x"
        R"x("ctx":{"error":"operator 'or' is not supported by this endpoint (supported: eq, ge, and)",)x"
        R"x("position":12}}]})x");
    // An empty filter is no filter.
    CHECK(answer("page_number=2&filter=") == normalised("10", "null", "2", "\"\""));
    // Both rules at once: after, then page_number.
    const std::string both = answer("before=" + a + "&after=" + a + "&page_number=1");
    const auto after_at = both.find(R"("loc":["query","after"])");
    CHECK(after_at < both.find(R"("loc":["query","page_number"])"));
    // The rules are not checked while a parameter is invalid (FastAPI answers before the handler runs).
    CHECK(answer("before=" + a + "&after=" + a + "&limit=x") ==
          one_error("int_parsing", "limit", int_msg, "\"x\""));
}

TEST_CASE("tokens_request: routing", "[tokens_request]") {
    const auto ws = [](std::string_view target) -> std::string {
        const auto r = apiquery::parse_tokens_request(target);
        return r ? r->workspace_name : "<" + std::to_string(r.error().status) + ">";
    };
    CHECK(ws("/api/v1/workspaces/my%20ws/token") == "my ws");
    CHECK(ws("/api/v1/workspaces/%C3%A9/token") == "\xC3\xA9");
    CHECK(ws("/api/v1/workspaces/x+y/token") == "x+y");
    CHECK(ws("/api/v1/workspaces/production/token%0A") == "production"); // Python's `$`
    CHECK(ws("/api/v1/workspaces/x%0A/token") == "x\n");
    CHECK(ws("http://localhost:8000/api/v1/workspaces/p/token?limit=1") == "p");
    CHECK(ws("/api/v1/workspaces/a%2Fb/token") == "<404>");
    CHECK(ws("/api/v1/workspaces//token") == "<404>");
    CHECK(ws("/api/v1/workspaces/p/token/") == "<404>");
    CHECK(ws("/api/v1/workspaces/p/tokens") == "<404>");
    CHECK(ws("/api/v1/workspaces/\xC3\xA9/token") == "<404>");
    CHECK(ws("/API/v1/workspaces/p/token") == "<404>");
    CHECK(ws("") == "<404>");
    const auto r = apiquery::parse_tokens_request("/api/v1/workspaces/p/token/");
    REQUIRE_FALSE(r);
    CHECK(r.error().body() == R"({"detail":"Not Found"})");
    CHECK(r.error().reason.find("307") != std::string::npos);
}

TEST_CASE("tokens_request: routing follows Python's `$` (one final newline at most)", "[tokens_request]") {
    // Starlette: re.match(r"^/api/v1/workspaces/(?P<workspace_name>[^/]+)/token$", unquote(path)).
    const auto ws = [](std::string_view target) -> std::string {
        const auto r = apiquery::parse_tokens_request(target);
        return r ? r->workspace_name : "<" + std::to_string(r.error().status) + ">";
    };
    CHECK(ws("/api/v1/workspaces/production/token%0A") == "production");
    CHECK(ws("/api/v1/workspaces/production/token%0A%0A") == "<404>");
    CHECK(ws("/api/v1/workspaces/production/token%0A%0A%0A") == "<404>");
    CHECK(ws("/api/v1/workspaces/production/token%0A%0A?limit=101") == "<404>"); // 404 before any 422
    CHECK(ws("/api/v1/workspaces/production/token%0D") == "<404>");              // `$` is '\n' only
    CHECK(ws("/api/v1/workspaces/production/token%0D%0A") == "<404>");
    CHECK(ws("/api/v1/workspaces/production/token%0A%0D") == "<404>");
    CHECK(ws("/api/v1/workspaces/x%0A/token%0A") == "x\n"); // `[^/]+` takes newlines
    CHECK(ws("/api/v1/workspaces/%0A%0A/token") == "\n\n");
    CHECK(ws("/api/v1/workspaces/x%0D/token") == "x\r");
    CHECK(ws("/api/v1/workspaces/../token") == ".."); // no dot-segment normalisation
    CHECK(ws("/api/v1/workspaces/x/token/%0A") == "<404>");
    CHECK(ws("/api/v1/workspaces/x/token%0A/") == "<404>"); // rstrip('/') then match: a 307
    const auto r = apiquery::parse_tokens_request("/api/v1/workspaces/x/token%0A/");
    REQUIRE_FALSE(r);
    CHECK(r.error().reason.find("307") != std::string::npos);
    const auto r2 = apiquery::parse_tokens_request("/api/v1/workspaces/x/token%0A%0A/");
    REQUIRE_FALSE(r2);
    CHECK(r2.error().reason.find("307") == std::string::npos);
}

TEST_CASE("tokens_request: client targets validate back to the same request", "[tokens_request]") {
    apiquery::tokens_request r;
    r.workspace_name = "my ws/\xC3\xA9";
    CHECK_FALSE(apiquery::to_target(r)); // '/' cannot be routed
    r.workspace_name = "my ws \xC3\xA9&?#%";
    CHECK(apiquery::to_target(r).value() == "/api/v1/workspaces/my%20ws%20%C3%A9%26%3F%23%25/token");
    r.limit = apiquery::big_int::from(apiquery::parse_lax_int("-99999999999999999999").value());
    r.after = apiquery::parse_uuid("F47AC10B-58CC-4372-A567-0E02B2C3D479").value();
    r.filter = "name eq 'a+b' and created_at ge 2025-01-01T00:00:00Z";
    r.field = apiquery::token_sort_field::expires_at;
    r.order = apiquery::sort_order::asc;
    const std::string t = apiquery::to_target(r).value();
    CHECK(t ==
          "/api/v1/workspaces/my%20ws%20%C3%A9%26%3F%23%25/token?limit=-99999999999999999999&after="
          "f47ac10b-58cc-4372-a567-0e02b2c3d479&filter=name+eq+%27a%2Bb%27+and+created_at+ge+2025-01-01T00%"
          "3A00%3A00Z&field=expires_at&order=ASC");
    const auto back = apiquery::parse_tokens_request(t);
    REQUIRE(back);
    CHECK(*back == r);
    const std::string t20 =
        apiquery::to_target(r, {.include_defaults = true, .space_as_plus = false}).value();
    CHECK(t20.find("filter=name%20eq%20") != std::string::npos);
    CHECK(apiquery::parse_tokens_request(t20).value() == r);

    apiquery::tokens_request d;
    d.workspace_name = "w";
    CHECK(apiquery::to_target(d).value() == "/api/v1/workspaces/w/token");
    CHECK(apiquery::to_target(d, {.include_defaults = true}).value() ==
          "/api/v1/workspaces/w/token?limit=10&field=created_at&order=DESC");
    d.filter = "";
    CHECK(apiquery::to_target(d).value() == "/api/v1/workspaces/w/token?filter=");
    CHECK(apiquery::parse_tokens_request("/api/v1/workspaces/w/token?filter=").value() == d);
}
