#include <apiquery/endpoints/tokens/filter.hpp>

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("tokens_filter: accepted filters", "[tokens_filter]") {
    for (const char* f : {"name eq 'x'", "created_at ge 2025-01-01T00:00:00Z", "created_at ge 2025-01-01",
                          "created_at ge '2025-01-01'", "role eq 'admin' and personal eq true",
                          "user/given_name eq 'Ada'", "expires_at eq null"}) {
        INFO(f);
        CHECK_FALSE(apiquery::check_tokens_filter(f).has_value());
    }
}

TEST_CASE("tokens_filter: parse errors and profile rejections carry a message and a position",
          "[tokens_filter]") {
    const auto parse = apiquery::check_tokens_filter("name eq");
    REQUIRE(parse);
    CHECK(parse->message == "expected an operand after 'eq'");
    CHECK(parse->position == 7);
    const auto op = apiquery::check_tokens_filter("name eq 'x' or role eq 'a'");
    REQUIRE(op);
    CHECK(op->message.find("'or' is not supported") != std::string::npos);
    CHECK(op->position == 12); // the refused keyword, not the start of its left operand
    const auto ge = apiquery::check_tokens_filter("name eq 'x' and organization_role ge 'ADMIN'");
    REQUIRE(ge);
    CHECK(ge->position == 34);
    const auto field = apiquery::check_tokens_filter("name eq 'a' and nmae eq 1");
    REQUIRE(field);
    CHECK(field->message.find("unknown field 'nmae'") != std::string::npos);
    CHECK(field->position == 16);
    const auto type = apiquery::check_tokens_filter("personal eq 'yes'");
    REQUIRE(type);
    CHECK(type->position == 12);
    for (const char* f : {"(", "'", "name eq 'x' and", "\xFF", "name ne 'x'", "contains(name,'a')"}) {
        const auto p = apiquery::check_tokens_filter(f);
        REQUIRE(p);
        CHECK(p->position <= std::string(f).size());
        CHECK_FALSE(p->message.empty());
    }
}
