// apiquery: a FastAPI path template (`/api/v1/items/{item_id}/parts`) matched against raw request paths
// exactly as Starlette routes them, and filled in to build a path a client sends.
//
//     constexpr apiquery::route_template route("/api/v1/shops/{shop}/orders");
//     auto m = apiquery::match_route(route, "/api/v1/shops/caf%C3%A9/orders");  // m->values[0] == "café"
//     std::string path = apiquery::build_path(route, {"café"});           // "/api/v1/shops/caf%C3%A9/orders"
//
// Documentation: docs/request.md, "Routing".
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/value/result.hpp>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// A path template of `/`-separated segments, each either literal text or one `{name}` parameter that
/// fills the whole segment (Starlette's default `str` convertor: `[^/]+`). At most
/// route_template::max_params parameters. Usable at compile time; is_valid() says whether the text was a
/// template of that form (a parameter must fill its segment, names are non-empty and unique, the
/// template starts with `/`).
class route_template {
public:
    static constexpr std::size_t max_params = 8;

    constexpr explicit route_template(std::string_view text) noexcept : text_(text) {
        valid_ = !text.empty() && text.front() == '/';
        std::size_t i = 0;
        while (valid_ && i < text.size()) {
            // text[i] == '/': one segment follows, up to the next '/' or the end.
            const std::size_t begin = i + 1;
            std::size_t end = begin;
            while (end < text.size() && text[end] != '/')
                ++end;
            const std::string_view seg = text.substr(begin, end - begin);
            if (seg.find('{') != std::string_view::npos || seg.find('}') != std::string_view::npos) {
                if (seg.size() < 3 || seg.front() != '{' || seg.back() != '}' || params_ == max_params ||
                    seg.substr(1, seg.size() - 2).find_first_of("{}") != std::string_view::npos) {
                    valid_ = false;
                    break;
                }
                const std::string_view name = seg.substr(1, seg.size() - 2);
                for (std::size_t k = 0; k < params_; ++k)
                    if (names_[k] == name)
                        valid_ = false;
                names_[params_] = name;
                param_begin_[params_] = begin;
                ++params_;
            }
            i = end;
        }
    }

    /// The template as written.
    [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }
    /// Whether the text is a template of the form above.
    [[nodiscard]] constexpr bool is_valid() const noexcept { return valid_; }
    /// The number of `{name}` parameters.
    [[nodiscard]] constexpr std::size_t param_count() const noexcept { return params_; }
    /// The name of parameter `i` (in template order).
    [[nodiscard]] constexpr std::string_view param_name(std::size_t i) const noexcept { return names_[i]; }
    /// The index of the parameter with this name, or param_count().
    [[nodiscard]] constexpr std::size_t param_index(std::string_view name) const noexcept {
        std::size_t k = 0;
        while (k < params_ && names_[k] != name)
            ++k;
        return k;
    }
    /// The literal text before parameter `i` (from the end of parameter i-1, or from the start); for
    /// i == param_count(), the text after the last parameter.
    [[nodiscard]] constexpr std::string_view literal_before(std::size_t i) const noexcept {
        const std::size_t from = i == 0 ? 0 : param_begin_[i - 1] + names_[i - 1].size() + 2;
        const std::size_t to = i == params_ ? text_.size() : param_begin_[i];
        return text_.substr(from, to - from);
    }

private:
    std::string_view text_;
    std::array<std::string_view, max_params> names_{};
    std::array<std::size_t, max_params> param_begin_{};
    std::size_t params_ = 0;
    bool valid_ = false;
};

/// The decoded values of a matched route's parameters, in template order.
struct route_match {
    std::vector<std::string> values;
};

/// Why a path does not reach the route: the server answers 404 (`{"detail":"Not Found"}`).
struct route_mismatch {
    std::string reason;
};

/// Matches a raw request path (still percent-encoded, without the query) against `route` as the ASGI
/// server and Starlette do:
/// - a byte outside printable ASCII (0x21-0x7E) cannot be decoded by the server: no match;
/// - the path is percent-decoded (`urllib.parse.unquote`, UTF-8 with replacement), so `%2F` becomes `/`
///   before matching;
/// - the decoded path is matched with Python's `re.match` against the template's regular expression
///   `^literal([^/]+)literal...$`: each parameter takes one or more characters other than `/` (newlines
///   and `\r` included), and `$` (no MULTILINE) matches at the end or just before one final `\n`;
/// - a path (other than `/`) that ends in `/` and matches only with its trailing slashes removed gets a
///   307 redirect from Starlette (redirect_slashes): reported as no match, with that reason.
APIQUERY_DECL result<route_match, route_mismatch> match_route(const route_template& route,
                                                              std::string_view raw_path);

/// match_route writing the values into `values` (at least param_count() strings; their storage is
/// reused, so a caller that matches many paths allocates nothing once they have grown): the number of
/// values, or the mismatch.
APIQUERY_DECL result<std::size_t, route_mismatch>
match_route_into(const route_template& route, std::string_view raw_path, std::span<std::string> values);

/// Matches an already decoded path (Python's `re.match` of the template's regular expression, as
/// above), without the byte check, the decoding and the redirect rule: the values, or nullopt.
APIQUERY_DECL std::optional<route_match> match_decoded_route(const route_template& route,
                                                             std::string_view decoded_path);

/// Builds the raw path a client sends: the template with each parameter's value percent-encoded as
/// `urllib.parse.quote(value, safe="")`. `values` in template order, one per parameter. The result
/// matches the route and gives the values back, when each value is non-empty UTF-8 without `/` (check
/// with path_value_problem first).
APIQUERY_DECL std::string build_path(const route_template& route,
                                     std::initializer_list<std::string_view> values);

/// Why `value` cannot be carried by a path parameter, or "" when it can: an empty value, one that
/// contains `/` (the server decodes `%2F` before routing), or text that is not UTF-8.
APIQUERY_DECL std::string_view path_value_problem(std::string_view value) noexcept;

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/request/impl/route.ipp>
#endif
