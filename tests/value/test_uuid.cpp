#include <apiquery/value/uuid.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <unordered_set>

namespace {
using apiquery::parse_uuid;
using apiquery::uuid_error;

// Compile-time checks: the accepted forms and the error the uuid crate reports.
constexpr auto canonical = parse_uuid("550e8400-e29b-41d4-a716-446655440000");
static_assert(canonical.has_value());
static_assert(canonical->bytes()[0] == 0x55 && canonical->bytes()[15] == 0x00);
static_assert(parse_uuid("550E8400-E29B-41D4-A716-446655440000").value() == canonical.value());
static_assert(parse_uuid("550e8400e29b41d4a716446655440000").value() == canonical.value());
static_assert(parse_uuid("{550e8400-e29b-41d4-a716-446655440000}").value() == canonical.value());
static_assert(parse_uuid("urn:uuid:550e8400-e29b-41d4-a716-446655440000").value() == canonical.value());
static_assert(parse_uuid("").error().code == uuid_error::kind::simple_length);
static_assert(parse_uuid("").error().found == 0);
static_assert(parse_uuid("zz").error().index == 1);
static_assert(parse_uuid("{g50e8400-e29b-41d4-a716-446655440000}").error().index == 1);
static_assert(parse_uuid("{g50e8400-e29b-41d4-a716-446655440000}").error().position == 1);
static_assert(parse_uuid("{550e8400-e29b-41d4-a716-4466554400001}").error().found == 15);
static_assert(parse_uuid("{00000000000000000000000000000000}").error().code == uuid_error::kind::group_count);
static_assert(apiquery::to_chars(canonical.value())[8] == '-');

std::string message(std::string_view s) {
    auto r = parse_uuid(s);
    REQUIRE_FALSE(r);
    return r.error().message();
}
} // namespace

TEST_CASE("uuid: accepted forms", "[uuid]") {
    const auto id = parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    CHECK(apiquery::to_string(id) == "550e8400-e29b-41d4-a716-446655440000");
    CHECK(apiquery::to_string(parse_uuid("F9168C5E-CEB2-4FAA-B6BF-329BF39FA1E4").value()) ==
          "f9168c5e-ceb2-4faa-b6bf-329bf39fa1e4");
    CHECK(parse_uuid("00000000-0000-0000-0000-000000000000").value().is_nil());
    CHECK_FALSE(parse_uuid("URN:UUID:550e8400-e29b-41d4-a716-446655440000"));
    CHECK_FALSE(parse_uuid(" 550e8400-e29b-41d4-a716-446655440000"));
    CHECK_FALSE(parse_uuid("{550e8400e29b41d4a716446655440000}"));
}

TEST_CASE("uuid: error texts (reference section 7)", "[uuid]") {
    CHECK(message("") == "invalid length: expected length 32 for simple format, found 0");
    CHECK(message("null") == "invalid character: found `n` at 1");
    CHECK(message("not-a-valid-uuid") == "invalid character: found `n` at 1");
    CHECK(message("550e8400-e29b-41d4-a716") == "invalid group count: expected 5, found 4");
    CHECK(message("f47ac10b-58cc-4372-a567-0e02b2c3d47") ==
          "invalid group length in group 4: expected 12, found 11");
    CHECK(message("12345678-1234-5678-1234-5678123456789") ==
          "invalid group length in group 4: expected 12, found 13");
    CHECK(message("ebcdab58-6eb8-46fb-a190-d07a3") ==
          "invalid group length in group 4: expected 12, found 5");
    CHECK(message("F9168C5E-CEB2-4faa-BBF-329BF39FA1E4") ==
          "invalid group length in group 3: expected 4, found 3");
    CHECK(message("F9168C5E-CEB-24fa-eB6BFF32-BF39FA1E4") ==
          "invalid group length in group 1: expected 4, found 3");
    CHECK(message("F9168C5E-CEB2-4faa-BGBF-329BF39FA1E4") == "invalid character: found `G` at 21");
    CHECK(message("F9168C5E-CEB2F4faaFB6BFF329BF39FA1E4") == "invalid group count: expected 5, found 2");
    CHECK(message("67e5504410b1426f9247bb680e5fe0c") ==
          "invalid length: expected length 32 for simple format, found 31");
    CHECK(message("67e5504410b1426f9247bb680e5fe0cg8") == "invalid character: found `g` at 32");
    CHECK(message("231231212212423424324323477343246663") ==
          "invalid length: expected length 32 for simple format, found 36");
    CHECK(message("{00000000000000000000000000000000}") == "invalid group count: expected 5, found 1");
    CHECK(message("URN:UUID:550e8400-e29b-41d4-a716-446655440000") == "invalid character: found `U` at 1");
    CHECK(message("{g50e8400-e29b-41d4-a716-446655440000}") == "invalid character: found `g` at 1");
    CHECK(message("{550e8400-e29b-41d4-a716-4466554400001}") ==
          "invalid group length in group 4: expected 12, found 15");
    CHECK(message("\xC3\xA9"
                  "50e8400-e29b-41d4-a716-446655440000") == "invalid character: found `\xC3\xA9` at 1");
    CHECK(message(" 550e8400-e29b-41d4-a716-446655440000") == "invalid character: found ` ` at 1");
    CHECK(message("urn:uuid:zz") == "invalid character: found `z` at 10");
    CHECK(message("{550e8400-e29b-41d4-a716-4466554400}") ==
          "invalid group length in group 4: expected 12, found 12"); // sic: the braces are counted
    CHECK(message("{}") == "invalid group count: expected 5, found 1");
    CHECK(message("{") == "invalid character: found `{` at 1");
    CHECK(message("-") == "invalid group count: expected 5, found 2");
    CHECK(message("\xFF") == "invalid character: found `\xEF\xBF\xBD` at 1");
}

TEST_CASE("uuid: error positions lie within the input", "[uuid]") {
    for (std::string_view s :
         {"zz", "{550e8400-e29b-41d4-a716-44665544000x}", "urn:uuid:550e8400-e29b-41d4-a716-44665544000x",
          "550e8400-e29b-41d4-a716-44665544000x"}) {
        const auto e = parse_uuid(s).error();
        REQUIRE(e.code == uuid_error::kind::invalid_character);
        REQUIRE(e.position < s.size());
        const char c = s[e.position];
        CHECK((c == 'x' || c == 'z'));
    }
}

TEST_CASE("uuid: ordering and hashing", "[uuid]") {
    const auto a = parse_uuid("00000000-0000-0000-0000-000000000001").value();
    const auto b = parse_uuid("00000000-0000-0000-0000-000000000002").value();
    CHECK(a < b);
    CHECK(a != b);
    std::unordered_set<apiquery::uuid> set{a, b, a};
    CHECK(set.size() == 2);
}
