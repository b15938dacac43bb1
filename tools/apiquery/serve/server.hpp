// apiquery serve: the server: listens, accepts connections (plain or TLS) up to the limit, runs them on
// --threads threads, and stops on SIGINT or SIGTERM (no new connections; requests in flight finish
// within --shutdown-timeout).
#pragma once

#include "options.hpp"

#include <apiquery/service/handler.hpp>

#include <ostream>

namespace apiquery::cli::serve {

/// Serves `handler` until SIGINT or SIGTERM. Prints `apiquery serve: listening on http://HOST:PORT`
/// (https with TLS; PORT the bound one) to `out` when ready, and flushes it. Returns an exit status:
/// exit_ok after a signal; exit_io when the address cannot be bound or the certificate not read.
int run_server(const options& o, const request_handler& handler, std::ostream& out, std::ostream& err);

} // namespace apiquery::cli::serve
