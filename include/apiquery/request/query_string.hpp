// apiquery: query strings and request targets decoded exactly as Starlette (and the ASGI server) do.
#pragma once

#include <apiquery/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery {

/// Appends the decoding of `raw` as CPython's `urllib.parse.unquote` (or `unquote_plus` when
/// `plus_as_space`) gives it for a string that Starlette decoded from bytes as latin-1:
/// - `+` becomes a space (only when `plus_as_space`);
/// - in each run of ASCII characters, `%XX` escapes (hex digits in either case) become bytes and the
///   run is decoded as UTF-8 with errors='replace' (one U+FFFD per maximal ill-formed subpart, exactly as
///   CPython's decoder); an escape that is not two hex digits (`%zz`, `%4`, `%`) stays literal;
/// - every raw byte 0x80 to 0xFF stands for the latin-1 character U+0080 to U+00FF ("mojibake": raw
///   `C3 A9` becomes `Ã©`), written as UTF-8; it also ends the ASCII run, so an escape sequence split by
///   a raw byte is decoded in two parts.
///
/// The output is always well-formed UTF-8.
///
/// @par Specification
/// CPython `Lib/urllib/parse.py` (`unquote`, `unquote_to_bytes`, `_asciire`); reference section 1.4.
APIQUERY_DECL void append_unquoted(std::string& out, std::string_view raw, bool plus_as_space);

/// `urllib.parse.unquote` of a latin-1 decoded string (see append_unquoted).
inline std::string unquote(std::string_view raw) {
    std::string s;
    append_unquoted(s, raw, false);
    return s;
}
/// `urllib.parse.unquote_plus` of a latin-1 decoded string (see append_unquoted).
inline std::string unquote_plus(std::string_view raw) {
    std::string s;
    append_unquoted(s, raw, true);
    return s;
}

/// Appends `s` percent-encoded as CPython's `urllib.parse.quote_plus(s, safe="")` (what `urlencode`,
/// and so Python requests, do for query values) when `space_as_plus`, or `quote(s, safe="")` otherwise:
/// the bytes `A-Z a-z 0-9 _ . - ~` are kept, a space becomes `+` (quote_plus), every other byte becomes
/// `%XX` with upper-case hex. unquote_plus / unquote give `s` back for any UTF-8 text.
APIQUERY_DECL void append_quoted(std::string& out, std::string_view s, bool space_as_plus);

/// Appends `s` percent-encoded as CPython's `urllib.parse.quote(s, safe=safe)`: the bytes
/// `A-Z a-z 0-9 _ . - ~` and those in `safe` are kept, every other byte becomes `%XX` (upper-case hex).
APIQUERY_DECL void append_quoted_safe(std::string& out, std::string_view s, std::string_view safe);

/// True when unquote_plus(raw) == raw: no `%`, no `+`, no byte above 0x7F.
constexpr bool is_unquoted_identity(std::string_view raw) noexcept {
    for (char c : raw)
        if (c == '%' || c == '+' || static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

/// Calls `f(name, value)` for every field of a raw query string (the bytes after `?`), in order, as
/// `urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True)` produces them:
/// - fields are separated by `&` only (not `;`); empty fields are skipped;
/// - a field splits at its first `=`; a field without `=` has the value `""`;
/// - name and value are each decoded with unquote_plus (append_unquoted).
///
/// The views passed to `f` are valid only during the call. Names are case-sensitive.
///
/// @par Example
/// @code
/// apiquery::for_each_query_field("a=1&&b&a=%C3%A9+x", [](std::string_view n, std::string_view v) {
///     // ("a","1"), ("b",""), ("a","é x")
/// });
/// @endcode
template <class F>
void for_each_query_field(std::string_view raw, F&& f) {
    std::string name_buf, value_buf;
    std::size_t start = 0;
    while (start <= raw.size()) {
        std::size_t end = raw.find('&', start);
        if (end == std::string_view::npos)
            end = raw.size();
        const std::string_view field = raw.substr(start, end - start);
        start = end + 1;
        if (field.empty())
            continue;
        const std::size_t eq = field.find('=');
        const std::string_view n = field.substr(0, eq);
        const std::string_view v = eq == std::string_view::npos ? std::string_view() : field.substr(eq + 1);
        std::string_view name = n, value = v;
        if (!is_unquoted_identity(n)) {
            name_buf.clear();
            append_unquoted(name_buf, n, true);
            name = name_buf;
        }
        if (!is_unquoted_identity(v)) {
            value_buf.clear();
            append_unquoted(value_buf, v, true);
            value = value_buf;
        }
        f(name, value);
    }
}

/// One decoded query field.
struct query_field {
    std::string name;
    std::string value;
    friend bool operator==(const query_field&, const query_field&) = default;
};

/// Starlette's `QueryParams`: the decoded fields in order, and lookup by name in which the last of
/// repeated names wins (`ImmutableMultiDict`), as FastAPI reads a scalar query parameter.
class query_params {
public:
    query_params() = default;
    /// Decodes a raw query string (the bytes after `?`, without the `?`).
    explicit query_params(std::string_view raw) {
        for_each_query_field(raw, [this](std::string_view n, std::string_view v) {
            fields_.push_back({std::string(n), std::string(v)});
        });
    }

    [[nodiscard]] const std::vector<query_field>& fields() const noexcept { return fields_; }
    [[nodiscard]] bool empty() const noexcept { return fields_.empty(); }

    /// The value of the last field with this exact name, or nullptr.
    [[nodiscard]] const std::string* get(std::string_view name) const noexcept {
        for (auto it = fields_.rbegin(); it != fields_.rend(); ++it)
            if (it->name == name)
                return &it->value;
        return nullptr;
    }

private:
    std::vector<query_field> fields_;
};

/// A request target split as the ASGI server does it.
struct request_target {
    std::string_view path;  ///< the raw (still percent-encoded) path
    std::string_view query; ///< the raw query after the first `?` (empty when there is none)
    bool has_query = false; ///< whether a `?` was present
};

/// Splits an origin-form target (`/path?query`) at its first `?`. An absolute-form target
/// (`http://host/path?query`, `https://…`) has its scheme and authority dropped first. Nothing else is
/// interpreted: a `#` is an ordinary character (clients do not send fragments), as with h11.
constexpr request_target split_request_target(std::string_view target) noexcept {
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (target.starts_with(scheme)) {
            const std::size_t slash = target.find_first_of("/?", scheme.size());
            target = slash == std::string_view::npos ? std::string_view() : target.substr(slash);
            break;
        }
    }
    request_target t;
    const std::size_t q = target.find('?');
    if (q == std::string_view::npos) {
        t.path = target;
    } else {
        t.path = target.substr(0, q);
        t.query = target.substr(q + 1);
        t.has_query = true;
    }
    return t;
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/request/impl/query_string.ipp>
#endif
