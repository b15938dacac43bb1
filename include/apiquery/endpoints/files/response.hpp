// apiquery: the 200 body of List Files, `PaginatedResult[File]`, checked and read as a pydantic client
// does (json_text(page), paginated_result.hpp, writes it).
//
// Documentation: docs/files.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/model.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// Every error of a 200 body, as `PaginatedResult[File].model_validate_json` reports them (empty when
/// the body is valid), in pydantic's order.
APIQUERY_DECL std::vector<validation_error> check_file_page(std::string_view body);

/// The typed page of a 200 body, or its errors.
APIQUERY_DECL result<file_page, std::vector<validation_error>> parse_file_page(std::string_view body);

/// What `apiquery check-response --endpoint files` prints for a body: an empty string when it is valid,
/// otherwise `{"detail":[...]}` with every error, as FastAPI would write that list in a 422 body.
APIQUERY_DECL std::string check_files_response_body(std::string_view body);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/response.ipp>
#endif
