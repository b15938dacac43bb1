// apiquery: the listing engine of Get Workspace Tokens: from a validated request and the server's
// records to the page the server sends (`PaginatedResult[Token]`), in one call.
//
//     auto req = apiquery::parse_tokens_request("/api/v1/workspaces/production/token?limit=5&order=ASC");
//     auto page = apiquery::list_tokens(*req, records);      // paginated_result<token> or the 422 body
//     std::string body = apiquery::json_text(*page);         // the 200 body, FastAPI's bytes
//
// THE ORDERING RULES (the SQL translation reproduces them exactly; docs/listing.md):
// 1. Scope: only records whose `workspaces` is exactly `[{"name": workspace_name}]` (one entry, equal
//    byte for byte) and whose `all_workspaces` is false take part; everything below is about them.
// 2. Filter: the request's filter, checked against the profile (listing_options::profile, `tokens` by
//    default) and compiled once (filter_eval.hpp); records where it is not true are dropped. `total` is the
//    number of records left (the page size does not matter).
// 3. Sort key: (field, api_token_id). `name` and `role` compare by code point (UTF-8 byte order),
//    `created_at` and `expires_at` as instants, `api_token_id` by its 16 bytes (the order of the
//    lower-case canonical text). A null `expires_at` (a token that does not expire) counts as LATER
//    than every date-time: NULLS LAST in ASC and NULLS FIRST in DESC, PostgreSQL's default; in SQLite
//    write `expires_at ASC NULLS LAST` / `expires_at DESC NULLS FIRST`.
// 4. Direction: ASC sorts by the key ascending; DESC is exactly the reverse, the tie-breaker included
//    (`ORDER BY created_at DESC, api_token_id DESC`). So the order is total and strict: no two records
//    have the same key, and every record has one position.
// 5. Pages (L = max(limit, 0); the filtered, sorted records are S):
//    - no cursor, no page_number: S[0, L); has_more = |S| > L.
//    - page_number n (1-based): S[(n-1)L, nL); pages past the end are empty (has_more false); any n,
//      however large, works (no overflow).
//    - after=ID: the records of S strictly after the cursor record's key, first L of them;
//      has_more = more than L records follow the cursor.
//    - before=ID: the records of S strictly before the cursor record's key; the L NEAREST to the cursor
//      (the last L in the order), returned in the requested order; has_more = more than L records
//      precede the cursor.
//    - limit <= 0: an empty `data`; `total` as always; has_more says whether any record lies beyond the
//      (empty) page in the direction of travel.
// 6. Cursor: ID must be the api_token_id of a record in the workspace scope (rule 1); it need NOT match
//    the filter (its key is a position, as in keyset pagination, so a record that stopped matching still
//    works as a cursor). Otherwise: 422 `value_error` on `["query","after"]` / `["query","before"]`,
//    input the cursor in canonical text, message "cursor does not match any token of workspace '<w>'".
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/record.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// The record model of token_record for the filter evaluator: the fields of the tokens profile
/// (`name`, `role`, `organization_role`, `personal`, `expires`, `expires_at`, `created_at`,
/// `api_token_id`, `all_workspaces`, `user/given_name`, `user/family_name`) plus `masked_token` and
/// the collection `workspaces` (items with `name`), for the `full` profile's lambdas.
APIQUERY_DECL const eval::record_model& token_record_model() noexcept;

/// The model of a token_record's JSON form (boost::json::object, as tag_invoke writes it) with the same
/// declared types (`created_at`, `expires_at` date-times, `api_token_id` a GUID), so a filter gives
/// the same answer on a record and on its JSON.
APIQUERY_DECL const eval::record_model& token_json_model() noexcept;

/// Compiles a filter for token records (token_record_model()).
inline result<compiled_filter, filter_compile_error>
compile_token_filter(const filter_ast& ast, const compile_options& options = {}) {
    return compile_filter(ast, token_record_model(), options);
}

/// Rule 1: the record is listed for `workspace`.
APIQUERY_DECL bool in_workspace_scope(const token_record& r, std::string_view workspace) noexcept;

/// Rules 3 and 4: true when `a` comes before `b` in the listing order (a strict total order as long as
/// api_token_ids are unique).
APIQUERY_DECL bool listing_before(const token_record& a, const token_record& b, token_sort_field field,
                                  sort_order order) noexcept;

/// Options of list_tokens.
struct listing_options {
    /// Passed to compile_filter (the instant `now()` means).
    compile_options compile;
    /// The profile the filter is checked against before it is compiled: the endpoint's (`tokens`:
    /// eq, ge, and). A server that accepts more passes its own (profiles::full allows everything the
    /// engine evaluates). Must not be null.
    const profile_view* profile = &profiles::tokens;
};

/// The whole server-side flow for a validated request: scope, filter, sort, paginate (rules 1-6).
/// Returns the page, or the 422 body for a cursor that matches no record, or for a filter that does not
/// parse, pass the profile or compile (parse_tokens_request rejects those already for the `tokens`
/// profile: a `value_error` on `["query","filter"]` with ctx `position`, the byte offset).
/// Records are not modified; the page holds copies of the listed tokens (`meta`, never `created_at`).
/// Cost: one filter pass over the records (O(N)), then O(N) selection and O(L log L) sorting of the
/// page (nth_element / partial_sort), not a full sort.
APIQUERY_DECL result<paginated_result<token>, http_validation_error>
list_tokens(const tokens_request& request, std::span<const token_record> records,
            const listing_options& options = {});

/// What the server sends for a request target.
struct tokens_response {
    int status = 200;   ///< 200, 422 or 404
    std::string body;   ///< the response body (FastAPI's bytes)
    std::string reason; ///< 404: why the target does not reach the endpoint
};

/// The whole endpoint: validate the target (parse_tokens_request), then list_tokens.
APIQUERY_DECL tokens_response respond_tokens(std::string_view target, std::span<const token_record> records,
                                             const listing_options& options = {});

/// Reads a data file's text: a JSON array of token records (the Token members and `created_at`, as
/// tag_invoke(token_record) writes them). The error names the first bad element and what is wrong.
APIQUERY_DECL result<std::vector<token_record>, std::string> parse_token_records(std::string_view json);

/// Writes records as a data file: a JSON array, one record per line.
APIQUERY_DECL std::string token_records_json(std::span<const token_record> records);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/listing.ipp>
#endif
