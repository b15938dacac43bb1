// apiquery: implementation of filter.hpp (the parser entry point and error rendering).
#pragma once

#include <apiquery/detail/filter_actions.hpp>
#include <apiquery/detail/filter_errors.hpp>
#include <apiquery/detail/filter_grammar.hpp>
#include <apiquery/detail/utf8.hpp>
#include <apiquery/filter.hpp>

#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/parse.hpp>
#include <tao/pegtl/tracking_mode.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace apiquery {

namespace detail {

/// Offset of the first byte that is not part of well-formed UTF-8, or npos.
inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto st = utf8_decode(s, i);
        if (!st.valid)
            return i;
        i += st.size;
    }
    return std::string_view::npos;
}

} // namespace detail

APIQUERY_DECL result<filter_ast, filter_parse_error> parse_filter(std::string_view text,
                                                                  const parse_options& options) {
    namespace pegtl = tao::pegtl;
    const std::size_t max_bytes = std::min<std::size_t>(options.max_input_bytes, 0xFFFFFFFEu);
    if (text.size() > max_bytes)
        return unexpected{
            filter_parse_error{filter_errc::input_too_long, max_bytes,
                               "input longer than the limit of " + std::to_string(max_bytes) + " bytes"}};
    if (const auto bad = detail::first_invalid_utf8(text); bad != std::string_view::npos) {
        static constexpr char hex[] = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(text[bad]);
        return unexpected{
            filter_parse_error{filter_errc::invalid_utf8, bad,
                               std::string("invalid UTF-8 (byte 0x") + hex[b >> 4] + hex[b & 15] + ")"}};
    }
    // The parser's working memory is kept per thread between calls: after warm-up, a parse allocates
    // only the three vectors of the tree it returns.
    thread_local detail::filter_state st;
    st.reset();
    st.strict = options.odata_4_0_strict;
    st.max_depth = std::min(options.max_depth, parse_options::max_depth_ceiling);
    st.max_nodes = std::min<std::size_t>(options.max_nodes, 0xFFFFFFF0u);
    st.max_list_items = options.max_in_list_items;
    st.base = text.data();
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
        text.data(), text.data() + text.size(), "$filter");
    try {
        (void)pegtl::parse<detail::filter_rules::grammar, detail::filter_action, detail::filter_control>(in,
                                                                                                         st);
    } catch (detail::filter_failure& f) {
        st.release_if_large();
        return unexpected{
            filter_parse_error{f.code, std::min(f.position, text.size()), std::move(f.message)}};
    }
    auto ast = st.builder.finish(st.operands.back());
    st.release_if_large();
    return ast;
}

} // namespace apiquery
