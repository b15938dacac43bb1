// apiquery: implementation of json_filter.hpp.
#pragma once

#include <apiquery/sql/json_filter.hpp>
#include <apiquery/value/json_text.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::sql {

APIQUERY_DECL bool is_valid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF; // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0; // no overlong forms
            else if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; // at most U+10FFFF
        } else
            return false;
        if (static_cast<std::size_t>(end - p) <= n)
            return false;
        if (p[1] < lo || p[1] > hi)
            return false;
        for (std::size_t i = 2; i <= n; ++i)
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        p += n + 1;
    }
    return true;
}

namespace detail {

/// Writes the SQL of json_filter.hpp: one comparison of a member of a document with a literal.
class json_comparison_writer {
public:
    json_comparison_writer(statement_builder& b, const json_column& col) : b_(b), col_(col) {}

    /// Returns false (writing nothing) only for ordering by a string that is not valid UTF-8.
    bool write(std::span<const std::string> path, binary_op op, const json_literal& lit, std::string* error) {
        // A key no document holds: the member is missing.
        bool reachable = !path.empty();
        for (const auto& k : path)
            reachable = reachable && k.find('\0') == std::string::npos && is_valid_utf8(k);
        if (std::holds_alternative<std::nullptr_t>(lit)) {
            if (op != binary_op::eq && op != binary_op::ne)
                return constant(false);
            if (!reachable)
                return constant(op == binary_op::eq);
            // eq null: no non-null value at the path.
            b_.sql(op == binary_op::eq ? "NOT " : "");
            open(path);
            b_.sql(pg() ? "jsonb_typeof(t.v) <> 'null'"
                        : "j" + std::to_string(path.size()) + ".type <> 'null'");
            b_.sql(")");
            return true;
        }
        if (op == binary_op::ne) {
            // The negation of eq (which is TRUE or FALSE).
            const std::size_t mark = b_.mark();
            b_.sql("NOT (");
            if (!write(path, binary_op::eq, lit, error)) {
                b_.cut(mark);
                return false;
            }
            b_.sql(")");
            return true;
        }
        if (const auto* s = std::get_if<std::string>(&lit)) {
            if (!is_valid_utf8(*s)) {
                if (op == binary_op::eq)
                    return constant(false);
                if (error)
                    *error =
                        "a string literal that is not valid UTF-8 cannot be ordered against JSON strings";
                return false;
            }
            if (!reachable)
                return constant(false);
            const auto nul = s->find('\0');
            if (nul != std::string::npos) {
                // No stored string holds NUL: nothing equals it, and it lies just above its prefix.
                if (op == binary_op::eq)
                    return constant(false);
                const binary_op near =
                    (op == binary_op::gt || op == binary_op::ge) ? binary_op::gt : binary_op::le;
                return string_comparison(path, near, s->substr(0, nul));
            }
            return string_comparison(path, op, *s);
        }
        if (!reachable)
            return constant(false);
        if (const auto* v = std::get_if<bool>(&lit)) {
            if (op != binary_op::eq)
                return constant(false);
            if (pg()) {
                b_.sql("(");
                containment(path, *v ? "true" : "false");
                b_.sql(" AND ");
                open(path);
                b_.sql("jsonb_typeof(t.v) = 'boolean' AND t.v = ");
                b_.param(std::string(*v ? "true" : "false"), column_type::text);
                b_.sql("::jsonb))");
            } else {
                open(path);
                b_.sql(last() + ".type = ");
                b_.sql(*v ? "'true'" : "'false'");
                b_.sql(")");
            }
            return true;
        }
        if (std::holds_alternative<std::int64_t>(lit) || std::holds_alternative<double>(lit)) {
            const double d = std::holds_alternative<double>(lit)
                                 ? std::get<double>(lit)
                                 : static_cast<double>(std::get<std::int64_t>(lit));
            if (std::isnan(d))
                return constant(false);
            open(path);
            if (pg()) {
                // The casts run only on numbers inside the range every engine reads alike (no error on
                // numbers beyond it, which the data contract excludes).
                b_.sql("CASE WHEN jsonb_typeof(t.v) IS DISTINCT FROM 'number' THEN FALSE "
                       "WHEN abs((t.v)::numeric) > 1e308 OR ((t.v)::numeric <> 0 AND abs((t.v)::numeric) < "
                       "1e-307) THEN FALSE ELSE (t.v)::float8");
                b_.sql(comparison_text(op));
                b_.param(d, column_type::real);
                b_.sql(" END)");
            } else {
                b_.sql(last() + ".type IN ('integer', 'real') AND CAST(" + last() + ".value AS REAL)");
                b_.sql(comparison_text(op));
                b_.param(d, column_type::real);
                b_.sql(")");
            }
            return true;
        }
        const auto& t = std::get<json_instant>(lit);
        std::string s;
        if (pg()) {
            // The string is extracted once per row (OFFSET 0 keeps the planner from substituting the
            // extraction into each of the many places the date arithmetic reads it).
            b_.sql("EXISTS (SELECT 1 FROM (SELECT t0.v #>> '{}' AS s FROM (SELECT ");
            column_ref();
            for (const auto& k : path) {
                b_.sql(" -> ");
                b_.param(k, column_type::text);
            }
            b_.sql(" AS v) AS t0 WHERE jsonb_typeof(t0.v) = 'string' OFFSET 0) AS t WHERE ");
            s = "t.s";
        } else {
            open(path);
            b_.sql(last() + ".type = 'text' AND ");
            s = last() + ".value";
        }
        const std::size_t ns = b_.bind(t.unix_seconds);
        const std::size_t np = b_.bind(t.picoseconds);
        instant_comparison(s, op, ns, np);
        b_.sql(")");
        return true;
    }

private:
    bool pg() const noexcept { return b_.dialect() == dialect::postgresql; }

