// The client side of cursor pagination (model/page_walk.hpp) on Get Workspace Tokens: the entry's
// check_page and pagination, whole walks over the endpoint's real pages, and hostile pages.
#include <apiquery/model/page_walk.hpp>

#include <apiquery/endpoints/all.hpp>
#include <apiquery/endpoints/tokens/endpoint.hpp>
#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <set>
#include <string>
#include <vector>

using namespace apiquery;

namespace {

const std::vector<token_record>& records() {
    static const auto r = generate_sample_tokens(500, 7);
    return r;
}

const endpoint_entry& tokens_entry() {
    static constexpr endpoint_entry e = entry_of<tokens_endpoint>();
    return e;
}

/// The ids of the records of a page walked (the `api_token_id` of each record text).
std::string id_of(const std::string& record) {
    const auto at = record.find("\"api_token_id\":\"");
    REQUIRE(at != std::string::npos);
    return record.substr(at + 16, 36);
}

/// Walks a whole listing over respond_tokens; the ids in the order received.
std::vector<std::string> walk_all(std::string first, std::size_t& pages) {
    page_walk walk(tokens_entry(), std::move(first));
    std::vector<std::string> ids;
    pages = 0;
    while (!walk.done()) {
        REQUIRE(pages < 10000);
        const auto r = respond_tokens(walk.target(), records());
        INFO(walk.target() << " -> " << r.body.substr(0, 200));
        REQUIRE(r.status == 200);
        ++pages;
        const auto got = walk.read(r.body);
        REQUIRE(got);
        for (const auto& rec : *got)
            ids.push_back(id_of(rec));
    }
    return ids;
}

constexpr std::string_view base = "/api/v1/workspaces/production/token";

std::string target(std::string_view query) {
    std::string t(base);
    t += '?';
    t += query;
    return t;
}

} // namespace

TEST_CASE("entry_of: tokens declares check_page and its cursor pagination") {
    const endpoint_entry& e = tokens_entry();
    REQUIRE(e.check_page != nullptr);
    REQUIRE(e.pagination != nullptr);
    REQUIRE(e.pagination->cursor.size() == 1);
    CHECK(e.pagination->cursor[0].name == "after");
    CHECK(e.pagination->cursor[0].field == "api_token_id");
    CHECK(builtin_endpoints[0].pagination == e.pagination);
    CHECK(e.check_page(R"({"data":[],"has_more":false,"total":0})").empty());
    CHECK(e.check_page("{").size() == 1);
}

TEST_CASE("page_walk: every token exactly once, in the order of one big page, for every sort and order") {
    for (std::string_view field : {"created_at", "expires_at", "name"})
        for (std::string_view order : {"ASC", "DESC"})
            for (std::string_view extra : {"", "&filter=personal%20eq%20true"}) {
                std::string q = "limit=7&field=";
                q += field;
                q += "&order=";
                q += order;
                q += extra;
                INFO(q);
                std::size_t pages = 0;
                const auto ids = walk_all(target(q), pages);
                auto everything = parse_tokens_request(target(q)).value();
                everything.limit = 1000000;
                const auto one = list_tokens(everything, records());
                REQUIRE(one);
                std::vector<std::string> want;
                for (const auto& t : one->data)
                    want.push_back(to_string(t.api_token_id));
                CHECK(want.size() > 20);
                CHECK(ids == want);
                CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
                CHECK(pages == (want.size() + 6) / 7);
            }
}

TEST_CASE("page_record_texts: each element's bytes, whitespace outside strings removed") {
    const auto r = page_record_texts(" { \"data\" : [ {\"a\" : \"x y\\\" ,\" } , 1 ,\n[ 2 , \"]\" ] ] , "
                                     "\"data\":[{\"b\":\t\"\\u00e9\"}, null], \"has_more\": false}");
    REQUIRE(r);
    CHECK(*r == std::vector<std::string>{"{\"b\":\"\\u00e9\"}", "null"});
    const auto first = page_record_texts(R"({"data":[{"a" : "x y\" ,"}, 1, [2, "]"]]})");
    REQUIRE(first);
    CHECK(*first == std::vector<std::string>{R"({"a":"x y\" ,"})", "1", R"([2,"]"])"});
    CHECK(page_record_texts(R"({"d\u0061ta":[true]})").value() == std::vector<std::string>{"true"});
    CHECK(page_record_texts(R"({"data":[]})").value().empty());

    CHECK(page_record_texts("not json").error() ==
          "the body is not JSON (expected ident at line 1 column 2)");
    CHECK(page_record_texts("[1]").error() == "the body is not a JSON object");
    CHECK(page_record_texts(R"({"has_more":true})").error() == "the body has no 'data'");
    CHECK(page_record_texts(R"({"data":{"a":1}})").error() == "the body's 'data' is not an array");
    CHECK(page_record_texts(R"({"data":[1,2)").error().starts_with("the body is not JSON"));
}

