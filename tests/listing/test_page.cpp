// The generic page rules (listing/page.hpp): window_of against a direct model of the rules, and
// select_page over plain records with a scope, a filter and cursors.
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/value/lax_int.hpp>

#include <catch2/catch.hpp>

#include <boost/json/object.hpp>

#include <string>
#include <vector>

using namespace apiquery;

namespace {

/// The rules written out over the list 0..n-1: the expected positions.
std::vector<std::size_t> model_window(std::size_t n, long long limit, std::optional<long long> page,
                                      cursor_direction d, bool& has_more) {
    const std::size_t l = limit <= 0 ? 0 : static_cast<std::size_t>(limit);
    std::vector<std::size_t> out;
    if (d == cursor_direction::before) {
        for (std::size_t i = n > l ? n - l : 0; i < n; ++i)
            out.push_back(i);
        has_more = n > l;
        return out;
    }
    const std::size_t start = page && l > 0 ? static_cast<std::size_t>(std::max(0LL, *page - 1)) * l : 0;
    for (std::size_t i = start; i < n && i < start + l; ++i)
        out.push_back(i);
    has_more = start + l < n && l > 0 ? true : (l == 0 ? start < n : false);
    if (l == 0)
        has_more = n > 0;
    return out;
}

} // namespace

TEST_CASE("window_of: the page rules, exhaustively for small sizes") {
    for (std::size_t n = 0; n <= 12; ++n)
        for (long long limit = -2; limit <= 14; ++limit)
            for (int p = 0; p <= 15; ++p)
                for (auto d : {cursor_direction::none, cursor_direction::after, cursor_direction::before}) {
                    const std::optional<long long> page = p == 0 ? std::nullopt : std::optional<long long>(p);
                    bool more = false;
                    const auto want =
                        model_window(n, limit, d == cursor_direction::before ? std::nullopt : page, d, more);
                    const auto w = window_of(n, big_int(limit),
                                             page ? std::optional<big_int>(big_int(*page)) : std::nullopt, d);
                    INFO(n << " " << limit << " " << p << " " << static_cast<int>(d));
                    REQUIRE(w.last - w.first == want.size());
                    if (!want.empty())
                        CHECK(w.first == want.front());
                    CHECK(w.has_more == more);
                }
    // Huge page numbers and limits do not overflow.
    const auto huge = big_int::from(parse_lax_int("123456789012345678901234567890").value());
    CHECK(window_of(10, huge, huge, cursor_direction::none) == page_window{10, 10, false});
    CHECK(window_of(10, huge, std::nullopt, cursor_direction::none) == page_window{0, 10, false});
    CHECK(window_of(10, big_int(3), huge, cursor_direction::none) == page_window{10, 10, false});
}

TEST_CASE("select_page: scope, filter, cursor, order") {
    struct item {
        int id;
        bool in_scope;
        std::string colour;
    };
    std::vector<item> items;
    for (int i = 0; i < 20; ++i)
        items.push_back({i, i % 5 != 0, i % 2 == 0 ? "red" : "blue"});
    const auto scope = [](const item& r) { return r.in_scope; };
    const auto desc = [](const item& a, const item& b) { return a.id > b.id; };
    const auto ids = [](const page_selection<item>& s) {
        std::vector<int> out;
        for (const item* r : s.page)
            out.push_back(r->id);
        return out;
    };
    const big_int three = big_int(3);

    auto all =
        select_page<item>(items, scope, nullptr, nullptr, cursor_direction::none, desc, three, std::nullopt);
    CHECK(all.total == 16);
    CHECK(ids(all) == std::vector<int>{19, 18, 17});
    CHECK(all.has_more);
    auto second =
        select_page<item>(items, scope, nullptr, nullptr, cursor_direction::none, desc, three, big_int(2));
    CHECK(ids(second) == std::vector<int>{16, 14, 13});
    // after record 14 (the cursor need not match a filter); before record 14: the nearest three
    auto after = select_page<item>(items, scope, nullptr, &items[14], cursor_direction::after, desc, three,
                                   std::nullopt);
    CHECK(ids(after) == std::vector<int>{13, 12, 11});
    CHECK(after.has_more);
    auto before = select_page<item>(items, scope, nullptr, &items[14], cursor_direction::before, desc, three,
                                    std::nullopt);
    CHECK(ids(before) == std::vector<int>{18, 17, 16});
    CHECK(before.has_more);
    CHECK(before.total == 16);

    // A filter on a field model of the records.
    static const eval::field_entry fields[] = {
        {"colour", eval::kind::string,
         [](const void* p) { return eval::value::string(static_cast<const item*>(p)->colour); },
         [](const void* p) -> std::string_view { return static_cast<const item*>(p)->colour; }},
    };
    static const eval::table_model model(fields);
    profile p("items");
    p.allow(filter_operator::eq).add_field("colour", value_type::string);
    const auto f = prepare_filter("filter", "colour eq 'red'", p, model);
    REQUIRE(f);
    auto red =
        select_page<item>(items, scope, &*f, &items[15], cursor_direction::after, desc, three, std::nullopt);
    CHECK(ids(red) == std::vector<int>{14, 12, 8});
    CHECK(red.total == 8);
    // A refused filter is the 422 element on the named parameter, at the refused construct.
    const auto bad = prepare_filter("q", "colour ne 'red'", p, model);
    REQUIRE(!bad);
    CHECK(bad.error().loc.size() == 2);
    CHECK(bad.error().ctx->at("position").to_number<std::int64_t>() == 7);
}
