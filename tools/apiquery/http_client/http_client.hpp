// An HTTP/1.1 client for one origin (Boost.Beast over Asio; HTTPS through OpenSSL): GET requests, one
// connection kept alive across them, every step bounded in time and the response in size.
//
// TLS: the server's certificate is verified against the system's CA store (or only the certificates of
// `cacert`), and must be for the URL's host (its DNS name, or its IP address for a URL with an address);
// SNI is sent for names. `insecure` skips both checks.
//
// Redirects are not followed: a 3xx is a response like any other.
//
// Not thread-safe: one client per thread.
#pragma once

#include "url.hpp"

#include <apiquery/value/result.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace apiquery::cli::http_client {

/// Options of a client.
struct client_options {
    /// The TCP connection, and again the TLS handshake (name resolution is the system resolver's).
    std::chrono::milliseconds connect_timeout{10000};
    /// One request: from sending it to the last byte of the response.
    std::chrono::milliseconds request_timeout{30000};
    /// The largest response body accepted.
    std::size_t max_body = 64u << 20;
    /// A PEM file of trusted certificates, instead of the system's CA store.
    std::optional<std::string> cacert;
    /// Skip the verification of the server's certificate and host name.
    bool insecure = false;
};

/// A header field to send.
struct header_field {
    std::string name;
    std::string value;
};

/// A response received.
struct response {
    int status = 0;
    std::string body;
};

/// Why a request got no response.
enum class failure {
    connect,  ///< the host cannot be resolved or reached, or the connection broke
    timeout,  ///< a timeout expired (connecting, TLS handshake, or the request)
    tls,      ///< the TLS handshake failed: certificate not trusted or not for this host, or no TLS
    protocol, ///< the answer is not an HTTP/1.x response, is larger than max_body, or ends early
    setup,    ///< the options cannot be used (the cacert file cannot be read)
};

struct client_error {
    failure kind = failure::connect;
    std::string message;
};

class client {
public:
    client(url origin, client_options options);
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    /// GET `target` (origin form) with `Host`, `User-Agent` and `headers`. Opens a connection when none is
    /// open; a kept-alive connection that the server closed before answering is reopened once.
    result<response, client_error> get(const std::string& target, std::span<const header_field> headers);

    /// How many connections were opened so far (keep-alive: 1 for a walk over one connection).
    [[nodiscard]] std::size_t connections_opened() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace apiquery::cli::http_client
