// query_reading: the declared parameters of one query, read by declaration, with an endpoint's rules.
#include <apiquery/request/query_reading.hpp>
#include <apiquery/value/json_text.hpp>

#include <catch2/catch.hpp>

using namespace apiquery;

namespace {
inline constexpr std::array<std::string_view, 2> colours{"red", "blue"};
inline constexpr param_spec size{.name = "size", .type = param_type::integer, .ge = 1, .default_text = "1"};
inline constexpr param_spec colour{
    .name = "colour", .type = param_type::literal, .literals = colours, .default_text = "red"};
inline constexpr param_spec note{
    .name = "note", .type = param_type::string, .nullable = true, .max_length = 3};
inline constexpr std::array<const param_spec*, 3> query{&size, &colour, &note};
} // namespace

TEST_CASE("query_reading: last value wins, decoded, checked by declaration") {
    query_reading<query> q("size=2&note=a+b&size=%33&other=1");
    REQUIRE(q.ok());
    CHECK(q.present(size));
    CHECK(q.raw(size) == "3");
    CHECK(q.check(size).integer.compare(3) == std::strong_ordering::equal);
    CHECK(!q.present(colour));
    CHECK(q.raw(colour).empty());
    CHECK(q.raw(note) == "a b");
}

TEST_CASE("query_reading: every failing parameter, in declaration order, then rules") {
    query_reading<query> q("note=long&colour=green&size=0");
    REQUIRE(!q.ok());
    const std::string body = json_text(q.errors());
    CHECK(body.find("\"loc\":[\"query\",\"size\"]") < body.find("\"loc\":[\"query\",\"colour\"]"));
    CHECK(body.find("\"loc\":[\"query\",\"colour\"]") < body.find("\"loc\":[\"query\",\"note\"]"));
    CHECK(q.errors().detail.size() == 3);

    query_reading<query> ok("note=ab");
    REQUIRE(ok.ok());
    ok.add_rule_error_at(note, "no 'b' here", 1);
    CHECK(json_text(ok.take_errors()) ==
          "{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"query\",\"note\"],\"msg\":\"Value error, no 'b' "
          "here\",\"input\":\"ab\",\"ctx\":{\"error\":\"no 'b' here\",\"position\":1}}]}");
    // A copy of a declaration is found by its name.
    const param_spec copy = colour;
    query_reading<query> c("colour=blue");
    CHECK(c.check(copy).literal_index == 1);
}