    bool constant(bool v) {
        b_.sql(v ? "TRUE" : "FALSE");
        return true;
    }

    static std::string_view comparison_text(binary_op op) noexcept {
        switch (op) {
        case binary_op::eq:
            return " = ";
        case binary_op::ne:
            return " <> ";
        case binary_op::gt:
            return " > ";
        case binary_op::ge:
            return " >= ";
        case binary_op::lt:
            return " < ";
        default:
            return " <= ";
        }
    }

    std::string last() const { return "j" + std::to_string(depth_); }

    void column_ref() {
        if (!col_.table.empty()) {
            b_.identifier(col_.table);
            b_.sql(".");
        }
        b_.identifier(col_.name);
    }

    /// `EXISTS (SELECT 1 FROM <the member at path> WHERE <keys match> AND ` — the caller writes the
    /// predicate on the member (SQLite: jN.type / jN.value; PostgreSQL: t.v) and the closing `)`.
    void open(std::span<const std::string> path) {
        depth_ = path.size();
        if (pg()) {
            b_.sql("EXISTS (SELECT 1 FROM (SELECT ");
            column_ref();
            for (const auto& k : path) {
                b_.sql(" -> ");
                b_.param(k, column_type::text);
            }
            b_.sql(" AS v) AS t WHERE ");
            return;
        }
        b_.sql("EXISTS (SELECT 1 FROM json_each(");
        column_ref();
        b_.sql(") AS j1");
        for (std::size_t i = 2; i <= path.size(); ++i) {
            const std::string prev = "j" + std::to_string(i - 1);
            b_.sql(", json_each(CASE WHEN " + prev + ".type = 'object' THEN " + prev +
                   ".value ELSE '{}' END) AS j" + std::to_string(i));
        }
        b_.sql(" WHERE ");
        for (std::size_t i = 1; i <= path.size(); ++i) {
            b_.sql("j" + std::to_string(i) + ".key = ");
            b_.param(path[i - 1], column_type::text);
            b_.sql(" AND ");
        }
    }

    /// PostgreSQL: `<col> @> $n::text::jsonb`, the path and the JSON value `json` as one object.
    void containment(std::span<const std::string> path, std::string_view json) {
        std::string doc;
        for (const auto& k : path) {
            doc += '{';
            append_json_string(doc, k);
            doc += ':';
        }
        doc.append(json);
        doc.append(path.size(), '}');
        column_ref();
        b_.sql(" @> ");
        b_.param(std::move(doc), column_type::text);
        b_.sql("::jsonb");
    }

