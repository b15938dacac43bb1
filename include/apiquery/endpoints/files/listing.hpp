// apiquery: the listing engine of List Files: from a validated request and the server's file records
// to the page the server sends (`PaginatedResult[File]`), in one call.
//
//     auto req = apiquery::parse_request<apiquery::files_endpoint>(target);  // endpoint.hpp
//     auto page = apiquery::list_files(*req, records);   // paginated_result<file> or the 422 body
//     std::string body = apiquery::json_text(*page);     // the 200 body
//
// THE LISTING RULES (docs/files.md; the SQL translation reproduces them):
// 1. Scope: the records whose `workspace` equals the request's workspace_name, byte for byte.
// 2. Conditions, all of them: `name` is a substring of the file's name and `content` of its text (by
//    code point, case-sensitive; "" is in every text); `meta_key`: the metadata has this top-level key
//    (any text, compared exactly); `meta_value` with `meta_key`: that key's value is a JSON string equal
//    to meta_value (other kinds never match); `meta_value` without `meta_key` is ignored; `filter`: the
//    metadata filter (filter.hpp, eval/json_filter.hpp) is true. `total` counts the records left.
// 3. Order: (field, file_id). `created_at` compares instants (the offsets do not matter), `name` by
//    code point, `file_id` by its 16 bytes (the order of its canonical text). ASC sorts ascending;
//    DESC is exactly the reverse, the tie-breaker included. The order is strict and total.
// 4. Keyset cursor (after_value, after_file_id): the records strictly after the key (after_value,
//    after_file_id) in the requested order; after_value is read as the sort field (a created_at
//    date-time, a name). It is a position, not a lookup: no file needs to have that key.
// 5. Pages (L = max(limit, 0)): the first L records (after the cursor, if any); page_number n: the
//    records [(n-1)L, nL); has_more = records follow the page.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/model.hpp>
#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <span>
#include <string>
#include <string_view>

namespace apiquery {

/// The 200 body of List Files.
using file_page = paginated_result<file>;

/// Rules 3 and 4: true when `a` comes before `b` in the listing order.
APIQUERY_DECL bool files_listing_before(const file_record& a, const file_record& b, files_sort_field field,
                                        sort_order order) noexcept;

/// The whole server-side flow for a validated request (rules 1-5): the page, or the 422 body for a
/// filter the endpoint refuses (validate_files_query refuses those already) or a request whose cursor
/// was not validated (after_value not a date-time for created_at). Records are not modified; the page
/// holds Files built from them (to_file). Cost: one pass over the records, then O(N) selection and
/// O(L log L) sorting of the page. Thread-safe.
APIQUERY_DECL result<file_page, http_validation_error> list_files(const files_request& request,
                                                                  std::span<const file_record> records);

/// What the server sends for a request target.
struct files_response {
    int status = 200;   ///< 200, 422 or 404
    std::string body;   ///< the response body (FastAPI's bytes)
    std::string reason; ///< 404: why the target does not reach the endpoint
};

/// The whole endpoint: validate the target (parse_request<files_endpoint>), then list_files.
APIQUERY_DECL files_response respond_files(std::string_view target, std::span<const file_record> records);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/listing.ipp>
#endif
