// apiquery: the client side of cursor pagination, without a transport: which target to request next,
// what a page holds, and when to stop. A client program fetches each target with its own HTTP code.
//
//     const apiquery::endpoint_entry& e = ...;                  // e.g. the entry route_to found
//     apiquery::page_walk walk(e, "/api/v1/shops/s1/orders?limit=100");
//     while (!walk.done()) {
//         std::string body = http_get(walk.target());           // the client's transport; 200 only
//         auto records = walk.read(body);                       // checks the page, moves to the next
//         if (!records) { report(walk.page(), walk.target(), records.error()); break; }
//         for (const auto& r : *records) std::cout << r << "\n";
//     }
//
// A page is a 200 body `{"data":[...],"has_more":...,"total":...}` (PaginatedResult). The walk
// checks it with the endpoint's check_page when it declares one (the strict model), takes its records,
// and follows the endpoint's cursor_pagination (request/endpoint.hpp) while `has_more` is true. It stops
// with an error, never loops: a page that fails the check, a body that is not such a page, `has_more`
// true on a page without records, a last record without the cursor's fields, a next target already
// requested (the cursor does not advance), or more pages than the bound.
//
// Thread safety: the free functions are reentrant; a page_walk is one walk, used by one thread at a
// time.
//
// Documentation: docs/get.md (the `apiquery get --all` command built on it).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/value/result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace apiquery {

/// The records of a page body: the elements of its `data` array (the last `data` member, as pydantic
/// reads duplicates), each as its JSON text in the body with the whitespace outside strings removed (so
/// one line each, otherwise the bytes of the body). The error says what is wrong: not JSON (jiter's
/// message), not an object, no `data`, `data` not an array.
APIQUERY_DECL result<std::vector<std::string>, std::string> page_record_texts(std::string_view body);

/// The target of the page after the page `body` that `target` (origin form `/path?query`, or absolute
/// form) asked for, following `pagination`: nullopt when `has_more` is false. `has_more` is read as
/// pydantic reads a bool (lax). The error: not a page (as page_record_texts, or `has_more` missing or
/// not a bool), `has_more` true with no records, or a last record that is not an object or lacks a
/// cursor field (a cursor value is the field's string, or the digits of an integer).
APIQUERY_DECL result<std::optional<std::string>, std::string>
next_page_target(const cursor_pagination& pagination, std::string_view target, std::string_view body);

/// One walk over a listing by cursor, from a first target to the page whose `has_more` is false.
class page_walk {
public:
    /// The default bound on the number of pages of a walk.
    static constexpr std::size_t default_max_pages = 100000;

    /// A walk of `endpoint`'s listing from `first_target`. An endpoint without cursor pagination gives
    /// a walk of one page. `endpoint` must outlive the walk.
    APIQUERY_DECL page_walk(const endpoint_entry& endpoint, std::string first_target,
                            std::size_t max_pages = default_max_pages);

    /// Whether the walk has read its last page (or stopped at an error).
    [[nodiscard]] bool done() const noexcept { return done_; }
    /// The target to request next; after an error, the target of the page that failed.
    [[nodiscard]] const std::string& target() const noexcept { return target_; }
    /// The 1-based number of the page target() asks for (of the page that failed, after an error).
    [[nodiscard]] std::size_t page() const noexcept { return page_; }

    /// Reads the 200 body of the page target() asked for: its records (page_record_texts), after the
    /// endpoint's check; moves to the next page, or ends the walk. On error the walk is done and the
    /// message says why (the check's errors as `{"detail":[...]}`).
    APIQUERY_DECL result<std::vector<std::string>, std::string> read(std::string_view body);

private:
    const endpoint_entry* endpoint_;
    std::string target_;
    std::size_t page_ = 1;
    std::size_t max_pages_;
    bool done_ = false;
    std::unordered_map<std::string, std::size_t> requested_; ///< target -> its page number
};

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/model/impl/page_walk.ipp>
#endif
