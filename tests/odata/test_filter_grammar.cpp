// Tests of the grammar itself (detail/filter_grammar.hpp): no left recursion and no rule that can
// loop without consuming input (PEGTL's analyze), and the keyword helper.
#include <apiquery/odata/detail/filter_grammar.hpp>

#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/parse.hpp>

namespace fr = apiquery::detail::filter_rules;
namespace pegtl = tao::pegtl;

TEST_CASE("analyze: the grammar has no left recursion and no empty loops") {
    CHECK(pegtl::analyze<fr::grammar>(-1) == 0);
}

namespace {
template <typename Rule>
bool matches_all(std::string_view text, bool strict = false) {
    fr::grammar_state st;
    st.strict = strict;
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(text.data(),
                                                                                         text.size(), "");
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>, pegtl::nothing, apiquery::detail::filter_control>(in,
                                                                                                        st);
}
} // namespace

TEST_CASE("keyword: case by dialect, word boundary") {
    using kw = fr::keyword<"and">;
    CHECK(matches_all<kw>("and"));
    CHECK(matches_all<kw>("AnD"));
    CHECK_FALSE(matches_all<kw>("AnD", true));
    CHECK_FALSE(matches_all<pegtl::seq<kw, pegtl::star<pegtl::any>>>("andy"));
    CHECK(matches_all<pegtl::seq<kw, pegtl::star<pegtl::any>>>("and("));
    using cs = fr::keyword<"null", fr::kw_case::sensitive>;
    CHECK(matches_all<cs>("null"));
    CHECK_FALSE(matches_all<cs>("Null"));
    using ci = fr::keyword<"true", fr::kw_case::insensitive>;
    CHECK(matches_all<ci>("TRUE", true));
}

TEST_CASE("grammar-only run (no actions) accepts and rejects like the parser") {
    CHECK(matches_all<fr::grammar>("a eq 1 and contains(b,'x')"));
    CHECK(matches_all<fr::grammar>("Items/any(d:d/Quantity gt 100) or x in (1,2,3)"));
    CHECK_THROWS(matches_all<fr::grammar>("a eq"));
}

TEST_CASE("fixed_string concatenation builds the compile-time messages") {
    constexpr auto s = apiquery::detail::fixed_string("expected '") + apiquery::detail::fixed_string("or") +
                       apiquery::detail::fixed_string("'");
    static_assert(s.view() == "expected 'or'");
    STATIC_REQUIRE(std::string_view(fr::op_info(fr::expr_op::and_).operand_message) ==
                   "expected an operand after 'and'");
    STATIC_REQUIRE(std::string_view(fr::op_info(fr::expr_op::divby).space_message) ==
                   "expected a space after 'divby'");
}
