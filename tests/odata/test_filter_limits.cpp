// Tests of the limits of filter.hpp: tiny configured limits (each one crossed by one), hostile inputs
// (10^6 nested parentheses, 10^6 `not`s, 10 MB filters) that must end in a result or a positioned
// error without exhausting the stack, also on a thread with a 256 KiB stack, and invalid UTF-8.
// No timings are asserted here (bench/ measures speed); linear behaviour shows as these finishing.
#include <apiquery/odata/filter.hpp>

#include "filter_sexpr.hpp"

#include <catch2/catch.hpp>

#include <pthread.h>

#include <functional>
#include <string>

using filter_test::error_at;
using filter_test::parse;

namespace {

/// Runs fn on a thread with a small stack (256 KiB by default), as the fuzz targets do.
void on_small_stack(const std::function<void()>& fn, std::size_t bytes = 256 * 1024) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, bytes);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&fn)) == 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

apiquery::parse_options big_input() {
    apiquery::parse_options o;
    o.max_input_bytes = 64u << 20;
    return o;
}

} // namespace

TEST_CASE("tiny limits: each crossed by one") {
    apiquery::parse_options o;
    o.max_depth = 2;
    CHECK(parse("((a))", o) == "a");
    CHECK(parse("(((a)))", o) == "ERROR depth_limit @2: nesting depth limit 2 exceeded");
    CHECK(parse("not not a", o) == "(not (not a))");
    CHECK(error_at("not not not a", o) == "depth_limit @8");
    CHECK(error_at("- - -a", o) == "depth_limit @4");
    CHECK(error_at("tolower(tolower(tolower(a)))", o) == "depth_limit @16");
    CHECK(error_at("a/any(x:x/any(y:y/any()))", o) == "depth_limit @18");
    CHECK(error_at("(not tolower(a))", o) == "depth_limit @5");
    CHECK(parse("(a) and (b) and (not c)", o) == "(and a b (not c))"); // siblings do not add up

    apiquery::parse_options n;
    n.max_nodes = 3;
    CHECK(parse("a eq 1", n) == "(eq a 1)");
    CHECK(parse("a eq 1 and b", n) == "ERROR node_limit @11: node limit 3 exceeded");

    apiquery::parse_options l;
    l.max_in_list_items = 2;
    CHECK(parse("x in (1,2)", l) == "(in x [1 2])");
    CHECK(parse("x in (1,2,3)", l) == "ERROR in_list_limit @10: 'in' list limit of 2 items exceeded");
    l.max_in_list_items = 0;
    CHECK(parse("x in ()", l) == "(in x [])");
    CHECK(error_at("x in (1)", l) == "in_list_limit @6");

    apiquery::parse_options b;
    b.max_input_bytes = 6;
    CHECK(parse("a eq 1", b) == "(eq a 1)");
    CHECK(parse("a eq 10", b) == "ERROR input_too_long @6: input longer than the limit of 6 bytes");
}

TEST_CASE("default limits") {
    const apiquery::parse_options o;
    CHECK(o.max_input_bytes == 65536);
    CHECK(o.max_depth == 64);
    CHECK(o.max_nodes == 10000);
    CHECK(o.max_in_list_items == 1000);
    CHECK_FALSE(o.odata_4_0_strict);
    // depth 64 of each nesting construct parses; 65 is refused at the 65th opening
    struct construct {
        std::string_view open, close;
        std::size_t offset_in_open; // where the construct starts inside `open`
    };
    for (const construct& c : {construct{"(", ")", 0}, construct{"not ", "", 0}, construct{"-", "", 0},
                               construct{"tolower(", ")", 0}, construct{"a/any(x:", ")", 2},
                               construct{"cast(", ",T)", 0}, construct{"x in (", ")", 5}}) {
        const auto nest = [&](std::size_t n) { return repeat(c.open, n) + "x" + repeat(c.close, n); };
        INFO(c.open);
        CHECK(error_at(nest(64)) == "ok");
        CHECK(error_at(nest(65)) == "depth_limit @" + std::to_string(64 * c.open.size() + c.offset_in_open));
    }
    CHECK(error_at("x in (" + repeat("1,", 999) + "1)") == "ok");
    CHECK(error_at("x in (" + repeat("1,", 1000) + "1)") == "in_list_limit @" + std::to_string(6 + 2 * 1000));
}

TEST_CASE("max_depth is clamped to max_depth_ceiling") {
    apiquery::parse_options o = big_input();
    o.max_depth = 1000000;
    const auto n = apiquery::parse_options::max_depth_ceiling;
    CHECK(error_at(repeat("(", n) + "x" + repeat(")", n), o) == "ok");
    CHECK(error_at(repeat("(", n + 1) + "x" + repeat(")", n + 1), o) == "depth_limit @" + std::to_string(n));
}

