// apiquery: implementation of sql.hpp.
#pragma once

#include <apiquery/sql/sql.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/json_text.hpp>

#include <cassert>
#include <cmath>
#include <cstdio>
#include <string>

namespace apiquery::sql {

APIQUERY_DECL std::string json_text(const statement& s) {
    std::string out = "{\"sql\":";
    append_json_string(out, s.text);
    out.append(",\"params\":[");
    bool first = true;
    for (const auto& v : s.params) {
        if (!first)
            out.push_back(',');
        first = false;
        if (std::holds_alternative<std::nullptr_t>(v)) {
            out.append("null");
        } else if (const auto* b = std::get_if<bool>(&v)) {
            out.append(*b ? "true" : "false");
        } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
            out.append(std::to_string(*i));
        } else if (const auto* d = std::get_if<double>(&v)) {
            if (std::isfinite(*d))
                append_json_double(out, *d);
            else
                out.append(std::isnan(*d) ? "\"NaN\"" : *d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            append_json_string(out, std::get<std::string>(v));
        }
    }
    out.append("]}");
    return out;
}

APIQUERY_DECL std::string postgres_timestamp_text(std::int64_t us) {
    // PostgreSQL's first instant, 4714-11-24T00:00:00Z BC (astronomical year -4713).
    constexpr std::int64_t pg_min_micros = -210866803200000000;
    if (us < pg_min_micros)
        return "-infinity";
    constexpr std::int64_t day_us = 86400000000;
    const std::int64_t days = calendar::floor_div(us, day_us);
    const std::int64_t in_day = calendar::floor_mod(us, day_us);
    const auto d = calendar::civil_from_days(days);
    const bool bc = d.year <= 0;
    const std::int64_t year = bc ? 1 - d.year : d.year;
    const std::int64_t secs = in_day / 1000000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lld+00%s",
                  static_cast<long long>(year), d.month, d.day, static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                  static_cast<long long>(in_day % 1000000), bc ? " BC" : "");
    return buf;
}

APIQUERY_DECL value timestamp_value(dialect d, std::int64_t unix_micros) {
    if (d == dialect::sqlite)
        return unix_micros;
    return postgres_timestamp_text(unix_micros);
}

APIQUERY_DECL bool append_identifier(std::string& out, std::string_view name) {
    if (name.empty() || name.find('\0') != std::string_view::npos)
        return false;
    out.push_back('"');
    for (std::size_t from = 0;;) {
        const std::size_t quote = name.find('"', from);
        if (quote == std::string_view::npos) {
            out.append(name.substr(from));
            break;
        }
        out.append(name.substr(from, quote + 1 - from)); // the quote itself, then once more
        out.push_back('"');
        from = quote + 1;
    }
    out.push_back('"');
    return true;
}

APIQUERY_DECL statement_builder& statement_builder::param_ref(std::size_t number, column_type type) {
    assert(number >= 1 && number <= s_.params.size());
    if (dialect_ == sql::dialect::sqlite) {
        s_.text.push_back('?');
        s_.text.append(std::to_string(number));
        return *this;
    }
    s_.text.push_back('$');
    s_.text.append(std::to_string(number));
    switch (type) {
    case column_type::text:
        s_.text.append("::text");
        break;
    case column_type::integer:
        s_.text.append("::bigint");
        break;
    case column_type::real:
        s_.text.append("::float8");
        break;
    case column_type::boolean:
        s_.text.append("::boolean");
        break;
    case column_type::timestamp:
        s_.text.append("::timestamptz");
        break;
    case column_type::uuid:
        s_.text.append("::uuid");
        break;
    }
    return *this;
}

APIQUERY_DECL void append_column(statement_builder& b, const column& col) {
    b.identifier(col.name);
    if (col.type == column_type::text)
        b.sql(b.dialect() == dialect::sqlite ? " COLLATE BINARY" : " COLLATE \"C\"");
}

APIQUERY_DECL void append_order_by(statement_builder& b, std::span<const order_key> keys, bool reverse) {
    b.sql(" ORDER BY ");
    bool first = true;
    for (const auto& k : keys) {
        if (!first)
            b.sql(", ");
        first = false;
        append_column(b, k.col);
        const bool desc = k.descending != reverse;
        if (desc)
            b.sql(" DESC");
        if (k.col.nullable) {
            const bool nulls_first = k.nulls_first != reverse;
            // Defaults: SQLite sorts NULL as the smallest value, PostgreSQL as the largest.
            const bool default_nulls_first = b.dialect() == dialect::sqlite ? !desc : desc;
            if (nulls_first != default_nulls_first)
                b.sql(nulls_first ? " NULLS FIRST" : " NULLS LAST");
        }
    }
}

