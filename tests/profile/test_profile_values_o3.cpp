// Regression test: checked_filter::value() at -O3. This file is compiled header-only (check_filter is
// compiled in this translation unit) and always with -O3 (tests/profile/CMakeLists.txt), whatever the
// build type. GCC 12's scalar replacement of aggregates miscompiled the local typed_value that
// literal_node() used to fill and copy: the string_view alternative came out with data() == size()
// (0x5 for 'ADMIN'), and the listing benchmark crashed in Release builds. Every alternative is checked
// here, and every view must point into the checked_filter's own storage.
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace apiquery;

namespace {

constexpr std::string_view abc[] = {"A", "B", "C"};
constexpr field_view o3_fields[] = {
    {"s", value_type::string},
    {"i", value_type::int_},
    {"d", value_type::decimal},
    {"f", value_type::double_},
    {"b", value_type::boolean},
    {"dt", value_type::date},
    {"ts", value_type::datetimeoffset, false, true},
    {"tod", value_type::timeofday},
    {"dur", value_type::duration},
    {"g", value_type::guid},
    {"e", value_type::enum_, false, false, true, abc},
};

profile_view o3_profile() {
    profile_view p = profiles::full;
    p.fields = o3_fields;
    p.free_fields = false;
    p.strict_types = true;
    return p;
}

bool within(std::string_view inner, std::string_view outer) {
    return !inner.empty() && inner.data() >= outer.data() &&
           inner.data() + inner.size() <= outer.data() + outer.size();
}

// The literal nodes of the checked tree, in storage order.
std::vector<node_id> literals(const checked_filter& c) {
    std::vector<node_id> out;
    for (const auto id : c.ast().ids())
        if (c.ast().kind(id) == node_kind::literal)
            out.push_back(id);
    return out;
}

// The string_view alternatives must be the literal's text in the checked tree (not a copy elsewhere,
// and not garbage).
void check_string_values(const checked_filter& c, std::size_t expected) {
    std::size_t n = 0;
    for (const auto id : literals(c)) {
        const auto* s = std::get_if<std::string_view>(&c.value(id));
        if (!s)
            continue;
        ++n;
        INFO("literal " << static_cast<std::uint32_t>(id));
        CHECK(s->data() == c.ast().text(id).data());
        CHECK(*s == c.ast().text(id));
    }
    CHECK(n == expected);
}

} // namespace

TEST_CASE("values at -O3: the bug report's filter (tokens)", "[profile_check][o3]") {
    const std::string text = "role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge "
                             "2026-01-01T00:00:00.000Z";
    auto ast = parse_filter(text);
    REQUIRE(ast);

    SECTION("const& overload") {
        const auto c = check_filter(*ast, profiles::tokens);
        REQUIRE(c);
        check_string_values(*c, 1);
        const auto ids = literals(*c);
        REQUIRE(ids.size() == 3);
        CHECK(std::get<std::string_view>(c->value(ids[0])) == "ADMIN");
        CHECK(std::get<odata_datetimeoffset>(c->value(ids[1])).utc_micros == 1735689600000000);
        CHECK(std::get<odata_datetimeoffset>(c->value(ids[2])).utc_micros == 1767225600000000);
    }
    SECTION("&& overload, and the views survive copies of the checked_filter") {
        checked_filter kept;
        {
            auto c = check_filter(std::move(*ast), profiles::tokens);
            REQUIRE(c);
            kept = *c;
        }
        check_string_values(kept, 1);
        CHECK(std::get<std::string_view>(kept.value(literals(kept)[0])) == "ADMIN");
    }
}

