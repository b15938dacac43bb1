// client (http_client.hpp): Beast's asynchronous operations run one at a time on a private io_context,
// so that each is bounded by the stream's timer (beast::tcp_stream::expires_after).
#include "http_client.hpp"

#include <apiquery/config.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <utility>

namespace apiquery::cli::http_client {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

client_error error_of(failure kind, std::string message) {
    return {kind, std::move(message)};
}

std::string seconds_text(std::chrono::milliseconds d) {
    std::string s = std::to_string(d.count() / 1000);
    if (const auto ms = d.count() % 1000; ms != 0) {
        std::string frac = std::to_string(ms + 1000).substr(1);
        while (frac.back() == '0')
            frac.pop_back();
        s += '.';
        s += frac;
    }
    return s + " s";
}

bool closed_by_peer(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == ssl::error::stream_truncated;
}

} // namespace

struct client::impl {
    url origin;
    client_options options;
    asio::io_context ioc;
    std::optional<ssl::context> tls_context;
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    bool open = false;
    std::size_t opened = 0;
    std::optional<client_error> setup_error;

    impl(url u, client_options o) : origin(std::move(u)), options(std::move(o)) {
        if (!origin.tls)
            return;
        tls_context.emplace(ssl::context::tls_client);
        beast::error_code ec;
        if (options.insecure) {
            tls_context->set_verify_mode(ssl::verify_none);
        } else if (options.cacert) {
            if (!std::ifstream(*options.cacert)) {
                setup_error = error_of(failure::setup, "cannot read the --cacert file " + *options.cacert);
                return;
            }
            tls_context->load_verify_file(*options.cacert, ec);
            if (ec)
                setup_error =
                    error_of(failure::setup, "the --cacert file " + *options.cacert +
                                                 " holds no usable PEM certificate (" + ec.message() + ")");
            tls_context->set_verify_mode(ssl::verify_peer);
        } else {
            tls_context->set_default_verify_paths(ec);
            if (ec)
                setup_error = error_of(failure::setup, "cannot load the system's CA certificates (" +
                                                           ec.message() + "); use --cacert FILE");
            tls_context->set_verify_mode(ssl::verify_peer);
        }
    }

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    /// Runs one asynchronous operation to its end; its error code.
    template <class Start>
    beast::error_code run(Start&& start) {
        beast::error_code result = asio::error::would_block;
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    void close() {
        if (secure)
            beast::get_lowest_layer(*secure).close();
        if (plain)
            plain->close();
        secure.reset();
        plain.reset();
        buffer.clear();
        open = false;
    }

    std::optional<client_error> connect() {
        close();
        tcp::resolver resolver(ioc);
        beast::error_code ec;
        const auto endpoints = resolver.resolve(origin.host, origin.port, ec);
        if (ec)
            return error_of(failure::connect, "cannot resolve " + origin.host + ": " + ec.message());
        if (origin.tls)
            secure.emplace(ioc, *tls_context);
        else
            plain.emplace(ioc);
        lowest().expires_after(options.connect_timeout);
        ec = run([&](auto handler) { lowest().async_connect(endpoints, std::move(handler)); });
        ++opened;
        if (ec == beast::error::timeout)
            return error_of(failure::timeout,
                            "cannot connect to " + origin.origin + ": no connection within " +
                                seconds_text(options.connect_timeout) + " (--connect-timeout)");
        if (ec)
            return error_of(failure::connect, "cannot connect to " + origin.origin + ": " + ec.message());
        if (origin.tls) {
            if (auto e = handshake())
                return e;
        }
        open = true;
        return std::nullopt;
    }

    std::optional<client_error> handshake() {
        SSL* native = secure->native_handle();
        beast::error_code ec;
        asio::ip::make_address(origin.host, ec);
        const bool is_address = !ec;
        if (!is_address && SSL_set_tlsext_host_name(native, origin.host.c_str()) != 1)
            return error_of(failure::tls, "cannot set the TLS server name " + origin.host);
        if (!options.insecure) {
            X509_VERIFY_PARAM* param = SSL_get0_param(native);
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            const int ok = is_address ? X509_VERIFY_PARAM_set1_ip_asc(param, origin.host.c_str())
                                      : X509_VERIFY_PARAM_set1_host(param, origin.host.c_str(), 0);
            if (ok != 1)
                return error_of(failure::tls, "cannot verify the host name " + origin.host);
        }
        lowest().expires_after(options.connect_timeout);
        ec =
            run([&](auto handler) { secure->async_handshake(ssl::stream_base::client, std::move(handler)); });
        if (ec == beast::error::timeout)
            return error_of(failure::timeout, "TLS handshake with " + origin.origin + ": no answer within " +
                                                  seconds_text(options.connect_timeout) +
                                                  " (--connect-timeout)");
        if (ec) {
            const long verify = SSL_get_verify_result(native);
            if (!options.insecure && verify != X509_V_OK)
                return error_of(failure::tls,
                                "TLS: the certificate of " + origin.origin +
                                    " is not trusted: " + X509_verify_cert_error_string(verify) +
                                    " (use --cacert FILE to trust a certificate, or --insecure)");
            return error_of(failure::tls, "TLS handshake with " + origin.origin + " failed: " + ec.message());
        }
        return std::nullopt;
    }

    /// One request on the open connection; `reused` when the connection served a request before.
    result<response, client_error> exchange(const http::request<http::empty_body>& request, bool reused,
                                            bool& retry) {
        retry = false;
        lowest().expires_after(options.request_timeout);
        beast::error_code ec = run([&](auto handler) {
            if (secure)
                http::async_write(*secure, request, std::move(handler));
            else
                http::async_write(*plain, request, std::move(handler));
        });
        http::response_parser<http::string_body> parser;
        parser.body_limit(options.max_body);
        parser.header_limit(64 * 1024);
        if (!ec)
            ec = run([&](auto handler) {
                if (secure)
                    http::async_read(*secure, buffer, parser, std::move(handler));
                else
                    http::async_read(*plain, buffer, parser, std::move(handler));
            });
        if (!ec) {
            const auto& m = parser.get();
            response r{static_cast<int>(m.result_int()), std::move(parser.get().body())};
            if (!parser.get().keep_alive())
                close();
            return r;
        }
        const bool nothing = !parser.got_some();
        close();
        if (reused && nothing && closed_by_peer(ec)) {
            retry = true;
            return unexpected{error_of(failure::connect, ec.message())};
        }
        const std::string where = origin.origin + std::string(request.target());
        if (ec == beast::error::timeout)
            return unexpected{error_of(failure::timeout, where + ": no complete response within " +
                                                             seconds_text(options.request_timeout) +
                                                             " (--timeout)")};
        if (ec == http::error::body_limit)
            return unexpected{error_of(failure::protocol, where + ": the response body is larger than " +
                                                              std::to_string(options.max_body) +
                                                              " bytes (--max-body)")};
        if (ec == http::error::partial_message || (closed_by_peer(ec) && !nothing))
            return unexpected{error_of(failure::protocol,
                                       where + ": the connection was closed before the end of the response")};
        if (closed_by_peer(ec))
            return unexpected{error_of(failure::protocol, where +
                                                              ": the server closed the connection without "
                                                              "answering (" +
                                                              ec.message() + ")")};
        if (ec.category() == http::make_error_code(http::error::bad_version).category())
            return unexpected{error_of(failure::protocol,
                                       where + ": not a valid HTTP/1.x response (" + ec.message() + ")")};
        return unexpected{error_of(failure::connect, where + ": " + ec.message())};
    }
};

client::client(url origin, client_options options)
    : impl_(std::make_unique<impl>(std::move(origin), std::move(options))) {}

client::~client() = default;

std::size_t client::connections_opened() const noexcept {
    return impl_->opened;
}

result<response, client_error> client::get(const std::string& target, std::span<const header_field> headers) {
    impl& s = *impl_;
    if (s.setup_error)
        return unexpected{*s.setup_error};
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, s.origin.host_header);
    request.set(http::field::user_agent, "apiquery/" APIQUERY_VERSION_STRING);
    for (const auto& h : headers)
        request.insert(h.name, h.value);
    request.keep_alive(true);
    for (int attempt = 0;; ++attempt) {
        const bool reused = s.open;
        if (!s.open)
            if (auto e = s.connect())
                return unexpected{std::move(*e)};
        bool retry = false;
        auto r = s.exchange(request, reused, retry);
        if (!retry || attempt > 0)
            return r;
    }
}

} // namespace apiquery::cli::http_client
