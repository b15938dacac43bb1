// apiquery: the second pass of check_filter(): every node's kind, operator, function, lambda and alias
// is one the profile allows, in a position where it may stand (a list only right of `in`, a type name
// only last in cast or isof); the leftmost-outermost problem is reported (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace apiquery::detail::pcheck {

// Whether an enumerator is one this version knows (a tree built by other code may hold any value).
constexpr bool valid(binary_op op) noexcept {
    switch (op) {
    case binary_op::eq:
    case binary_op::ne:
    case binary_op::gt:
    case binary_op::ge:
    case binary_op::lt:
    case binary_op::le:
    case binary_op::has:
    case binary_op::add:
    case binary_op::sub:
    case binary_op::mul:
    case binary_op::div:
    case binary_op::divby:
    case binary_op::mod:
        return true;
    }
    return false;
}
constexpr bool valid(logical_op op) noexcept {
    switch (op) {
    case logical_op::and_:
    case logical_op::or_:
        return true;
    }
    return false;
}
constexpr bool valid(unary_op op) noexcept {
    switch (op) {
    case unary_op::not_:
    case unary_op::neg:
        return true;
    }
    return false;
}
constexpr bool valid(lambda_op op) noexcept {
    switch (op) {
    case lambda_op::any:
    case lambda_op::all:
        return true;
    }
    return false;
}
constexpr bool valid(literal_kind k) noexcept {
    switch (k) {
    case literal_kind::null:
    case literal_kind::boolean:
    case literal_kind::int_:
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::string:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::duration:
    case literal_kind::guid:
    case literal_kind::enum_:
        return true;
    }
    return false;
}

/// The operators the profile allows, for messages: "eq, ge, and" (or "none").
inline std::string supported_operators(const check_state& st) {
    std::string s;
    for (std::size_t i = 0; i < filter_operator_count; ++i) {
        const auto op = static_cast<filter_operator>(i);
        if (st.profile.operators.contains(op)) {
            if (!s.empty())
                s += ", ";
            s += to_string(op);
        }
    }
    return s.empty() ? "none" : s;
}

/// `operator 'or' is not supported by this endpoint (supported: eq, ge, and)`.
inline profile_error unsupported_operator(const check_state& st, node_id id, filter_operator op) {
    return st.operator_error(
        profile_errc::unsupported_operator, id,
        "operator '" + std::string(to_string(op)) +
            "' is not supported by this endpoint (supported: " + supported_operators(st) + ")");
}