TEST_CASE("next_page_target: the query kept byte for byte, cursor fields replaced, cleared fields dropped") {
    const cursor_pagination& p = *tokens_entry().pagination;
    const std::string body =
        R"({"data":[{"api_token_id":"a"},{"api_token_id":"b+c/é"}],"has_more":true,"total":9})";
    CHECK(next_page_target(
              p, target("limit=2&after=zz&filter=name%20eq%20%27x%27&before=q&page_number=3&af%74er=1"), body)
              .value() == target("limit=2&filter=name%20eq%20%27x%27&after=b%2Bc%2F%C3%A9"));
    CHECK(next_page_target(p, base, body).value() == target("after=b%2Bc%2F%C3%A9"));
    CHECK(next_page_target(p, "http://h:1" + std::string(base) + "?&&limit=2", body).value() ==
          "http://h:1" + target("limit=2&after=b%2Bc%2F%C3%A9"));
    // has_more read as pydantic reads a bool (lax), false ends the walk.
    CHECK(!next_page_target(p, base, R"({"data":[{"api_token_id":"a"}],"has_more":false})").value());
    CHECK(next_page_target(p, base, R"({"data":[{"api_token_id":"a"}],"has_more":"yes"})").value() ==
          target("after=a"));
    CHECK(next_page_target(p, base, R"({"data":[{"api_token_id":7}],"has_more":1})").value() ==
          target("after=7"));

    // A cursor field named by a query parameter (a sort field), with a default: List Files' shape.
    static constexpr std::array<cursor_param, 2> files_cursor{
        {{"after_value", "created_at", "field"}, {"after_file_id", "file_id"}}};
    static constexpr cursor_pagination files{files_cursor, {}};
    const std::string page = R"({"data":[{"file_id":"f1","created_at":"2025-01-01T00:00:00Z","name":"n 1"}],)"
                             R"("has_more":true,"total":3})";
    CHECK(next_page_target(files, "/f?limit=1", page).value() ==
          "/f?limit=1&after_value=2025-01-01T00%3A00%3A00Z&after_file_id=f1");
    CHECK(next_page_target(files, "/f?field=name&after_value=x&after_file_id=y", page).value() ==
          "/f?field=name&after_value=n+1&after_file_id=f1");
}

TEST_CASE("next_page_target: pages that cannot be followed") {
    const cursor_pagination& p = *tokens_entry().pagination;
    CHECK(next_page_target(p, base, "{]").error().starts_with("the body is not JSON ("));
    CHECK(next_page_target(p, base, R"({"data":[],"has_more":true,"total":3})").error() ==
          "'has_more' is true but the page has no records to continue after");
    CHECK(next_page_target(p, base, R"({"data":[1],"has_more":true})").error() ==
          "the last record is not a JSON object");
    CHECK(next_page_target(p, base, R"({"data":[{"id":"x"}],"has_more":true})").error() ==
          "the last record has no 'api_token_id' for the cursor");
    CHECK(
        next_page_target(p, base, R"({"data":[{"api_token_id":null}],"has_more":true})").error() ==
        "the last record's 'api_token_id' is a JSON null, not a string or an integer: it cannot be a cursor");
    CHECK(next_page_target(p, base, R"({"data":[{"api_token_id":"a"}]})").error() ==
          "the body's 'has_more' is missing or not a boolean");
    CHECK(next_page_target(p, base, R"({"data":[{"api_token_id":"a"}],"has_more":"perhaps"})").error() ==
          "the body's 'has_more' is missing or not a boolean");
    CHECK(next_page_target(p, base, R"({"has_more":false})").error() == "the body has no 'data'");
}

TEST_CASE("page_walk: a page that fails the check, a cursor that does not advance, the page bound") {
    const std::string first = target("limit=2");
    const auto page1 = respond_tokens(first, records()).body;

    SECTION("a page that is not a valid token page stops the walk with the check's errors") {
        page_walk walk(tokens_entry(), first);
        const auto r = walk.read(R"({"data":[{"api_token_id":"x"}],"has_more":true,"total":1})");
        REQUIRE(!r);
        CHECK(r.error().starts_with("the page fails the endpoint's response check: {\"detail\":[{\"type\":"));
        CHECK(walk.done());
        CHECK(walk.page() == 1);
        CHECK(walk.target() == first);
        CHECK(!walk.read(page1)); // the walk is over
    }
    SECTION("not JSON") {
        page_walk walk(tokens_entry(), first);
        const auto r = walk.read("<html>");
        REQUIRE(!r);
        CHECK(r.error().starts_with("the page fails the endpoint's response check: "
                                    "{\"detail\":[{\"type\":\"json_invalid\""));
    }
    SECTION("has_more true with no records fails the check's page rules or the cursor") {
        page_walk walk(tokens_entry(), first);
        const auto r = walk.read(R"({"data":[],"has_more":true,"total":5})");
        REQUIRE(!r);
        CHECK(r.error() == "'has_more' is true but the page has no records to continue after");
    }
    SECTION("the same page twice: the cursor does not advance") {
        page_walk walk(tokens_entry(), first);
        const auto r1 = walk.read(page1);
        REQUIRE(r1);
        CHECK(r1->size() == 2);
        CHECK(walk.page() == 2);
        const std::string second = walk.target();
        CHECK(second.starts_with(first + "&after="));
        const auto r2 = walk.read(page1);
        REQUIRE(!r2);
        CHECK(r2.error() ==
              "the cursor does not advance: the next target " + second + " was requested for page 2");
        CHECK(walk.page() == 2);
        CHECK(walk.target() == second);
    }
    SECTION("a cycle back to an earlier page") {
        page_walk walk(tokens_entry(), first);
        REQUIRE(walk.read(page1));
        const std::string second = walk.target();
        const auto page2 = respond_tokens(second, records()).body;
        REQUIRE(walk.read(page2));
        const auto r = walk.read(page1);
        REQUIRE(!r);
        CHECK(r.error() ==
              "the cursor does not advance: the next target " + second + " was requested for page 2");
        CHECK(walk.page() == 3);
    }
    SECTION("the page bound") {
        page_walk walk(tokens_entry(), first, 2);
        REQUIRE(walk.read(page1));
        const auto r = walk.read(respond_tokens(walk.target(), records()).body);
        REQUIRE(!r);
        CHECK(r.error() == "more than 2 pages: the walk stops here");
    }
    SECTION("an endpoint without pagination: one page") {
        endpoint_entry plain = tokens_entry();
        plain.pagination = nullptr;
        page_walk walk(plain, first);
        REQUIRE(walk.read(page1));
        CHECK(walk.done());
    }
}
