// apiquery: implementation of route.hpp.
#pragma once

#include <apiquery/request/query_string.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <optional>
#include <utility>

namespace apiquery {

namespace detail {

/// Python's `re.match` of the template's regular expression on a decoded path (see match_route):
/// every parameter takes the rest of its segment (one or more characters, newlines included), the
/// literal text must follow exactly, and the path ends after the last literal or one `\n` after it.
/// Returns false on no match; fills out[0, param_count()) (template order) on a match; `out` may be null.
inline bool match_decoded_path(const route_template& route, std::string_view path, std::string* out) {
    std::size_t pos = 0;
    const std::size_t n = route.param_count();
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view lit = route.literal_before(i);
        if (path.substr(pos, lit.size()) != lit)
            return false;
        pos += lit.size();
        std::size_t end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        if (end == pos) // `[^/]+` needs one character
            return false;
        if (out != nullptr)
            out[i].assign(path.substr(pos, end - pos));
        pos = end;
    }
    const std::string_view tail = path.substr(pos);
    const std::string_view lit = route.literal_before(n);
    // `$` without MULTILINE: the end of the string, or just before a '\n' that ends it. (When the
    // template ends in a parameter, that parameter already took a final '\n': tail and lit are empty.)
    return tail == lit || (tail.size() == lit.size() + 1 && tail.starts_with(lit) && tail.back() == '\n');
}

} // namespace detail

APIQUERY_DECL result<std::size_t, route_mismatch>
match_route_into(const route_template& route, std::string_view raw_path, std::span<std::string> values) {
    if (values.size() < route.param_count())
        return unexpected{
            route_mismatch{"match_route_into: fewer value strings than the route has parameters"}};
    for (char c : raw_path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F)
            return unexpected{route_mismatch{
                "the path has a byte outside printable ASCII, which the server cannot decode"}};
    }
    std::string decoded;
    std::string_view path = raw_path; // percent-decoding only changes a path that has a '%'
    if (raw_path.find('%') != std::string_view::npos) {
        append_unquoted(decoded, raw_path, false);
        path = decoded;
    }
    if (route.is_valid() && detail::match_decoded_path(route, path, values.data()))
        return route.param_count();
    // Router.redirect_slashes: a path (other than "/") that ends in '/' is tried again with every
    // trailing '/' removed (path.rstrip("/")); a match there is a 307, not the endpoint. (The other
    // direction, path + "/", only matters for templates that end in '/'.)
    std::string_view trimmed = path;
    while (!trimmed.empty() && trimmed.back() == '/')
        trimmed.remove_suffix(1);
    if (route.is_valid() && path != "/" && trimmed.size() != path.size() &&
        detail::match_decoded_path(route, trimmed, nullptr))
        return unexpected{
            route_mismatch{"Starlette would redirect (307) to the path without its trailing slash"}};
    std::string reason = "the path does not match ";
    reason.append(route.text());
    return unexpected{route_mismatch{std::move(reason)}};
}

APIQUERY_DECL result<route_match, route_mismatch> match_route(const route_template& route,
                                                              std::string_view raw_path) {
    route_match m;
    m.values.resize(route.param_count());
    auto r = match_route_into(route, raw_path, m.values);
    if (!r)
        return unexpected{std::move(r.error())};
    return m;
}

APIQUERY_DECL std::optional<route_match> match_decoded_route(const route_template& route,
                                                             std::string_view decoded_path) {
    route_match m;
    m.values.resize(route.param_count());
    if (!route.is_valid() || !detail::match_decoded_path(route, decoded_path, m.values.data()))
        return std::nullopt;
    return m;
}

APIQUERY_DECL std::string build_path(const route_template& route,
                                     std::initializer_list<std::string_view> values) {
    std::string out;
    std::size_t i = 0;
    for (std::string_view v : values) {
        if (i == route.param_count())
            break;
        out.append(route.literal_before(i));
        append_quoted(out, v, false);
        ++i;
    }
    for (; i < route.param_count(); ++i) // missing values: empty (such a path does not match)
        out.append(route.literal_before(i));
    out.append(route.literal_before(route.param_count()));
    return out;
}

APIQUERY_DECL std::string_view path_value_problem(std::string_view value) noexcept {
    if (value.empty())
        return "the value is empty: no path can carry it";
    if (value.find('/') != std::string_view::npos)
        return "the value contains '/': the server decodes %2F before routing";
    if (!detail::utf8_is_valid(value))
        return "the value is not UTF-8";
    return {};
}

} // namespace apiquery