/// The capability/position problem of one node, if any. `message` false: the message is left
/// empty (used while looking for the leftmost problem).
inline opt_error capability(const check_state& st, node_id id, bool message) {
    const auto msg = [&](std::string s) { return message ? std::move(s) : std::string(); };
    const auto unsupported = [&](node_id at, const char* text) {
        return st.error(profile_errc::unsupported_expression, at, msg(text));
    };
    const auto kids = st.ast.children(id);
    switch (st.ast.kind(id)) {
    case node_kind::literal:
        if (!valid(st.ast.literal_type(id)))
            return unsupported(id, "unknown literal kind");
        return std::nullopt;
    case node_kind::path:
        if (st.ast.text(id).empty())
            return unsupported(id, "empty path");
        return std::nullopt;
    case node_kind::alias:
        if (!st.profile.aliases)
            return st.error(
                profile_errc::unsupported_alias, id,
                msg("parameter alias " + quoted(st.ast.text(id)) + " is not supported by this endpoint"));
        return std::nullopt;
    case node_kind::binary: {
        const auto op = st.ast.binary_operator(id);
        if (!valid(op))
            return unsupported(id, "unknown operator");
        if (kids.size() != 2)
            return unsupported(id, "an operator needs two operands");
        if (!st.profile.operators.contains(to_operator(op)))
            return message ? unsupported_operator(st, id, to_operator(op))
                           : st.operator_error(profile_errc::unsupported_operator, id, {});
        return std::nullopt;
    }
    case node_kind::logical: {
        const auto op = st.ast.logical_operator(id);
        if (!valid(op))
            return unsupported(id, "unknown operator");
        if (kids.size() < 2)
            return unsupported(id, "'and' and 'or' need two operands");
        if (!st.profile.operators.contains(to_operator(op)))
            return message ? unsupported_operator(st, id, to_operator(op))
                           : st.operator_error(profile_errc::unsupported_operator, id, {});
        return std::nullopt;
    }
    case node_kind::unary: {
        const auto op = st.ast.unary_operator(id);
        if (!valid(op))
            return unsupported(id, "unknown operator");
        if (kids.size() != 1)
            return unsupported(id, "'not' and '-' need one operand");
        if (!st.profile.operators.contains(to_operator(op)))
            return message ? unsupported_operator(st, id, to_operator(op))
                           : st.operator_error(profile_errc::unsupported_operator, id, {});
        return std::nullopt;
    }
    case node_kind::in:
        if (kids.size() != 2)
            return unsupported(id, "'in' needs two operands");
        if (!st.profile.operators.contains(filter_operator::in))
            return message ? unsupported_operator(st, id, filter_operator::in)
                           : st.operator_error(profile_errc::unsupported_operator, id, {});
        return std::nullopt;
    case node_kind::list: {
        const auto par = st.parents[st.idx(id)];
        if (par == npos || st.ast.kind(node_id{par}) != node_kind::in ||
            st.ast.children(node_id{par})[1] != id)
            return unsupported(id, "a list in parentheses is only allowed right of 'in'");
        for (node_id item : kids)
            if (!st.is_literal(item))
                return unsupported(item, "only literals are allowed in an 'in' list");
        return std::nullopt;
    }
    case node_kind::call: {
        const auto f = st.ast.function(id);
        if (static_cast<std::size_t>(f) >= function_count)
            return unsupported(id, "unknown function");
        if (!st.profile.functions.contains(f))
            return st.error(
                profile_errc::unsupported_function, id,
                msg("function '" + std::string(to_string(f)) + "' is not supported by this endpoint"));
        const auto& fi = apiquery::info(f);
        if (kids.size() < fi.min_args || kids.size() > fi.max_args)
            return st.error(profile_errc::unsupported_expression, id,
                            msg("wrong number of arguments for '" + std::string(fi.name) + "'"));
        if (f == function_id::cast || f == function_id::isof) {
            // Without type checking, also the one-argument form (the whole record).
            if (kids.size() != 2 && st.profile.strict_types)
                return st.error(profile_errc::unsupported_expression, id,
                                msg("'" + std::string(fi.name) +
                                    "' with one argument (the whole record) is not supported; write " +
                                    std::string(fi.name) + "(expression, type)"));
            if (kids.empty() || st.ast.kind(kids.back()) != node_kind::type_name)
                return st.error(
                    profile_errc::unsupported_expression, kids.empty() ? id : kids.back(),
                    msg("the last argument of '" + std::string(fi.name) + "' must be a type name"));
        }
        return std::nullopt;
    }
    case node_kind::type_name: {
        const auto par = st.parents[st.idx(id)];
        if (par == npos || st.ast.kind(node_id{par}) != node_kind::call)
            return unsupported(id, "a type name is only allowed as the last argument of cast or isof");
        const auto f = st.ast.function(node_id{par});
        const auto siblings = st.ast.children(node_id{par});
        // Without type checking, also the only argument: `isof(Edm.Int32)` (the whole record).
        if ((f != function_id::cast && f != function_id::isof) || siblings.back() != id ||
            (siblings.size() != 2 && st.profile.strict_types))
            return unsupported(id, "a type name is only allowed as the last argument of cast or isof");
        return std::nullopt;
    }
    case node_kind::lambda: {
        const auto op = st.ast.lambda_operator(id);
        if (!valid(op))
            return unsupported(id, "unknown lambda operator");
        if (!st.profile.lambdas)
            return st.operator_error(
                profile_errc::unsupported_lambda, id,
                msg("lambda '" + std::string(to_string(op)) + "' is not supported by this endpoint"));
        if (kids.empty() || kids.size() > 2 || st.ast.kind(kids[0]) != node_kind::path)
            return unsupported(id, "a lambda needs a collection path before /any or /all");
        const bool body = kids.size() == 2;
        if (body != st.ast.has_lambda_variable(id))
            return unsupported(id, "a lambda has a range variable and a condition, or neither");
        if (!body && op == lambda_op::all)
            return unsupported(id, "'all' needs a condition: all(x: ...)");
        return std::nullopt;
    }
    }
    return unsupported(id, "unknown node kind");
}

inline opt_error check_capabilities(const check_state& st) {
    std::uint32_t best = npos;
    source_span b;
    for (std::uint32_t i = 0; i < st.n; ++i) {
        if (auto e = capability(st, node_id{i}, false)) {
            const auto& s = e->span;
            if (best == npos || s.begin < b.begin || (s.begin == b.begin && s.end >= b.end)) {
                best = i;
                b = s;
            }
        }
    }
    if (best == npos)
        return std::nullopt;
    return capability(st, node_id{best}, true);
}

} // namespace apiquery::detail::pcheck
