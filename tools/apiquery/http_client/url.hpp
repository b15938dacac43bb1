// An http:// or https:// URL as `apiquery get` takes it: the origin to connect to and the request target
// to send.
#pragma once

#include <apiquery/value/result.hpp>

#include <string>
#include <string_view>

namespace apiquery::cli::http_client {

/// A parsed URL.
struct url {
    bool tls = false;        ///< https
    std::string host;        ///< the host name or address to connect to (an IPv6 address without brackets)
    std::string port;        ///< the port (80 or 443 when the URL gives none)
    std::string host_header; ///< the Host header: the URL's host, with `:port` when the URL gives one
    std::string target;      ///< the origin-form request target: path (at least `/`) and `?query`
    std::string origin;      ///< `scheme://host[:port]`, for messages
};

/// Reads `http://HOST[:PORT][/PATH][?QUERY]` or `https://...`. The scheme is case-insensitive; the
/// path and query are sent as written (percent-encoding is the caller's); a `#fragment` is dropped (it
/// is never sent). Refused, with the reason: another scheme, user information (`user@`), an empty or
/// malformed host, a port that is not 1 to 65535, and any space, control character or non-ASCII byte.
result<url, std::string> parse_url(std::string_view text);

} // namespace apiquery::cli::http_client
