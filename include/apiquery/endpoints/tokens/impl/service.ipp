// apiquery: implementation of service.hpp.
#pragma once

#include <apiquery/endpoints/tokens/service.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL served_endpoint serve_tokens(std::span<const token_record> records, listing_options options) {
    return {"tokens", &tokens_route, [records, options](std::string_view target) {
                tokens_response r = respond_tokens(target, records, options);
                return response_text{r.status, std::move(r.body)};
            }};
}

APIQUERY_DECL tokens_response respond_tokens_sql(std::string_view target, sql::dialect d,
                                                 const sql::executor& run,
                                                 const sql::tokens_sql_options& options) {
    tokens_response out;
    auto request = parse_tokens_request(target);
    if (!request) {
        out.status = request.error().status;
        out.body = request.error().body();
        out.reason = request.error().reason;
        return out;
    }
    auto page = sql::list_tokens_sql(*request, d, run, options);
    if (!page) {
        out.status = page.error().status;
        if (out.status == 422) {
            out.body = json_text(page.error().body);
        } else {
            out.body = "{\"detail\":\"Internal Server Error\"}";
            out.reason = page.error().message;
        }
        return out;
    }
    out.body = json_text(*page);
    return out;
}

APIQUERY_DECL served_endpoint serve_tokens_sql(sql::dialect d, sql::executor run,
                                               sql::tokens_sql_options options) {
    return {"tokens", &tokens_route, [d, run = std::move(run), options](std::string_view target) {
                tokens_response r = respond_tokens_sql(target, d, run, options);
                return response_text{r.status, std::move(r.body)};
            }};
}

APIQUERY_DECL std::optional<std::string> next_tokens_target(const tokens_request& request,
                                                            const paginated_result<token>& page) {
    if (!page.has_more || page.data.empty())
        return std::nullopt;
    tokens_request next = request;
    next.before.reset();
    next.page_number.reset();
    next.after = page.data.back().api_token_id;
    auto target = to_target(next);
    if (!target)
        return std::nullopt;
    return std::move(*target);
}

} // namespace apiquery
