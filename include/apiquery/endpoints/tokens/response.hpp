// apiquery: the 200 body of Get Workspace Tokens, `PaginatedResult[Token]`, checked, read and written.
//
// - check_token_page: the errors a pydantic client (`PaginatedResult[Token].model_validate_json`) would
//   raise for a body, every one of them, in pydantic's order; plus, unless disabled, a `value_error` for
//   a `masked_token` that reveals more than 8 characters (masking.hpp).
// - parse_token_page: the typed page, or those errors.
// - json_text(page) (paginated_result.hpp): the body as the API writes it.
// - check_response_body: what `apiquery check-response` prints.
//
// Documentation and CLI reference: docs/models.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/tokens/model.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// The 200 body of Get Workspace Tokens.
using token_page = paginated_result<token>;

/// Every error of a 200 body, as pydantic reports them (empty when the body is valid).
///
/// @par Example
/// @code
/// for (const auto& e : apiquery::check_token_page(R"({"data":[],"has_more":"maybe"})"))
///     std::cout << e.type << "\n"; // bool_parsing, then missing (for "total")
/// @endcode
APIQUERY_DECL std::vector<validation_error> check_token_page(std::string_view body,
                                                             const check_options& options = {});

/// The typed page of a 200 body, or its errors.
APIQUERY_DECL result<token_page, std::vector<validation_error>>
parse_token_page(std::string_view body, const check_options& options = {});

/// What `apiquery check-response` prints for a body: an empty string when the body is valid, otherwise
/// `{"detail":[...]}` with every error, byte for byte as FastAPI would write that list in a 422 body.
APIQUERY_DECL std::string check_response_body(std::string_view body, const check_options& options = {});

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/response.ipp>
#endif
