// apiquery: the error of the `$filter` parser: a code, the byte offset where the input stops making
// sense, a message saying what was expected there, and a caret rendering of the input.
#pragma once

#include <apiquery/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace apiquery {

/// What went wrong; to_string() gives the JSON form's `code`.
enum class filter_errc : std::uint8_t {
    syntax,           ///< "syntax": the text does not follow the grammar
    invalid_literal,  ///< "invalid_literal": a literal has the right shape but an impossible value (Feb 30)
    unknown_function, ///< "unknown_function": `name(` where name is not a built-in function
    wrong_arity,      ///< "wrong_arity": a built-in function called with the wrong number of arguments
    unsupported,      ///< "unsupported": valid OData outside apiquery's scope (geo literals, `$count`, ...)
    depth_limit,      ///< "depth_limit": parse_options::max_depth exceeded
    node_limit,       ///< "node_limit": parse_options::max_nodes exceeded
    in_list_limit,    ///< "in_list_limit": parse_options::max_in_list_items exceeded
    input_too_long,   ///< "input_too_long": parse_options::max_input_bytes exceeded
    invalid_utf8,     ///< "invalid_utf8": the input is not well-formed UTF-8
};

/// The code's name: "syntax", "invalid_literal", "unknown_function", "wrong_arity", "unsupported",
/// "depth_limit", "node_limit", "in_list_limit", "input_too_long", "invalid_utf8".
constexpr std::string_view to_string(filter_errc c) noexcept {
    constexpr std::string_view names[] = {
        "syntax",      "invalid_literal", "unknown_function", "wrong_arity",    "unsupported",
        "depth_limit", "node_limit",      "in_list_limit",    "input_too_long", "invalid_utf8"};
    return names[static_cast<std::size_t>(c)];
}

/// Why parse_filter() failed.
struct filter_parse_error {
    filter_errc code = filter_errc::syntax;
    /// Byte offset into the input where it stops making sense (0 to input size inclusive).
    std::size_t position = 0;
    /// What was expected there, e.g. "expected an operand after 'and'", "unterminated string literal".
    std::string message;

    /// Two lines without a trailing newline: the input (control characters shown as spaces; long
    /// inputs cut to a window of about 72 characters around the position, cuts marked with "...")
    /// and a caret `^` under the character at `position` (columns counted in code points).
    APIQUERY_DECL std::string caret_line(std::string_view input) const;

    friend bool operator==(const filter_parse_error&, const filter_parse_error&) = default;
};

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/odata/impl/filter_error.ipp>
#endif
