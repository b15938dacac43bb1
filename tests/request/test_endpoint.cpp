// The generic request code over endpoint declarations: parse_request, entry_of, route_to.
#include <apiquery/endpoints/tokens/endpoint.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_reading.hpp>
#include <apiquery/value/json_text.hpp>

#include <catch2/catch.hpp>

#include <array>

using namespace apiquery;

namespace {

// An endpoint declared here, as a user would: GET /api/v1/shops/{shop}/orders?limit=N (N <= 50).
inline constexpr param_spec limit{
    .name = "limit", .type = param_type::integer, .le = 50, .default_text = "20"};
inline constexpr std::array<const param_spec*, 1> order_query{&limit};

struct orders_request {
    std::string shop;
    std::int64_t limit = 20;
};

struct orders_endpoint {
    static constexpr std::string_view name = "orders";
    static constexpr route_template route{"/api/v1/shops/{shop}/orders"};
    using request_type = orders_request;
    static result<orders_request, http_validation_error> validate(route_match path,
                                                                  std::string_view raw_query) {
        query_reading<order_query> q(raw_query);
        if (!q.ok())
            return unexpected{q.take_errors()};
        orders_request r{std::move(path.values[0])};
        if (q.present(limit))
            r.limit = std::stoll(q.check(limit).integer.to_string());
        if (r.limit == 13)
            q.add_rule_error(limit, "13 orders bring bad luck");
        if (!q.ok())
            return unexpected{q.take_errors()};
        return r;
    }
    static std::string json_text(const orders_request& r) {
        std::string out = "{\"shop\":";
        append_json_string(out, r.shop);
        return out + ",\"limit\":" + std::to_string(r.limit) + "}";
    }
};
static_assert(endpoint_declaration<orders_endpoint>);
static_assert(endpoint_declaration<tokens_endpoint>);

constexpr std::array<endpoint_entry, 2> table{entry_of<tokens_endpoint>(), entry_of<orders_endpoint>()};
static_assert(find_endpoint(table, "orders") == &table[1] && find_endpoint(table, "files") == nullptr);
// Sample data is optional: tokens declares it, orders does not.
static_assert(table[1].sample_json == nullptr);

std::string route_of(std::span<const endpoint_entry> t, std::string_view path) {
    const auto e = route_to(t, path);
    return e ? std::string((*e)->name) : "404: " + e.error().reason;
}

} // namespace

TEST_CASE("parse_request: a declared endpoint, through the generic pipeline") {
    const auto ok = parse_request<orders_endpoint>("/api/v1/shops/caf%C3%A9/orders?limit=5&limit=7");
    REQUIRE(ok);
    CHECK(ok->shop == "café");
    CHECK(ok->limit == 7);
    const auto type = parse_request<orders_endpoint>("/api/v1/shops/s/orders?limit=51");
    REQUIRE(!type);
    CHECK(type.error().status == 422);
    CHECK(type.error().body().find("\"type\":\"less_than_equal\"") != std::string::npos);
    const auto rule = parse_request<orders_endpoint>("/api/v1/shops/s/orders?limit=13");
    REQUIRE(!rule);
    CHECK(rule.error().body().find("Value error, 13 orders bring bad luck") != std::string::npos);
    const auto none = parse_request<orders_endpoint>("/api/v1/shops/s/order");
    REQUIRE(!none);
    CHECK(none.error().status == 404);
    CHECK(none.error().body() == "{\"detail\":\"Not Found\"}");
}

TEST_CASE("parse_request<tokens_endpoint> is parse_tokens_request") {
    for (std::string_view t :
         {"/api/v1/workspaces/w/token", "/api/v1/workspaces/w/token?limit=x&before=1&order=up",
          "/api/v1/workspaces/w/token?page_number=2&filter=name%20eq%20%27a%27",
          "/api/v1/workspaces/w/token/", "/api/v1/workspaces/%2F/token",
          "/api/v1/workspaces/w/token?filter=name%20ne%20%27a%27"}) {
        INFO(t);
        const auto a = parse_request<tokens_endpoint>(t);
        const auto b = parse_tokens_request(t);
        REQUIRE(a.has_value() == b.has_value());
        if (a)
            CHECK(json_text(*a) == json_text(*b));
        else
            CHECK((a.error().status == b.error().status && a.error().body() == b.error().body() &&
                   a.error().reason == b.error().reason));
    }
}

TEST_CASE("route_to: the first endpoint whose route matches; 404 reasons") {
    CHECK(route_of(table, "/api/v1/workspaces/w/token") == "tokens");
    CHECK(route_of(table, "/api/v1/shops/w/orders") == "orders");
    CHECK(route_of(table, "/api/v1/shops/w/orders/") ==
          "404: Starlette would redirect (307) to the path without its trailing slash");
    CHECK(route_of(table, "/api/v1/nothing") == "404: the path does not match any endpoint");
    CHECK(route_of(table, "/api/v1/\x01") ==
          "404: the path has a byte outside printable ASCII, which the server cannot decode");
    // One endpoint: its own reason.
    CHECK(route_of(std::span(table).first(1), "/api/v1/nothing") ==
          "404: the path does not match /api/v1/workspaces/{workspace_name}/token");
    CHECK(route_of({}, "/") == "404: no endpoint is declared");
    // The type-erased validation gives the status and the body.
    const auto r = table[1].validate_target("/api/v1/shops/a/orders?limit=3");
    CHECK(r.status == 200);
    CHECK(r.body == "{\"shop\":\"a\",\"limit\":3}");
    CHECK(table[0].validate_target("/api/v1/workspaces/w/token?limit=101").status == 422);
    // route_target keeps the match: validate_routed answers as validate_target, without routing again.
    for (std::string_view t :
         {"/api/v1/shops/a%20b/orders?limit=3", "/api/v1/shops/a/orders?limit=99",
          "/api/v1/workspaces/w/token?limit=5&order=DESC", "/api/v1/workspaces/w/token?x=1&limit=-"}) {
        INFO(t);
        auto routed = route_target(table, t);
        REQUIRE(routed);
        const auto want = routed->entry->validate_target(t);
        const auto got = routed->entry->validate_routed(std::move(routed->path), routed->query);
        CHECK(got.status == want.status);
        CHECK(got.body == want.body);
    }
    CHECK(route_target(table, "/api/v1/shops/a/orders/?limit=3")
              .error()
              .reason.starts_with("Starlette would redirect"));
    REQUIRE(table[0].sample_json != nullptr);
    CHECK(table[0].sample_json(2, 1) == token_records_json(generate_sample_tokens(2, 1)));
}
