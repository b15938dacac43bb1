// apiquery get [--all] [--api-key KEY] [--header 'K: V']... [--cacert FILE | --insecure] URL: an HTTP/HTTPS
// client for the declared endpoints. Without --all it prints the body of one GET; with --all it walks
// the endpoint's cursor pagination (model/page_walk.hpp), every page checked, one record per line.
// Reference: docs/get.md.
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"
#include "http_client/header_line.hpp"
#include "http_client/http_client.hpp"
#include "http_client/url.hpp"

#include <apiquery/endpoints/all.hpp>
#include <apiquery/model/page_walk.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_string.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace apiquery::cli {
namespace {

namespace hc = http_client;

constexpr std::string_view usage =
    "apiquery get [--all] [--api-key KEY] [--header 'K: V']... [--cacert FILE | --insecure] "
    "[--connect-timeout S] [--timeout S] [--max-body BYTES] [--max-pages N] [--verbose] URL";

/// The exit status of a response status (docs/get.md, "Exit status").
int exit_of_status(int status) {
    if (status >= 200 && status < 300)
        return exit_ok;
    if (status == 404)
        return exit_not_routed;
    if (status == 422)
        return exit_invalid;
    if (status >= 400 && status < 500)
        return exit_http_client_error;
    if (status >= 500 && status < 600)
        return exit_http_server_error;
    return exit_http_other;
}

int exit_of_failure(hc::failure f) {
    switch (f) {
    case hc::failure::connect:
        return exit_unavailable;
    case hc::failure::timeout:
        return exit_timeout;
    case hc::failure::tls:
        return exit_tls;
    case hc::failure::protocol:
        return exit_protocol;
    case hc::failure::setup:
        return exit_io;
    }
    return exit_software;
}

/// A positive number of seconds (fractions allowed, at most a day) as milliseconds.
std::optional<std::chrono::milliseconds> read_seconds(std::string_view s) {
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || !(v > 0) || v > 86400)
        return std::nullopt;
    const auto ms = static_cast<long long>(std::ceil(v * 1000));
    return std::chrono::milliseconds(ms);
}

std::optional<std::uint64_t> read_count(std::string_view s, std::uint64_t max) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || s.empty() || v == 0 || v > max)
        return std::nullopt;
    return v;
}

/// At most `n` bytes of a body for a message, control characters shown as `?`.
std::string excerpt(std::string_view body, std::size_t n = 200) {
    std::string out;
    for (char c : body.substr(0, n))
        out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    if (body.size() > n)
        out += "...";
    return out;
}

