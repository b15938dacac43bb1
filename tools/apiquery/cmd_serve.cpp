// apiquery serve [OPTIONS]: an HTTP/1.1 server answering every built-in endpoint exactly as the FastAPI
// service does, over the bundled samples, data files, a SQLite database or PostgreSQL. Reference:
// docs/serve.md. The transport is in serve/ (Boost.Beast); what it answers is the library's
// request_handler (docs/service.md).
//   exit 0: stopped by SIGINT or SIGTERM; 64: bad command line; 65/66: the data cannot be used / read;
//   69: the address cannot be bound.
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"
#include "serve/data_sources.hpp"
#include "serve/options.hpp"
#include "serve/server.hpp"

#include <apiquery/service/handler.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <ostream>
#include <string>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage =
    "apiquery serve [--host HOST] [--port N] [--threads N] [--data ENDPOINT=FILE]... [--sqlite FILE | "
    "--postgres CONNINFO] [--api-key KEY]... [--tls-cert FILE --tls-key FILE] [--access-log] [LIMITS]";

constexpr std::string_view limits_help =
    "limits (docs/serve.md):\n"
    "  --max-header-bytes N   request line plus headers (default 8192; beyond: 431)\n"
    "  --max-target-bytes N   request target (default 8192; beyond: 414)\n"
    "  --max-body-bytes N     request body (default 1024; beyond: 413)\n"
    "  --header-timeout S     to read a request once it has begun (default 10 seconds)\n"
    "  --idle-timeout S       to wait for a request on an open connection (default 5 seconds)\n"
    "  --write-timeout S      to write a response (default 10 seconds)\n"
    "  --max-connections N    open connections (default 1024; beyond: 503 and close)\n"
    "  --shutdown-timeout S   for requests in flight after SIGINT/SIGTERM (default 10 seconds)\n";

std::string bad_value(std::string_view option, std::string_view value, std::string_view want) {
    return "apiquery serve: " + std::string(option) + " '" + std::string(value) + "': expected " +
           std::string(want) + "\n" + usage_text(usage);
}

/// A whole number in [low, high].
std::size_t number(std::string_view option, std::string_view v, std::size_t low, std::size_t high) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end != v.data() + v.size() || n < low || n > high)
        throw usage_error{bad_value(
            option, v, "a whole number from " + std::to_string(low) + " to " + std::to_string(high))};
    return n;
}

/// Seconds (decimals allowed), more than 0 and at most a day.
std::chrono::milliseconds seconds(std::string_view option, std::string_view v) {
    double s = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
    if (ec != std::errc{} || end != v.data() + v.size() || !(s > 0) || s > 86400)
        throw usage_error{bad_value(option, v, "seconds, more than 0 and at most 86400")};
    return std::chrono::milliseconds(std::max<long long>(1, std::llround(s * 1000)));
}