    bool string_comparison(std::span<const std::string> path, binary_op op, const std::string& s) {
        if (pg()) {
            if (op == binary_op::eq) {
                std::string json;
                append_json_string(json, s);
                b_.sql("(");
                containment(path, json);
                b_.sql(" AND ");
            }
            open(path);
            b_.sql("jsonb_typeof(t.v) = 'string' AND (t.v #>> '{}') COLLATE \"C\"");
            b_.sql(comparison_text(op));
            b_.param(s, column_type::text);
            b_.sql(op == binary_op::eq ? "))" : ")");
            return true;
        }
        open(path);
        b_.sql(last() + ".type = 'text' AND " + last() + ".value COLLATE BINARY");
        b_.sql(comparison_text(op));
        b_.param(s, column_type::text);
        b_.sql(")");
        return true;
    }

    /// `CASE WHEN <s is a date or date-time> THEN (<seconds>, <picoseconds>) <op> ($ns, $np) ELSE FALSE
    /// END`: parse_json_instant written in SQL. Every cast runs only on text the syntax test accepted.
    void instant_comparison(const std::string& s, binary_op op, std::size_t ns, std::size_t np) {
        const auto num = [&](const std::string& at, const std::string& n) {
            return "CAST(substr(" + s + ", " + at + ", " + n + ") AS bigint)";
        };
        const std::string len = "length(" + s + ")";
        const std::string y = num("1", "4"), mo = num("6", "2"), d = num("9", "2");
        const std::string date_ok = "(" + mo + " BETWEEN 1 AND 12 AND " + d + " BETWEEN 1 AND CASE WHEN " +
                                    mo + " IN (4, 6, 9, 11) THEN 30 WHEN " + mo + " = 2 THEN CASE WHEN " + y +
                                    " % 4 = 0 AND (" + y + " % 100 <> 0 OR " + y +
                                    " % 400 = 0) THEN 29 ELSE 28 END ELSE 31 END)";
        const std::string yy = "(" + y + " - CASE WHEN " + mo + " <= 2 THEN 1 ELSE 0 END + 400)";
        const std::string yoe = "(" + yy + " % 400)";
        const std::string days = "((" + yy + " / 400) * 146097 + " + yoe + " * 365 + " + yoe + " / 4 - " +
                                 yoe + " / 100 + (153 * ((" + mo + " + 9) % 12) + 2) / 5 + " + d +
                                 " - 1 - 865565)";
        // The offset: `Z`, `+HH:MM` / `-HH:MM` (6 characters at the end), or none.
        const std::string offset_len = "(CASE WHEN substr(" + s + ", " + len +
                                       ", 1) = 'Z' THEN 1 WHEN substr(" + s + ", " + len +
                                       " - 5, 1) IN ('+', '-') THEN 6 ELSE 0 END)";
        const std::string hh = num("12", "2"), mi = num("15", "2"), ss = num("18", "2");
        const std::string oh = num(len + " - 4", "2"), om = num(len + " - 1", "2");
        const std::string has_offset = "substr(" + s + ", " + len + " - 5, 1) IN ('+', '-')";
        const std::string time_ok = "(" + hh + " <= 23 AND " + mi + " <= 59 AND " + ss + " <= 59 AND (NOT " +
                                    has_offset + " OR (" + oh + " <= 23 AND " + om + " <= 59)))";
        const std::string seconds = "(" + days + " * 86400 + " + hh + " * 3600 + " + mi + " * 60 + " + ss +
                                    " - CASE WHEN " + has_offset + " THEN (CASE WHEN substr(" + s + ", " +
                                    len + " - 5, 1) = '-' THEN -1 ELSE 1 END) * (" + oh + " * 3600 + " + om +
                                    " * 60) ELSE 0 END)";
        const std::string picos = "(CASE WHEN substr(" + s + ", 20, 1) = '.' THEN CAST(substr(substr(" + s +
                                  ", 21, " + len + " - 20 - " + offset_len +
                                  ") || '000000000000', 1, 12) AS bigint) ELSE 0 END)";
        const std::string_view cmp = comparison_text(op);

        b_.sql("CASE WHEN ");
        syntax(s);
        b_.sql(" THEN CASE WHEN " + len + " = 10 THEN " + date_ok + " AND (" + days + " * 86400, 0)");
        b_.sql(cmp);
        b_.sql("(");
        b_.param_ref(ns, column_type::integer);
        b_.sql(", ");
        b_.param_ref(np, column_type::integer);
        b_.sql(") ELSE " + date_ok + " AND " + time_ok + " AND (" + seconds + ", " + picos + ")");
        b_.sql(cmp);
        b_.sql("(");
        b_.param_ref(ns, column_type::integer);
        b_.sql(", ");
        b_.param_ref(np, column_type::integer);
        b_.sql(") END ELSE FALSE END");
    }