int run_get(std::span<const std::string_view> args, io streams) {
    bool all = false, insecure = false, verbose = false;
    std::optional<std::string> api_key, cacert, max_pages_text;
    std::optional<std::string_view> url_text;
    std::vector<hc::header_field> headers;
    hc::client_options options;
    std::uint64_t max_pages = page_walk::default_max_pages;

    const auto unexpected = [](std::string_view a) {
        return "apiquery get: unexpected argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    const auto bad = [](std::string_view what, std::string_view why) {
        return "apiquery get: " + std::string(what) + ": " + std::string(why) + "\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage), unexpected);
    cl.flag("--all", [&] { all = true; });
    cl.flag("--insecure", [&] { insecure = true; });
    cl.flag("--verbose", [&] { verbose = true; });
    cl.option("--api-key", [&](std::string_view value, std::string_view argument) {
        if (api_key)
            throw usage_error{unexpected(argument)};
        for (char c : value)
            if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f)
                throw usage_error{bad("--api-key", "the key holds a space or a control character")};
        if (value.empty())
            throw usage_error{bad("--api-key", "the key is empty")};
        api_key = std::string(value);
    });
    cl.option("--header", [&](std::string_view value, std::string_view) {
        auto h = hc::parse_header_line(value);
        if (!h)
            throw usage_error{bad("--header '" + excerpt(value, 80) + "'", h.error())};
        headers.push_back(std::move(*h));
    });
    cl.option("--cacert", [&](std::string_view value, std::string_view argument) {
        if (cacert || value.empty())
            throw usage_error{unexpected(argument)};
        cacert = std::string(value);
    });
    const auto seconds = [&](std::chrono::milliseconds& out, std::string_view name) {
        return [&out, name, &bad](std::string_view value, std::string_view) {
            const auto v = read_seconds(value);
            if (!v)
                throw usage_error{
                    bad(name, "'" + std::string(value) + "' is not a number of seconds in (0, 86400]")};
            out = *v;
        };
    };
    cl.option("--connect-timeout", seconds(options.connect_timeout, "--connect-timeout"));
    cl.option("--timeout", seconds(options.request_timeout, "--timeout"));
    cl.option("--max-body", [&](std::string_view value, std::string_view) {
        const auto v = read_count(value, std::uint64_t{1} << 32);
        if (!v)
            throw usage_error{
                bad("--max-body", "'" + std::string(value) + "' is not a size in 1 to 4294967296 bytes")};
        options.max_body = static_cast<std::size_t>(*v);
    });
    cl.option("--max-pages", [&](std::string_view value, std::string_view) {
        const auto v = read_count(value, 100000000);
        if (!v)
            throw usage_error{
                bad("--max-pages", "'" + std::string(value) + "' is not a count in 1 to 100000000")};
        max_pages = *v;
        max_pages_text = std::string(value);
    });
    cl.operands([&](std::string_view a, operand_place) {
        if (a == "-h")
            command_line::help();
        if (url_text || (!a.empty() && a.front() == '-'))
            throw usage_error{unexpected(a)};
        url_text = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (!url_text) {
        streams.err << "apiquery get: no URL\n" << usage_text(usage);
        return exit_usage;
    }
    if (cacert && insecure) {
        streams.err << bad("--cacert", "--cacert and --insecure exclude each other");
        return exit_usage;
    }
    if (max_pages_text && !all) {
        streams.err << bad("--max-pages", "only with --all");
        return exit_usage;
    }
    auto url = hc::parse_url(*url_text);
    if (!url) {
        streams.err << bad("URL", url.error());
        return exit_usage;
    }
    if ((cacert || insecure) && !url->tls) {
        streams.err << bad(cacert ? "--cacert" : "--insecure", "the URL is not https://");
        return exit_usage;
    }
    if (api_key) {
        for (const auto& h : headers)
            if (h.name.size() == 13 &&
                std::equal(h.name.begin(), h.name.end(), "authorization",
                           [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; })) {
                streams.err << bad("--api-key", "an Authorization header is given with --header too");
                return exit_usage;
            }
        headers.push_back({"Authorization", "Bearer " + *api_key});
    }
    options.cacert = cacert;
    options.insecure = insecure;
    hc::client client(*url, std::move(options));

    if (!all) {
        auto r = client.get(url->target, headers);
        if (!r) {
            streams.err << "apiquery get: " << r.error().message << '\n';
            return exit_of_failure(r.error().kind);
        }
        streams.out.write(r->body.data(), static_cast<std::streamsize>(r->body.size()));
        streams.out.flush();
        const int status = exit_of_status(r->status);
        if (status != exit_ok)
            streams.err << "apiquery get: HTTP status " << r->status << " from " << url->origin << url->target
                        << '\n';
        return status;
    }

    // --all: the endpoint the URL's path reaches, and its walk.
    const auto routed = route_to(builtin_endpoints, split_request_target(url->target).path);
    if (!routed) {
        streams.err << "apiquery get: --all: the URL's path reaches no declared endpoint ("
                    << routed.error().reason << ")\n";
        return exit_not_routed;
    }
    const endpoint_entry& endpoint = **routed;
    if (endpoint.pagination == nullptr) {
        streams.err << "apiquery get: --all: the endpoint '" << endpoint.name
                    << "' declares no cursor pagination\n";
        return exit_usage;
    }
    page_walk walk(endpoint, url->target, static_cast<std::size_t>(max_pages));
    std::size_t records = 0;
    const auto where = [&] {
        return "page " + std::to_string(walk.page()) + " (" + url->origin + walk.target() + ")";
    };
    while (!walk.done()) {
        auto r = client.get(walk.target(), headers);
        if (!r) {
            streams.out.flush();
            streams.err << "apiquery get: --all stopped at " << where() << ": " << r.error().message << '\n';
            return exit_of_failure(r.error().kind);
        }
        if (r->status != 200) {
            streams.out.flush();
            streams.err << "apiquery get: --all stopped at " << where() << ": HTTP status " << r->status
                        << ", not 200: " << excerpt(r->body) << '\n';
            const int status = exit_of_status(r->status);
            return status == exit_ok ? exit_http_other : status;
        }
        const std::size_t page = walk.page();
        const std::string target = walk.target();
        auto page_records = walk.read(r->body);
        if (!page_records) {
            streams.out.flush();
            streams.err << "apiquery get: --all stopped at " << where() << ": " << page_records.error()
                        << '\n';
            return exit_data;
        }
        for (const auto& record : *page_records) {
            streams.out.write(record.data(), static_cast<std::streamsize>(record.size()));
            streams.out.put('\n');
        }
        records += page_records->size();
        if (verbose)
            streams.err << "apiquery get: page " << page << " (" << url->origin << target
                        << "): " << page_records->size() << " records\n";
    }
    streams.out.flush();
    if (verbose)
        streams.err << "apiquery get: " << records << " records in " << walk.page() << " pages over "
                    << client.connections_opened() << " connection(s)\n";
    return exit_ok;
}

const command_registrar registrar{
    {"get", usage,
     "GET a URL over HTTP or HTTPS and print the body (exit status by HTTP status); --all walks the "
     "endpoint's cursor pagination, checks every page and prints one record per line",
     run_get}};

} // namespace
} // namespace apiquery::cli
