// apiquery: the typing of operators: comparisons, `has`, arithmetic and negation, `in` with a list or a
// collection, and `and`/`or`/`not`; whether an operator applies to its operands' types, the type it
// computes in and the type it gives (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_literals.ipp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/impl/check_type_rules.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <string>
#include <utility>

namespace apiquery::detail::pcheck {

/// `eq ne gt ge lt le`.
inline opt_error type_comparison(check_state& st, node_id id, binary_op op, node_id a, node_id b) {
    const std::string opname(to_string(op));
    if (is_ordering(op)) {
        for (node_id x : {a, b})
            if (st.is_null_literal(x))
                return st.error(profile_errc::null_not_allowed, x,
                                "null can only be compared with eq or ne, not '" + opname + "'");
    }
    for (node_id x : {a, b})
        if (auto e = no_collection(st, x, "compare its items with any or all, or use 'in'"))
            return e;
    const auto u = unify(st.type_of(a), st.is_string_literal(a), st.type_of(b), st.is_string_literal(b));
    switch (u.why) {
    case clash::none:
        break;
    case clash::mismatch:
        return st.mismatch(a, b, id);
    case clash::null_a:
        return st.not_nullable(a, b);
    case clash::null_b:
        return st.not_nullable(b, a);
    }
    if (is_ordering(op) && !is_ordered(u.type.type))
        return st.operator_error(profile_errc::type_mismatch, id,
                                 "operator '" + opname + "' needs ordered values; " +
                                     st.subject_is(st.is_literal(a) ? b : a));
    for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
        if (st.is_literal(x)) {
            if (auto e = coerce(st, x, u.type, y))
                return e;
        } else {
            refine(st, x, u.type);
        }
    }
    auto& inf = st.info(id);
    inf.type = expr_type{value_type::boolean, false, false, no_field};
    inf.operand = u.type.type;
    return std::nullopt;
}

/// `has`: an enum value on the left, a value of its enum on the right.
inline opt_error type_has(check_state& st, node_id id, node_id a, node_id b) {
    if (auto e = no_collection(st, a, "'has' needs a single enum value on its left"))
        return e;
    auto ta = st.type_of(a);
    const auto& tb = st.type_of(b);
    if (ta.type == value_type::dynamic && tb.type == value_type::enum_) {
        refine(st, a, tb);
        ta = st.type_of(a);
    }
    if (ta.type != value_type::enum_ && ta.type != value_type::dynamic)
        return st.error(profile_errc::type_mismatch, a,
                        "'has' needs an enum on its left; " + st.subject_is(a));
    if (st.is_null_literal(b))
        return st.error(profile_errc::null_not_allowed, b,
                        "'has' needs an enum value on its right, not null");
    if (st.is_literal(b)) {
        const auto k = st.ast.literal_type(b);
        if (k != literal_kind::string && k != literal_kind::enum_)
            return ta.type == value_type::enum_
                       ? st.mismatch(a, b, id)
                       : st.error(profile_errc::type_mismatch, b,
                                  "'has' needs an enum value on its right; " + st.subject_is(b));
        // An enum member of the left side's enum (a free field: a member name only).
        const expr_type target =
            ta.type == value_type::enum_ ? ta : expr_type{value_type::enum_, false, false, no_field};
        if (auto e = coerce(st, b, target, a))
            return e;
        refine(st, a, target);
    } else {
        const auto u = unify(ta, false, tb, false);
        if (u.why != clash::none || (u.type.type != value_type::enum_ && u.type.type != value_type::dynamic))
            return st.mismatch(a, b, id);
        refine(st, b, u.type);
    }
    auto& inf = st.info(id);
    inf.type = expr_type{value_type::boolean, false, false, no_field};
    inf.operand = value_type::enum_;
    return std::nullopt;
}

/// The types arithmetic takes (dynamic: decided at run time).
inline bool arithmetic_type(value_type t) noexcept {
    return is_numeric(t) || t == value_type::date || t == value_type::datetimeoffset ||
           t == value_type::duration || t == value_type::dynamic;
}

