// apiquery: implementation of query_string.hpp.
#pragma once

#include <apiquery/request/query_string.hpp>
#include <apiquery/value/detail/utf8.hpp>

namespace apiquery {

namespace detail {
constexpr int unquote_hex(char c) noexcept {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace detail

APIQUERY_DECL void append_unquoted(std::string& out, std::string_view raw, bool plus_as_space) {
    std::size_t i = 0;
    while (i < raw.size()) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c >= 0x80) { // a latin-1 character U+0080..U+00FF
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
            ++i;
            continue;
        }
        // An ASCII run: decode escapes into bytes, then UTF-8 with replacement.
        const std::size_t run_start = out.size();
        bool escaped_high = false; // whether an escape produced a byte >= 0x80
        for (; i < raw.size() && static_cast<unsigned char>(raw[i]) < 0x80; ++i) {
            const char a = raw[i];
            if (a == '%' && i + 2 < raw.size()) {
                const int hi = detail::unquote_hex(raw[i + 1]);
                const int lo = detail::unquote_hex(raw[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    const int b = hi * 16 + lo;
                    escaped_high |= b >= 0x80;
                    out.push_back(static_cast<char>(b));
                    i += 2;
                    continue;
                }
            }
            out.push_back(a == '+' && plus_as_space ? ' ' : a);
        }
        if (escaped_high) {
            const std::string_view run(out.data() + run_start, out.size() - run_start);
            if (!detail::utf8_is_valid(run)) {
                std::string bytes(run);
                out.resize(run_start);
                detail::utf8_append_sanitized(out, bytes);
            }
        }
    }
}

namespace detail {
/// quote / quote_plus: the always-safe bytes, the bytes of `safe`, and (quote_plus) ' ' as '+'.
inline void append_quoted_impl(std::string& out, std::string_view s, std::string_view safe,
                               bool space_as_plus) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
            c == '.' || c == '-' || c == '~' || (!safe.empty() && safe.find(ch) != std::string_view::npos)) {
            out.push_back(ch);
        } else if (c == ' ' && space_as_plus) {
            out.push_back('+');
        } else {
            const char esc[3] = {'%', hex[c >> 4], hex[c & 0x0F]};
            out.append(esc, 3);
        }
    }
}
} // namespace detail

APIQUERY_DECL void append_quoted(std::string& out, std::string_view s, bool space_as_plus) {
    detail::append_quoted_impl(out, s, {}, space_as_plus);
}

APIQUERY_DECL void append_quoted_safe(std::string& out, std::string_view s, std::string_view safe) {
    detail::append_quoted_impl(out, s, safe, false);
}

} // namespace apiquery
