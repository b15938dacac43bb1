// parse_url (url.hpp).
#include "url.hpp"

#include <cctype>

namespace apiquery::cli::http_client {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
            return false;
    return true;
}

bool host_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

} // namespace

result<url, std::string> parse_url(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return unexpected{std::string("the URL holds a space, a control character or a non-ASCII byte "
                                          "(percent-encode it)")};
    }
    url out;
    std::string_view rest;
    if (iequals_prefix(text, "http://")) {
        rest = text.substr(7);
    } else if (iequals_prefix(text, "https://")) {
        out.tls = true;
        rest = text.substr(8);
    } else {
        return unexpected{std::string("the URL must start with http:// or https://")};
    }
    if (const auto hash = rest.find('#'); hash != std::string_view::npos)
        rest = rest.substr(0, hash);
    const std::size_t end = rest.find_first_of("/?");
    const std::string_view authority = rest.substr(0, end);
    std::string_view target = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    if (authority.find('@') != std::string_view::npos)
        return unexpected{std::string("user information in the URL (user@host) is not supported; use "
                                      "--header or --api-key")};
    std::string_view host = authority, port;
    if (authority.starts_with('[')) { // an IPv6 address
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos || close == 1)
            return unexpected{std::string("malformed IPv6 address in the URL")};
        for (char c : authority.substr(1, close - 1))
            if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
                return unexpected{std::string("malformed IPv6 address in the URL")};
        host = authority.substr(0, close + 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return unexpected{std::string("malformed host in the URL")};
            port = after.substr(1);
        }
        out.host = std::string(authority.substr(1, close - 1));
    } else {
        if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        if (host.empty())
            return unexpected{std::string("the URL has no host")};
        for (char c : host)
            if (!host_char(c))
                return unexpected{"malformed host '" + std::string(host) + "' in the URL"};
        out.host = std::string(host);
    }
    if (port.empty() && authority.ends_with(':'))
        return unexpected{std::string("empty port in the URL")};
    if (!port.empty()) {
        unsigned long n = 0;
        for (char c : port) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || n > 65535)
                return unexpected{"malformed port '" + std::string(port) + "' in the URL"};
            n = n * 10 + static_cast<unsigned long>(c - '0');
        }
        if (n == 0 || n > 65535)
            return unexpected{"port " + std::string(port) + " is not in 1 to 65535"};
        out.port = std::to_string(n);
    } else {
        out.port = out.tls ? "443" : "80";
    }
    out.host_header = std::string(authority);
    out.origin = (out.tls ? "https://" : "http://") + out.host_header;
    out.target = target.starts_with('/') ? std::string(target) : "/" + std::string(target);
    return out;
}

} // namespace apiquery::cli::http_client
