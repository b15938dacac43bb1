// apiquery: comparison of run-time values under the filter semantics: compare() (the three-way order,
// converting between numbers, dates and date-times, and strings read as the other side's kind),
// equal(), and the result of a comparison operator (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/filter_ast.hpp>

#include <cmath>
#include <compare>
#include <cstdint>
#include <optional>

namespace apiquery::eval {

namespace detail {

template <class T>
int three_way(const T& a, const T& b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

inline int order_pair(std::int64_t a, std::int32_t pa, std::int64_t b, std::int32_t pb) {
    if (a != b)
        return a < b ? -1 : 1;
    return three_way(pa, pb);
}

} // namespace detail

APIQUERY_DECL std::optional<int> compare(const value& a, const value& b) {
    using namespace detail;
    if (a.k == kind::null || b.k == kind::null)
        return std::nullopt;
    if (is_number(a.k) && is_number(b.k)) {
        if (a.k == kind::double_ || b.k == kind::double_) {
            const double x = to_double(a), y = to_double(b);
            if (std::isnan(x) || std::isnan(y))
                return std::nullopt;
            return three_way(x, y);
        }
        if (a.k == kind::decimal || b.k == kind::decimal) {
            const auto c = to_decimal(a) <=> to_decimal(b);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        return three_way(a.u.i, b.u.i);
    }
    if (a.k == kind::string && b.k == kind::string) {
        const int c = a.str().compare(b.str());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.k == kind::string && string_coercible_to(b.k)) {
        const value pa = parse_as(a.str(), b.k);
        if (pa.is_null())
            return std::nullopt;
        return compare(pa, b);
    }
    if (b.k == kind::string && string_coercible_to(a.k)) {
        const value pb = parse_as(b.str(), a.k);
        if (pb.is_null())
            return std::nullopt;
        return compare(a, pb);
    }
    if (a.k == kind::datetimeoffset && b.k == kind::date)
        return order_pair(a.u.i, a.ps, b.u.i * us_per_day, 0);
    if (a.k == kind::date && b.k == kind::datetimeoffset)
        return order_pair(a.u.i * us_per_day, 0, b.u.i, b.ps);
    if (a.k != b.k)
        return std::nullopt;
    switch (a.k) {
    case kind::boolean:
        return three_way(int{a.u.b}, int{b.u.b});
    case kind::date:
    case kind::timeofday:
        return three_way(a.u.i, b.u.i);
    case kind::datetimeoffset:
    case kind::duration:
        return order_pair(a.u.i, a.ps, b.u.i, b.ps);
    case kind::guid:
        return three_way(a.u.g, b.u.g);
    default:
        return std::nullopt; // collections, structured values
    }
}

APIQUERY_DECL bool equal(const value& a, const value& b) {
    if (a.k == kind::null || b.k == kind::null)
        return a.k == b.k;
    const auto c = compare(a, b);
    return c && *c == 0;
}

namespace detail {

/// `a op b` for a comparison operator: eq and ne by equal(); gt ge lt le false when compare() finds no
/// order.
inline bool apply_comparison(binary_op op, const value& a, const value& b) {
    switch (op) {
    case binary_op::eq:
        return equal(a, b);
    case binary_op::ne:
        return !equal(a, b);
    default:
        break;
    }
    const auto c = compare(a, b);
    if (!c)
        return false;
    switch (op) {
    case binary_op::gt:
        return *c > 0;
    case binary_op::ge:
        return *c >= 0;
    case binary_op::lt:
        return *c < 0;
    default:
        return *c <= 0;
    }
}

} // namespace detail

} // namespace apiquery::eval
