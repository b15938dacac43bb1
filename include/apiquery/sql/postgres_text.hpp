// apiquery: the bound values of a statement in PostgreSQL's text format, as a client hands them to the
// server (libpq's PQexecParams with every format 0). Free of any database header.
#pragma once

#include <apiquery/sql/sql.hpp>
#include <apiquery/value/result.hpp>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace apiquery::sql {

/// Text PostgreSQL reads back as the same double: 17 significant digits; `NaN`, `Infinity`,
/// `-Infinity` as PostgreSQL spells them.
inline std::string postgres_double_text(double d) {
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

/// The parameters of `s` in PostgreSQL's text format, in order: nullopt for NULL, `true`/`false`,
/// integers in decimal, doubles as postgres_double_text, strings as they are. A string holding NUL has no
/// text form (a C string ends there): the error names the placeholder (`$3`). Thread safety: a pure
/// function.
inline result<std::vector<std::optional<std::string>>, std::string> postgres_text_params(const statement& s) {
    std::vector<std::optional<std::string>> out;
    out.reserve(s.params.size());
    for (const auto& v : s.params) {
        if (std::holds_alternative<std::nullptr_t>(v))
            out.emplace_back(std::nullopt);
        else if (const auto* b = std::get_if<bool>(&v))
            out.emplace_back(*b ? "true" : "false");
        else if (const auto* k = std::get_if<std::int64_t>(&v))
            out.emplace_back(std::to_string(*k));
        else if (const auto* d = std::get_if<double>(&v))
            out.emplace_back(postgres_double_text(*d));
        else if (const auto& t = std::get<std::string>(v); t.find('\0') == std::string::npos)
            out.emplace_back(t);
        else {
            std::string message = "parameter $";
            message.append(std::to_string(out.size() + 1));
            message.append(" is text holding NUL, which PostgreSQL's text format cannot carry");
            return unexpected{std::move(message)};
        }
    }
    return out;
}

} // namespace apiquery::sql
