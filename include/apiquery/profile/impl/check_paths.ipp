// apiquery: the binding and typing of paths, aliases and lambdas: a path to a profile field, a free
// field or a lambda's range variable (`$it/` removed), an alias to its name, and a lambda's collection
// and condition (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/impl/check_type_rules.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace apiquery::detail::pcheck {

/// The item type of a lambda's collection (its path child, already typed).
inline opt_error collection_item(check_state& st, node_id lambda, expr_type& item) {
    const node_id path = st.ast.lambda_path(lambda);
    auto& pt = st.info(path).type;
    if (pt.type == value_type::dynamic && !pt.collection) {
        pt.collection = true; // a free field used as a collection
        pt.nullable = true;
    }
    if (!pt.collection)
        return st.error(profile_errc::type_mismatch, path,
                        st.subject_is(path) + "; '" + std::string(to_string(st.ast.lambda_operator(lambda))) +
                            "' needs a collection");
    item = pt;
    item.collection = false;
    if (item.type == value_type::dynamic)
        item.nullable = true;
    return std::nullopt;
}

/// Binds a path node to a field, a free field or a range variable.
inline opt_error type_path(check_state& st, node_id id) {
    auto& inf = st.info(id);
    const auto joined = st.ast.text(id);
    const auto slash = joined.find('/');
    const auto first = joined.substr(0, slash);
    const auto rest_after_first =
        slash == std::string_view::npos ? std::string_view() : joined.substr(slash + 1);
    if (!st.profile.strict_types && (first == "$root" || first == "$this" || joined == "$it")) {
        // Without type checking: a value of another record or the record itself, found at run time.
        inf.binding = {binding_kind::free, no_field, no_node, joined};
        inf.type = expr_type{value_type::dynamic, false, true, no_field};
        return std::nullopt;
    }
    if (first == "$root")
        return st.error(profile_errc::unsupported_expression, id,
                        "'$root' is not supported by this endpoint");
    if (first == "$this")
        return st.error(profile_errc::unsupported_expression, id,
                        "'$this' is not supported by this endpoint");
    std::string_view path = joined;
    if (first == "$it") {
        if (rest_after_first.empty())
            return st.error(profile_errc::unsupported_expression, id,
                            "'$it' alone is not a value; write '$it/field' or just 'field'");
        path = rest_after_first;
    } else {
        // A range variable of an enclosing lambda (innermost first)?
        for (auto s = st.scopes[st.idx(id)]; s != npos; s = st.scopes[s]) {
            const node_id lam{s};
            if (!st.ast.has_lambda_variable(lam) || st.ast.text(lam) != first)
                continue;
            expr_type item;
            if (auto e = collection_item(st, lam, item)) {
                if (st.profile.strict_types)
                    return e;
                item = expr_type{value_type::dynamic, false, true, no_field};
            }
            inf.binding = {binding_kind::variable, no_field, lam, rest_after_first};
            if (rest_after_first.empty()) {
                inf.type = item;
            } else if (item.type == value_type::dynamic || !st.profile.strict_types) {
                inf.type = expr_type{value_type::dynamic, false, true, no_field};
            } else {
                return st.error(profile_errc::unknown_field, id,
                                quoted(first) + " is " + type_text(item, st.profile) + "; it has no member " +
                                    quoted(rest_after_first));
            }
            inf.operand = inf.type.type;
            return std::nullopt;
        }
    }
    const auto f = st.profile.find_field(path);
    if (f != no_field) {
        const auto& fv = st.profile.fields[f];
        if (!fv.filterable)
            return st.error(profile_errc::field_not_filterable, id,
                            "field " + quoted(path) + " cannot be used in a filter");
        if (!is_field_type(fv.type) || (fv.type == value_type::enum_) == fv.enum_members.empty())
            return st.error(profile_errc::invalid_profile, id,
                            "field " + quoted(path) + " is not well defined in this endpoint's profile");
        inf.binding = {binding_kind::field, f, no_node, {}};
        inf.type =
            expr_type{fv.type, fv.collection, fv.nullable, fv.type == value_type::enum_ ? f : no_field};
        inf.operand = fv.type;
        return std::nullopt;
    }
    if (st.profile.free_fields) {
        inf.binding = {binding_kind::free, no_field, no_node, path};
        inf.type = expr_type{value_type::dynamic, false, true, no_field};
        return std::nullopt;
    }
    std::string m = "unknown field " + quoted(path);
    const auto s = suggest_field(st.profile, path);
    if (s != no_field)
        m += " (did you mean " + quoted(st.profile.fields[s].path) + "?)";
    return st.error(profile_errc::unknown_field, id, std::move(m));
}

/// Binds an alias node to its name; its value and type are only known at run time.
inline opt_error type_alias(check_state& st, node_id id) {
    auto& inf = st.info(id);
    inf.binding = {binding_kind::alias, no_field, no_node, st.ast.text(id)};
    inf.type = expr_type{value_type::dynamic, false, true, no_field};
    return std::nullopt;
}

/// `any`/`all`: a collection, and a condition when there is a body.
inline opt_error type_lambda(check_state& st, node_id id) {
    expr_type item;
    if (auto e = collection_item(st, id, item))
        return e;
    const auto body = st.ast.lambda_body(id);
    if (body != no_node)
        if (auto e = need_boolean(st, body,
                                  "the body of '" + std::string(to_string(st.ast.lambda_operator(id))) +
                                      "' must be a condition"))
            return e;
    auto& inf = st.info(id);
    inf.type = expr_type{value_type::boolean, false, false, no_field};
    inf.operand = item.type;
    return std::nullopt;
}

} // namespace apiquery::detail::pcheck
