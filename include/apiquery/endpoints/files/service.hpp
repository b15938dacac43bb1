// apiquery: List Files for the transport-agnostic request handler (service/handler.hpp), over records in
// memory, and the client side: the target of the next page (the keyset cursor walk of the API's SDK).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/service/handler.hpp>

#include <optional>
#include <span>
#include <string>

namespace apiquery {

/// The endpoint over records in memory (respond_files). The records must outlive the handler.
/// Thread-safe.
APIQUERY_DECL served_endpoint serve_files(std::span<const file_record> records);

/// The target of the page after `page` for a client walking a listing by cursor, as the API's SDK does:
/// `request` with `after_value` = the last file's sort field (its `created_at` as the body writes it, or
/// its `name`) and `after_file_id` = its `file_id` (no `page_number`), written by to_target; nullopt
/// when the page says nothing follows (`has_more` false) or is empty.
APIQUERY_DECL std::optional<std::string> next_files_target(const files_request& request,
                                                           const file_page& page);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/service.ipp>
#endif
