// apiquery: implementation of handler.hpp.
#pragma once

#include <apiquery/request/query_string.hpp>
#include <apiquery/service/handler.hpp>

#include <utility>

namespace apiquery {

namespace detail {

inline bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

inline const std::string* find_header(std::span<const http_header> headers, std::string_view name) noexcept {
    for (const auto& h : headers)
        if (iequals_ascii(h.name, name))
            return &h.value;
    return nullptr;
}

inline http_response json_response(int status, std::string body) {
    http_response r;
    r.status = status;
    r.headers.push_back({"content-type", "application/json"});
    r.body = std::move(body);
    return r;
}

} // namespace detail

APIQUERY_DECL const std::string* http_response::header(std::string_view name) const noexcept {
    return detail::find_header(headers, name);
}

APIQUERY_DECL bool equal_constant_time(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    volatile unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(
            diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    return diff == 0;
}

APIQUERY_DECL request_handler::request_handler(std::vector<served_endpoint> endpoints,
                                               handler_options options)
    : endpoints_(std::move(endpoints)), options_(std::move(options)) {}

APIQUERY_DECL http_response request_handler::handle(std::string_view method, std::string_view target,
                                                    std::span<const http_header> headers) const {
    const request_target t = split_request_target(target);
    // The ASGI server cannot decode a path with bytes outside printable ASCII: it never routes.
    bool decodable = true;
    for (char c : t.path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F)
            decodable = false;
    }
    std::string decoded;
    if (decodable)
        append_unquoted(decoded, t.path, false);

    // Rules 1 and 2: the first route whose path matches.
    const served_endpoint* routed = nullptr;
    if (decodable)
        for (const auto& e : endpoints_)
            if (e.route != nullptr && match_decoded_route(*e.route, decoded)) {
                routed = &e;
                break;
            }
    if (routed != nullptr && method != "GET") {
        auto r = detail::json_response(405, "{\"detail\":\"Method Not Allowed\"}");
        r.headers.insert(r.headers.begin(), {"allow", "GET"});
        return r;
    }
    if (routed == nullptr) {
        // Rule 3: redirect_slashes.
        if (decodable && decoded != "/") {
            std::string other = decoded;
            if (other.ends_with('/')) {
                while (!other.empty() && other.back() == '/')
                    other.pop_back();
            } else {
                other.push_back('/');
            }
            for (const auto& e : endpoints_) {
                if (e.route == nullptr || !match_decoded_route(*e.route, other))
                    continue;
                const std::string* host = detail::find_header(headers, "host");
                std::string url =
                    options_.scheme + "://" + (host != nullptr ? *host : options_.default_host) + other;
                if (!t.query.empty())
                    url.append("?").append(t.query);
                http_response r;
                r.status = 307;
                std::string location;
                // Starlette's RedirectResponse: quote(url, safe=":/%#?=@[]!$&'()*+,;").
                append_quoted_safe(location, url, ":/%#?=@[]!$&'()*+,;");
                r.headers.push_back({"location", std::move(location)});
                return r;
            }
        }
        return detail::json_response(404, "{\"detail\":\"Not Found\"}");
    }

    // Rule 4: authentication, before the parameters.
    if (!options_.api_keys.empty()) {
        bool ok = false;
        if (const std::string* auth = detail::find_header(headers, "authorization")) {
            const std::string_view a = *auth;
            const std::size_t space = a.find(' ');
            if (space != std::string_view::npos && detail::iequals_ascii(a.substr(0, space), "bearer")) {
                const std::string_view key = a.substr(space + 1);
                for (const auto& k : options_.api_keys) // every key, so the time does not say which matched
                    ok = equal_constant_time(key, k) || ok;
            }
        }
        if (!ok) {
            auto r = detail::json_response(401, "{\"detail\":\"Not authenticated\"}");
            r.headers.push_back({"www-authenticate", "Bearer"});
            return r;
        }
    }
    response_text answer = routed->answer(target);
    return detail::json_response(answer.status, std::move(answer.body));
}

} // namespace apiquery
