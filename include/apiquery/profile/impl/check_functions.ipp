// apiquery: the typing of function calls and type names: the overload a call's arguments fit, the
// type each argument is given and the call's result type; the types cast may convert between; the
// type a type name denotes (an Edm primitive type or an enum type of the profile) (part of
// profile_check.ipp).
#pragma once

#include <apiquery/odata/edm.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_signatures.ipp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/impl/check_type_rules.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace apiquery::detail::pcheck {

/// The checker's type of an Edm primitive type (dynamic for unknown).
constexpr value_type value_type_of(edm_type t) noexcept {
    switch (t) {
    case edm_type::boolean:
        return value_type::boolean;
    case edm_type::string:
        return value_type::string;
    case edm_type::byte:
    case edm_type::sbyte:
    case edm_type::int16:
    case edm_type::int32:
    case edm_type::int64:
        return value_type::int_;
    case edm_type::decimal:
        return value_type::decimal;
    case edm_type::double_:
    case edm_type::single:
        return value_type::double_;
    case edm_type::date:
        return value_type::date;
    case edm_type::datetimeoffset:
        return value_type::datetimeoffset;
    case edm_type::timeofday:
        return value_type::timeofday;
    case edm_type::duration:
        return value_type::duration;
    case edm_type::guid:
        return value_type::guid;
    case edm_type::unknown:
        break;
    }
    return value_type::dynamic;
}

/// Whether an argument of type `t` (a type name: `type_name`) fits parameter `p`.
inline bool matches(param p, const expr_type& t, bool type_name) noexcept {
    if (p == param::type)
        return type_name;
    if (type_name)
        return false;
    if (p == param::any)
        return true;
    if (t.type == value_type::null)
        return false;
    if (t.type == value_type::dynamic)
        return true;
    if (p == param::collection)
        return t.collection;
    if (t.collection)
        return false;
    switch (p) {
    case param::string:
        return t.type == value_type::string;
    case param::int_:
        return t.type == value_type::int_;
    case param::numeric:
        return is_numeric(t.type);
    case param::date_or_dto:
        return t.type == value_type::date || t.type == value_type::datetimeoffset;
    case param::dto:
        return t.type == value_type::datetimeoffset;
    case param::dto_or_tod:
        return t.type == value_type::datetimeoffset || t.type == value_type::timeofday;
    case param::duration:
        return t.type == value_type::duration;
    case param::geo:
        return false; // no geography fields or literals: only dynamic values
    case param::collection:
    case param::any:
    case param::type:
        break;
    }
    return false;
}

/// Whether cast may convert a value of type `s` to `target`.
inline bool cast_allowed(const expr_type& s, const expr_type& target) noexcept {
    const auto S = s.type, T = target.type;
    if (S == value_type::dynamic || S == value_type::null || T == value_type::string ||
        S == value_type::string)
        return true;
    if (S == T)
        return S != value_type::enum_ || s.enum_field == target.enum_field || s.enum_field == no_field;
    if (is_numeric(S) && is_numeric(T))
        return true;
    return (S == value_type::enum_ && T == value_type::int_) ||
           (S == value_type::int_ && T == value_type::enum_);
}

