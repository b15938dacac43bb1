// Fuzz target: query-string decoding and Get Workspace Tokens request validation.
//
// The input is a request target (when it starts with '/' or "http") or a raw query string for
// /api/v1/workspaces/w/token. Invariants:
// - decoded names and values are well-formed UTF-8, and query_params' lookup is the last field's value;
// - every answer is one line of well-formed JSON (the normalised request, or FastAPI's body);
// - a 422 body lists at least one element, each with a loc in "query"; a filter error's position is
//   within the filter;
// - client round trip: the target built from a validated request validates to the same request, with
//   and without defaults, with `+` or `%20` for spaces.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check_json_line(const std::string& text) {
    APIQUERY_FUZZ_ASSERT(text.find('\n') == std::string::npos);
    APIQUERY_FUZZ_ASSERT(apiquery::detail::utf8_is_valid(text));
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    APIQUERY_FUZZ_ASSERT(!ec);
    APIQUERY_FUZZ_ASSERT(v.is_object());
}

void run(std::string_view input) {
    // Decoding.
    apiquery::for_each_query_field(input, [](std::string_view n, std::string_view v) {
        APIQUERY_FUZZ_ASSERT(apiquery::detail::utf8_is_valid(n));
        APIQUERY_FUZZ_ASSERT(apiquery::detail::utf8_is_valid(v));
    });
    const apiquery::query_params params(input);
    for (const auto& f : params.fields()) {
        const std::string* last = params.get(f.name);
        APIQUERY_FUZZ_ASSERT(last != nullptr);
        for (auto it = params.fields().rbegin(); it != params.fields().rend(); ++it) {
            if (it->name == f.name) {
                APIQUERY_FUZZ_ASSERT(&it->value == last);
                break;
            }
        }
    }

    // Validation.
    const bool is_target = input.starts_with("/") || input.starts_with("http");
    const std::string target =
        is_target ? std::string(input) : "/api/v1/workspaces/w/token?" + std::string(input);
    const auto r = apiquery::parse_tokens_request(target);
    if (!r) {
        const std::string body = r.error().body();
        check_json_line(body);
        if (r.error().status == 422) {
            APIQUERY_FUZZ_ASSERT(!r.error().validation.detail.empty());
            for (const auto& e : r.error().validation.detail) {
                APIQUERY_FUZZ_ASSERT(e.loc.size() == 2);
                APIQUERY_FUZZ_ASSERT(std::get<std::string>(e.loc[0]) == "query");
                // A filter error's position lies within the filter text.
                if (e.type == "value_error" && std::get<std::string>(e.loc[1]) == "filter") {
                    const auto* pos = e.ctx->if_contains("position");
                    APIQUERY_FUZZ_ASSERT(pos != nullptr && pos->is_number());
                    APIQUERY_FUZZ_ASSERT(pos->to_number<std::size_t>() <= e.input->as_string().size());
                }
            }
        } else {
            APIQUERY_FUZZ_ASSERT(r.error().status == 404 && !r.error().reason.empty());
        }
        return;
    }
    check_json_line(apiquery::json_text(*r));

    // Client round trip.
    for (const apiquery::target_options opts :
         {apiquery::target_options{}, apiquery::target_options{true, false}}) {
        const auto built = apiquery::to_target(*r, opts);
        APIQUERY_FUZZ_ASSERT(built.has_value());
        const auto again = apiquery::parse_tokens_request(*built);
        APIQUERY_FUZZ_ASSERT(again.has_value());
        APIQUERY_FUZZ_ASSERT(*again == *r);
    }
}

} // namespace

APIQUERY_FUZZ_ENTRY(run)
