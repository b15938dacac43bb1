// apiquery: implementation of page.hpp.
#pragma once

#include <apiquery/listing/page.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL page_window window_of(std::size_t n, const big_int& limit,
                                    const std::optional<big_int>& page_number, cursor_direction direction) {
    // L, capped (L > n behaves as n + 1)
    const auto l = static_cast<std::size_t>(detail::clamp_int64(limit, 0, static_cast<std::int64_t>(n) + 1));
    page_window w;
    if (direction == cursor_direction::before) {
        // the L nearest to the cursor: the last L of the records before it
        w.last = n;
        w.first = n - std::min(l, n);
        w.has_more = w.first > 0;
        return w;
    }
    std::size_t start = 0;
    if (page_number) // (page_number - 1) * L, saturated at n
        start = static_cast<std::size_t>(
            detail::page_offset(*page_number, static_cast<std::int64_t>(l), static_cast<std::int64_t>(n)));
    w.first = start;
    w.last = std::min(n, start + std::min(l, n - start));
    w.has_more = w.last < n;
    return w;
}

APIQUERY_DECL result<compiled_filter, validation_error>
prepare_filter(std::string_view param, std::string_view text, const profile_view& profile,
               const eval::record_model& model, const compile_options& options) {
    const auto failure = [&](std::string_view message, std::size_t position) {
        return unexpected{make_value_error_at(
            make_loc({"query", std::string(param)}), message,
            boost::json::value(boost::json::string_view(text.data(), text.size())), position)};
    };
    auto ast = parse_filter(text);
    if (!ast)
        return failure(ast.error().message, ast.error().position);
    auto checked = check_filter(std::move(*ast), profile);
    if (!checked)
        return failure(checked.error().message, checked.error().span.begin);
    auto compiled = compile_filter(*checked, model, options);
    if (!compiled)
        return failure(compiled.error().message, compiled.error().span.begin);
    return std::move(*compiled);
}

} // namespace apiquery