    /// The syntax test of the accepted date and date-time strings (ASCII digits only).
    void syntax(const std::string& s) {
        if (pg()) {
            b_.sql(s + " COLLATE \"C\" ~ "
                       "'^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?(Z|[+-][0-9]{"
                       "2}:[0-9]{2})?)?$'");
            return;
        }
        const std::string date = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]";
        const std::string tail = "substr(" + s + ", 20)";
        const std::string offset_len = "(CASE WHEN " + tail + " GLOB '*Z' THEN 1 WHEN " + tail +
                                       " GLOB '*[+-][0-9][0-9]:[0-9][0-9]' THEN 6 ELSE 0 END)";
        const std::string frac = "substr(" + tail + ", 1, length(" + tail + ") - " + offset_len + ")";
        b_.sql("(" + s + " GLOB '" + date + "' OR (" + s + " GLOB '" + date +
               "T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*' AND (" + frac + " = '' OR (length(" + frac +
               ") BETWEEN 2 AND 10 AND " + frac + " GLOB '.[0-9]*' AND substr(" + frac +
               ", 2) NOT GLOB '*[^0-9]*'))))");
    }

    statement_builder& b_;
    const json_column& col_;
    std::size_t depth_ = 0;
};

/// Why a path of `keys` keys cannot be translated for SQLite.
inline std::string sqlite_path_too_long(std::size_t keys) {
    std::string m = "a path of ";
    m += std::to_string(keys);
    m += " keys needs as many tables in one join; SQLite joins at most ";
    m += std::to_string(sqlite_max_json_path_keys);
    return m;
}

/// The translation of a checked filter over free fields into json_comparison_writer calls.
class json_filter_translator {
public:
    json_filter_translator(statement_builder& b, const checked_filter& f, const json_column& col)
        : b_(b), f_(f), ast_(f.ast()), col_(col) {}

    result<std::monostate, translate_error> run() {
        if (f_.empty() || ast_.empty()) {
            b_.sql("TRUE");
            return std::monostate{};
        }
        if (!condition(f_.root()))
            return unexpected{std::move(*error_)};
        if (b_.failed())
            return unexpected{
                translate_error{"identifier", {}, "cannot translate the filter to SQL: " + b_.error()}};
        return std::monostate{};
    }

private:
    bool fail(node_id id, std::string construct, std::string_view why) {
        if (!error_) {
            const source_span span{ast_.operator_position(id), ast_.span(id).end};
            std::string message = "cannot translate " + construct + " (bytes " + std::to_string(span.begin) +
                                  "-" + std::to_string(span.end) + ") to SQL: ";
            message.append(why);
            error_ = translate_error{std::move(construct), span, std::move(message)};
        }
        return false;
    }

    std::string construct(node_id id) const {
        switch (ast_.kind(id)) {
        case node_kind::literal:
            return "literal of type " + std::string(to_string(f_.type(id).type));
        case node_kind::path:
            return "path '" + std::string(ast_.text(id)) + "'";
        case node_kind::alias:
            return "parameter alias '" + std::string(ast_.text(id)) + "'";
        case node_kind::binary:
            return "operator '" + std::string(to_string(ast_.binary_operator(id))) + "'";
        case node_kind::logical:
            return "operator '" + std::string(to_string(ast_.logical_operator(id))) + "'";
        case node_kind::unary:
            return ast_.unary_operator(id) == unary_op::not_ ? std::string("operator 'not'")
                                                             : std::string("operator '-' (negation)");
        case node_kind::in:
            return "operator 'in'";
        case node_kind::list:
            return "list";
        case node_kind::call:
            return "function '" + std::string(to_string(ast_.function(id))) + "'";
        case node_kind::type_name:
            return "type name '" + std::string(ast_.text(id)) + "'";
        case node_kind::lambda:
            return "lambda '" + std::string(to_string(ast_.lambda_operator(id))) + "'";
        }
        return "node";
    }

