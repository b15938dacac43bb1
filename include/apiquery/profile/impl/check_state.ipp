// apiquery: what the passes of check_filter() share: the tree, the profile and the checked output being
// built, the parents and lambda scopes of the nodes, and the errors at a node with the node named in
// them (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace apiquery::detail::pcheck {

inline constexpr std::uint32_t npos = 0xFFFFFFFFu;

using opt_error = std::optional<profile_error>;

/// The state of one check_filter() call, passed to every pass.
struct check_state {
    check_state(const filter_ast& tree, const profile_view& prof, checked_data& output)
        : ast(tree), profile(prof), out(output), n(static_cast<std::uint32_t>(tree.size())) {}

    const filter_ast& ast;
    const profile_view& profile;
    checked_data& out;
    std::uint32_t n;
    std::vector<std::uint32_t> parents; // parent index (npos for the root); set by check_structure()
    std::vector<std::uint32_t> scopes;  // the innermost lambda whose body holds the node (npos: none)

    static std::uint32_t idx(node_id id) noexcept { return static_cast<std::uint32_t>(id); }
    checked_node& info(node_id id) noexcept { return out.nodes[idx(id)]; }
    const expr_type& type_of(node_id id) noexcept { return out.nodes[idx(id)].type; }
    bool is_literal(node_id id) const noexcept { return ast.kind(id) == node_kind::literal; }
    bool is_null_literal(node_id id) const noexcept {
        return is_literal(id) && ast.literal_type(id) == literal_kind::null;
    }
    bool is_string_literal(node_id id) const noexcept {
        return is_literal(id) && ast.literal_type(id) == literal_kind::string;
    }

    profile_error error(profile_errc code, node_id at, std::string message) const {
        return profile_error{code, ast.span(at), std::move(message)};
    }
    /// An error about the node's operator (refused, or not applicable to its operands): it starts
    /// at the operator keyword (filter_ast::operator_position) and ends with the node.
    profile_error operator_error(profile_errc code, node_id at, std::string message) const {
        return profile_error{code, {ast.operator_position(at), ast.span(at).end}, std::move(message)};
    }

    /// How a node is named in messages: `field 'name'`, `'yes'`, `tolower(...)`.
    std::string subject(node_id id) {
        switch (ast.kind(id)) {
        case node_kind::literal:
            return render_literal(ast, id);
        case node_kind::path: {
            const auto& b = info(id).binding;
            if (b.kind == binding_kind::field)
                return "field " + quoted(profile.fields[b.field].path);
            if (b.kind == binding_kind::free)
                return "field " + quoted(b.path);
            return quoted(ast.text(id));
        }
        case node_kind::alias:
            return quoted(ast.text(id));
        case node_kind::call:
            return std::string(to_string(ast.function(id))) + "(...)";
        case node_kind::binary:
            return "the '" + std::string(to_string(ast.binary_operator(id))) + "' expression";
        case node_kind::unary:
            return ast.unary_operator(id) == unary_op::neg ? "the negation" : "the 'not' condition";
        case node_kind::logical:
            return "the '" + std::string(to_string(ast.logical_operator(id))) + "' condition";
        case node_kind::in:
            return "the 'in' condition";
        case node_kind::list:
            return "the list";
        case node_kind::type_name:
            return "type " + quoted(ast.text(id));
        case node_kind::lambda:
            return "the '" + std::string(to_string(ast.lambda_operator(id))) + "' condition";
        }
        return "the expression";
    }

    /// `field 'personal' is boolean`, `'yes' is a string`.
    std::string subject_is(node_id id) {
        if (is_literal(id))
            return render_literal(ast, id) + " is " + std::string(article_kind(ast.literal_type(id)));
        return subject(id) + " is " + type_text(type_of(id), profile);
    }

    /// The error for two operands that cannot be compared or combined: at the literal (the right one
    /// when both are), else at `parent`.
    profile_error mismatch(node_id a, node_id b, node_id parent) {
        if (is_literal(b))
            return error(profile_errc::type_mismatch, b, subject_is(a) + "; " + subject_is(b));
        if (is_literal(a))
            return error(profile_errc::type_mismatch, a, subject_is(b) + "; " + subject_is(a));
        return operator_error(profile_errc::type_mismatch, parent, subject_is(a) + "; " + subject_is(b));
    }

    profile_error not_nullable(node_id null_node, node_id other) {
        return error(profile_errc::null_not_allowed, null_node,
                     subject(other) + " is not nullable; it cannot be compared with null");
    }
};

} // namespace apiquery::detail::pcheck
