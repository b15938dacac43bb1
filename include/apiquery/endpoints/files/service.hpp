// apiquery: List Files for the transport-agnostic request handler (service/handler.hpp), over records in
// memory, and the client side: the target of the next page (the keyset cursor walk of the API's SDK).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/service/handler.hpp>
#include <apiquery/sql/sql.hpp>

#include <optional>
#include <span>
#include <string>

namespace apiquery {

/// The endpoint over records in memory (respond_files). The records must outlive the handler.
/// Thread-safe.
APIQUERY_DECL served_endpoint serve_files(std::span<const file_record> records);

/// What the endpoint answers for `target` from a `files` table (sql::list_files_sql through `run`): the
/// same bodies as respond_files on the same records; a row that is not what the schema says is status
/// 500 with body `{"detail":"Internal Server Error"}` and the reason (which column). Database errors
/// thrown by `run` propagate.
APIQUERY_DECL files_response respond_files_sql(std::string_view target, sql::dialect d,
                                               const sql::executor& run,
                                               const sql::files_sql_options& options = {});

/// The endpoint over a `files` table (sql::list_files_sql through `run`, which must outlive the
/// handler). Thread-safe when `run` is (one connection per thread, or a pool).
APIQUERY_DECL served_endpoint serve_files_sql(sql::dialect d, sql::executor run,
                                              sql::files_sql_options options = {});

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
