// apiquery: the generic listing engine: from records, a scope, a filter, a cursor and a sort order to
// one page, as a list endpoint serves it. An endpoint supplies only what is its own (which records are
// in scope, the sort key, the cursor record, the item it returns); the rest is here:
//
//     auto filter = apiquery::prepare_filter("filter", text, profile, model);   // or the 422 element
//     auto sel = apiquery::select_page<my_record>(records, in_scope, &*filter, cursor,
//                                                 apiquery::cursor_direction::after, before, limit, {});
//     // sel.page: the records of the page, in order; sel.total; sel.has_more
//
// THE PAGE RULES (every endpoint's listing follows them; docs/listing.md):
// - S = the records in scope for which the filter is true, in the endpoint's order, a strict total
//   order (its sort key ends with a unique tie-breaker). `total` = |S|.
// - L = max(limit, 0).
// - No cursor: S[o, o + L) with o = (page_number - 1) * L (0 without page_number; pages past the end
//   are empty; any page_number works, without overflow); has_more = records follow the page.
// - after a cursor record: the first L records of S strictly after the cursor's key; has_more = more
//   than L follow the cursor.
// - before a cursor record: the L records of S strictly before the cursor's key that are NEAREST to it
//   (the last L), in the requested order; has_more = more than L precede the cursor.
// - The cursor record must be in scope, but need not match the filter (its key is a position).
// Cost: one pass over the records (O(N)), then O(N) selection and O(L log L) sorting of the page.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/listing/detail/pagination.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/big_int.hpp>
#include <apiquery/value/result.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace apiquery {

/// Which way a listing travels from its cursor.
enum class cursor_direction : std::uint8_t { none, after, before };

/// The direction's name: "none", "after", "before".
constexpr std::string_view to_string(cursor_direction d) noexcept {
    return d == cursor_direction::none ? "none" : (d == cursor_direction::after ? "after" : "before");
}

/// The positions [first, last) of a page among the `n` records on the travelled side of the cursor
/// (all of S without a cursor), in listing order, and whether records lie beyond it.
struct page_window {
    std::size_t first = 0;
    std::size_t last = 0;
    bool has_more = false;
    friend bool operator==(const page_window&, const page_window&) = default;
};

/// The window of the page rules above. `page_number` also offsets a page after a cursor, and is
/// ignored before one (endpoints forbid combining them, as rules of their requests).
APIQUERY_DECL page_window window_of(std::size_t n, const big_int& limit,
                                    const std::optional<big_int>& page_number, cursor_direction direction);

/// A filter text made ready for a listing: parse_filter, check_filter against `profile`, compile_filter
/// for `model`. A failure is the 422 element a FastAPI endpoint raises: `value_error` on
/// `["query", param]`, input the text, ctx `{"error": message, "position": byte offset}`.
APIQUERY_DECL result<compiled_filter, validation_error>
prepare_filter(std::string_view param, std::string_view text, const profile_view& profile,
               const eval::record_model& model, const compile_options& options = {});

/// The records of one page.
template <class Record>
struct page_selection {
    std::vector<const Record*> page; ///< in listing order
    std::int64_t total = 0;          ///< |S|
    bool has_more = false;
};

/// The page rules over `records`: `in_scope(record)` says whether a record takes part; `filter` (may be
/// null: no filter) whether it matches (compiled_filter::matches_record on the record's address);
/// `before(a, b)` is the listing order (a strict total order over the records in scope, direction
/// included); `cursor` is the cursor record (in scope) or null with cursor_direction::none.
template <class Record, class InScope, class Before>
page_selection<Record> select_page(std::span<const Record> records, InScope in_scope,
                                   const compiled_filter* filter, const Record* cursor,
                                   cursor_direction direction, Before before, const big_int& limit,
                                   const std::optional<big_int>& page_number) {
    page_selection<Record> out;
    std::vector<const Record*> selected;
    for (const auto& r : records) {
        if (!in_scope(r))
            continue;
        if (filter != nullptr && !filter->matches_record(&r))
            continue;
        ++out.total;
        if (cursor != nullptr &&
            (direction == cursor_direction::after ? !before(*cursor, r) : !before(r, *cursor)))
            continue;
        selected.push_back(&r);
    }
    const auto by = [&](const Record* a, const Record* b) { return before(*a, *b); };
    const page_window w = window_of(selected.size(), limit, page_number,
                                    cursor != nullptr ? direction : cursor_direction::none);
    out.has_more = w.has_more;
    if (w.first < w.last) {
        // Order [first, last) without sorting everything.
        const auto b = selected.begin() + static_cast<std::ptrdiff_t>(w.first);
        const auto e = selected.begin() + static_cast<std::ptrdiff_t>(w.last);
        if (w.first == 0) {
            std::partial_sort(selected.begin(), e, selected.end(), by);
        } else {
            std::nth_element(selected.begin(), b, selected.end(), by);
            if (e != selected.end())
                std::nth_element(b, e, selected.end(), by);
            std::sort(b, e, by);
        }
        out.page.assign(b, e);
    }
    return out;
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/listing/impl/page.ipp>
#endif
