// apiquery: implementation of profile_check.hpp (check_filter).
//
// Three passes over the tree, none recursive (any depth is safe):
// 1. structure: parents, reachability, depth and node limits, lambda scopes (check_structure.ipp);
// 2. capabilities: every node kind, operator, function, lambda, alias and position (leftmost-outermost
//    problem first) (check_capabilities.ipp);
// 3. types: bottom-up in storage order (post-order), binding paths, typing every node, converting
//    literals where their parent decides what they are compared with: literals (check_literals.ipp),
//    operators (check_operators.ipp), calls and type names (check_functions.ipp), paths, aliases and
//    lambdas (check_paths.ipp), on the rules of check_type_rules.ipp; a profile without type checking
//    types a node whose rules fail instead of refusing it (check_relax.ipp).
// The passes share a check_state (check_state.ipp); their messages are made with check_text.ipp.
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_capabilities.ipp>
#include <apiquery/profile/impl/check_functions.ipp>
#include <apiquery/profile/impl/check_literals.ipp>
#include <apiquery/profile/impl/check_operators.ipp>
#include <apiquery/profile/impl/check_paths.ipp>
#include <apiquery/profile/impl/check_relax.ipp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_structure.ipp>
#include <apiquery/profile/impl/check_type_rules.ipp>
#include <apiquery/profile/profile_check.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace apiquery {
namespace detail::pcheck {

/// Types one node (pass 3); its children are typed already.
inline opt_error type_node(check_state& st, node_id id) {
    const auto kids = st.ast.children(id);
    switch (st.ast.kind(id)) {
    case node_kind::literal:
        return type_literal(st, id);
    case node_kind::path:
        return type_path(st, id);
    case node_kind::alias:
        return type_alias(st, id);
    case node_kind::binary: {
        const auto op = st.ast.binary_operator(id);
        switch (op) {
        case binary_op::eq:
        case binary_op::ne:
        case binary_op::gt:
        case binary_op::ge:
        case binary_op::lt:
        case binary_op::le:
            return type_comparison(st, id, op, kids[0], kids[1]);
        case binary_op::has:
            return type_has(st, id, kids[0], kids[1]);
        case binary_op::add:
        case binary_op::sub:
        case binary_op::mul:
        case binary_op::div:
        case binary_op::divby:
        case binary_op::mod:
            return type_arithmetic(st, id, op, kids[0], kids[1]);
        }
        return st.error(profile_errc::unsupported_expression, id, "unknown operator");
    }
    case node_kind::logical:
        return type_logical(st, id);
    case node_kind::unary:
        switch (st.ast.unary_operator(id)) {
        case unary_op::not_:
            return type_not(st, id);
        case unary_op::neg:
            return type_negation(st, id);
        }
        return st.error(profile_errc::unsupported_expression, id, "unknown operator");
    case node_kind::in:
        return type_in(st, id, kids[0], kids[1]);
    case node_kind::list:
        return type_list(st, id);
    case node_kind::call:
        return type_call(st, id);
    case node_kind::type_name:
        return type_type_name(st, id);
    case node_kind::lambda:
        return type_lambda(st, id);
    }
    return st.error(profile_errc::unsupported_expression, id, "unknown node kind");
}

/// The three passes; the first problem found, or nothing when the filter passes.
inline opt_error run(check_state& st) {
    if (auto e = check_structure(st))
        return e;
    if (auto e = check_capabilities(st))
        return e;
    st.out.nodes.assign(st.n, checked_node{});
    for (std::uint32_t i = 0; i < st.n; ++i) {
        if (auto e = type_node(st, node_id{i})) {
            if (st.profile.strict_types || !relaxable(e->code))
                return e;
            relax(st, node_id{i});
        }
    }
    auto e = need_boolean(st, st.ast.root(), "the filter must be a condition");
    if (e && st.profile.strict_types)
        return e;
    return std::nullopt; // without type checking, a non-boolean filter is the evaluator's matter
}

inline result<checked_filter, profile_error> check(std::shared_ptr<checked_data> data,
                                                   const profile_view& profile) {
    check_state st(data->ast, profile, *data);
    if (auto e = run(st))
        return unexpected{std::move(*e)};
    return checked_access::make(std::move(data), profile);
}

} // namespace detail::pcheck

APIQUERY_DECL result<checked_filter, profile_error> check_filter(filter_ast&& ast,
                                                                 const profile_view& profile) {
    auto data = std::make_shared<detail::checked_data>();
    data->ast = std::move(ast);
    return detail::pcheck::check(std::move(data), profile);
}

APIQUERY_DECL result<checked_filter, profile_error> check_filter(const filter_ast& ast,
                                                                 const profile_view& profile) {
    auto data = std::make_shared<detail::checked_data>();
    data->ast = ast;
    return detail::pcheck::check(std::move(data), profile);
}

} // namespace apiquery
