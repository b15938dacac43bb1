// Fuzz target: a Get Workspace Tokens 200 body read as a pydantic client would (response_check.hpp),
// and the jiter-exact JSON reader underneath it (pydantic_json.hpp).
//
// Invariants (on a 256 KiB stack):
// - the reader either accepts, or fails with jiter's error at an index inside the input, and what it
//   accepts echoes (to_value -> json_text) to a text it reads back to the same echo;
// - the check never crashes; every error has a type, a message and a loc; `json_invalid` comes alone,
//   at loc [] and exactly when the reader rejects the text; every 422 body is well-formed JSON;
// - a body that checks clean parses into the typed page (unless `total` is beyond 64 bits, which the
//   typed page reports as its only error), and the typed page written back checks clean, parses to an
//   equal page and writes the same bytes again (the direct writer and Boost.JSON's value_from + json_text
//   agree); a body with errors never parses.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check_reader(std::string_view text) {
    const auto doc = apiquery::parse_pydantic_json(text);
    if (!doc) {
        APIQUERY_FUZZ_ASSERT(doc.error().index <= text.size());
        APIQUERY_FUZZ_ASSERT(!doc.error().message.empty());
        return;
    }
    const std::string echo = apiquery::json_text(apiquery::to_value(doc->root()));
    const auto again = apiquery::parse_pydantic_json(echo);
    APIQUERY_FUZZ_ASSERT(again.has_value());
    APIQUERY_FUZZ_ASSERT(apiquery::json_text(apiquery::to_value(again->root())) == echo);
}

void check_body(std::string_view text) {
    const auto errors = apiquery::check_token_page(text);
    const bool json_ok = apiquery::parse_pydantic_json(text).has_value();
    for (const auto& e : errors) {
        APIQUERY_FUZZ_ASSERT(!e.type.empty() && !e.msg.empty() && e.input.has_value());
        if (e.type == "json_invalid") {
            APIQUERY_FUZZ_ASSERT(errors.size() == 1 && e.loc.empty() && !json_ok);
        }
    }
    APIQUERY_FUZZ_ASSERT(json_ok || errors.size() == 1);
    if (!errors.empty()) {
        // The 422 text is JSON that Boost.JSON reads (it may hold NaN/Infinity echoes, which only
        // jiter reads: check with it then).
        const std::string report = apiquery::check_response_body(text);
        APIQUERY_FUZZ_ASSERT(!report.empty());
        APIQUERY_FUZZ_ASSERT(apiquery::parse_pydantic_json(report).has_value());
    }

    const auto page = apiquery::parse_token_page(text);
    if (!errors.empty()) {
        APIQUERY_FUZZ_ASSERT(!page.has_value());
        return;
    }
    if (!page) {
        // Valid for pydantic, not representable: total beyond int64.
        APIQUERY_FUZZ_ASSERT(page.error().size() == 1);
        APIQUERY_FUZZ_ASSERT(page.error()[0].type == "value_error");
        APIQUERY_FUZZ_ASSERT(page.error()[0].loc == apiquery::make_loc({"total"}));
        return;
    }
    const std::string written = apiquery::json_text(*page);
    APIQUERY_FUZZ_ASSERT(written == apiquery::json_text(boost::json::value_from(*page)));
    APIQUERY_FUZZ_ASSERT(apiquery::check_token_page(written).empty());
    const auto back = apiquery::parse_token_page(written);
    APIQUERY_FUZZ_ASSERT(back.has_value());
    APIQUERY_FUZZ_ASSERT(*back == *page);
    APIQUERY_FUZZ_ASSERT(apiquery::json_text(*back) == written);
    (void)boost::json::parse(written); // what the API writes is plain JSON
}

} // namespace

namespace {
void check(std::string_view text) {
    check_reader(text);
    check_body(text);
}
} // namespace

APIQUERY_FUZZ_ENTRY(check)