    bool condition(node_id id) {
        switch (ast_.kind(id)) {
        case node_kind::logical: {
            const char* op = ast_.logical_operator(id) == logical_op::and_ ? " AND " : " OR ";
            b_.sql("(");
            bool first = true;
            for (node_id c : ast_.children(id)) {
                if (!first)
                    b_.sql(op);
                first = false;
                if (!condition(c))
                    return false;
            }
            b_.sql(")");
            return true;
        }
        case node_kind::unary:
            if (ast_.unary_operator(id) != unary_op::not_)
                return fail(id, construct(id), "a negative number is not a condition");
            b_.sql("NOT (");
            if (!condition(ast_.children(id)[0]))
                return false;
            b_.sql(")");
            return true;
        case node_kind::binary:
            return comparison(id);
        case node_kind::literal: {
            if (const auto* v = std::get_if<bool>(&f_.value(id)))
                return b_.sql(*v ? "TRUE" : "FALSE"), true;
            if (f_.type(id).type == value_type::null)
                return b_.sql("FALSE"), true; // null counts as false
            return fail(id, construct(id), "only a boolean literal is a condition");
        }
        case node_kind::path: {
            std::vector<std::string> keys;
            if (!path_keys(id, keys))
                return false;
            // A path alone: the member is JSON true.
            json_comparison_writer w(b_, col_);
            return w.write(keys, binary_op::eq, json_literal(true), nullptr);
        }
        default:
            break;
        }
        return fail(id, construct(id), "not supported over JSON documents (comparisons, and, or, not only)");
    }

    bool path_keys(node_id id, std::vector<std::string>& out) {
        const auto& bnd = f_.binding(id);
        if (bnd.kind != binding_kind::free)
            return fail(id, construct(id), "only free fields (paths into the JSON document) are supported");
        if (bnd.path.empty() || bnd.path.starts_with('$'))
            return fail(id, construct(id), "$root, $it and $this are not members of the document");
        std::string_view p = bnd.path;
        for (;;) {
            const auto slash = p.find('/');
            out.emplace_back(p.substr(0, slash));
            if (slash == std::string_view::npos)
                break;
            p.remove_prefix(slash + 1);
        }
        if (b_.dialect() == dialect::sqlite && out.size() > sqlite_max_json_path_keys)
            return fail(id, construct(id), sqlite_path_too_long(out.size()));
        return true;
    }

    /// The literal of a node as a json_literal; false (with the error) for a kind JSON has no value of.
    bool literal(node_id id, json_literal& out) {
        const auto& v = f_.value(id);
        if (f_.type(id).type == value_type::null && std::holds_alternative<std::monostate>(v))
            return out = nullptr, true;
        if (const auto* x = std::get_if<bool>(&v))
            return out = *x, true;
        if (const auto* x = std::get_if<std::int64_t>(&v))
            return out = *x, true;
        if (const auto* x = std::get_if<decimal_value>(&v))
            return out = x->approx, true;
        if (const auto* x = std::get_if<double>(&v))
            return out = *x, true;
        if (const auto* x = std::get_if<std::string_view>(&v))
            return out = std::string(*x), true;
        if (const auto* x = std::get_if<odata_date>(&v))
            return out = json_instant_of(*x), true;
        if (const auto* x = std::get_if<odata_datetimeoffset>(&v))
            return out = json_instant_of(*x), true;
        return fail(id, construct(id),
                    "JSON documents hold no values of this type (null, booleans, numbers, strings, dates and "
                    "date-times only)");
    }

