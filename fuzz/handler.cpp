// Fuzz target: the transport-agnostic server core (request_handler) over the tokens endpoint.
//
// The input is a request as a server hands it over: the first line is "METHOD TARGET", every further
// line a header "Name: value" (split at the first ':'). Invariants:
// - the status is one of 200, 307, 401, 404, 405, 422;
// - a JSON body (every status but 307) is one line of well-formed UTF-8 JSON, an object, with
//   content-type application/json; 307 has an empty body and a Location of printable ASCII;
// - 405 comes with Allow: GET; 401 with WWW-Authenticate: Bearer and only when keys are configured;
// - the answer does not depend on the thread or the call: a second handle() gives the same response.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/service.hpp>
#include <apiquery/service/handler.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

const std::vector<apiquery::token_record>& records() {
    static const auto r = apiquery::generate_sample_tokens(60, 3);
    return r;
}

void run(std::string_view input) {
    static const apiquery::request_handler open({apiquery::serve_tokens(records())});
    static const apiquery::request_handler locked = [] {
        apiquery::handler_options o;
        o.api_keys = {"fuzz-key"};
        return apiquery::request_handler({apiquery::serve_tokens(records())}, o);
    }();

    const std::size_t eol = input.find('\n');
    const std::string_view first = input.substr(0, eol);
    const std::size_t space = first.find(' ');
    const std::string_view method =
        space == std::string_view::npos ? std::string_view("GET") : first.substr(0, space);
    const std::string_view target = space == std::string_view::npos ? first : first.substr(space + 1);
    std::vector<apiquery::http_header> headers;
    std::string_view rest = eol == std::string_view::npos ? std::string_view{} : input.substr(eol + 1);
    while (!rest.empty() && headers.size() < 32) {
        const std::size_t e = rest.find('\n');
        const std::string_view line = rest.substr(0, e);
        rest = e == std::string_view::npos ? std::string_view{} : rest.substr(e + 1);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
    }

    for (const auto* h : {&open, &locked}) {
        const auto r = h->handle(method, target, headers);
        const int s = r.status;
        APIQUERY_FUZZ_ASSERT(s == 200 || s == 307 || s == 401 || s == 404 || s == 405 || s == 422);
        if (s == 307) {
            APIQUERY_FUZZ_ASSERT(r.body.empty());
            const std::string* location = r.header("location");
            APIQUERY_FUZZ_ASSERT(location != nullptr);
            for (char c : *location)
                APIQUERY_FUZZ_ASSERT(static_cast<unsigned char>(c) > 0x20 &&
                                     static_cast<unsigned char>(c) < 0x7F);
        } else {
            APIQUERY_FUZZ_ASSERT(r.body.find('\n') == std::string::npos);
            APIQUERY_FUZZ_ASSERT(apiquery::detail::utf8_is_valid(r.body));
            boost::system::error_code ec;
            const auto v = boost::json::parse(r.body, ec);
            APIQUERY_FUZZ_ASSERT(!ec && v.is_object());
            const std::string* type = r.header("content-type");
            APIQUERY_FUZZ_ASSERT(type != nullptr && *type == "application/json");
        }
        if (s == 405)
            APIQUERY_FUZZ_ASSERT(r.header("allow") != nullptr && *r.header("allow") == "GET");
        if (s == 401) {
            APIQUERY_FUZZ_ASSERT(h == &locked);
            APIQUERY_FUZZ_ASSERT(r.header("www-authenticate") != nullptr);
        }
        const auto again = h->handle(method, target, headers);
        APIQUERY_FUZZ_ASSERT(again.status == r.status && again.body == r.body && again.headers == r.headers);
    }
}

} // namespace

APIQUERY_FUZZ_ENTRY(run)
