// apiquery: the type rules every node's typing uses: the order and widening of types, the common type of
// two operands compared with each other, the type a dynamic node takes from its context, and the
// checks that an operand is a condition or a single value (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace apiquery::detail::pcheck {

constexpr int numeric_rank(value_type t) noexcept {
    return t == value_type::int_ ? 0 : t == value_type::decimal ? 1 : 2;
}
constexpr value_type wider_numeric(value_type a, value_type b) noexcept {
    return numeric_rank(a) >= numeric_rank(b) ? a : b;
}
constexpr bool is_ordered(value_type t) noexcept {
    switch (t) {
    case value_type::int_:
    case value_type::decimal:
    case value_type::double_:
    case value_type::string:
    case value_type::date:
    case value_type::datetimeoffset:
    case value_type::timeofday:
    case value_type::duration:
    case value_type::guid:
    case value_type::dynamic:
        return true;
    case value_type::boolean:
    case value_type::enum_:
    case value_type::null:
        return false;
    }
    return false;
}
/// Types a quoted string literal converts to when compared with them.
constexpr bool takes_quoted_string(value_type t) noexcept {
    return t == value_type::date || t == value_type::datetimeoffset || t == value_type::guid ||
           t == value_type::enum_;
}

/// Why two types have no common type.
enum class clash : std::uint8_t { none, mismatch, null_a, null_b };

struct unified {
    expr_type type;
    clash why = clash::none;
};

/// The common type of two operands compared with each other (`eq`, `in`): literal-aware (a quoted
/// string converts to date, datetimeoffset, guid and enum; `null` takes the other side's type).
inline unified unify(const expr_type& a, bool a_string_lit, const expr_type& b, bool b_string_lit) {
    const auto A = a.type, B = b.type;
    expr_type r;
    if (A == value_type::null && B == value_type::null) {
        r.type = value_type::null;
        r.nullable = true;
        return {r};
    }
    if (A == value_type::null || B == value_type::null) {
        const auto& other = A == value_type::null ? b : a;
        if (other.type != value_type::dynamic && !other.nullable)
            return {r, A == value_type::null ? clash::null_a : clash::null_b};
        r = other;
        r.nullable = true;
        return {r};
    }
    if (A == value_type::dynamic && B == value_type::dynamic) {
        r.nullable = true;
        return {r};
    }
    if (A == value_type::dynamic) {
        r = b;
        r.nullable = true;
        return {r};
    }
    if (B == value_type::dynamic) {
        r = a;
        r.nullable = true;
        return {r};
    }
    const bool nullable = a.nullable || b.nullable;
    if (a_string_lit && takes_quoted_string(B)) {
        r = b;
    } else if (b_string_lit && takes_quoted_string(A)) {
        r = a;
    } else if (is_numeric(A) && is_numeric(B)) {
        r.type = wider_numeric(A, B);
    } else if ((A == value_type::date && B == value_type::datetimeoffset) ||
               (A == value_type::datetimeoffset && B == value_type::date)) {
        r.type = value_type::datetimeoffset;
    } else if (A == B && A == value_type::enum_) {
        if (a.enum_field == b.enum_field || b.enum_field == no_field)
            r = a;
        else if (a.enum_field == no_field)
            r = b;
        else
            return {r, clash::mismatch};
    } else if (A == B) {
        r = a;
    } else {
        return {r, clash::mismatch};
    }
    r.collection = false;
    r.nullable = nullable;
    return {r};
}

/// Refines a node of type dynamic that can take a type from its context (free fields, aliases,
/// members of free collection items).
inline void refine(check_state& st, node_id id, expr_type t) {
    auto& inf = st.info(id);
    if (inf.type.type != value_type::dynamic || t.type == value_type::dynamic || t.type == value_type::null)
        return;
    const auto k = st.ast.kind(id);
    if (k != node_kind::path && k != node_kind::alias)
        return;
    t.nullable = true;
    t.collection = t.collection || inf.type.collection;
    inf.type = t;
    inf.operand = t.type;
}

/// The error when `id` is not a condition (boolean) where `context` needs one.
inline opt_error need_boolean(check_state& st, node_id id, std::string_view context) {
    const auto& t = st.type_of(id);
    if (t.collection && t.type != value_type::dynamic)
        return st.error(profile_errc::type_mismatch, id, std::string(context) + "; " + st.subject_is(id));
    if (t.type == value_type::boolean && !t.collection)
        return std::nullopt;
    const auto k = st.ast.kind(id);
    if (t.type == value_type::dynamic && !t.collection && (k == node_kind::path || k == node_kind::alias)) {
        // A free field or alias standing as a condition is a boolean.
        refine(st, id, expr_type{value_type::boolean, false, true, no_field});
        return std::nullopt;
    }
    if (t.type == value_type::null)
        return st.error(profile_errc::null_not_allowed, id,
                        std::string(context) + "; null is not a condition");
    if (t.type == value_type::dynamic)
        return st.error(profile_errc::type_mismatch, id,
                        std::string(context) + "; " + st.subject(id) + " is not a condition");
    return st.error(profile_errc::type_mismatch, id, std::string(context) + "; " + st.subject_is(id));
}

/// The error when `id` is a collection where `what` needs a single value.
inline opt_error no_collection(check_state& st, node_id id, std::string_view what) {
    const auto& t = st.type_of(id);
    if (t.collection && t.type != value_type::dynamic)
        return st.error(profile_errc::type_mismatch, id, st.subject_is(id) + "; " + std::string(what));
    return std::nullopt;
}

} // namespace apiquery::detail::pcheck
