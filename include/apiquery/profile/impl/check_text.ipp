// apiquery: the text of check_filter()'s messages: quoting and clipping, literals in their OData form,
// type names, and the field a mistyped path most likely means (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::detail::pcheck {

/// At most `max` bytes of `s`, cut at a UTF-8 boundary, with "..." when cut.
inline std::string clip(std::string_view s, std::size_t max = 48) {
    if (s.size() <= max)
        return std::string(s);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    std::string out(s.substr(0, cut));
    out += "...";
    return out;
}

inline std::string quoted(std::string_view s) {
    std::string out = "'";
    out += clip(s, 64);
    out += "'";
    return out;
}

/// The literal in canonical OData form (long texts clipped).
inline std::string render_literal(const filter_ast& ast, node_id id) {
    const auto k = ast.literal_type(id);
    switch (k) {
    case literal_kind::null:
        return "null";
    case literal_kind::boolean:
        return ast.bool_value(id) ? "true" : "false";
    case literal_kind::int_:
        return std::to_string(ast.int_value(id));
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::guid:
        return clip(ast.text(id));
    case literal_kind::string: {
        std::string out = "'";
        for (char c : clip(ast.text(id))) {
            out.push_back(c);
            if (c == '\'')
                out.push_back('\'');
        }
        out.push_back('\'');
        return out;
    }
    case literal_kind::duration:
        return "duration'" + clip(ast.text(id)) + "'";
    case literal_kind::enum_:
        return clip(ast.enum_type(id)) + "'" + clip(ast.text(id)) + "'";
    }
    return "?";
}

/// "a string", "an int", ... (what a literal of this kind is).
constexpr std::string_view article_kind(literal_kind k) noexcept {
    switch (k) {
    case literal_kind::null:
        return "null";
    case literal_kind::boolean:
        return "a boolean";
    case literal_kind::int_:
        return "an int";
    case literal_kind::decimal:
        return "a decimal";
    case literal_kind::double_:
        return "a double";
    case literal_kind::string:
        return "a string";
    case literal_kind::date:
        return "a date";
    case literal_kind::datetimeoffset:
        return "a datetimeoffset";
    case literal_kind::timeofday:
        return "a timeofday";
    case literal_kind::duration:
        return "a duration";
    case literal_kind::guid:
        return "a guid";
    case literal_kind::enum_:
        return "an enum";
    }
    return "an unknown literal";
}

inline std::string type_text(const expr_type& t, const profile_view& p) {
    std::string base(t.type == value_type::dynamic ? std::string_view("untyped") : to_string(t.type));
    if (t.type == value_type::enum_ && t.enum_field < p.fields.size()) {
        const auto& members = p.fields[t.enum_field].enum_members;
        base += " (";
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i == 10) {
                base += ", ...";
                break;
            }
            if (i > 0)
                base += ", ";
            base += clip(members[i], 32);
        }
        base += ")";
    }
    return t.collection ? "collection(" + base + ")" : base;
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or
/// `cap + 1` when it exceeds `cap`.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > cap)
        return cap + 1;
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > cap)
            return cap + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], cap + 1);
}

/// The filterable field a mistyped path most likely means, or no_field.
inline std::uint32_t suggest_field(const profile_view& p, std::string_view path) {
    if (path.size() > 128)
        return no_field;
    const std::size_t cap = path.size() <= 3 ? 1 : path.size() <= 6 ? 2 : 3;
    std::uint32_t best = no_field;
    std::size_t best_d = cap + 1;
    for (std::size_t i = 0; i < p.fields.size(); ++i) {
        const auto& f = p.fields[i];
        if (!f.filterable)
            continue;
        std::size_t d;
        if (detail::iequals(f.path, path))
            d = 0;
        else if (detail::is_path_prefix(path, f.path))
            d = 1;
        else
            d = edit_distance(path, f.path, cap);
        if (d < best_d) {
            best_d = d;
            best = static_cast<std::uint32_t>(i);
        }
    }
    return best;
}

} // namespace apiquery::detail::pcheck
