// apiquery serve: the answers of the transport itself, for requests that never reach the request
// handler (docs/serve.md, "Status codes"). Each is `{"detail":"<phrase>"}` with Python's phrase for the
// status (http.HTTPStatus in Python 3.11, the phrase Starlette's HTTPException uses by default), sent
// with `Connection: close`, after which the connection is closed.
#pragma once

#include <string>
#include <string_view>

namespace apiquery::cli::serve {

/// The statuses the transport answers itself.
enum class transport_error : int {
    bad_request = 400,         ///< the request does not parse as HTTP/1.x
    payload_too_large = 413,   ///< a body longer than --max-body-bytes
    uri_too_long = 414,        ///< a target longer than --max-target-bytes, or a request line
                               ///< longer than --max-header-bytes
    header_too_large = 431,    ///< request line plus headers longer than --max-header-bytes
    internal_error = 500,      ///< the data source failed (database error)
    service_unavailable = 503, ///< --max-connections connections are open already
};

/// Python's phrase of the status.
constexpr std::string_view phrase(transport_error e) {
    switch (e) {
    case transport_error::bad_request:
        return "Bad Request";
    case transport_error::payload_too_large:
        return "Request Entity Too Large";
    case transport_error::uri_too_long:
        return "Request-URI Too Long";
    case transport_error::header_too_large:
        return "Request Header Fields Too Large";
    case transport_error::internal_error:
        return "Internal Server Error";
    case transport_error::service_unavailable:
        return "Service Unavailable";
    }
    return "Error";
}

/// The JSON body: `{"detail":"<phrase>"}`.
inline std::string error_body(transport_error e) {
    std::string out = "{\"detail\":\"";
    out += phrase(e);
    out += "\"}";
    return out;
}

} // namespace apiquery::cli::serve
