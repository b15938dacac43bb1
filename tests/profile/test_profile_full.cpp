// The `full` profile (issue 4: "anything the grammar accepts"): check_filter(full) accepts every filter
// parse_filter accepts (the project's and, when present, the OASIS filter corpora, plus explicit cases
// of constructs the type rules refuse elsewhere), typing what it cannot know statically as dynamic;
// strict_types on run-time profiles; limits still apply.
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include "full_corpus.hpp"

#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace apiquery;

namespace {

static_assert(!profiles::full.strict_types);
static_assert(profiles::tokens.strict_types && profiles::files.strict_types);
static_assert(profile_view{}.strict_types);

filter_ast parsed(std::string_view text) {
    auto r = parse_filter(text);
    INFO(text);
    REQUIRE(r);
    return std::move(*r);
}

/// The invariants of a checked_filter that hold with or without type checking.
std::string broken_invariant(const checked_filter& c) {
    const auto& ast = c.ast();
    for (std::uint32_t i = 0; i < ast.size(); ++i) {
        const node_id id{i};
        const auto& t = c.type(id);
        if (static_cast<std::size_t>(t.type) >= value_type_count)
            return "node " + std::to_string(i) + ": type out of range";
        const auto k = ast.kind(id);
        if (k == node_kind::literal) {
            const auto& v = c.value(id);
            if (!std::holds_alternative<std::monostate>(v) && t.type == value_type::dynamic)
                return "node " + std::to_string(i) + ": a dynamic literal with a converted value";
        } else if (!std::holds_alternative<std::monostate>(c.value(id))) {
            return "node " + std::to_string(i) + ": a value on a node that is not a literal";
        }
        if ((k == node_kind::path || k == node_kind::alias) && c.binding(id).kind == binding_kind::none)
            return "node " + std::to_string(i) + ": an unbound path";
        if ((k == node_kind::logical || k == node_kind::in || k == node_kind::lambda) &&
            t.type != value_type::boolean)
            return "node " + std::to_string(i) + ": a condition that is not boolean";
    }
    return {};
}

result<checked_filter, profile_error> check_full(std::string_view text) {
    return check_filter(parsed(text), profiles::full);
}

/// Checks each text that parses against `full`: accepted, invariants kept. Returns how many parsed (not
/// every spelling in the lists below is grammatical; only what parses must pass).
std::size_t full_accepts(std::initializer_list<const char*> texts) {
    std::size_t parsed_count = 0;
    for (const char* text : texts) {
        INFO(text);
        auto p = parse_filter(text);
        if (!p)
            continue;
        ++parsed_count;
        auto c = check_filter(*p, profiles::full);
        REQUIRE(c);
        CHECK(broken_invariant(*c).empty());
    }
    return parsed_count;
}

} // namespace

TEST_CASE("full: every filter of the corpora that parse_filter accepts passes check_filter") {
    const auto corpus = test::load_filter_corpus();
    if (!corpus.oasis_present)
        WARN("the OASIS test cases are absent: only the project's cases are used");
    REQUIRE(corpus.extra > 300); // the project's file was read
    if (corpus.oasis_present)
        CHECK(corpus.oasis > 100);
    std::size_t refused = 0;
    for (const auto& f : corpus.filters) {
        auto c = check_filter(f.ast, profiles::full);
        if (!c) {
            ++refused;
            FAIL_CHECK(f.origin << "\n  filter: " << f.text << "\n  " << to_string(c.error().code) << " ["
                                << c.error().span.begin << ", " << c.error().span.end
                                << "): " << c.error().message);
            continue;
        }
        const auto why = broken_invariant(*c);
        if (!why.empty())
            FAIL_CHECK(f.origin << "\n  filter: " << f.text << "\n  " << why);
    }
    CHECK(refused == 0);
}

