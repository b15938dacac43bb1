// apiquery: the `filter` check of the Get Workspace Tokens request (a rule beyond parameter types).
#pragma once

#include <apiquery/config.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// Why a `filter` value is refused: a message, and the byte offset in the filter text where the problem
/// starts (at most the text's size).
struct filter_problem {
    std::string message;
    std::size_t position = 0;
    friend bool operator==(const filter_problem&, const filter_problem&) = default;
};

/// Checks a non-empty `filter` value of Get Workspace Tokens: it must parse as an OData `$filter`
/// (parse_filter, default parse_options) and pass the endpoint's `tokens` profile (check_filter with
/// profiles::tokens: operators `eq`, `ge`, `and`; the token fields; literals of the right type).
/// Returns the first problem, or nothing when the filter is accepted:
/// - a parse error: its message and byte position, e.g. `expected an operand after 'eq'` at 7;
/// - a profile rejection: its message and the start of the offending node's span, e.g.
///   `operator 'or' is not supported by this endpoint (supported: eq, ge, and)`.
///
/// This is the single place where request validation meets the filter parser and the profile
/// validator; tokens_request.hpp turns a problem into a `value_error` on `["query","filter"]` with
/// ctx `{"error": message, "position": position}`.
APIQUERY_DECL std::optional<filter_problem> check_tokens_filter(std::string_view filter);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/filter.ipp>
#include <apiquery/endpoints/tokens/profile.hpp>
#endif
