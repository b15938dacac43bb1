// Tests of filter.hpp's filter_parser, the parser object that keeps its working memory between
// calls: across many calls, interleaved with errors, huge trees and other options, it gives exactly
// what parse_filter() gives (the same trees, spans, operator positions, error codes, positions and
// messages); moved-from and moved-to objects work; distinct objects work on distinct threads.
#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using apiquery::filter_ast;
using apiquery::filter_parse_error;
using apiquery::parse_options;
using apiquery::result;

/// Everything a parse gives, spans and operator positions included (filter_ast's == ignores them).
std::string describe(const result<filter_ast, filter_parse_error>& r) {
    if (!r) {
        const auto& e = r.error();
        return "ERROR " + std::string(apiquery::to_string(e.code)) + " @" + std::to_string(e.position) +
               ": " + e.message;
    }
    std::string out = std::to_string(r->size()) + " nodes:";
    for (apiquery::node_id id : r->ids()) {
        const auto s = r->span(id);
        out += ' ' + std::string(apiquery::to_string(r->kind(id))) + '[' + std::to_string(s.begin) + ',' +
               std::to_string(s.end) + ")@" + std::to_string(r->operator_position(id)) + '{';
        for (apiquery::node_id c : r->children(id))
            out += std::to_string(static_cast<std::uint32_t>(c)) + ',';
        out += '}';
    }
    return out;
}

bool same(const result<filter_ast, filter_parse_error>& a, const result<filter_ast, filter_parse_error>& b) {
    if (a.has_value() != b.has_value())
        return false;
    if (a && !(*a == *b))
        return false;
    return describe(a) == describe(b);
}

std::string chain(std::size_t clauses) {
    std::string s;
    for (std::size_t i = 0; i < clauses; ++i)
        s += (i ? " and f" : "f") + std::to_string(i % 100) + " eq 'v'";
    return s;
}

const std::vector<std::string>& inputs() {
    static const std::vector<std::string> v = {
        "name eq 'ci-token'",
        "category eq 'news' and published_date ge '2025-01-01'",
        "(name eq 'a' or name eq 'b') and not (role eq 'MEMBER') and created_at lt 2024-12-31T23:59:59Z",
        "contains(name,'prod') and length(name) gt 3",
        "a eq", // errors in between
        "a eq(1)",
        "a eqx b",
        "'unterminated",
        "x in (1,2,3) or Items/any(d:d/Quantity gt 100)",
        "not a has b eq c",
        "- a add b mul c sub d div e mod f divby g",
        "a ne b or c ne d and e or f",
        "cast(a,Edm.Int32) eq 1 and isof(NS.T)",
        "2023-02-29 eq d",
        "foo(1)",
        "NOT eq x",
        "((((a))))",
        "a and (b and c) and (d or e or (f or g))",
        "",
        " a",
        "a ",
        "a/b/c eq @p and $it/x eq $root/y/z",
    };
    return v;
}

} // namespace

TEST_CASE("filter_parser: the same results as parse_filter over many calls, errors included") {
    apiquery::filter_parser parser;
    parse_options strict;
    strict.odata_4_0_strict = true;
    for (int round = 0; round < 3; ++round) {
        for (const auto& text : inputs()) {
            INFO(text);
            CHECK(same(parser.parse(text), apiquery::parse_filter(text)));
            CHECK(same(parser.parse(text, strict), apiquery::parse_filter(text, strict)));
        }
    }
}

TEST_CASE("filter_parser: after a huge tree, and with tight limits, then small inputs again") {
    apiquery::filter_parser parser;
    parse_options big;
    big.max_input_bytes = 1u << 22;
    big.max_nodes = 1000000;
    const std::string huge = chain(50000); // 150,001 nodes
    const auto r = parser.parse(huge, big);
    REQUIRE(r);
    CHECK(r->size() == 150001);
    CHECK(same(r, apiquery::parse_filter(huge, big)));
    for (const auto& text : inputs()) {
        INFO(text);
        CHECK(same(parser.parse(text), apiquery::parse_filter(text)));
    }
    parse_options tight;
    tight.max_nodes = 5;
    tight.max_depth = 2;
    tight.max_in_list_items = 2;
    for (const auto& text : inputs()) {
        INFO(text);
        CHECK(same(parser.parse(text, tight), apiquery::parse_filter(text, tight)));
    }
    CHECK(describe(parser.parse(huge, tight)) ==
          "ERROR input_too_long @65536: input longer than the limit of "
          "65536 bytes");
    CHECK(describe(parser.parse(chain(10), tight)) == "ERROR node_limit @14: node limit 5 exceeded");
    CHECK(same(parser.parse(chain(10), tight), apiquery::parse_filter(chain(10), tight)));
    CHECK(same(parser.parse(inputs()[0]), apiquery::parse_filter(inputs()[0])));
}

TEST_CASE("filter_parser: moved from and moved to") {
    apiquery::filter_parser a;
    REQUIRE(a.parse("a eq 1"));
    apiquery::filter_parser b(std::move(a));
    CHECK(same(b.parse("a eq 1 and b"), apiquery::parse_filter("a eq 1 and b")));
    CHECK(same(a.parse("a eq 1 and b"), apiquery::parse_filter("a eq 1 and b"))); // NOLINT: moved from
    apiquery::filter_parser c;
    c = std::move(b);
    CHECK(same(c.parse("x in (1,2)"), apiquery::parse_filter("x in (1,2)")));
}

TEST_CASE("filter_parser: one object per thread") {
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([t, &results] {
            apiquery::filter_parser parser;
            for (int i = 0; i < 200; ++i)
                for (const auto& text : inputs())
                    if (!same(parser.parse(text), apiquery::parse_filter(text)))
                        results[t] += text + "; ";
        });
    for (auto& th : threads)
        th.join();
    for (const auto& r : results)
        CHECK(r.empty());
}
