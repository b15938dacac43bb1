// apiquery::detail: which bytes a JSON string writer must look at, eight at a time.
#pragma once

#include <cstdint>

namespace apiquery::detail {

/// Whether any of the eight bytes of `w` is below 0x20, '"', '\\' or 0x80 and up (the bytes
/// append_json_string must look at). Exact: each test below is nonzero if and only if a byte matches.
constexpr bool needs_json_escape(std::uint64_t w) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return ((w & highs) | below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

} // namespace apiquery::detail
