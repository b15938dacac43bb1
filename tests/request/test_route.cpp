// route_template, match_route and build_path: Starlette's routing of a path template (the tokens
// route is also compared with Python's `re` over 50,000 paths by route_test.py).
#include <apiquery/request/route.hpp>

#include <catch2/catch.hpp>

using namespace apiquery;

namespace {
constexpr route_template two("/api/v1/shops/{shop}/orders/{order_id}");
constexpr route_template ends_literal("/api/v1/workspaces/{workspace_name}/token");
constexpr route_template no_params("/api/v1/files");

std::vector<std::string> values(const route_template& r, std::string_view path) {
    auto m = match_route(r, path);
    if (!m)
        return {"<" + m.error().reason + ">"};
    return m->values;
}
} // namespace

static_assert(two.is_valid() && two.param_count() == 2 && two.param_name(0) == "shop" &&
              two.param_name(1) == "order_id" && two.param_index("order_id") == 1 &&
              two.param_index("x") == 2);
static_assert(two.literal_before(0) == "/api/v1/shops/" && two.literal_before(1) == "/orders/" &&
              two.literal_before(2).empty());
static_assert(no_params.is_valid() && no_params.param_count() == 0 &&
              no_params.literal_before(0) == "/api/v1/files");
// Not templates of the supported form.
static_assert(!route_template("").is_valid() && !route_template("api/{x}").is_valid());
static_assert(!route_template("/a/x{y}").is_valid() && !route_template("/a/{}").is_valid());
static_assert(!route_template("/a/{x}/{x}").is_valid() && !route_template("/a/{x").is_valid());
static_assert(!route_template("/a/{x}}").is_valid() &&
              !route_template("/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}").is_valid());
static_assert(route_template("/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}").is_valid());

TEST_CASE("match_route: each parameter takes its whole segment, decoded") {
    CHECK(values(two, "/api/v1/shops/caf%C3%A9/orders/17") == std::vector<std::string>{"café", "17"});
    CHECK(values(two, "/api/v1/shops/a+b/orders/x%20y") == std::vector<std::string>{"a+b", "x y"});
    CHECK(values(no_params, "/api/v1/files") == std::vector<std::string>{});
    // An empty segment does not match `[^/]+`; %2F is a '/' before matching.
    CHECK(values(two, "/api/v1/shops//orders/1")[0].starts_with("<the path does not match"));
    CHECK(values(two, "/api/v1/shops/a%2Fb/orders/1")[0].starts_with("<the path does not match"));
    CHECK(values(two, "/api/v1/shops/a/orders/")[0].starts_with("<"));
}

TEST_CASE("match_route: `$` matches before one final newline") {
    // A template that ends in literal text: the literal, then at most one '\n'.
    CHECK(values(ends_literal, "/api/v1/workspaces/w/token%0A") == std::vector<std::string>{"w"});
    CHECK(values(ends_literal, "/api/v1/workspaces/w/token%0A%0A")[0].starts_with("<"));
    CHECK(values(ends_literal, "/api/v1/workspaces/w/token%0D")[0].starts_with("<"));
    // A template that ends in a parameter: `[^/]+` is greedy and takes the '\n' itself.
    CHECK(values(two, "/api/v1/shops/s/orders/1%0A") == std::vector<std::string>{"s", "1\n"});
    CHECK(values(two, "/api/v1/shops/s/orders/1%0A%0A") == std::vector<std::string>{"s", "1\n\n"});
    CHECK(values(no_params, "/api/v1/files%0A") == std::vector<std::string>{});
    CHECK(values(no_params, "/api/v1/files%0A%0A")[0].starts_with("<"));
    // Newlines and '\r' inside a segment are characters like any other.
    CHECK(values(ends_literal, "/api/v1/workspaces/a%0Ab%0D/token") == std::vector<std::string>{"a\nb\r"});
}

TEST_CASE("match_route: undecodable bytes, trailing slashes") {
    CHECK(values(two, "/api/v1/shops/a b/orders/1") ==
          std::vector<std::string>{
              "<the path has a byte outside printable ASCII, which the server cannot decode>"});
    CHECK(values(two, "/api/v1/shops/\xC3\xA9/orders/1")[0].starts_with("<the path has a byte"));
    CHECK(
        values(ends_literal, "/api/v1/workspaces/w/token/") ==
        std::vector<std::string>{"<Starlette would redirect (307) to the path without its trailing slash>"});
    CHECK(values(ends_literal, "/api/v1/workspaces/w/token///")[0].starts_with("<Starlette would redirect"));
    CHECK(values(no_params, "/api/v1/files/")[0].starts_with("<Starlette would redirect"));
    // A template ending in a parameter: "/1/" rstripped is "/1", which matches: a redirect too.
    CHECK(values(two, "/api/v1/shops/s/orders/1/")[0].starts_with("<Starlette would redirect"));
    CHECK(values(no_params, "/")[0] == "<the path does not match /api/v1/files>");
    CHECK(values(route_template("/x/{y"), "/x/{y")[0].starts_with("<the path does not match"));
}

TEST_CASE("build_path: quote(value, safe=\"\") in every parameter, and back") {
    CHECK(build_path(two, {"café", "a b/c"}) == "/api/v1/shops/caf%C3%A9/orders/a%20b%2Fc");
    CHECK(build_path(no_params, {}) == "/api/v1/files");
    CHECK(build_path(ends_literal, {"~w.x_y-z"}) == "/api/v1/workspaces/~w.x_y-z/token");
    for (std::string_view v : {"a", "caf\xC3\xA9", "x+y", "50%", "a\nb", "?#&="}) {
        INFO(v);
        REQUIRE(path_value_problem(v).empty());
        CHECK(values(two, build_path(two, {v, v})) ==
              std::vector<std::string>{std::string(v), std::string(v)});
    }
    CHECK(path_value_problem("") == "the value is empty: no path can carry it");
    CHECK(path_value_problem("a/b") == "the value contains '/': the server decodes %2F before routing");
    CHECK(path_value_problem("\xFF") == "the value is not UTF-8");
}
