// apiquery: the sort direction of a listing (`order=ASC|DESC`), shared by every endpoint that sorts.
#pragma once

#include <cstdint>
#include <string_view>

namespace apiquery {

/// The sort direction (`order`).
enum class sort_order : std::uint8_t { asc, desc };

/// The wire text of a sort order: `ASC`, `DESC`.
constexpr std::string_view to_string(sort_order o) noexcept {
    return o == sort_order::asc ? "ASC" : "DESC";
}

} // namespace apiquery
