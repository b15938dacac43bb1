// apiquery: Get Workspace Tokens for the transport-agnostic request handler (service/handler.hpp), over
// records in memory or a database reached through an executor, and the client side: the target of the
// next page (cursor pagination with `after`).
#pragma once

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/service/handler.hpp>
#include <apiquery/sql/sql.hpp>

#include <optional>
#include <span>
#include <string>

namespace apiquery {

/// The endpoint over records in memory (respond_tokens). The records must outlive the handler.
/// Thread-safe.
APIQUERY_DECL served_endpoint serve_tokens(std::span<const token_record> records,
                                           listing_options options = {});

/// What the endpoint answers for `target` from a `tokens` table (list_tokens_sql through `run`): the same
/// bodies as respond_tokens on the same records; a row that is not what the schema says is status 500
/// with body `{"detail":"Internal Server Error"}` and the reason (which column). Database errors thrown
/// by `run` propagate.
APIQUERY_DECL tokens_response respond_tokens_sql(std::string_view target, sql::dialect d,
                                                 const sql::executor& run,
                                                 const sql::tokens_sql_options& options = {});

/// The endpoint over a `tokens` table (list_tokens_sql through `run`, which must outlive the handler).
/// A table row that is not what the schema says is a 500 `{"detail":"Internal Server Error"}`.
/// Thread-safe when `run` is (one connection per thread, or a pool).
APIQUERY_DECL served_endpoint serve_tokens_sql(sql::dialect d, sql::executor run,
                                               sql::tokens_sql_options options = {});

/// The target of the page after `page` for a client walking a listing by cursor: `request` with
/// `after` = the last token's api_token_id (and no `before` or `page_number`), written by to_target;
/// nullopt when the page says nothing follows (`has_more` false) or is empty.
APIQUERY_DECL std::optional<std::string> next_tokens_target(const tokens_request& request,
                                                            const paginated_result<token>& page);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/service.ipp>
#endif
