// apiquery: implementation of filter.hpp (the parser entry point and error rendering).
#pragma once

#include <apiquery/odata/detail/filter_actions.hpp>
#include <apiquery/odata/detail/filter_errors.hpp>
#include <apiquery/odata/detail/filter_grammar.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/parse.hpp>
#include <tao/pegtl/tracking_mode.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace apiquery {

namespace detail {

/// Offset of the first byte that is not part of well-formed UTF-8, or npos.
inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            // ASCII, the common case: 8 bytes at a time.
            while (i + 8 <= s.size()) {
                std::uint64_t w;
                std::memcpy(&w, s.data() + i, 8);
                if ((w & 0x8080808080808080u) != 0)
                    break;
                i += 8;
            }
            continue;
        }
        const auto st = utf8_decode(s, i);
        if (!st.valid)
            return i;
        i += st.size;
    }
    return std::string_view::npos;
}

/// Parses `text` with the working memory `st` (reset first; given back after a huge parse).
inline result<filter_ast, filter_parse_error> parse_filter_with(filter_state& st, std::string_view text,
                                                                const parse_options& options) {
    namespace pegtl = tao::pegtl;
    const std::size_t max_bytes = std::min<std::size_t>(options.max_input_bytes, 0xFFFFFFFEu);
    if (text.size() > max_bytes)
        return unexpected{
            filter_parse_error{filter_errc::input_too_long, max_bytes,
                               "input longer than the limit of " + std::to_string(max_bytes) + " bytes"}};
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        static constexpr char hex[] = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(text[bad]);
        return unexpected{
            filter_parse_error{filter_errc::invalid_utf8, bad,
                               std::string("invalid UTF-8 (byte 0x") + hex[b >> 4] + hex[b & 15] + ")"}};
    }
    st.reset();
    st.strict = options.odata_4_0_strict;
    st.max_depth = std::min(options.max_depth, parse_options::max_depth_ceiling);
    st.max_nodes = std::min<std::size_t>(options.max_nodes, 0xFFFFFFF0u);
    st.max_list_items = options.max_in_list_items;
    st.base = text.data();
    // A long input: room for its tree up front (about one node per 4 bytes or fewer, as in a chain of
    // comparisons), so that the arrays are not copied while they grow. Pages are only touched as used.
    if (text.size() > 65536)
        st.builder.reserve(std::min<std::size_t>(st.max_nodes + 1, text.size() / 4));
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
        text.data(), text.data() + text.size(), "$filter");
    try {
        (void)pegtl::parse<filter_rules::grammar, filter_action, filter_control>(in, st);
    } catch (filter_failure& f) {
        st.release_if_large();
        return unexpected{
            filter_parse_error{f.code, std::min(f.position, text.size()), std::move(f.message)}};
    }
    auto ast = st.builder.finish(st.operands.back());
    st.release_if_large();
    return ast;
}

} // namespace detail

APIQUERY_DECL result<filter_ast, filter_parse_error> parse_filter(std::string_view text,
                                                                  const parse_options& options) {
    // The parser's working memory is kept per thread between calls: after warm-up, a parse allocates
    // only the tree it returns.
    thread_local detail::filter_state st;
    return detail::parse_filter_with(st, text, options);
}

APIQUERY_DECL filter_parser::filter_parser() : state_(std::make_unique<detail::filter_state>()) {}
APIQUERY_DECL filter_parser::~filter_parser() = default;
APIQUERY_DECL filter_parser::filter_parser(filter_parser&& other) noexcept = default;
APIQUERY_DECL filter_parser& filter_parser::operator=(filter_parser&& other) noexcept = default;

APIQUERY_DECL result<filter_ast, filter_parse_error> filter_parser::parse(std::string_view text,
                                                                          const parse_options& options) {
    if (!state_) // moved from
        state_ = std::make_unique<detail::filter_state>();
    return detail::parse_filter_with(*state_, text, options);
}

} // namespace apiquery
