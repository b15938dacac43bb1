// `--header 'Name: value'` of `apiquery get`: one request header field, checked before it is sent.
#pragma once

#include "http_client.hpp"

#include <apiquery/value/result.hpp>

#include <string>
#include <string_view>

namespace apiquery::cli::http_client {

/// Reads `Name: value`: the name is an RFC 9110 token (letters, digits and ``!#$%&'*+-.^_`|~``), then a
/// colon; spaces and tabs around the value are dropped. Refused: no colon, an empty or malformed name, a
/// CR, LF, NUL or other control character (a tab excepted) in the value, and the fields the client sets
/// itself (Host, Content-Length, Transfer-Encoding, Connection).
inline result<header_field, std::string> parse_header_line(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return unexpected{std::string("is not 'Name: value' (no colon)")};
    const std::string_view name = line.substr(0, colon);
    if (name.empty())
        return unexpected{std::string("has an empty name")};
    constexpr std::string_view token_punctuation = "!#$%&'*+-.^_`|~";
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        if (!alnum && token_punctuation.find(c) == std::string_view::npos)
            return unexpected{
                std::string("has a name that is not an HTTP token (letters, digits, !#$%&'*+-.^_`|~)")};
    }
    std::string_view value = line.substr(colon + 1);
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return unexpected{std::string("has a control character (CR, LF, ...) in its value")};
    }
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    std::string lower;
    for (char c : name)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::string_view own : {"host", "content-length", "transfer-encoding", "connection"})
        if (lower == own)
            return unexpected{"sets " + std::string(name) + ", which the client sets itself"};
    return header_field{std::string(name), std::string(value)};
}

} // namespace apiquery::cli::http_client