namespace detail {

struct keyset_writer {
    statement_builder& b;
    std::span<const order_key> keys;
    std::span<const value> cursor;
    bool reverse;
    std::vector<std::size_t> numbers; // placeholder number per key (0 for a NULL cursor value)

    bool desc(std::size_t i) const { return keys[i].descending != reverse; }
    bool nulls_first(std::size_t i) const { return keys[i].nulls_first != reverse; }
    bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cursor[i]); }
    bool nullable(std::size_t i) const { return keys[i].col.nullable; }

    void col(std::size_t i) { append_column(b, keys[i].col); }
    void name(std::size_t i) { b.identifier(keys[i].col.name); } // for IS [NOT] NULL: no collation
    void ref(std::size_t i) { b.param_ref(numbers[i], keys[i].col.type); }

    // k after c (strictly), in the effective order. Returns false (writing nothing) when nothing can be.
    bool strict(std::size_t i) {
        if (is_null(i)) {
            if (!(nullable(i) && nulls_first(i)))
                return false;
            name(i);
            b.sql(" IS NOT NULL");
            return true;
        }
        const bool null_term = nullable(i) && !nulls_first(i);
        if (null_term)
            b.sql("(");
        col(i);
        b.sql(desc(i) ? " < " : " > ");
        ref(i);
        if (null_term) {
            b.sql(" OR ");
            name(i);
            b.sql(" IS NULL)");
        }
        return true;
    }
    // k at or after c. Returns false (writing nothing) when every row qualifies.
    bool at_or_after(std::size_t i) {
        if (is_null(i)) {
            if (nulls_first(i) || !nullable(i))
                return false; // NULLs first: everything is at or after a NULL
            name(i);
            b.sql(" IS NULL");
            return true;
        }
        const bool null_term = nullable(i) && !nulls_first(i);
        if (null_term)
            b.sql("(");
        col(i);
        b.sql(desc(i) ? " <= " : " >= ");
        ref(i);
        if (null_term) {
            b.sql(" OR ");
            name(i);
            b.sql(" IS NULL)");
        }
        return true;
    }
    bool strict_possible(std::size_t i) const { return !is_null(i) || (nullable(i) && nulls_first(i)); }
    bool at_or_after_restricts(std::size_t i) const {
        return is_null(i) ? (!nulls_first(i) && nullable(i)) : true;
    }

    void after(std::size_t i) {
        if (i + 1 == keys.size()) {
            if (!strict(i))
                b.sql("FALSE");
            return;
        }
        // (k >= c AND (k > c OR after(rest))), simplified when a part is constant.
        const bool restricts = at_or_after_restricts(i);
        const bool possible = strict_possible(i);
        b.sql("(");
        if (restricts) {
            at_or_after(i);
            b.sql(" AND ");
        }
        if (possible) {
            b.sql("(");
            strict(i);
            b.sql(" OR ");
        }
        after(i + 1);
        if (possible)
            b.sql(")");
        b.sql(")");
    }
};

} // namespace detail

APIQUERY_DECL void append_keyset_condition(statement_builder& b, std::span<const order_key> keys,
                                           std::span<const value> cursor, bool reverse) {
    assert(!keys.empty() && cursor.size() == keys.size());
    detail::keyset_writer w{b, keys, cursor, reverse, {}};
    w.numbers.resize(keys.size(), 0);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!w.is_null(i))
            w.numbers[i] = b.bind(cursor[i]);
    // Row-value form: same effective direction everywhere, no NULL cursor value, no null term.
    bool row_value = keys.size() > 1;
    for (std::size_t i = 0; i < keys.size() && row_value; ++i)
        row_value = !w.is_null(i) && w.desc(i) == w.desc(0) && (!w.nullable(i) || w.nulls_first(i));
    if (row_value) {
        b.sql("(");
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (i)
                b.sql(", ");
            w.col(i);
        }
        b.sql(w.desc(0) ? ") < (" : ") > (");
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (i)
                b.sql(", ");
            w.ref(i);
        }
        b.sql(")");
        return;
    }
    w.after(0);
}

APIQUERY_DECL void append_limit_offset(statement_builder& b, std::int64_t limit, std::int64_t offset) {
    b.sql(" LIMIT ");
    b.param(limit, column_type::integer);
    b.sql(" OFFSET ");
    b.param(offset, column_type::integer);
}

} // namespace apiquery::sql