TEST_CASE("full: constructs the type rules refuse are accepted and typed dynamic") {
    SECTION("literal against literal of another type") {
        auto c = check_full("1 eq 'a'");
        REQUIRE(c);
        const node_id root = c->root();
        CHECK(c->type(root).type == value_type::boolean);
        CHECK(c->operand_type(root) == value_type::dynamic);
        const auto kids = c->ast().children(root);
        CHECK(std::get<std::int64_t>(c->value(kids[0])) == 1);
        CHECK(std::get<std::string_view>(c->value(kids[1])) == "a");
    }
    SECTION("$root, $this and $it paths") {
        CHECK(full_accepts({"$root/Products/x eq 1", "$it", "$it eq 1", "$root/People('x')/Name eq 'a'",
                            "tags/any(t: $this eq 1)", "not $it", "$this eq 1"}) >= 5);
        auto c = check_full("$it");
        REQUIRE(c);
        CHECK(c->binding(c->root()).kind == binding_kind::free);
        CHECK(c->binding(c->root()).path == "$it");
        auto r = check_full("$root/Products/x eq 1");
        REQUIRE(r);
        const auto path = r->ast().children(r->root())[0];
        CHECK(r->type(path).type == value_type::int_); // typed by what it is compared with, like a free field
        CHECK(r->binding(path).kind == binding_kind::free);
        CHECK(r->binding(path).path == "$root/Products/x");
    }
    SECTION("one-argument cast and isof") {
        auto c = check_full("cast(Edm.Int32) eq 1");
        REQUIRE(c);
        CHECK(c->type(c->ast().children(c->root())[0]).type == value_type::dynamic);
        auto i = check_full("isof(Edm.Int32)");
        REQUIRE(i);
        CHECK(i->type(i->root()).type == value_type::boolean);
        CHECK(check_full("isof(Model.Customer)"));
        CHECK(check_full("cast(x, Model.Customer) eq null"));
    }
    SECTION("null in arithmetic, as a function argument, with ordering") {
        CHECK(full_accepts({"null add 1 eq 2", "-null eq 1", "length(null) eq 1", "contains(null, 'a')",
                            "x gt null", "null lt 1", "null eq null", "concat(null, null) eq 'a'",
                            "substring('abc', null) eq 'b'"}) == 9);
    }
    SECTION("ordering of booleans and enums, mismatched arithmetic and functions") {
        CHECK(full_accepts({"true gt false", "x gt true", "x/y le false", "Ns.Color'Red' lt Ns.Color'Blue'",
                            "'a' add 1 eq 2", "2025-01-01 mul 2 eq 1", "length(1) eq 1", "tolower(5) eq 'a'",
                            "year('2025') eq 2025", "1 has 'a'", "1 in ('a', true)", "not 1", "1 and 'a'",
                            "true or 5", "x/any(y: 1)", "1 add 2", "1", "'text'", "x eq 2025-02-30"}) >= 18);
        auto c = check_full("true gt false");
        REQUIRE(c);
        CHECK(c->type(c->root()).type == value_type::boolean);
        auto a = check_full("1 add 2");
        REQUIRE(a);
        CHECK(a->type(a->root()).type == value_type::int_); // typed statically where the rules allow
    }
    SECTION("literals that cannot be converted are left to run time") {
        CHECK(full_accepts({"x eq 1e999", "1e999 eq 1", "1e999 in (1, 2.5)", "x in (1e999, 1)",
                            "1e999 add 1 eq 2", "-1e999 lt x", "1e999"}) == 7);
        auto c = check_full("1e999 eq 1");
        REQUIRE(c);
        const auto lit = c->ast().children(c->root())[0];
        CHECK(c->type(lit).type == value_type::dynamic);
        CHECK(std::holds_alternative<std::monostate>(c->value(lit)));
        CHECK(std::get<std::int64_t>(c->value(c->ast().children(c->root())[1])) == 1);
        profile strict(profiles::full);
        strict.set_strict_types(true);
        auto s = check_filter(parsed("1e999 eq 1"), strict);
        REQUIRE_FALSE(s);
        CHECK(s.error().code == profile_errc::invalid_value);
    }
    SECTION("what can be typed still is") {
        auto c = check_full("price add 1 gt 5 and created ge 2025-01-01");
        REQUIRE(c);
        const auto kids = c->ast().children(c->root());
        CHECK(c->operand_type(kids[0]) == value_type::int_);
        CHECK(c->operand_type(kids[1]) == value_type::date);
    }
}

