// The listing engine (filter_eval.hpp) meets what the `full` profile now accepts: every filter of the
// corpora that parse_filter accepts is checked against `full` and compiled from the checked_filter
// against the JSON object model; compiling may fail with an error (an alias, `$root`, a geo function),
// but must not crash or assert, and a compiled filter is evaluated on a few records.
#include <apiquery/eval/filter_eval.hpp>

#include "full_corpus.hpp"

#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

using namespace apiquery;

namespace {

std::vector<boost::json::object> sample_records() {
    std::vector<boost::json::object> out;
    out.emplace_back();
    out.push_back(
        boost::json::parse(R"({"name":"ci","x":1,"price":2.5,"tags":["a","b"],"created":"2025-01-01",
        "flag":true,"Name":"Ann","Products":[{"x":1}],"y":null})")
            .as_object());
    out.push_back(
        boost::json::parse(R"({"name":5,"x":"text","tags":3,"created":false,"flag":"no"})").as_object());
    return out;
}

void compile_and_run(const checked_filter& c, const std::vector<boost::json::object>& records,
                     std::size_t& compiled, std::size_t& refused) {
    auto f = compile_filter(c, eval::json_object_model());
    if (!f) {
        ++refused;
        return;
    }
    ++compiled;
    for (const auto& r : records) {
        (void)f->matches(r);
        (void)f->evaluate_to_string(&r);
    }
}

} // namespace

TEST_CASE("full + engine: every accepted corpus filter compiles to a filter or an error") {
    const auto corpus = test::load_filter_corpus();
    REQUIRE(corpus.extra > 300);
    const auto records = sample_records();
    std::size_t compiled = 0, refused = 0;
    for (const auto& f : corpus.filters) {
        INFO(f.origin << "\n  filter: " << f.text);
        auto c = check_filter(f.ast, profiles::full);
        REQUIRE(c);
        compile_and_run(*c, records, compiled, refused);
    }
    CHECK(compiled + refused == corpus.filters.size());
    CHECK(compiled > refused);
}

TEST_CASE("full + engine: the constructs full now accepts") {
    const auto records = sample_records();
    std::size_t compiled = 0, refused = 0;
    for (const char* text : {"1 eq 'a'",
                             "$root/Products/x eq 1",
                             "$it",
                             "$it eq 1",
                             "cast(Edm.Int32) eq 1",
                             "isof(Edm.Int32)",
                             "isof(Model.Customer)",
                             "cast(x, Model.Customer) eq null",
                             "null add 1 eq 2",
                             "-null eq 1",
                             "length(null) eq 1",
                             "contains(null, 'a')",
                             "x gt null",
                             "null lt 1",
                             "concat(null, null) eq 'a'",
                             "substring('abc', null) eq 'b'",
                             "true gt false",
                             "x gt true",
                             "'a' add 1 eq 2",
                             "2025-01-01 mul 2 eq 1",
                             "length(1) eq 1",
                             "tolower(5) eq 'a'",
                             "year('2025') eq 2025",
                             "1 has 'a'",
                             "1 in ('a', true)",
                             "not 1",
                             "1 and 'a'",
                             "true or 5",
                             "x/any(y: 1)",
                             "1 add 2",
                             "1",
                             "'text'",
                             "tags/any(t: t gt 1)",
                             "name in tags",
                             "x eq 2025-02-30",
                             "x eq 1e999",
                             "1e999 in (1, 2.5)",
                             "1e999 add 1 eq 2"}) {
        auto p = parse_filter(text);
        if (!p)
            continue;
        INFO(text);
        auto c = check_filter(*p, profiles::full);
        REQUIRE(c);
        compile_and_run(*c, records, compiled, refused);
    }
    CHECK(compiled > 0);
}