    /// Two literals: the comparison decided now, with the same semantics.
    static std::optional<bool> compare_literals(const json_literal& a, const json_literal& b, binary_op op) {
        const bool eq = op == binary_op::eq;
        if (op == binary_op::ne) {
            const auto r = compare_literals(a, b, binary_op::eq);
            return r ? std::optional<bool>(!*r) : std::nullopt;
        }
        const auto num = [](const json_literal& x, double& out) {
            if (const auto* i = std::get_if<std::int64_t>(&x))
                return out = static_cast<double>(*i), true;
            if (const auto* d = std::get_if<double>(&x))
                return out = *d, true;
            return false;
        };
        const auto holds = [op](auto c) {
            switch (op) {
            case binary_op::eq:
                return c == 0;
            case binary_op::gt:
                return c > 0;
            case binary_op::ge:
                return c >= 0;
            case binary_op::lt:
                return c < 0;
            default:
                return c <= 0;
            }
        };
        const bool an = std::holds_alternative<std::nullptr_t>(a),
                   bn = std::holds_alternative<std::nullptr_t>(b);
        if (an || bn)
            return eq && an && bn;
        double x = 0, y = 0;
        if (num(a, x) && num(b, y))
            return holds(x <=> y);
        if (a.index() != b.index())
            return false;
        if (const auto* s = std::get_if<std::string>(&a))
            return holds(s->compare(std::get<std::string>(b)) <=> 0);
        if (const auto* t = std::get_if<json_instant>(&a))
            return holds(*t <=> std::get<json_instant>(b));
        if (const auto* v = std::get_if<bool>(&a))
            return eq && *v == std::get<bool>(b);
        return false;
    }

    bool comparison(node_id id) {
        const auto op0 = ast_.binary_operator(id);
        if (!is_comparison(op0))
            return fail(id, construct(id), "arithmetic and `has` are not supported over JSON documents");
        node_id ln = ast_.children(id)[0], rn = ast_.children(id)[1];
        binary_op op = op0;
        const bool lp = ast_.kind(ln) == node_kind::path, rp = ast_.kind(rn) == node_kind::path;
        if (lp && rp)
            return fail(id, construct(id), "comparing two members of the document is not supported");
        if (!lp && !rp) {
            if (ast_.kind(ln) != node_kind::literal)
                return fail(ln, construct(ln), "only paths and literals can be compared");
            if (ast_.kind(rn) != node_kind::literal)
                return fail(rn, construct(rn), "only paths and literals can be compared");
            json_literal a, c;
            if (!literal(ln, a) || !literal(rn, c))
                return false;
            const auto r = compare_literals(a, c, op);
            b_.sql(r && *r ? "TRUE" : "FALSE");
            return true;
        }
        if (rp) {
            std::swap(ln, rn);
            op = converse(op);
        }
        if (ast_.kind(rn) != node_kind::literal)
            return fail(rn, construct(rn), "a path can be compared with a literal only");
        std::vector<std::string> keys;
        json_literal lit;
        if (!path_keys(ln, keys) || !literal(rn, lit))
            return false;
        json_comparison_writer w(b_, col_);
        std::string why;
        if (!w.write(keys, op, lit, &why))
            return fail(rn, construct(rn), why);
        return true;
    }

    statement_builder& b_;
    const checked_filter& f_;
    const filter_ast& ast_;
    const json_column& col_;
    std::optional<translate_error> error_;
};

} // namespace detail

APIQUERY_DECL bool append_json_comparison(statement_builder& b, const json_column& column,
                                          std::span<const std::string> path, binary_op op,
                                          const json_literal& literal, std::string* error) {
    if (!is_comparison(op)) {
        if (error)
            *error = "not a comparison operator";
        return false;
    }
    if (b.dialect() == dialect::sqlite && path.size() > sqlite_max_json_path_keys) {
        if (error)
            *error = detail::sqlite_path_too_long(path.size());
        return false;
    }
    detail::json_comparison_writer w(b, column);
    return w.write(path, op, literal, error);
}

APIQUERY_DECL result<std::monostate, translate_error>
append_json_filter(statement_builder& b, const checked_filter& filter, const json_column& column) {
    return detail::json_filter_translator(b, filter, column).run();
}

APIQUERY_DECL result<statement, translate_error> translate_json_filter(const checked_filter& filter,
                                                                       const json_column& column, dialect d) {
    statement_builder b(d);
    auto r = append_json_filter(b, filter, column);
    if (!r)
        return unexpected{std::move(r.error())};
    return b.finish();
}

} // namespace apiquery::sql
