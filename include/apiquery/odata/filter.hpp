// apiquery: parse an OData 4.01 `$filter` expression into a filter_ast.
//
//     auto r = apiquery::parse_filter("name eq 'ci-build' and created_at ge 2025-01-01T00:00:00Z");
//     if (!r) {
//         std::cerr << r.error().message << "\n" << r.error().caret_line(text) << "\n";
//     }
//
// The input is the filter text after percent-decoding, in UTF-8. The grammar is the OData ABNF's
// boolCommonExpr/commonExpr with the precedence of URL conventions §5.1.1 (see docs/filter.md for what
// is covered and what is out of scope). Nothing is thrown: errors come back as filter_parse_error
// with a code, the byte offset where the input stops making sense, and a message. Limits
// (parse_options) are enforced while parsing, so hostile input ends in an error quickly and with
// bounded stack and memory.
//
// The grammar itself (PEGTL) lives in detail/filter_grammar.hpp and is only included by
// impl/filter.ipp.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/odata/filter_error.hpp>
#include <apiquery/value/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace apiquery {

namespace detail {
struct filter_state; // the parser's working memory (detail/filter_actions.hpp)
} // namespace detail

/// Limits and dialect for parse_filter(). All limits are enforced while parsing; exceeding one gives
/// an error with the matching code at the offset where the limit was crossed.
struct parse_options {
    /// Longest accepted input, in bytes (error input_too_long at this offset). At most 2^32 - 1.
    std::size_t max_input_bytes = 65536;
    /// Deepest nesting of parentheses, `not`, unary minus, function-call arguments, lambdas and
    /// `in` lists (error depth_limit). Values above max_depth_ceiling are treated as the ceiling.
    std::size_t max_depth = 64;
    /// Most nodes in the tree (error node_limit).
    std::size_t max_nodes = 10000;
    /// Most items in one `in (...)` literal list (error in_list_limit).
    std::size_t max_in_list_items = 1000;
    /// OData 4.0 strictness: operator, lambda, keyword and function names must be written in lower
    /// case (function names exactly as the specification spells them, e.g. `matchesPattern`), and
    /// the `duration` prefix in lower case. Without it (4.01) they are ASCII case-insensitive.
    bool odata_4_0_strict = false;

    /// The largest max_depth honoured. The parser recurses once per nesting level, using at most
    /// about 0.6 KiB of stack per level in an optimised build and 2.9 KiB unoptimised or under
    /// AddressSanitizer (measured with GCC 12 and clang 14): the default 64 fits a 256 KiB thread
    /// stack in every build, the ceiling an 8 MiB main-thread stack.
    static constexpr std::size_t max_depth_ceiling = 1000;
};

/// Parses a `$filter` expression (percent-decoded, UTF-8). Never throws (except std::bad_alloc).
///
/// @par Example
/// `parse_filter("Price add 2.45 eq 5.00")` gives eq(add(Price, 2.45), 5.00).
/// @par ABNF
/// @code
/// boolCommonExpr = commonExpr ; resulting in a Boolean
/// @endcode
/// @par Specification
/// OData 4.01 URL Conventions §5.1.1
/// (https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html#sec_BuiltinFilterOperations);
/// OData ABNF Construction Rules 4.01 §4 (Expressions).
APIQUERY_DECL result<filter_ast, filter_parse_error> parse_filter(std::string_view text,
                                                                  const parse_options& options = {});

/// A `$filter` parser for many inputs. parse() gives exactly what parse_filter() gives (the same
/// trees, errors and limits), and keeps the parser's working memory (the tree under construction,
/// its operand and operator stacks, scratch text) in the object between calls, so that a loop over
/// many filters allocates only the trees it returns; after a parse of more than 4,096 nodes that
/// memory is given back down to that size. Not thread-safe: one object must not be used by two
/// threads at once (distinct objects may). parse_filter() keeps such memory per thread.
///
/// @par Example
/// @code
/// apiquery::filter_parser parser;
/// for (std::string_view line : lines)
///     if (auto r = parser.parse(line)) use(*r);
/// @endcode
class filter_parser {
public:
    APIQUERY_DECL filter_parser();
    APIQUERY_DECL ~filter_parser();
    APIQUERY_DECL filter_parser(filter_parser&& other) noexcept;
    APIQUERY_DECL filter_parser& operator=(filter_parser&& other) noexcept;
    filter_parser(const filter_parser&) = delete;
    filter_parser& operator=(const filter_parser&) = delete;

    /// Parses a `$filter` expression as parse_filter(text, options) does. Never throws (except
    /// std::bad_alloc).
    APIQUERY_DECL result<filter_ast, filter_parse_error> parse(std::string_view text,
                                                               const parse_options& options = {});

private:
    std::unique_ptr<detail::filter_state> state_; // null only after a move
};

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/odata/impl/filter.ipp>
#endif
