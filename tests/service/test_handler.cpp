// request_handler: routing, methods, redirects, authentication and the endpoints' answers, called
// directly as a server's transport calls it; next_tokens_target walks a whole listing.
#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/service.hpp>
#include <apiquery/service/handler.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <set>
#include <string>
#include <vector>

using namespace apiquery;

namespace {
const std::vector<token_record>& records() {
    static const auto r = generate_sample_tokens(300, 1);
    return r;
}
const std::vector<http_header> no_headers;
} // namespace

TEST_CASE("handler: GET answers as the endpoint does; other methods 405; unknown paths 404") {
    const request_handler h({serve_tokens(records())});
    for (std::string_view target : {"/api/v1/workspaces/production/token?limit=3&order=ASC",
                                    "/api/v1/workspaces/production/token?limit=101",
                                    "/api/v1/workspaces/production/token?filter=name%20ne%20%27x%27",
                                    "/api/v1/workspaces/nowhere/token"}) {
        INFO(target);
        const auto r = h.handle("GET", target, no_headers);
        const auto want = respond_tokens(target, records());
        CHECK(r.status == want.status);
        CHECK(r.body == want.body);
        REQUIRE(r.header("Content-Type") != nullptr);
        CHECK(*r.header("content-type") == "application/json");
    }
    for (std::string_view method : {"HEAD", "POST", "PUT", "DELETE", "OPTIONS", "get"}) {
        const auto r = h.handle(method, "/api/v1/workspaces/production/token?limit=101", no_headers);
        CHECK(r.status == 405);
        CHECK(r.body == "{\"detail\":\"Method Not Allowed\"}");
        REQUIRE(r.header("allow") != nullptr);
        CHECK(*r.header("Allow") == "GET");
    }
    for (std::string_view target : {"/", "/api/v1/workspaces/production", "/api/v1/workspaces//token",
                                    "/api/v1/workspaces/a\x7F/token", "/api/v1/workspaces/w/token%0A%0A"}) {
        const auto r = h.handle("GET", target, no_headers);
        CHECK(r.status == 404);
        CHECK(r.body == "{\"detail\":\"Not Found\"}");
    }
    // `$` before one final newline routes, as in Starlette.
    CHECK(h.handle("GET", "/api/v1/workspaces/production/token%0A", no_headers).status == 200);
}

TEST_CASE("handler: a trailing slash is a 307 to the path without it, for any method") {
    handler_options options;
    options.default_host = "127.0.0.1:8000";
    const request_handler h({serve_tokens(records())}, options);
    const std::vector<http_header> host{{"Host", "api.example.test"}};
    auto r = h.handle("GET", "/api/v1/workspaces/production/token/?limit=5", host);
    CHECK(r.status == 307);
    CHECK(r.body.empty());
    REQUIRE(r.header("location") != nullptr);
    CHECK(*r.header("location") == "http://api.example.test/api/v1/workspaces/production/token?limit=5");
    r = h.handle("POST", "/api/v1/workspaces/a%20b/token//", no_headers);
    CHECK(r.status == 307);
    CHECK(*r.header("location") == "http://127.0.0.1:8000/api/v1/workspaces/a%20b/token");
    CHECK(h.handle("GET", "/api/v1/workspaces/production/", no_headers).status == 404);
}

TEST_CASE("handler: API keys, checked after routing and before the parameters") {
    handler_options options;
    options.api_keys = {"k1-secret", "k2-secret"};
    const request_handler h({serve_tokens(records())}, options);
    const auto with = [&](std::string value) {
        const std::vector<http_header> hs{{"Authorization", std::move(value)}};
        return h.handle("GET", "/api/v1/workspaces/production/token?limit=101", hs);
    };
    for (const auto& r : {h.handle("GET", "/api/v1/workspaces/production/token?limit=101", no_headers),
                          with("Bearer nope"), with("Basic k1-secret"), with("Bearer"),
                          with("Bearer  k1-secret"), with("k1-secret"), with("Bearer k1-secret2")}) {
        CHECK(r.status == 401);
        CHECK(r.body == "{\"detail\":\"Not authenticated\"}");
        REQUIRE(r.header("www-authenticate") != nullptr);
        CHECK(*r.header("WWW-Authenticate") == "Bearer");
    }
    CHECK(with("Bearer k1-secret").status == 422); // authenticated, then the parameters are checked
    CHECK(with("bearer k2-secret").status == 422);
    CHECK(h.handle("GET", "/elsewhere", no_headers).status == 404);
    CHECK(h.handle("HEAD", "/api/v1/workspaces/production/token", no_headers).status == 405);
    CHECK(equal_constant_time("abc", "abc"));
    CHECK(!equal_constant_time("abc", "abd"));
    CHECK(!equal_constant_time("ab", "abc"));
}

TEST_CASE("next_tokens_target: walking a listing by cursor visits every token once, in order") {
    const request_handler h({serve_tokens(records())});
    for (std::string_view first :
         {"/api/v1/workspaces/production/token?limit=7",
          "/api/v1/workspaces/production/token?limit=10&field=expires_at&order=ASC",
          "/api/v1/workspaces/production/token?limit=4&field=name&filter=personal%20eq%20true"}) {
        INFO(first);
        std::string target(first);
        std::vector<std::string> ids;
        std::int64_t total = -1;
        for (int pages = 0; pages < 1000; ++pages) {
            const auto r = h.handle("GET", target, no_headers);
            REQUIRE(r.status == 200);
            auto page = parse_token_page(r.body);
            REQUIRE(page);
            total = page->total;
            for (const auto& t : page->data)
                ids.push_back(to_string(t.api_token_id));
            const auto request = parse_tokens_request(target);
            REQUIRE(request);
            const auto next = next_tokens_target(*request, *page);
            if (!next)
                break;
            target = *next;
        }
        CHECK(static_cast<std::int64_t>(ids.size()) == total);
        CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
        // The same order as one page holding everything (list_tokens directly: the endpoint caps limit).
        auto everything = parse_tokens_request(first).value();
        everything.limit = 1000000;
        const auto one = list_tokens(everything, records());
        REQUIRE(one);
        std::vector<std::string> want;
        for (const auto& t : one->data)
            want.push_back(to_string(t.api_token_id));
        CHECK(ids.size() > 10);
        CHECK(ids == want);
    }
}
