// apiquery: FastAPI scalar parameters (path and query) declared as constexpr data, validated with
// pydantic v2 lax-mode semantics, and their pydantic error elements.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/lax_int.hpp>
#include <apiquery/value/uuid.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace apiquery {

/// Where a parameter is read from; the first segment of its error `loc`.
enum class param_location : std::uint8_t { path, query };

/// The location's name as in an error `loc`: "path" or "query".
constexpr std::string_view to_string(param_location l) noexcept {
    return l == param_location::path ? "path" : "query";
}

/// The Python annotation of a parameter (without `| None`, see param_spec::nullable).
enum class param_type : std::uint8_t {
    string,  ///< `str`, optionally with `min_length` / `max_length` (code points)
    integer, ///< `int`, optionally with `le` / `lt` / `ge` / `gt`
    uuid,    ///< `uuid.UUID`
    literal, ///< `Literal['a', 'b', ...]` of strings
};

/// The type's name: "string", "integer", "uuid", "literal".
constexpr std::string_view to_string(param_type t) noexcept {
    constexpr std::string_view names[] = {"string", "integer", "uuid", "literal"};
    return names[static_cast<std::size_t>(t)];
}

/// One FastAPI parameter, as `name: Annotated[type, Query(...)] = default` declares it.
///
/// @par Example
/// @code
/// constexpr apiquery::param_spec limit{.name = "limit", .type = apiquery::param_type::integer,
///                                      .le = 100, .default_text = "10"};
/// static_assert(apiquery::check_param(limit, " 42 ").ok());
/// @endcode
struct param_spec {
    std::string_view name; ///< the alias looked up in the query (case-sensitive) or the path
    param_location in = param_location::query;
    param_type type = param_type::string;
    bool nullable = false; ///< `X | None`: only the default can be None; "" is never None
    bool required = false; ///< no default: absent gives `missing`
    std::optional<std::int64_t> le{}, lt{}, ge{}, gt{};
    std::optional<std::size_t> min_length{}, max_length{};
    std::span<const std::string_view> literals{}; ///< the Literal's values, in declaration order
    /// The default as text (`"10"`, `"created_at"`); empty with `nullable` means None. Defaults are not
    /// validated (FastAPI deep-copies them).
    std::string_view default_text{};
};

/// pydantic error types a scalar parameter can produce.
enum class param_error_code : std::uint8_t {
    none,
    missing,
    int_parsing,
    int_parsing_size,
    less_than_equal,
    less_than,
    greater_than_equal,
    greater_than,
    uuid_parsing,
    literal_error,
    string_too_short,
    string_too_long,
};

/// pydantic's type name for the code (`"less_than_equal"`); empty for none.
constexpr std::string_view error_type(param_error_code c) noexcept {
    constexpr std::string_view names[] = {"",
                                          "missing",
                                          "int_parsing",
                                          "int_parsing_size",
                                          "less_than_equal",
                                          "less_than",
                                          "greater_than_equal",
                                          "greater_than",
                                          "uuid_parsing",
                                          "literal_error",
                                          "string_too_short",
                                          "string_too_long"};
    return names[static_cast<std::size_t>(c)];
}
/// The same name ("" for none).
constexpr std::string_view to_string(param_error_code c) noexcept {
    return error_type(c);
}

/// The outcome of checking one raw value, without allocation (usable in constant expressions).
struct param_check {
    param_error_code code = param_error_code::none;
    int_text integer{};          ///< integer: the value
    apiquery::uuid id{};         ///< uuid: the value
    uuid_error uuid_problem{};   ///< uuid_parsing: the uuid crate's error
    std::size_t literal_index{}; ///< literal: index of the matched value
    [[nodiscard]] constexpr bool ok() const noexcept { return code == param_error_code::none; }
};

/// Validates one raw (already percent-decoded) value against a parameter, as FastAPI passes it to
/// `TypeAdapter(Annotated[type, ...]).validate_python(raw)`:
/// - integer: parse_lax_int, then the constraints in pydantic's order `le`, `lt`, `ge`, `gt`;
/// - uuid: parse_uuid (no trimming);
/// - literal: exact, case-sensitive match of the whole text;
/// - string: `min_length` then `max_length`, in code points.
///
/// The text is not trimmed and `""` is validated like any other text (it is not None).
constexpr param_check check_param(const param_spec& spec, std::string_view raw) noexcept {
    param_check r;
    switch (spec.type) {
    case param_type::integer: {
        const auto v = parse_lax_int(raw);
        if (!v) {
            r.code = v.error() == int_error::int_parsing ? param_error_code::int_parsing
                                                         : param_error_code::int_parsing_size;
            return r;
        }
        r.integer = *v;
        if (spec.le && r.integer.compare(*spec.le) > 0)
            r.code = param_error_code::less_than_equal;
        else if (spec.lt && r.integer.compare(*spec.lt) >= 0)
            r.code = param_error_code::less_than;
        else if (spec.ge && r.integer.compare(*spec.ge) < 0)
            r.code = param_error_code::greater_than_equal;
        else if (spec.gt && r.integer.compare(*spec.gt) <= 0)
            r.code = param_error_code::greater_than;
        return r;
    }
    case param_type::uuid: {
        const auto v = parse_uuid(raw);
        if (v)
            r.id = *v;
        else {
            r.code = param_error_code::uuid_parsing;
            r.uuid_problem = v.error();
        }
        return r;
    }
    case param_type::literal:
        for (std::size_t i = 0; i < spec.literals.size(); ++i) {
            if (spec.literals[i] == raw) {
                r.literal_index = i;
                return r;
            }
        }
        r.code = param_error_code::literal_error;
        return r;
    case param_type::string: {
        if (spec.min_length || spec.max_length) {
            const std::size_t n = detail::utf8_length(raw);
            if (spec.min_length && n < *spec.min_length)
                r.code = param_error_code::string_too_short;
            else if (spec.max_length && n > *spec.max_length)
                r.code = param_error_code::string_too_long;
        }
        return r;
    }
    }
    return r;
}

/// Python's `repr()` of a str: single quotes unless the text contains `'` and no `"`; backslash, the
/// quote, `\t \n \r` escaped; other C0 controls, DEL and U+0080 to U+00A0 and U+00AD as `\xNN`;
/// U+2028/U+2029 as `\uNNNN`; every other character raw (exact for the ASCII and Latin-1 values such
/// Literals hold; the full Unicode printable table is not modelled).
APIQUERY_DECL std::string python_repr(std::string_view utf8);

/// pydantic's `expected` text for a Literal of strings: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
APIQUERY_DECL std::string literal_expected(std::span<const std::string_view> values);

/// The pydantic error element for a failed check (FastAPI's form: `loc` = [location, name], `input` =
/// the raw text): type, msg and ctx exactly as pydantic 2.13 writes them. `missing` has input null.
APIQUERY_DECL validation_error make_param_error(const param_spec& spec, std::string_view raw,
                                                const param_check& check);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/request/impl/param.ipp>
#endif