TEST_CASE("values at -O3: every alternative", "[profile_check][o3]") {
    const std::string text =
        "s eq 'hello' and i eq 7 and d eq 1.50 and d eq 5 and f eq 2.5e1 and f eq 3 and b eq true and "
        "dt eq 2025-02-03 and ts eq 2025-01-01T00:00:00Z and ts eq 2025-01-02 and ts eq '2025-01-03' and "
        "ts eq null and tod eq 11:22:33 and dur eq duration'PT1H' and "
        "g eq 01234567-89ab-cdef-0123-456789abcdef and e eq 'B' and s in ('x', 'yz') and "
        "g eq '01234567-89ab-cdef-0123-456789abcdef'";
    auto ast = parse_filter(text);
    REQUIRE(ast);
    const auto c = check_filter(*ast, o3_profile());
    REQUIRE(c);
    const auto ids = literals(*c);
    REQUIRE(ids.size() == 19);
    const auto& v = [&](std::size_t i) -> const typed_value& { return c->value(ids[i]); };

    check_string_values(*c, 3); // 'hello', 'x', 'yz'
    CHECK(std::get<std::string_view>(v(0)) == "hello");
    CHECK(std::get<std::int64_t>(v(1)) == 7);
    CHECK(std::get<decimal_value>(v(2)).text == "1.50");
    CHECK(std::get<decimal_value>(v(2)).text.data() == c->ast().text(ids[2]).data());
    CHECK(std::get<decimal_value>(v(2)).approx == 1.5);
    CHECK(std::get<decimal_value>(v(3)).text == "5"); // generated text, owned by the checked_filter
    CHECK(std::get<decimal_value>(v(3)).approx == 5.0);
    CHECK(std::get<double>(v(4)) == 25.0);
    CHECK(std::get<double>(v(5)) == 3.0);
    CHECK(std::get<bool>(v(6)) == true);
    CHECK(std::get<odata_date>(v(7)).days == 20122);
    CHECK(std::get<odata_datetimeoffset>(v(8)).utc_micros == 1735689600000000);
    CHECK(std::get<odata_datetimeoffset>(v(9)).utc_micros == 1735689600000000 + 86400000000);
    CHECK(std::get<odata_datetimeoffset>(v(10)).utc_micros == 1735689600000000 + 2 * 86400000000);
    CHECK(std::holds_alternative<std::monostate>(v(11)));
    CHECK(c->type(ids[11]).type == value_type::datetimeoffset);
    CHECK(std::holds_alternative<odata_timeofday>(v(12)));
    CHECK(std::holds_alternative<odata_duration>(v(13)));
    CHECK(std::get<uuid>(v(14)) == std::get<uuid>(v(18)));
    const auto& e = std::get<enum_value>(v(15));
    CHECK(e.index == 1);
    CHECK(e.member == "B");
    CHECK(e.member.data() == abc[1].data());
    CHECK(std::get<std::string_view>(v(16)) == "x");
    CHECK(std::get<std::string_view>(v(17)) == "yz");
    CHECK(within(std::get<std::string_view>(v(17)), c->ast().text(ids[17])));
}

TEST_CASE("values at -O3: string and enum literals side by side", "[profile_check][o3]") {
    // An enum member (its string_view at offset 8 of the variant) next to strings (offset 0): the
    // layout mix that the miscompiled copy got wrong.
    for (const std::string text :
         {"organization_role eq 'MEMBER' and name eq 'ci-bot' and role eq 'ADMIN'",
          "name eq 'a' and organization_role eq 'EXTERNAL'",
          "user/given_name eq 'Zoë' and personal eq false and organization_role eq 'ADMIN'"}) {
        INFO(text);
        auto ast = parse_filter(text);
        REQUIRE(ast);
        const auto c = check_filter(*ast, profiles::tokens);
        REQUIRE(c);
        for (const auto id : literals(*c)) {
            const auto& val = c->value(id);
            if (const auto* s = std::get_if<std::string_view>(&val)) {
                CHECK(s->data() == c->ast().text(id).data());
                CHECK(*s == c->ast().text(id));
            } else if (const auto* m = std::get_if<enum_value>(&val)) {
                const auto f = c->type(id).enum_field;
                REQUIRE(f < profiles::tokens.fields.size());
                const auto members = profiles::tokens.fields[f].enum_members;
                REQUIRE(m->index < members.size());
                CHECK(m->member.data() == members[m->index].data());
                CHECK(m->member == c->ast().text(id));
            }
        }
    }
}