/// A function call: the first overload its arguments fit (else the error at the first argument that
/// no overload takes), dynamic arguments given the parameter's type, and the result type.
inline opt_error type_call(check_state& st, node_id id) {
    const auto f = st.ast.function(id);
    const auto args = st.ast.children(id);
    const auto sig = signature_of(f);
    const auto fname = std::string(to_string(f));
    const auto fits = [&](const overload& o, std::size_t upto) {
        if (args.size() < o.min_args || args.size() > o.max_args)
            return false;
        for (std::size_t i = 0; i < upto; ++i)
            if (!matches(o.params[i], st.type_of(args[i]), st.ast.kind(args[i]) == node_kind::type_name))
                return false;
        return true;
    };
    const overload* chosen = nullptr;
    for (std::size_t o = 0; o < sig.count && !chosen; ++o)
        if (fits(sig.overloads[o], args.size()))
            chosen = &sig.overloads[o];
    if (!chosen) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            bool any = false;
            for (std::size_t o = 0; o < sig.count; ++o)
                any = any || fits(sig.overloads[o], i + 1);
            if (any)
                continue;
            if (st.is_null_literal(args[i]))
                return st.error(profile_errc::null_not_allowed, args[i],
                                "function '" + fname + "' does not accept null (argument " +
                                    std::to_string(i + 1) + ")");
            return st.error(profile_errc::type_mismatch, args[i],
                            "function '" + fname + "' takes " + std::string(sig.text) + "; argument " +
                                std::to_string(i + 1) + ", " + st.subject_is(args[i]));
        }
        return st.error(profile_errc::unsupported_expression, id,
                        "wrong number of arguments for '" + fname + "': it takes " + std::string(sig.text));
    }
    // Give dynamic arguments the type the signature wants, where it names one.
    for (std::size_t i = 0; i < args.size(); ++i) {
        switch (chosen->params[i]) {
        case param::string:
            refine(st, args[i], expr_type{value_type::string, false, true, no_field});
            break;
        case param::int_:
            refine(st, args[i], expr_type{value_type::int_, false, true, no_field});
            break;
        case param::dto:
            refine(st, args[i], expr_type{value_type::datetimeoffset, false, true, no_field});
            break;
        case param::duration:
            refine(st, args[i], expr_type{value_type::duration, false, true, no_field});
            break;
        case param::collection: {
            auto& t = st.info(args[i]).type;
            if (t.type == value_type::dynamic)
                t.collection = true;
            break;
        }
        case param::numeric:
        case param::date_or_dto:
        case param::dto_or_tod:
        case param::geo:
        case param::any:
        case param::type:
            break;
        }
    }
    // Two collections must hold the same kind of items.
    if (chosen->params[0] == param::collection && chosen->params[1] == param::collection) {
        auto ta = st.type_of(args[0]), tb = st.type_of(args[1]);
        ta.collection = tb.collection = false;
        if (unify(ta, false, tb, false).why != clash::none)
            return st.error(profile_errc::type_mismatch, args[1],
                            "function '" + fname + "' needs two collections of the same type; " +
                                st.subject_is(args[0]) + ", " + st.subject_is(args[1]));
    }
    bool nullable = false;
    for (node_id a : args)
        nullable = nullable || st.type_of(a).nullable;
    expr_type r{value_type::dynamic, false, nullable, no_field};
    switch (chosen->result) {
    case ret::boolean:
        r = {value_type::boolean, false, false, no_field};
        if (f != function_id::isof)
            r.nullable = nullable;
        break;
    case ret::int_:
        r.type = value_type::int_;
        break;
    case ret::decimal:
        r.type = value_type::decimal;
        break;
    case ret::double_:
        r.type = value_type::double_;
        break;
    case ret::string:
        r.type = value_type::string;
        break;
    case ret::date:
        r.type = value_type::date;
        break;
    case ret::dto:
        r.type = value_type::datetimeoffset;
        break;
    case ret::timeofday:
        r.type = value_type::timeofday;
        break;
    case ret::rounded: {
        const auto t = st.type_of(args[0]).type;
        r.type = t == value_type::double_   ? value_type::double_
                 : t == value_type::dynamic ? value_type::dynamic
                                            : value_type::decimal;
        break;
    }
    case ret::first_arg:
        r = st.type_of(args[0]);
        r.nullable = nullable;
        break;
    case ret::cast_target: {
        const auto& src = st.type_of(args[0]);
        const auto& target = st.type_of(args[1]);
        expr_type item = src;
        item.collection = false;
        if (!cast_allowed(item, target))
            return st.error(profile_errc::type_mismatch, args[0],
                            "cannot cast " + st.subject(args[0]) + " (" + type_text(src, st.profile) +
                                ") to " + quoted(st.ast.text(args[1])));
        r = target;
        r.collection = src.collection;
        r.nullable = true;
        break;
    }
    }
    auto& inf = st.info(id);
    inf.type = r;
    inf.operand = r.type;
    return std::nullopt;
}

/// A type name, the last argument of cast or isof.
inline opt_error type_type_name(check_state& st, node_id id) {
    const auto name = st.ast.text(id);
    expr_type t;
    t.type = value_type_of(find_edm_type(name));
    if (t.type == value_type::dynamic) {
        for (std::size_t i = 0; i < st.profile.fields.size(); ++i) {
            if (st.profile.fields[i].type == value_type::enum_ && !st.profile.fields[i].enum_type.empty() &&
                st.profile.fields[i].enum_type == name) {
                t.type = value_type::enum_;
                t.enum_field = static_cast<std::uint32_t>(i);
                break;
            }
        }
    }
    if (t.type == value_type::dynamic)
        return st.error(
            profile_errc::unsupported_expression, id,
            "type " + quoted(name) +
                " is not supported (use an Edm primitive type such as Edm.String, or an enum type of "
                "this endpoint)");
    auto& inf = st.info(id);
    inf.type = t;
    inf.operand = t.type;
    return std::nullopt;
}

} // namespace apiquery::detail::pcheck
