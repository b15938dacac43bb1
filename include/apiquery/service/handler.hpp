// apiquery: the transport-agnostic core of an HTTP server for list endpoints: a request (method,
// target, headers) in, the response (status, headers, body) out, exactly as the FastAPI service
// answers. A server wraps it in its transport (sockets, HTTP parsing, TLS); tests call it directly.
//
//     apiquery::request_handler h({my_served_endpoint});   // e.g. an endpoint's serve_...(records)
//     apiquery::http_response r = h.handle("GET", "/api/v1/things?limit=5", headers);
//     // r.status 200, r.headers {content-type: application/json}, r.body the page
//
// THE RULES (Starlette's router inside a FastAPI application; docs/service.md):
// 1. Routing: the path of the target (split_request_target) is matched against every endpoint's
//    route, in order (match_route). A GET on a matching route is the endpoint's answer (200, 422).
// 2. Another method on a matching path (HEAD included: FastAPI does not add HEAD to GET routes) is 405
//    `{"detail":"Method Not Allowed"}` with `Allow: GET`.
// 3. No route matches: a path other than `/` that ends in `/` and matches some route once its trailing
//    slashes are removed is a 307 redirect (any method) to that path, the query kept, as an absolute URL
//    built from the scheme and the Host header (`http://HOST/path?query`; without a Host header, the
//    handler's default host); otherwise 404 `{"detail":"Not Found"}`.
// 4. With API keys configured, a request routed to an endpoint (rule 1) needs `Authorization: Bearer
//    KEY` with one of the keys (the scheme is case-insensitive, the key compared in constant time);
//    otherwise 401 `{"detail":"Not authenticated"}` with `WWW-Authenticate: Bearer`, before the
//    query is validated (FastAPI's security dependency runs before the parameters are checked).
//    Rules 2 and 3 answer without credentials, as routing happens before dependencies.
// JSON bodies have `content-type: application/json`; the transport adds Content-Length.
//
// Thread safety: handle() is const and may be called from several threads at once, as long as each
// endpoint's answer function may (the built-in ones over in-memory records may).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/route.hpp>

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// One header field.
struct http_header {
    std::string name;
    std::string value;
    friend bool operator==(const http_header&, const http_header&) = default;
};

/// A response as the core produces it.
struct http_response {
    int status = 200;
    std::vector<http_header> headers; ///< in the order to send them; no Content-Length
    std::string body;

    /// The value of the first header with this name (case-insensitive), or nullptr.
    [[nodiscard]] APIQUERY_DECL const std::string* header(std::string_view name) const noexcept;
};

/// An endpoint as the handler serves it: its name, its route, and its answer to a GET target whose path
/// matched the route (status 200 or 422 and the body), over whatever data source it was made with.
struct served_endpoint {
    std::string_view name;
    const route_template* route = nullptr;
    std::function<response_text(std::string_view target)> answer;
};

/// Options of request_handler.
struct handler_options {
    /// Accepted API keys (`Authorization: Bearer KEY`); empty: no authentication.
    std::vector<std::string> api_keys;
    /// `http` or `https`, for redirect locations.
    std::string scheme = "http";
    /// The host of redirect locations when the request has no Host header.
    std::string default_host = "127.0.0.1";
};

/// The request handler (rules above).
class request_handler {
public:
    APIQUERY_DECL explicit request_handler(std::vector<served_endpoint> endpoints,
                                           handler_options options = {});

    /// The response to one request. `headers` as received (names in any case).
    [[nodiscard]] APIQUERY_DECL http_response handle(std::string_view method, std::string_view target,
                                                     std::span<const http_header> headers) const;

    [[nodiscard]] const std::vector<served_endpoint>& endpoints() const noexcept { return endpoints_; }

private:
    std::vector<served_endpoint> endpoints_;
    handler_options options_;
};

/// True when `a` and `b` are equal, in a time that depends on their lengths only (for secrets).
[[nodiscard]] APIQUERY_DECL bool equal_constant_time(std::string_view a, std::string_view b) noexcept;

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/service/impl/handler.ipp>
#endif
