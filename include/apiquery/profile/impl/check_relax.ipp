// apiquery: profiles without type checking (profile_view::strict_types false): which errors of the type
// pass they accept, and the type a node whose type rules failed is given instead (part of
// profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_signatures.ipp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <variant>

namespace apiquery::detail::pcheck {

/// The type errors a profile without type checking accepts (the node is then typed by relax()).
inline bool relaxable(profile_errc c) noexcept {
    switch (c) {
    case profile_errc::type_mismatch:
    case profile_errc::invalid_value:
    case profile_errc::null_not_allowed:
    case profile_errc::unsupported_expression:
        return true;
    case profile_errc::unsupported_operator:
    case profile_errc::unsupported_function:
    case profile_errc::unsupported_lambda:
    case profile_errc::unsupported_alias:
    case profile_errc::unknown_field:
    case profile_errc::field_not_filterable:
    case profile_errc::depth_limit:
    case profile_errc::node_limit:
    case profile_errc::invalid_profile:
    case profile_errc::malformed_tree:
        return false;
    }
    return false;
}

/// Types a node whose type rules failed, for a profile without type checking: conditions
/// (comparisons, `in`, `has`, `and`/`or`/`not`, lambdas, boolean functions) stay boolean, anything
/// else becomes dynamic (nullable); the operand type is dynamic (decided at run time). A literal
/// that could not be converted keeps no value (std::monostate): evaluators read its text.
inline void relax(check_state& st, node_id id) {
    auto& inf = st.info(id);
    const expr_type condition{value_type::boolean, false, false, no_field};
    expr_type t{value_type::dynamic, false, true, no_field};
    switch (st.ast.kind(id)) {
    case node_kind::binary: {
        const auto op = st.ast.binary_operator(id);
        if (is_comparison(op) || op == binary_op::has)
            t = condition;
        break;
    }
    case node_kind::logical:
    case node_kind::in:
    case node_kind::lambda:
        t = condition;
        break;
    case node_kind::unary:
        if (st.ast.unary_operator(id) == unary_op::not_)
            t = condition;
        break;
    case node_kind::call: {
        const auto f = st.ast.function(id);
        const auto sig = signature_of(f);
        if (sig.count > 0 && sig.overloads[0].result == ret::boolean) {
            t = condition;
            t.nullable = f != function_id::isof;
        }
        break;
    }
    case node_kind::literal:
        if (inf.value >= st.out.values.size())
            inf.value = no_field; // type_literal() failed before storing a value
        else if (!std::holds_alternative<std::monostate>(st.out.values[inf.value]))
            return; // converted or kept as written: its type matches its value
        break;
    case node_kind::path:
    case node_kind::alias:
    case node_kind::list:
    case node_kind::type_name:
        break;
    }
    inf.type = t;
    inf.operand = value_type::dynamic;
}

} // namespace apiquery::detail::pcheck
