// apiquery: implementation of sql_filter.hpp.
#pragma once

#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/uuid.hpp>

#include <cmath>
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::sql {

namespace detail {

/// One side of a comparison or a function argument, before it is written.
struct sql_operand {
    enum class kind : std::uint8_t { column, literal, null_literal };
    kind k = kind::column;
    node_id id = no_node;
    const column* col = nullptr;        ///< kind column
    const typed_value* value = nullptr; ///< kind literal
    bool nullable() const noexcept { return k == kind::column && col->nullable; }
};

constexpr std::string_view comparison_sql(binary_op op) noexcept {
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
    case binary_op::le:
        return " <= ";
    default:
        return " ? ";
    }
}

/// The ordering of two literal values of the same alternative (the engine's order: code points for
/// strings and enum members, instants for date-times, bytes for UUIDs); nullopt when unordered (NaN)
/// or of different alternatives.
inline std::optional<std::partial_ordering> compare_literals(const typed_value& a, const typed_value& b) {
    if (a.index() != b.index())
        return std::nullopt;
    if (const auto* x = std::get_if<bool>(&a))
        return *x <=> std::get<bool>(b);
    if (const auto* x = std::get_if<std::int64_t>(&a))
        return *x <=> std::get<std::int64_t>(b);
    if (const auto* x = std::get_if<double>(&a))
        return *x <=> std::get<double>(b);
    if (const auto* x = std::get_if<std::string_view>(&a))
        return x->compare(std::get<std::string_view>(b)) <=> 0;
    if (const auto* x = std::get_if<odata_datetimeoffset>(&a))
        return *x <=> std::get<odata_datetimeoffset>(b);
    if (const auto* x = std::get_if<uuid>(&a))
        return *x <=> std::get<uuid>(b);
    if (const auto* x = std::get_if<enum_value>(&a))
        return x->member.compare(std::get<enum_value>(b).member) <=> 0;
    return std::nullopt;
}

inline bool holds(std::partial_ordering c, binary_op op) noexcept {
    switch (op) {
    case binary_op::eq:
        return c == 0;
    case binary_op::ne:
        return !(c == 0);
    case binary_op::gt:
        return c > 0;
    case binary_op::ge:
        return c >= 0;
    case binary_op::lt:
        return c < 0;
    case binary_op::le:
        return c <= 0;
    default:
        return false;
    }
}

/// The LIKE pattern of a literal needle, `%`, `_` and `!` escaped with `!`.
inline std::string like_pattern(std::string_view needle, bool lead, bool trail) {
    std::string p;
    p.reserve(needle.size() + 2);
    if (lead)
        p.push_back('%');
    for (char c : needle) {
        if (c == '%' || c == '_' || c == '!')
            p.push_back('!');
        p.push_back(c);
    }
    if (trail)
        p.push_back('%');
    return p;
}

class filter_translator {
public:
    filter_translator(statement_builder& b, const checked_filter& f, const column_map& columns,
                      const translate_options& options)
        : b_(b), f_(f), ast_(f.ast()), columns_(columns), options_(options) {}

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
    bool pg() const noexcept { return b_.dialect() == dialect::postgresql; }

    bool fail(node_id id, std::string construct, std::string_view why) {
        if (!error_) {
            // From the operator (the keyword of an operator the SQL cannot express) to the node's end.
            const source_span span{ast_.operator_position(id), ast_.span(id).end};
            std::string message = "cannot translate " + construct + " (bytes " + std::to_string(span.begin) +
                                  "-" + std::to_string(span.end) + ") to SQL: ";
            message.append(why);
            error_ = translate_error{std::move(construct), span, std::move(message)};
        }
        return false;
    }

    /// The name of a node's construct, for errors.
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

    // --- conditions (two-valued: every condition written is TRUE or FALSE, never NULL) ---------------

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
        case node_kind::in:
            return in_list(id);
        case node_kind::call:
            return string_predicate(id);
        case node_kind::literal:
            if (const auto* v = std::get_if<bool>(&f_.value(id))) {
                const auto n = b_.bind(bool_value(*v));
                b_.sql("(");
                b_.param_ref(n, column_type::boolean);
                b_.sql(" IS TRUE)");
                return true;
            }
            if (f_.type(id).type == value_type::null) {
                b_.sql("FALSE"); // null counts as false
                return true;
            }
            return fail(id, construct(id), "only a boolean literal is a condition");
        case node_kind::path: {
            sql_operand o;
            if (!column_operand(id, o, column_type::boolean))
                return false;
            b_.sql("(");
            append_column(b_, *o.col);
            b_.sql(" IS TRUE)"); // NULL counts as false
            return true;
        }
        case node_kind::alias:
            return fail(id, construct(id), "parameter aliases have no value in SQL; substitute them first");
        case node_kind::lambda:
            return fail(id, construct(id),
                        "lambdas over collections are not supported by the SQL translation");
        case node_kind::list:
        case node_kind::type_name:
            break;
        }
        return fail(id, construct(id), "not a condition");
    }

    value bool_value(bool v) const {
        if (pg())
            return v;
        return std::int64_t{v ? 1 : 0};
    }

    /// The column type of a comparison's (or `in`'s) operand type.
    bool operand_column_type(node_id id, column_type& out) {
        const auto t = f_.operand_type(id);
        if (column_type_for(t, out))
            return true;
        return fail(id, construct(id),
                    "comparing values of type " + std::string(to_string(t)) +
                        " is not supported by the SQL translation");
    }

    /// A path bound to a field (or free field) whose column holds `want` values (any column type when
    /// `want` is empty: the null tests).
    bool column_operand(node_id id, sql_operand& out, std::optional<column_type> want) {
        const auto& bnd = f_.binding(id);
        std::string_view path;
        if (bnd.kind == binding_kind::field)
            path = f_.profile().fields[bnd.field].path;
        else if (bnd.kind == binding_kind::free)
            path = bnd.path;
        else if (bnd.kind == binding_kind::variable)
            return fail(id, "range variable '" + std::string(ast_.text(id)) + "'",
                        "lambdas are not supported by the SQL translation");
        else
            return fail(id, construct(id), "not bound to a field");
        if (bnd.kind == binding_kind::free && path.starts_with('$'))
            // `$root/...`, `$it`, `$this`: the untyped profiles bind them as free fields, but they are
            // the request's root, the current item or the instance, never a column of the row.
            return fail(id, construct(id),
                        "$root, $it and $this are not columns; only field paths are supported by the SQL "
                        "translation");
        const column* col = columns_.find(path);
        if (col == nullptr)
            return fail(id, "field '" + std::string(path) + "'", "the column map has no column for it");
        if (want && col->type != *want)
            return fail(id, "field '" + std::string(path) + "'",
                        "its column '" + col->name + "' holds " + std::string(to_string(col->type)) +
                            " values, the filter compares it as " + std::string(to_string(*want)));
        out.k = sql_operand::kind::column;
        out.id = id;
        out.col = col;
        return true;
    }

    /// A comparison operand: a column, a literal (not yet bound), or the null literal.
    bool operand(node_id id, sql_operand& out, column_type want) {
        switch (ast_.kind(id)) {
        case node_kind::path:
            return column_operand(id, out, want);
        case node_kind::literal: {
            out.id = id;
            const auto& v = f_.value(id);
            if (std::holds_alternative<std::monostate>(v)) {
                out.k = sql_operand::kind::null_literal;
                return true;
            }
            if (std::holds_alternative<decimal_value>(v))
                return fail(id, construct(id), "decimal values are not supported by the SQL translation");
            if (std::holds_alternative<odata_date>(v) || std::holds_alternative<odata_timeofday>(v) ||
                std::holds_alternative<odata_duration>(v))
                return fail(id, construct(id), "only date-times (datetimeoffset) have a column type");
            if (const auto* d = std::get_if<double>(&v); d && std::isnan(*d))
                return fail(id, construct(id), "NaN cannot be bound (SQLite stores it as NULL)");
            out.k = sql_operand::kind::literal;
            out.value = &v;
            return true;
        }
        case node_kind::call:
            return fail(id, construct(id),
                        "only contains, startswith and endswith are supported, as conditions");
        case node_kind::binary:
            return fail(id, construct(id), "arithmetic is not supported by the SQL translation");
        case node_kind::unary:
            return fail(id, construct(id), "arithmetic is not supported by the SQL translation");
        case node_kind::alias:
            return fail(id, construct(id), "parameter aliases have no value in SQL; substitute them first");
        default:
            return fail(id, construct(id), "not a value that SQL can compare");
        }
    }

    /// Binds a literal as a value of column type `t` and writes its placeholder.
    void write_literal(const typed_value& v, column_type t) {
        value bound = nullptr;
        if (const auto* x = std::get_if<bool>(&v))
            bound = bool_value(*x);
        else if (const auto* i = std::get_if<std::int64_t>(&v))
            bound = t == column_type::real ? value(static_cast<double>(*i)) : value(*i);
        else if (const auto* d = std::get_if<double>(&v))
            bound = *d;
        else if (const auto* s = std::get_if<std::string_view>(&v))
            bound = std::string(*s);
        else if (const auto* ts = std::get_if<odata_datetimeoffset>(&v))
            bound = timestamp_value(b_.dialect(), ts->utc_micros);
        else if (const auto* g = std::get_if<uuid>(&v))
            bound = to_string(*g);
        else if (const auto* e = std::get_if<enum_value>(&v))
            bound = std::string(e->member);
        b_.param(std::move(bound), t);
    }

    void write_operand(const sql_operand& o, column_type t) {
        if (o.k == sql_operand::kind::column)
            append_column(b_, *o.col);
        else
            write_literal(*o.value, t);
    }

    /// Writes `x IS NOT NULL` guards: ` AND <x> IS NOT NULL` for each nullable operand.
    void guards(std::initializer_list<const sql_operand*> ops) {
        for (const auto* o : ops) {
            if (o->nullable()) {
                b_.sql(" AND ");
                b_.identifier(o->col->name);
                b_.sql(" IS NOT NULL");
            }
        }
    }

    bool comparison(node_id id) {
        const auto op0 = ast_.binary_operator(id);
        if (!is_comparison(op0)) {
            if (op0 == binary_op::has)
                return fail(id, construct(id), "enum flags are not supported by the SQL translation");
            return fail(id, construct(id), "arithmetic is not supported by the SQL translation");
        }
        const node_id ln = ast_.children(id)[0], rn = ast_.children(id)[1];
        const bool null_l = ast_.kind(ln) == node_kind::literal && f_.type(ln).type == value_type::null;
        const bool null_r = ast_.kind(rn) == node_kind::literal && f_.type(rn).type == value_type::null;
        if (null_l && null_r) {
            b_.sql(op0 == binary_op::eq ? "TRUE" : "FALSE"); // `null eq null`; `ne` and the rest are false
            return true;
        }
        if ((null_l || null_r) && ast_.kind(null_l ? rn : ln) == node_kind::path) {
            // The null test of a column, whatever its type (a free field compared with null has none).
            if (op0 != binary_op::eq && op0 != binary_op::ne) {
                b_.sql("FALSE");
                return true;
            }
            sql_operand c;
            if (!column_operand(null_l ? rn : ln, c, std::nullopt))
                return false;
            b_.sql("(");
            b_.identifier(c.col->name);
            b_.sql(op0 == binary_op::eq ? " IS NULL)" : " IS NOT NULL)");
            return true;
        }
        column_type t{};
        if (!operand_column_type(id, t))
            return false;
        sql_operand l, r;
        if (!operand(ln, l, t) || !operand(rn, r, t))
            return false;
        binary_op op = op0;
        if (l.k != sql_operand::kind::column && r.k == sql_operand::kind::column) {
            std::swap(l, r);
            op = converse(op);
        }
        // null: `eq null` is the null test, `ne null` its negation; other comparisons are false.
        if (l.k == sql_operand::kind::null_literal || r.k == sql_operand::kind::null_literal) {
            const sql_operand& other = l.k == sql_operand::kind::null_literal ? r : l;
            if (op != binary_op::eq && op != binary_op::ne) {
                b_.sql("FALSE");
                return true;
            }
            if (other.k == sql_operand::kind::literal) {
                b_.sql(op == binary_op::eq ? "FALSE" : "TRUE");
                return true;
            }
            b_.sql("(");
            b_.identifier(other.col->name);
            b_.sql(op == binary_op::eq ? " IS NULL)" : " IS NOT NULL)");
            return true;
        }
        // Two literals: decided now (the engine's order).
        if (l.k == sql_operand::kind::literal) {
            const auto c = compare_literals(*l.value, *r.value);
            b_.sql(c && holds(*c, op) ? "TRUE" : (op == binary_op::ne && !c ? "TRUE" : "FALSE"));
            return true;
        }
        // A literal no stored value can equal: decided, or compared with its nearest neighbour.
        if (r.k == sql_operand::kind::literal) {
            const typed_value* v = r.value;
            std::optional<typed_value> adjusted;
            bool unmatched = false; // no stored value equals v; `near` sorts just below v
            if (const auto* ts = std::get_if<odata_datetimeoffset>(v); ts && ts->sub_micro_ps != 0) {
                unmatched = true;
                odata_datetimeoffset floor = *ts;
                floor.sub_micro_ps = 0;
                adjusted = floor;
            } else if (const auto* s = std::get_if<std::string_view>(v);
                       s && pg() && s->find('\0') != std::string_view::npos) {
                unmatched = true;
                adjusted = s->substr(0, s->find('\0'));
            }
            if (unmatched) {
                // v lies strictly between `near` and the next representable value:
                // x >= v and x > v mean x > near; x <= v and x < v mean x <= near.
                if (op == binary_op::eq || op == binary_op::ne) {
                    b_.sql(op == binary_op::eq ? "FALSE" : "TRUE");
                    return true;
                }
                op = (op == binary_op::gt || op == binary_op::ge) ? binary_op::gt : binary_op::le;
                r.value = &*adjusted;
                return write_comparison(l, r, op, t);
            }
        }
        return write_comparison(l, r, op, t);
    }

    bool write_comparison(const sql_operand& l, const sql_operand& r, binary_op op, column_type t) {
        const bool ln = l.nullable(), rn = r.nullable();
        if (op == binary_op::ne && (ln != rn)) {
            // not eq: (l <> r OR l IS NULL [OR r IS NULL])
            b_.sql("(");
            write_operand(l, t);
            b_.sql(comparison_sql(op));
            write_operand(r, t);
            for (const auto* o : {&l, &r}) {
                if (o->nullable()) {
                    b_.sql(" OR ");
                    b_.identifier(o->col->name);
                    b_.sql(" IS NULL");
                }
            }
            b_.sql(")");
            return true;
        }
        if (ln && rn && (op == binary_op::eq || op == binary_op::ne)) {
            // Two nullable columns: equal when both are NULL, or both are not and equal.
            if (op == binary_op::ne)
                b_.sql("NOT ");
            b_.sql("((");
            write_operand(l, t);
            b_.sql(" = ");
            write_operand(r, t);
            guards({&l, &r});
            b_.sql(") OR (");
            b_.identifier(l.col->name);
            b_.sql(" IS NULL AND ");
            b_.identifier(r.col->name);
            b_.sql(" IS NULL))");
            return true;
        }
        const bool guarded = ln || rn;
        if (guarded)
            b_.sql("(");
        write_operand(l, t);
        b_.sql(comparison_sql(op));
        write_operand(r, t);
        if (guarded) {
            guards({&l, &r});
            b_.sql(")");
        }
        return true;
    }

    bool in_list(node_id id) {
        const node_id lhs = ast_.children(id)[0];
        const node_id rhs = ast_.children(id)[1];
        if (ast_.kind(rhs) != node_kind::list)
            return fail(id, construct(id), "`in` over a collection-valued expression is not supported");
        column_type t{};
        if (!operand_column_type(id, t))
            return false;
        sql_operand l;
        if (!operand(lhs, l, t))
            return false;
        // `in` is `eq` with any item (the engine's filter_eval): a null item matches a NULL operand.
        // The other items are those some stored value can equal.
        std::vector<sql_operand> items;
        bool null_item = false;
        for (node_id item : ast_.children(rhs)) {
            sql_operand o;
            if (!operand(item, o, t))
                return false;
            null_item = null_item || o.k == sql_operand::kind::null_literal;
            if (o.k != sql_operand::kind::literal)
                continue;
            if (const auto* ts = std::get_if<odata_datetimeoffset>(o.value); ts && ts->sub_micro_ps != 0)
                continue;
            if (const auto* s = std::get_if<std::string_view>(o.value);
                s && pg() && s->find('\0') != std::string_view::npos)
                continue;
            items.push_back(o);
        }
        if (l.k == sql_operand::kind::null_literal) {
            b_.sql(null_item ? "TRUE" : "FALSE");
            return true;
        }
        if (l.k == sql_operand::kind::literal) {
            bool found = false;
            for (node_id item : ast_.children(rhs)) {
                const auto c = compare_literals(*l.value, f_.value(item));
                found = found || (c && *c == 0);
            }
            b_.sql(found ? "TRUE" : "FALSE");
            return true;
        }
        const bool null_test = null_item && l.nullable();
        if (items.empty()) {
            if (!null_test) {
                b_.sql("FALSE");
                return true;
            }
            b_.sql("(");
            b_.identifier(l.col->name);
            b_.sql(" IS NULL)");
            return true;
        }
        b_.sql("(");
        append_column(b_, *l.col);
        b_.sql(" IN (");
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                b_.sql(", ");
            write_literal(*items[i].value, t);
        }
        b_.sql(")");
        if (null_test) {
            b_.sql(" OR ");
            b_.identifier(l.col->name);
            b_.sql(" IS NULL");
        } else {
            guards({&l});
        }
        b_.sql(")");
        return true;
    }

    bool string_predicate(node_id id) {
        const auto fn = ast_.function(id);
        if (fn != function_id::contains && fn != function_id::startswith && fn != function_id::endswith)
            return fail(id, construct(id),
                        "only contains, startswith and endswith are supported by the SQL translation");
        const auto args = ast_.children(id);
        if (args.size() != 2 || f_.type(args[0]).collection || f_.type(args[0]).type != value_type::string ||
            f_.type(args[1]).type != value_type::string)
            return fail(id, construct(id), "only the string form (two strings) is supported");
        sql_operand a, n;
        if (!string_arg(args[0], a) || !string_arg(args[1], n))
            return false;
        if (a.k == sql_operand::kind::null_literal || n.k == sql_operand::kind::null_literal) {
            b_.sql("FALSE"); // null in, null out: false
            return true;
        }
        if (a.k == sql_operand::kind::literal && n.k == sql_operand::kind::literal) {
            const auto h = std::get<std::string_view>(*a.value), x = std::get<std::string_view>(*n.value);
            const bool r = fn == function_id::contains ? h.find(x) != std::string_view::npos
                           : fn == function_id::startswith
                               ? h.substr(0, x.size()) == x
                               : (h.size() >= x.size() && h.substr(h.size() - x.size()) == x);
            b_.sql(r ? "TRUE" : "FALSE");
            return true;
        }
        if (pg() && a.k == sql_operand::kind::literal &&
            std::get<std::string_view>(*a.value).find('\0') != std::string_view::npos)
            return fail(args[0], "string literal containing NUL",
                        "PostgreSQL text cannot hold NUL, and this string is searched in, not searched for");
        const bool like = pg() || options_.sqlite_case_sensitive_like;
        if (n.k == sql_operand::kind::literal) {
            const auto needle = std::get<std::string_view>(*n.value);
            if (like && needle.find('\0') != std::string_view::npos) {
                // PostgreSQL cannot store NUL (and SQLite's LIKE cannot see it): nothing matches.
                b_.sql("FALSE");
                return true;
            }
            if (like) {
                b_.sql("(");
                write_operand(a, column_type::text);
                b_.sql(" LIKE ");
                b_.param(like_pattern(needle, fn != function_id::startswith, fn != function_id::endswith),
                         column_type::text);
                b_.sql(" ESCAPE '!'");
                guards({&a});
                b_.sql(")");
                return true;
            }
        }
        // A needle that is a column (or SQLite without LIKE): exact functions.
        const auto ma = b_.mark();
        write_operand(a, column_type::text);
        const std::string at = b_.cut(ma);
        const auto mn = b_.mark();
        write_operand(n, column_type::text);
        const std::string nt = b_.cut(mn);
        b_.sql("(");
        if (!pg()) {
            if (fn == function_id::contains) {
                b_.sql("instr(" + at + ", " + nt + ") > 0");
            } else if (fn == function_id::startswith) {
                b_.sql("instr(" + at + ", " + nt + ") = 1");
            } else {
                // Bytes, so NULs count; substr() of an empty BLOB is NULL, hence the length test first.
                const std::string blob = "CAST(" + nt + " AS BLOB)", hay = "CAST(" + at + " AS BLOB)";
                b_.sql("(length(" + blob + ") = 0 OR (length(" + hay + ") >= length(" + blob +
                       ") AND substr(" + hay + ", -length(" + blob + ")) = " + blob + "))");
            }
        } else {
            if (fn == function_id::contains)
                b_.sql("strpos(" + at + ", " + nt + ") > 0");
            else if (fn == function_id::startswith)
                b_.sql("starts_with(" + at + ", " + nt + ")");
            else
                b_.sql("right(" + at + ", length(" + nt + ")) = " + nt);
        }
        guards({&a, &n});
        b_.sql(")");
        return true;
    }

    bool string_arg(node_id id, sql_operand& out) {
        if (!operand(id, out, column_type::text))
            return false;
        if (out.k == sql_operand::kind::literal && !std::holds_alternative<std::string_view>(*out.value))
            return fail(id, construct(id), "a string is expected");
        return true;
    }

    statement_builder& b_;
    const checked_filter& f_;
    const filter_ast& ast_;
    const column_map& columns_;
    const translate_options& options_;
    std::optional<translate_error> error_;
};

} // namespace detail

APIQUERY_DECL result<std::monostate, translate_error> append_filter(statement_builder& b,
                                                                    const checked_filter& filter,
                                                                    const column_map& columns,
                                                                    const translate_options& options) {
    return detail::filter_translator(b, filter, columns, options).run();
}

APIQUERY_DECL result<statement, translate_error> translate_filter(const checked_filter& filter,
                                                                  const column_map& columns, dialect d,
                                                                  const translate_options& options) {
    statement_builder b(d);
    auto r = append_filter(b, filter, columns, options);
    if (!r)
        return unexpected{std::move(r.error())};
    return b.finish();
}

} // namespace apiquery::sql
