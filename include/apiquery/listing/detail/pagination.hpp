// apiquery: the arithmetic of page-number pagination, shared by the in-memory listing and the SQL plan.
#pragma once

#include <apiquery/value/big_int.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace apiquery::detail {

/// `v` clamped to [lo, hi] (lo <= hi); a value beyond 64 bits clamps by its sign.
inline std::int64_t clamp_int64(const big_int& v, std::int64_t lo, std::int64_t hi) {
    const auto small = v.to_int64();
    if (!small)
        return v.negative() ? lo : hi;
    return std::clamp(*small, lo, hi);
}

/// The number of rows before page `page_number` (1-based; smaller values count as 1) of `limit` rows:
/// `(page_number - 1) * limit`, saturated at `cap` (pages past the end are empty). 0 when limit <= 0.
inline std::int64_t page_offset(const big_int& page_number, std::int64_t limit, std::int64_t cap) {
    if (limit <= 0)
        return 0;
    const std::int64_t pages = clamp_int64(page_number, 1, std::numeric_limits<std::int64_t>::max()) - 1;
    if (pages > cap / limit)
        return cap;
    return std::min(cap, pages * limit);
}

} // namespace apiquery::detail