TEST_CASE("full: the strict profiles keep refusing the same constructs") {
    const auto code = [](std::string_view text, const profile_view& p) {
        auto c = check_filter(parsed(text), p);
        REQUIRE_FALSE(c);
        return c.error().code;
    };
    CHECK(code("1 eq 'a' and x eq 1", profiles::files) == profile_errc::type_mismatch);
    CHECK(code("name eq 1", profiles::tokens) == profile_errc::type_mismatch);
    CHECK(code("$root/x eq 1", profiles::files) == profile_errc::unsupported_expression);
    CHECK(code("$it", profiles::files) == profile_errc::unsupported_expression);

    profile strict(profiles::full);
    strict.set_strict_types(true);
    CHECK(code("1 eq 'a'", strict) == profile_errc::type_mismatch);
    CHECK(code("$root/x eq 1", strict) == profile_errc::unsupported_expression);
    CHECK(code("$it", strict) == profile_errc::unsupported_expression);
    CHECK(code("isof(Edm.Int32)", strict) == profile_errc::unsupported_expression);
    CHECK(code("cast(Edm.Int32) eq 1", strict) == profile_errc::unsupported_expression);
    CHECK(code("null add 1 eq 2", strict) == profile_errc::null_not_allowed);
    CHECK(code("length(null) eq 1", strict) == profile_errc::null_not_allowed);
    CHECK(code("true gt false", strict) == profile_errc::type_mismatch);
    CHECK(code("1 add 2", strict) == profile_errc::type_mismatch);
}

TEST_CASE("full: strict_types is a property of run-time profiles") {
    profile p("lenient");
    CHECK(p.view().strict_types);
    p.allow(all_operators).allow(function_id::length).add_field("s", value_type::string);
    p.add_field("n", value_type::int_, {.nullable = false});
    CHECK_FALSE(check_filter(parsed("s eq 1"), p));
    p.set_strict_types(false);
    CHECK_FALSE(p.view().strict_types);
    CHECK(profile(p.view()).view().strict_types == false); // copied from a view
    CHECK(profile(p).view().strict_types == false);
    auto c = check_filter(parsed("s eq 1 and n eq null and length(n) gt s"), p);
    REQUIRE(c);
    CHECK(broken_invariant(*c).empty());
    // Capabilities are not type rules: still refused.
    auto unknown = check_filter(parsed("t eq 1"), p);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == profile_errc::unknown_field);
    auto fn = check_filter(parsed("tolower(s) eq 'a'"), p);
    REQUIRE_FALSE(fn);
    CHECK(fn.error().code == profile_errc::unsupported_function);
    // A string field is not a collection: its lambda variable is dynamic without type checking.
    p.allow_lambdas();
    CHECK(check_filter(parsed("s/any(x: x eq 1)"), p));
}

TEST_CASE("full: limits still apply without type checking") {
    profile p(profiles::full);
    p.set_limits({3, 100});
    auto deep = check_filter(parsed("not (not (not (1 eq 'a')))"), p);
    REQUIRE_FALSE(deep);
    CHECK(deep.error().code == profile_errc::depth_limit);
    p.set_limits({32, 5});
    auto many = check_filter(parsed("1 eq 'a' or 2 eq 'b'"), p);
    REQUIRE_FALSE(many);
    CHECK(many.error().code == profile_errc::node_limit);
    CHECK(check_filter(parsed("1 eq 'a'"), p));
}
