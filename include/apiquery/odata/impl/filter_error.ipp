// apiquery: implementation of filter_error.hpp.
#pragma once

#include <apiquery/odata/filter_error.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <string>

namespace apiquery {

APIQUERY_DECL std::string filter_parse_error::caret_line(std::string_view input) const {
    constexpr std::size_t half_window = 36; // code points shown on each side of the caret
    const std::size_t pos = position < input.size() ? position : input.size();
    // Code point boundaries around pos: walk back and forth at most half_window characters.
    auto is_cont = [&](std::size_t i) { return (static_cast<unsigned char>(input[i]) & 0xC0) == 0x80; };
    std::size_t begin = pos;
    for (std::size_t n = 0; n < half_window && begin > 0; ++n) {
        --begin;
        while (begin > 0 && is_cont(begin))
            --begin;
    }
    std::size_t end = pos;
    for (std::size_t n = 0; n < half_window && end < input.size(); ++n)
        end += detail::utf8_decode(input, end).size;
    std::string line;
    std::size_t caret_col = 0;
    if (begin > 0) {
        line += "...";
        caret_col += 3;
    }
    bool caret_set = false;
    for (std::size_t i = begin; i < end;) {
        if (!caret_set && i >= pos) {
            caret_col = detail::utf8_length(line);
            caret_set = true;
        }
        const auto st = detail::utf8_decode(input, i);
        if (!st.valid || st.code_point < 0x20 || st.code_point == 0x7F)
            line.push_back(st.valid ? ' ' : '?');
        else
            line.append(input.substr(i, st.size));
        i += st.size;
    }
    if (!caret_set)
        caret_col = detail::utf8_length(line);
    if (end < input.size())
        line += "...";
    line.push_back('\n');
    line.append(caret_col, ' ');
    line.push_back('^');
    return line;
}

} // namespace apiquery