/// `add sub mul div divby mod`: numbers, or date and time arithmetic (`add` and `sub` only).
inline opt_error type_arithmetic(check_state& st, node_id id, binary_op op, node_id a, node_id b) {
    const std::string opname(to_string(op));
    const bool numbers_only = op != binary_op::add && op != binary_op::sub;
    const std::string needs =
        numbers_only ? "operator '" + opname + "' needs numbers; "
                     : "operator '" + opname + "' needs numbers, dates, date-times or durations; ";
    for (node_id x : {a, b}) {
        if (st.is_null_literal(x))
            return st.error(profile_errc::null_not_allowed, x, "null is not allowed in arithmetic");
        if (auto e = no_collection(st, x, "operator '" + opname + "' needs single values"))
            return e;
    }
    for (node_id x : {a, b}) {
        const auto t = st.type_of(x).type;
        if (!arithmetic_type(t) || (numbers_only && !is_numeric(t) && t != value_type::dynamic))
            return st.error(profile_errc::type_mismatch, x, needs + st.subject_is(x));
    }
    auto ta = st.type_of(a), tb = st.type_of(b);
    // A dynamic operand next to a number is taken as that number's type.
    if (ta.type == value_type::dynamic && is_numeric(tb.type)) {
        refine(st, a, tb);
        ta.type = st.type_of(a).type;
    }
    if (tb.type == value_type::dynamic && is_numeric(ta.type)) {
        refine(st, b, ta);
        tb.type = st.type_of(b).type;
    }
    const auto A = ta.type, B = tb.type;
    expr_type result{value_type::dynamic, false, ta.nullable || tb.nullable, no_field};
    value_type operand = value_type::dynamic;
    if (A == value_type::dynamic || B == value_type::dynamic) {
        result.nullable = true;
    } else if (is_numeric(A) && is_numeric(B)) {
        operand = wider_numeric(A, B);
        if (op == binary_op::divby && operand == value_type::int_)
            operand = value_type::decimal;
        result.type = operand;
        for (node_id x : {a, b})
            if (st.is_literal(x))
                if (auto e = coerce(st, x, expr_type{operand, false, false, no_field}, x == a ? b : a))
                    return e;
    } else {
        using vt = value_type;
        operand = A;
        if (op == binary_op::add && (A == vt::datetimeoffset || A == vt::date) && B == vt::duration)
            result.type = A;
        else if ((op == binary_op::add || op == binary_op::sub) && A == vt::duration && B == vt::duration)
            result.type = vt::duration;
        else if (op == binary_op::sub && (A == vt::datetimeoffset || A == vt::date) && B == vt::duration)
            result.type = A;
        else if (op == binary_op::sub && (A == vt::datetimeoffset || A == vt::date) &&
                 (B == vt::datetimeoffset || B == vt::date)) {
            result.type = vt::duration;
            operand = A == B ? A : vt::datetimeoffset;
            for (node_id x : {a, b})
                if (st.is_literal(x))
                    if (auto e = coerce(st, x, expr_type{operand, false, false, no_field}, x == a ? b : a))
                        return e;
        } else {
            return st.operator_error(profile_errc::type_mismatch, id,
                                     "operator '" + opname + "' cannot combine " + type_text(ta, st.profile) +
                                         " and " + type_text(tb, st.profile));
        }
    }
    auto& inf = st.info(id);
    inf.type = result;
    inf.operand = operand;
    return std::nullopt;
}

/// `-x`: a number or a duration.
inline opt_error type_negation(check_state& st, node_id id) {
    const auto kids = st.ast.children(id);
    auto& inf = st.info(id);
    if (auto e = no_collection(st, kids[0], "'-' needs a single value"))
        return e;
    if (st.is_null_literal(kids[0]))
        return st.error(profile_errc::null_not_allowed, kids[0], "null is not allowed in arithmetic");
    const auto t = st.type_of(kids[0]);
    if (!is_numeric(t.type) && t.type != value_type::duration && t.type != value_type::dynamic)
        return st.error(profile_errc::type_mismatch, kids[0],
                        "'-' needs a number or a duration; " + st.subject_is(kids[0]));
    inf.type = t;
    inf.operand = t.type;
    return std::nullopt;
}

