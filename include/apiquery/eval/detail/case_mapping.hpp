// apiquery: the simple Unicode case mapping of tolower and toupper (internal), for the ranges apiquery
// covers: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek and Cyrillic (docs/listing.md).
#pragma once

#include <apiquery/value/detail/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace apiquery::eval::detail {

/// Simple Unicode case mapping for the ranges apiquery covers: ASCII, Latin-1 Supplement, Latin
/// Extended-A, basic Greek and Cyrillic (docs/listing.md). Other code points map to themselves.
constexpr char32_t to_lower_cp(char32_t c) noexcept {
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130)
            return 'i';
        if (c == 0x178)
            return 0xFF;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c % 2 == 1) ? c + 1 : c;
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
            return c;
        return (c % 2 == 0) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

constexpr char32_t to_upper_cp(char32_t c) noexcept {
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x131)
            return 'I';
        if (c == 0x130 || c == 0x138 || c == 0x149 || c == 0x178 || c == 0x17F)
            return c;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c % 2 == 0) ? c - 1 : c;
        return (c % 2 == 1) ? c - 1 : c;
    }
    if (c >= 0x3B1 && c <= 0x3C9)
        return c == 0x3C2 ? 0x3A3 : c - 32;
    if (c >= 0x430 && c <= 0x44F)
        return c - 32;
    if (c >= 0x450 && c <= 0x45F)
        return c - 80;
    return c;
}

inline std::string map_case(std::string_view s, bool upper) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto st = apiquery::detail::utf8_decode(s, i);
        if (!st.valid)
            out.append(s.substr(i, st.size)); // keep ill-formed bytes as they are
        else
            apiquery::detail::utf8_append(out,
                                          upper ? to_upper_cp(st.code_point) : to_lower_cp(st.code_point));
        i += st.size;
    }
    return out;
}

} // namespace apiquery::eval::detail