TEST_CASE("hostile: 1,000,000 nested parentheses, nots, minus signs, calls") {
    const auto o = big_input();
    const std::size_t n = 1000000;
    CHECK(error_at(repeat("(", n) + "x" + repeat(")", n), o) == "depth_limit @64");
    CHECK(error_at(repeat("(", n), o) == "depth_limit @64");
    CHECK(error_at(repeat("not ", n) + "x", o) == "depth_limit @256");
    CHECK(error_at(repeat("-", n) + "x", o) == "depth_limit @64");
    CHECK(error_at(repeat("tolower(", n) + "x", o) == "depth_limit @512");
    CHECK(error_at(repeat("a/any(x:", n) + "x", o) == "depth_limit @514");
    CHECK(error_at("x in " + repeat("(", n) + "1", o) == "depth_limit @69");
    // with the default input limit these are refused before parsing
    CHECK(error_at(repeat("(", n) + "x" + repeat(")", n)) == "input_too_long @65536");
}

TEST_CASE("hostile: deep nesting at the limit on a 256 KiB stack") {
    // The worst nesting constructs at the default depth, and hostile inputs, on a small stack.
    std::string results;
    on_small_stack([&] {
        const std::pair<std::string_view, std::string_view> constructs[] = {
            {"(", ")"},        {"not ", ""},     {"-", ""},      {"tolower(", ")"},
            {"a/any(x:", ")"}, {"cast(", ",T)"}, {"x in (", ")"}};
        for (const auto& [open, close] : constructs)
            results += error_at(repeat(open, 64) + "x" + repeat(close, 64)) + ";";
        results += error_at(repeat("(", 1000000), big_input()) + ";";
        results += error_at(repeat("not ", 1000000) + "x", big_input()) + ";";
        // five levels per repetition: any, not, tolower, -, (; the 65th level is the 13th group's '('
        results += error_at(repeat("a/any(x:not tolower(-(", 100000), big_input());
    });
    CHECK(results == "ok;ok;ok;ok;ok;ok;ok;depth_limit @64;depth_limit @256;depth_limit @285");
}

TEST_CASE("hostile: 10 MB filters") {
    // A flat chain of comparisons: about 700,000 clauses, parsed completely when the limits allow.
    std::string text;
    std::size_t clauses = 0;
    while (text.size() < 10u << 20) {
        if (clauses)
            text += " and ";
        text.append("f")
            .append(std::to_string(clauses % 1000))
            .append(" eq 'v'"); // not operator+: GCC bug 105329
        ++clauses;
    }
    apiquery::parse_options o = big_input();
    o.max_nodes = 100000000;
    const auto r = apiquery::parse_filter(text, o);
    REQUIRE(r);
    CHECK(r->children(r->root()).size() == clauses);
    CHECK(r->size() == 3 * clauses + 1);
    // the default limits refuse it at once, the node limit part-way
    CHECK(error_at(text) == "input_too_long @65536");
    CHECK(error_at(text, big_input()).rfind("node_limit @", 0) == 0);
    // a 10 MB string literal, a 10 MB name, 10 MB of spaces, an unterminated 10 MB string
    const std::string big(10u << 20, 'a');
    CHECK(error_at("x eq '" + big + "'", big_input()) == "ok");
    CHECK(error_at(big, big_input()) == "syntax @128");
    CHECK(error_at("x" + std::string(10u << 20, ' ') + "eq 1", big_input()) == "ok");
    CHECK(error_at("x eq '" + big, big_input()) == "syntax @5");
    // a long list: literal-list attempts give back at most one literal
    apiquery::parse_options lists = big_input();
    lists.max_in_list_items = 10000000;
    lists.max_nodes = 100000000;
    CHECK(error_at("x in (" + repeat("1,", 500000) + "1)", lists) == "ok");
    CHECK(error_at("x in (" + repeat("1,", 500000) + "a)", lists) == "syntax @1000006");
    // alternatives that are told apart late stay linear: (1 add (1 add (...))) inside in
    apiquery::parse_options deep = big_input();
    deep.max_depth = 1000;
    CHECK(error_at("x in " + repeat("(1 add x in ", 999) + "(1)" + repeat(")", 999), deep) == "ok");
    CHECK(error_at(repeat("cast(", 999) + "a" + repeat(",T)", 999), deep) == "ok");
}

TEST_CASE("invalid UTF-8 is an error at its offset") {
    CHECK(parse("\xff") == "ERROR invalid_utf8 @0: invalid UTF-8 (byte 0xFF)");
    CHECK(error_at("name eq 'a\xc3'") == "invalid_utf8 @10");
    CHECK(error_at("name eq 'a\xc3(") == "invalid_utf8 @10");
    CHECK(error_at("'\xc0\x80'") == "invalid_utf8 @1");         // overlong
    CHECK(error_at("'\xed\xa0\x80'") == "invalid_utf8 @1");     // surrogate
    CHECK(error_at("'\xf4\x90\x80\x80'") == "invalid_utf8 @1"); // beyond U+10FFFF
    CHECK(error_at("'\x80'") == "invalid_utf8 @1");             // lone continuation byte
    CHECK(error_at("'\xe2\x82'") == "invalid_utf8 @1");         // truncated
    CHECK(error_at("name eq '\xe2\x82\xac \xf0\x9f\x98\x80'") == "ok");
    CHECK(error_at("n\xc3\xa4me eq 1") == "ok");
    CHECK(error_at(std::string("a eq '\0'", 8)) == "ok");
}