/// `in`: a list of literals (typed by the `in` node) or a collection on the right.
inline opt_error type_in(check_state& st, node_id id, node_id a, node_id b) {
    if (auto e = no_collection(st, a, "'in' needs a single value on its left"))
        return e;
    expr_type common = st.type_of(a);
    if (st.ast.kind(b) == node_kind::list) {
        const auto items = st.ast.children(b);
        const bool free_left = st.type_of(a).type == value_type::dynamic;
        node_id prev = a;
        for (node_id item : items) {
            const auto& ti = st.type_of(item);
            if (free_left) {
                // Nothing to compare with but the other items.
                if (ti.type == value_type::null) {
                    common.nullable = true;
                    continue;
                }
                if (common.type == value_type::dynamic) {
                    common = ti;
                    common.nullable = true;
                    prev = item;
                    continue;
                }
                const auto u = unify(common, false, ti, false);
                if (u.why != clash::none)
                    return st.mismatch(prev, item, id);
                common = u.type;
                common.nullable = true;
                prev = item;
                continue;
            }
            const auto u = unify(st.type_of(a), st.is_string_literal(a), ti, st.is_string_literal(item));
            switch (u.why) {
            case clash::none:
                break;
            case clash::mismatch:
                return st.mismatch(a, item, id);
            case clash::null_a:
                return st.not_nullable(a, item);
            case clash::null_b:
                return st.not_nullable(item, a);
            }
            if (is_numeric(common.type) && is_numeric(u.type.type))
                common.type = wider_numeric(common.type, u.type.type);
            else if (common.type == value_type::date && u.type.type == value_type::datetimeoffset)
                common.type = value_type::datetimeoffset;
            else if (common.type == value_type::string && u.type.type != value_type::string)
                common = u.type; // a string literal on the left of a typed list
            common.nullable = common.nullable || u.type.nullable;
        }
        for (node_id item : items)
            if (auto e = coerce(st, item, common, a))
                return e;
        auto& li = st.info(b);
        li.type = common;
        li.type.collection = true;
        li.operand = common.type;
    } else {
        auto& tb = st.info(b).type;
        if (tb.type == value_type::dynamic && !tb.collection &&
            (st.ast.kind(b) == node_kind::path || st.ast.kind(b) == node_kind::alias)) {
            tb.collection = true; // a free field used as a collection
            tb.nullable = true;
        }
        if (!tb.collection)
            return st.error(profile_errc::type_mismatch, b,
                            "'in' needs a list or a collection on its right; " + st.subject_is(b));
        expr_type item = tb;
        item.collection = false;
        const auto u = unify(st.type_of(a), st.is_string_literal(a), item, false);
        if (u.why != clash::none)
            return st.is_literal(a) ? st.error(profile_errc::type_mismatch, a,
                                               st.subject_is(a) + "; the items of " + st.subject(b) +
                                                   " are " + type_text(item, st.profile))
                                    : st.operator_error(profile_errc::type_mismatch, id,
                                                        st.subject_is(a) + "; the items of " + st.subject(b) +
                                                            " are " + type_text(item, st.profile));
        common = u.type;
        if (item.type == value_type::dynamic && common.type != value_type::dynamic &&
            (st.ast.kind(b) == node_kind::path || st.ast.kind(b) == node_kind::alias)) {
            tb.type = common.type; // a free collection: its items are what is looked for
            tb.enum_field = common.enum_field;
            st.info(b).operand = common.type;
        }
    }
    if (st.is_literal(a)) {
        if (auto e = coerce(st, a, common, b))
            return e;
    } else {
        refine(st, a, common);
    }
    auto& inf = st.info(id);
    inf.type = expr_type{value_type::boolean, false, false, no_field};
    inf.operand = common.type;
    return std::nullopt;
}

/// The list right of `in` (its items and type are set by type_in()).
inline opt_error type_list(check_state& st, node_id id) {
    auto& inf = st.info(id);
    inf.type = expr_type{value_type::dynamic, true, false, no_field};
    return std::nullopt;
}

/// `and`, `or`: conditions.
inline opt_error type_logical(check_state& st, node_id id) {
    const std::string context =
        "'" + std::string(to_string(st.ast.logical_operator(id))) + "' needs conditions";
    for (node_id c : st.ast.children(id))
        if (auto e = need_boolean(st, c, context))
            return e;
    st.info(id).type = expr_type{value_type::boolean, false, false, no_field};
    st.info(id).operand = value_type::boolean;
    return std::nullopt;
}

/// `not`: a condition.
inline opt_error type_not(check_state& st, node_id id) {
    auto& inf = st.info(id);
    if (auto e = need_boolean(st, st.ast.children(id)[0], "'not' needs a condition"))
        return e;
    inf.type = expr_type{value_type::boolean, false, false, no_field};
    inf.operand = value_type::boolean;
    return std::nullopt;
}

} // namespace apiquery::detail::pcheck
