// apiquery serve: one request-response exchange without the socket: what a read error means (an
// answer of the transport, or closing without one), and the response to a parsed request (the request
// handler's, as a Beast message). The session (session.hpp) calls these on what it reads; the fuzz
// target fuzz/serve_request.cpp calls them on raw bytes through the same Beast parser and limits.
#pragma once

#include "options.hpp"
#include "transport_errors.hpp"

#include <apiquery/service/handler.hpp>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::cli::serve {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// A request parser with the limits of `l`.
inline void apply_limits(http::request_parser<http::string_body>& p, const limits& l) {
    p.header_limit(static_cast<std::uint32_t>(l.header_bytes));
    p.body_limit(l.body_bytes);
}

/// After header_limit: whether the request line is what is too long (414) rather than the headers
/// (431): its target is longer than target_bytes, or the line has no end within the limit. `partial` is
/// what the parser has read (Beast may or may not have parsed the request line by then, depending on how
/// the bytes arrived), `buffered` the bytes it has not consumed.
inline bool request_line_too_long(const request& partial, std::string_view buffered, const limits& l) {
    if (!partial.method_string().empty() || partial.method() != http::verb::unknown)
        return partial.target().size() > l.target_bytes;
    const auto eol = buffered.find('\n');
    if (eol == std::string_view::npos)
        return true;
    const std::string_view line = buffered.substr(0, eol);
    const auto sp = line.find(' ');
    const auto target = sp == std::string_view::npos ? std::string_view{} : line.substr(sp + 1);
    return target.substr(0, target.find(' ')).size() > l.target_bytes;
}

/// The most empty lines (CRLF) dropped before a request line: RFC 9112, section 2.2, says a server
/// SHOULD ignore at least one (some clients send a CRLF after a request's body). Past that many, the
/// parser sees them and the answer is 400; a bare LF is never an empty line here (Beast refuses bare LF).
inline constexpr std::size_t max_leading_empty_lines = 4;

/// The number of bytes of the empty lines (CRLF) at the start of `buffered`, at most `lines` of them.
inline std::size_t leading_empty_lines(std::string_view buffered, std::size_t lines) {
    std::size_t n = 0;
    for (; lines > 0 && buffered.substr(n, 2) == "\r\n"; --lines)
        n += 2;
    return n;
}

/// The transport's answer to a read that failed with the HTTP parser's error `ec`; nullopt when `ec` is
/// not a parse error (the client left, a timeout, a socket or TLS error): close without answering.
inline std::optional<transport_error> read_error_answer(boost::beast::error_code ec, const request& partial,
                                                        std::string_view buffered, const limits& l) {
    if (ec == http::error::header_limit)
        return request_line_too_long(partial, buffered, l) ? transport_error::uri_too_long
                                                           : transport_error::header_too_large;
    if (ec == http::error::body_limit)
        return transport_error::payload_too_large;
    if (ec == http::error::buffer_overflow)
        return transport_error::header_too_large;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return std::nullopt; // the client left, before or in the middle of a request
    if (ec.category() == http::make_error_code(http::error::bad_target).category())
        return transport_error::bad_request;
    return std::nullopt;
}

/// The transport's answer to a complete request that passes a limit the parser does not know (the
/// target's length); nullopt: the handler answers it.
inline std::optional<transport_error> check_request(const request& req, const limits& l) {
    if (req.target().size() > l.target_bytes)
        return transport_error::uri_too_long;
    return std::nullopt;
}

/// The transport's own answer: `{"detail":"<phrase>"}`, Connection: close.
inline response error_response(transport_error e) {
    response res;
    res.version(11);
    res.result(static_cast<unsigned>(e));
    res.set(http::field::content_type, "application/json");
    res.body() = error_body(e);
    res.keep_alive(false);
    res.prepare_payload();
    return res;
}

/// The handler's answer to `req`, as the response to write: its status, headers and body, Content-Length,
/// keep-alive when the request asks for it and `may_keep_alive`; for HEAD the headers only (with the
/// Content-Length a GET would get). A data source that throws gives 500 `{"detail":"Internal Server
/// Error"}`, the reason written to standard error. `headers` is scratch storage (reused between calls);
/// `body_bytes` receives the body's length, for the access log.
inline response answer_request(const request_handler& handler, const request& req, bool may_keep_alive,
                               std::vector<http_header>& headers, std::size_t& body_bytes) {
    headers.clear();
    for (const auto& f : req)
        headers.push_back({std::string(f.name_string()), std::string(f.value())});
    http_response r;
    try {
        r = handler.handle(req.method_string(), req.target(), headers);
    } catch (const std::exception& e) {
        std::string line = "apiquery serve: error: ";
        line += e.what();
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stderr);
        r = http_response{
            500, {{"content-type", "application/json"}}, error_body(transport_error::internal_error)};
    }
    response res;
    res.version(req.version() == 10 ? 10 : 11);
    res.result(static_cast<unsigned>(r.status));
    for (auto& h : r.headers)
        res.insert(h.name, h.value);
    body_bytes = r.body.size();
    res.body() = std::move(r.body);
    res.keep_alive(req.keep_alive() && may_keep_alive);
    res.prepare_payload();
    if (req.method() == http::verb::head)
        res.body().clear(); // Content-Length stays: what a GET would have sent
    return res;
}

} // namespace apiquery::cli::serve
