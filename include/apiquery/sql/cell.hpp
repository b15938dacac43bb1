// apiquery: reading the cells of a result row (sql::cell, as a database driver hands them over) into
// C++ values, for both SQLite's typed cells and PostgreSQL's text result format.
#pragma once

#include <apiquery/sql/sql.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace apiquery::sql {

/// An integer cell, or decimal text of one (PostgreSQL's text format). False for anything else.
inline bool read_cell(const cell& c, std::int64_t& out) noexcept {
    if (const auto* i = std::get_if<std::int64_t>(&c)) {
        out = *i;
        return true;
    }
    if (const auto* s = std::get_if<std::string_view>(&c)) {
        const auto* end = s->data() + s->size();
        const auto r = std::from_chars(s->data(), end, out);
        return r.ec == std::errc{} && r.ptr == end;
    }
    return false;
}

/// A boolean cell: SQLite's integer 0 or 1, or PostgreSQL's text `t`/`f` (also `true`/`false`, `1`/`0`).
inline bool read_cell(const cell& c, bool& out) noexcept {
    if (const auto* i = std::get_if<std::int64_t>(&c)) {
        out = *i != 0;
        return *i == 0 || *i == 1;
    }
    if (const auto* s = std::get_if<std::string_view>(&c)) {
        if (*s == "t" || *s == "true" || *s == "1")
            return out = true, true;
        if (*s == "f" || *s == "false" || *s == "0")
            return out = false, true;
    }
    return false;
}

/// A text cell.
inline bool read_cell(const cell& c, std::string& out) {
    if (const auto* s = std::get_if<std::string_view>(&c)) {
        out.assign(s->data(), s->size());
        return true;
    }
    return false;
}

/// A cell of a row read with append_select_column (listing_plan.hpp), as the bound value of a column
/// of type `t`: NULL; a timestamp's integer microseconds as timestamp_value; text; or an integer.
inline value bound_value_of(dialect d, const cell& c, column_type t) {
    if (std::holds_alternative<std::nullptr_t>(c))
        return nullptr;
    std::int64_t i = 0;
    if (t == column_type::timestamp) {
        read_cell(c, i);
        return timestamp_value(d, i);
    }
    std::string s;
    if (read_cell(c, s))
        return s;
    read_cell(c, i);
    return i;
}

} // namespace apiquery::sql