int run_serve(std::span<const std::string_view> args, io streams) {
    serve::options o;
    bool sqlite = false, postgres = false;
    const auto unexpected = [](std::string_view a) {
        return "apiquery serve: unexpected argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage) + std::string(limits_help), unexpected);
    const auto once = [&unexpected](bool& seen, std::string_view argument) {
        if (seen)
            throw usage_error{unexpected(argument)};
        seen = true;
    };
    bool host = false, port = false, threads = false, cert = false, key = false;
    cl.option("--host", [&](std::string_view v, std::string_view a) {
        once(host, a);
        if (v.empty())
            throw usage_error{bad_value("--host", v, "an address or a host name")};
        o.host = v;
    });
    cl.option("--port", [&](std::string_view v, std::string_view a) {
        once(port, a);
        o.port = static_cast<unsigned short>(number("--port", v, 0, 65535));
    });
    cl.option("--threads", [&](std::string_view v, std::string_view a) {
        once(threads, a);
        o.threads = static_cast<unsigned>(number("--threads", v, 1, 1024));
    });
    cl.option("--data", [&](std::string_view v, std::string_view) {
        const auto eq = v.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == v.size())
            throw usage_error{bad_value("--data", v, "ENDPOINT=FILE.json")};
        o.data.push_back({std::string(v.substr(0, eq)), std::string(v.substr(eq + 1))});
    });
    cl.option("--sqlite", [&](std::string_view v, std::string_view a) {
        once(sqlite, a);
        if (v.empty())
            throw usage_error{bad_value("--sqlite", v, "a database file")};
        o.sqlite_file = v;
    });
    cl.option("--postgres", [&](std::string_view v, std::string_view a) {
        once(postgres, a);
        o.postgres_conninfo = v;
    });
    cl.option("--api-key", [&](std::string_view v, std::string_view) {
        if (v.empty())
            throw usage_error{bad_value("--api-key", v, "a key that is not empty")};
        o.api_keys.emplace_back(v);
    });
    cl.option("--tls-cert", [&](std::string_view v, std::string_view a) {
        once(cert, a);
        o.tls_cert = v;
    });
    cl.option("--tls-key", [&](std::string_view v, std::string_view a) {
        once(key, a);
        o.tls_key = v;
    });
    cl.flag("--access-log", [&] { o.access_log = true; });
    auto& l = o.limits;
    constexpr std::size_t big = std::size_t{1} << 30;
    cl.option("--max-header-bytes", [&](std::string_view v, std::string_view) {
        l.header_bytes = number("--max-header-bytes", v, 256, big);
    });
    cl.option("--max-target-bytes", [&](std::string_view v, std::string_view) {
        l.target_bytes = number("--max-target-bytes", v, 16, big);
    });
    cl.option("--max-body-bytes", [&](std::string_view v, std::string_view) {
        l.body_bytes = number("--max-body-bytes", v, 0, big);
    });
    cl.option("--max-connections", [&](std::string_view v, std::string_view) {
        l.connections = number("--max-connections", v, 1, 1000000);
    });
    cl.option("--header-timeout", [&](std::string_view v, std::string_view) {
        l.header_timeout = seconds("--header-timeout", v);
    });
    cl.option("--idle-timeout",
              [&](std::string_view v, std::string_view) { l.idle_timeout = seconds("--idle-timeout", v); });
    cl.option("--write-timeout",
              [&](std::string_view v, std::string_view) { l.write_timeout = seconds("--write-timeout", v); });
    cl.option("--shutdown-timeout", [&](std::string_view v, std::string_view) {
        l.shutdown_timeout = seconds("--shutdown-timeout", v);
    });
    if (const auto status = cl.parse(args, streams))
        return *status;

    const int sources = (o.data.empty() ? 0 : 1) + (sqlite ? 1 : 0) + (postgres ? 1 : 0);
    if (sources > 1) {
        streams.err << "apiquery serve: --data, --sqlite and --postgres exclude each other\n"
                    << usage_text(usage);
        return exit_usage;
    }
    if (cert != key) {
        streams.err << "apiquery serve: --tls-cert and --tls-key go together\n" << usage_text(usage);
        return exit_usage;
    }
    o.source = sqlite            ? serve::backend::sqlite
               : postgres        ? serve::backend::postgres
               : !o.data.empty() ? serve::backend::memory
                                 : serve::backend::sample_sqlite;

    int status = exit_ok;
    auto endpoints = serve::make_endpoints(o, streams.err, status);
    if (!endpoints)
        return status;
    handler_options h;
    h.api_keys = o.api_keys;
    h.scheme = cert ? "https" : "http";
    h.default_host = o.host;
    const request_handler handler(std::move(*endpoints), std::move(h));
    return serve::run_server(o, handler, streams.out, streams.err);
}

const command_registrar registrar{
    {"serve", usage,
     "Serve every built-in endpoint over HTTP/1.1 (HTTPS with --tls-cert), answering exactly as the "
     "FastAPI service does, from the bundled samples, data files, SQLite or PostgreSQL",
     run_serve}};

} // namespace
} // namespace apiquery::cli
