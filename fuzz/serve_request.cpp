// Fuzz target: the request path of `apiquery serve` from raw bytes, without the socket: Boost.Beast's
// request parser with the server's limits (small here, so that inputs reach them), then the exchange
// of tools/apiquery/serve/exchange.hpp (a read error's transport answer, or the request handler's
// response) over the tokens endpoint in memory, request after request while the connection would stay
// open (pipelining). Invariants:
// - a parse error of the HTTP parser always gets an answer of the transport (400, 413, 414, 431), JSON
//   `{"detail":"..."}` with Connection: close, and ends the connection;
// - a complete request gets a status the handler or the transport gives (200, 307, 401, 404, 405, 414,
//   422), a Content-Length equal to the body's length (HEAD: no body, the GET's length), and the
//   response serializes;
// - at most 64 requests per input, every one consuming input (no loop without progress); up to
//   max_leading_empty_lines empty lines (CRLF) before each are dropped, as the session does.
#include "../tools/apiquery/serve/exchange.hpp"
#include "fuzz_support.hpp"

#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/service.hpp>

#include <boost/asio/buffer.hpp>

#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace serve = apiquery::cli::serve;
namespace http = boost::beast::http;

const apiquery::request_handler& handler() {
    static const auto records = apiquery::generate_sample_tokens(40, 5);
    static const apiquery::request_handler h({apiquery::serve_tokens(records)});
    return h;
}

bool is_transport_json(const serve::response& r) {
    return r.body().starts_with("{\"detail\":\"") && r.body().ends_with("\"}") && !r.keep_alive();
}

void run(std::string_view input) {
    serve::limits l;
    l.header_bytes = 1024;
    l.target_bytes = 512;
    l.body_bytes = 32;
    std::vector<apiquery::http_header> scratch;
    for (int n = 0; n < 64 && !input.empty(); ++n) {
        // The session drops empty lines before a request line, as here.
        input.remove_prefix(serve::leading_empty_lines(input, serve::max_leading_empty_lines));
        if (input.empty())
            return;
        http::request_parser<http::string_body> p;
        serve::apply_limits(p, l);
        p.eager(true);
        boost::beast::error_code ec;
        std::size_t used = 0;
        for (;;) {
            ec = {};
            const std::size_t k = p.put(boost::asio::buffer(input.data() + used, input.size() - used), ec);
            used += k;
            // (a parse that ends a stage, the header say, returns without an error before the message
            // is done: the server's read goes on with the rest, so does this loop)
            const bool more = ec == http::error::need_more || (!ec && !p.is_done());
            if (more && k > 0 && used < input.size())
                continue;
            break;
        }
        if (ec == http::error::need_more || (!ec && !p.is_done()))
            return; // the request is not complete: the server would wait for more (then time out)
        if (ec) {
            const auto e = serve::read_error_answer(ec, p.get(), input.substr(used), l);
            APIQUERY_FUZZ_ASSERT(e.has_value());
            const auto r = serve::error_response(*e);
            const int s = static_cast<int>(*e);
            APIQUERY_FUZZ_ASSERT(s == 400 || s == 413 || s == 414 || s == 431);
            APIQUERY_FUZZ_ASSERT(is_transport_json(r));
            return; // Connection: close
        }
        APIQUERY_FUZZ_ASSERT(p.is_done() && used > 0);
        input.remove_prefix(used);
        const auto& req = p.get();
        serve::response r;
        std::size_t bytes = 0;
        if (const auto e = serve::check_request(req, l)) {
            r = serve::error_response(*e);
            APIQUERY_FUZZ_ASSERT(*e == serve::transport_error::uri_too_long && is_transport_json(r));
        } else {
            r = serve::answer_request(handler(), req, true, scratch, bytes);
            const int s = r.result_int();
            APIQUERY_FUZZ_ASSERT(s == 200 || s == 307 || s == 401 || s == 404 || s == 405 || s == 422);
            const auto length = r[http::field::content_length];
            APIQUERY_FUZZ_ASSERT(length == std::to_string(bytes));
            APIQUERY_FUZZ_ASSERT(req.method() == http::verb::head ? r.body().empty()
                                                                  : r.body().size() == bytes);
        }
        std::ostringstream wire;
        wire << r;
        APIQUERY_FUZZ_ASSERT(wire.str().starts_with("HTTP/1."));
        if (!r.keep_alive())
            return;
    }
}

} // namespace

APIQUERY_FUZZ_ENTRY(run)
