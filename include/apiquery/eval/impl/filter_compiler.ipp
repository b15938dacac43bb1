// apiquery: the compiler from a filter_ast (and, for a checked filter, the check's literal values and
// types) to evaluation nodes: paths resolved against the record model, literals converted to the type
// they are compared with, fast paths chosen, lambda frames assigned (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/detail/ecma_regex.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/arithmetic_nodes.ipp>
#include <apiquery/eval/impl/cast_nodes.ipp>
#include <apiquery/eval/impl/condition_nodes.ipp>
#include <apiquery/eval/impl/decimal.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/function_nodes.ipp>
#include <apiquery/eval/impl/record_models.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/edm.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/uuid.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace apiquery::eval::detail {

struct scope_entry {
    std::string_view name;
    std::size_t frame;
    const record_model* model;
};

struct compiler {
    const filter_ast& ast;
    const record_model& root_model;
    value now;
    std::vector<std::unique_ptr<std::string>>& constants;
    const checked_filter* checked = nullptr; ///< the profile check's results, when compiling a checked filter
    std::vector<scope_entry> scopes;         // lambda range variables, innermost last
    std::size_t max_frame = 0;
    std::optional<filter_compile_error> error;

    node_ptr fail(node_id id, std::string message) {
        if (!error)
            error = filter_compile_error{std::move(message), ast.span(id)};
        return nullptr;
    }

    std::string_view keep(std::string_view s) {
        constants.push_back(std::make_unique<std::string>(s));
        return *constants.back();
    }

    /// The value check_filter converted a literal to (nullopt: none, use the literal as written).
    std::optional<value> checked_value(node_id id) {
        if (!checked)
            return std::nullopt;
        return std::visit(
            [&](const auto& v) -> std::optional<value> {
                using T = std::decay_t<decltype(v)>;
                (void)v;
                if constexpr (std::is_same_v<T, std::monostate>)
                    return std::nullopt; // the null literal, or nothing converted
                else if constexpr (std::is_same_v<T, bool>)
                    return value::boolean(v);
                else if constexpr (std::is_same_v<T, std::int64_t>)
                    return value::integer(v);
                else if constexpr (std::is_same_v<T, apiquery::decimal_value>) {
                    if (auto d = decimal::from_text(v.text))
                        return value::dec(*d);
                    return value::dbl(v.approx);
                } else if constexpr (std::is_same_v<T, double>)
                    return value::dbl(v);
                else if constexpr (std::is_same_v<T, std::string_view>)
                    return value::string(keep(ast.text(id))); // the same text; read from the tree
                else if constexpr (std::is_same_v<T, odata_date>)
                    return value::date(v.days);
                else if constexpr (std::is_same_v<T, odata_datetimeoffset>)
                    return value::datetime(v.utc_micros, v.sub_micro_ps, v.offset_minutes);
                else if constexpr (std::is_same_v<T, odata_timeofday>)
                    return value::time_of_day(v.picoseconds);
                else if constexpr (std::is_same_v<T, odata_duration>)
                    return value::duration(v.micros, v.sub_micro_ps);
                else if constexpr (std::is_same_v<T, uuid>)
                    return value::guid(v);
                else
                    return value::string(keep(ast.text(id))); // enum_value: its member, as written
            },
            checked->value(id));
    }

    /// The evaluator kind of a checked static type, for JSON reads (kind::null: leave as read).
    static kind kind_of(value_type t) {
        switch (t) {
        case value_type::date:
            return kind::date;
        case value_type::datetimeoffset:
            return kind::datetimeoffset;
        case value_type::timeofday:
            return kind::timeofday;
        case value_type::duration:
            return kind::duration;
        case value_type::guid:
            return kind::guid;
        case value_type::decimal:
            return kind::decimal;
        case value_type::double_:
            return kind::double_;
        default:
            return kind::null;
        }
    }

    /// The literal's value (strings copied into the compiled filter).
    std::optional<value> literal_value(node_id id) {
        if (auto v = checked_value(id))
            return v;
        switch (ast.literal_type(id)) {
        case literal_kind::null:
            return value::null();
        case literal_kind::boolean:
            return value::boolean(ast.bool_value(id));
        case literal_kind::int_:
            return value::integer(ast.int_value(id));
        case literal_kind::decimal: {
            if (auto d = decimal::from_text(ast.text(id)))
                return value::dec(*d);
            const std::string t(ast.text(id));
            return value::dbl(std::strtod(t.c_str(), nullptr));
        }
        case literal_kind::double_: {
            const std::string_view t = ast.text(id);
            if (t == "INF")
                return value::dbl(std::numeric_limits<double>::infinity());
            if (t == "-INF")
                return value::dbl(-std::numeric_limits<double>::infinity());
            if (t == "NaN")
                return value::dbl(std::numeric_limits<double>::quiet_NaN());
            const std::string s(t);
            return value::dbl(std::strtod(s.c_str(), nullptr));
        }
        case literal_kind::string:
            return value::string(keep(ast.text(id)));
        case literal_kind::enum_:
            return value::string(keep(ast.text(id)));
        case literal_kind::date:
            if (auto d = parse_odata_date(ast.text(id)))
                return value::date(d->days);
            break;
        case literal_kind::datetimeoffset:
            if (auto d = parse_odata_datetimeoffset(ast.text(id)))
                return value::datetime(d->utc_micros, d->sub_micro_ps, d->offset_minutes);
            break;
        case literal_kind::timeofday:
            if (auto t = parse_odata_timeofday(ast.text(id)))
                return value::time_of_day(t->picoseconds);
            break;
        case literal_kind::duration:
            if (auto d = parse_odata_duration(ast.text(id)))
                return value::duration(d->micros, d->sub_micro_ps);
            break;
        case literal_kind::guid:
            if (auto g = parse_uuid(ast.text(id)))
                return value::guid(*g);
            break;
        }
        fail(id, "invalid literal '" + std::string(ast.text(id)) + "'");
        return std::nullopt;
    }

    /// A literal coerced to the declared type of the other operand (a string or date literal compared
    /// with a date-time field, a string compared with a GUID field, ...).
    static value coerce(const value& lit, kind target) {
        if (target == kind::null || lit.k == target)
            return lit;
        if (lit.k == kind::string && string_coercible_to(target)) {
            const value p = parse_as(lit.str(), target);
            return p.is_null() ? lit : p;
        }
        if (lit.k == kind::date && target == kind::datetimeoffset)
            return value::datetime(lit.u.i * us_per_day, 0, 0);
        return lit;
    }

    /// The declared type of a compiled operand, when known (fields and literals).
    static kind static_type(const node* n) {
        if (const auto* f = dynamic_cast<const field_node*>(n))
            return f->reader().type;
        if (const auto* k = dynamic_cast<const const_node*>(n))
            return k->get().k;
        return kind::null;
    }

    node_ptr compile_path(node_id id) {
        const auto segs = ast.segments(id);
        std::vector<std::string_view> parts(segs.begin(), segs.end());
        std::size_t frame = 0;
        const record_model* model = &root_model;
        std::size_t skip = 0;
        if (!parts.empty() && parts[0] == "$root")
            return fail(id, "'$root' paths are not supported when evaluating records");
        if (!parts.empty() && parts[0] == "$it") {
            skip = 1;
        } else if (!parts.empty() && parts[0] == "$this") {
            if (scopes.empty())
                skip = 1; // $this outside a lambda is the record ($it)
            else {
                frame = scopes.back().frame;
                model = scopes.back().model;
                skip = 1;
            }
        } else if (!parts.empty()) {
            for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
                if (it->name == parts[0]) {
                    frame = it->frame;
                    model = it->model;
                    skip = 1;
                    break;
                }
            }
        }
        const std::span<const std::string_view> rest(parts.data() + skip, parts.size() - skip);
        if (rest.empty())
            return make_node<item_node>(frame, model);
        field_reader r;
        if (!model->resolve(rest, r))
            return fail(id, "unknown field '" + std::string(ast.text(id)) + "'");
        if (checked && r.read == &json_read && r.type == kind::null) {
            const expr_type& t = checked->type(id);
            if (!t.collection)
                r.type = kind_of(t.type);
        }
        return make_node<field_node>(frame, std::move(r));
    }

    node_ptr compile_comparison(node_id id, binary_op op, node_id lid, node_id rid) {
        node_ptr l = compile(lid);
        node_ptr r = compile(rid);
        if (!l || !r)
            return nullptr;
        // coerce literals to the declared type of the other side
        if (auto* lk = dynamic_cast<const_node*>(l.get()))
            l = make_node<const_node>(coerce(lk->get(), static_type(r.get())));
        if (auto* rk = dynamic_cast<const_node*>(r.get()))
            r = make_node<const_node>(coerce(rk->get(), static_type(l.get())));
        // typed fast paths: field op constant
        const field_node* f = dynamic_cast<const field_node*>(l.get());
        const const_node* k = dynamic_cast<const const_node*>(r.get());
        binary_op fop = op;
        if (!f || !k) {
            f = dynamic_cast<const field_node*>(r.get());
            k = dynamic_cast<const const_node*>(l.get());
            fop = converse(op);
        }
        if (f && k) {
            const value& kv = k->get();
            fast_predicate p;
            p.op = fop;
            p.frame = f->frame();
            if (f->reader().read_string && kv.k == kind::string) {
                p.is_string = true;
                p.get_string = f->reader().read_string;
                p.text = kv.str();
                return make_node<fast_node>(p);
            }
            if (f->reader().read_micros && kv.k == kind::datetimeoffset) {
                p.get_micros = f->reader().read_micros;
                p.us = kv.u.i;
                p.ps = kv.ps;
                return make_node<fast_node>(p);
            }
        }
        (void)id;
        return make_node<compare_node>(op, std::move(l), std::move(r));
    }

    node_ptr compile_in(node_id id) {
        const in_node n{ast, id};
        node_ptr l = compile(n.lhs());
        if (!l)
            return nullptr;
        if (ast.kind(n.rhs()) == node_kind::list) {
            const kind target = static_type(l.get());
            std::vector<value> items;
            for (node_id item : ast.children(n.rhs())) {
                if (ast.kind(item) != node_kind::literal)
                    return fail(item, "an 'in' list item must be a literal");
                auto v = literal_value(item);
                if (!v)
                    return nullptr;
                items.push_back(coerce(*v, target));
            }
            return make_node<in_list_node>(std::move(l), std::move(items));
        }
        node_ptr r = compile(n.rhs());
        if (!r)
            return nullptr;
        return make_node<in_collection_node>(std::move(l), std::move(r));
    }

    node_ptr compile_call(node_id id) {
        const call_node n{ast, id};
        const function_id f = n.function();
        const auto args = n.args();
        if (f == function_id::geo_distance || f == function_id::geo_intersects ||
            f == function_id::geo_length)
            return fail(id, "function '" + std::string(n.name()) +
                                "' cannot be evaluated: records have no geography or geometry values");
        if (f == function_id::cast || f == function_id::isof) {
            const node_id type_arg = args.back();
            if (ast.kind(type_arg) != node_kind::type_name)
                return fail(id, "the last argument of '" + std::string(n.name()) + "' must be a type name");
            const edm t = find_edm_type(ast.text(type_arg));
            node_ptr arg;
            if (args.size() == 2) {
                arg = compile(args[0]);
                if (!arg)
                    return nullptr;
            }
            return make_node<cast_node>(f == function_id::isof, std::move(arg), t);
        }
        std::vector<node_ptr> compiled;
        for (node_id a : args) {
            compiled.push_back(compile(a));
            if (!compiled.back())
                return nullptr;
        }
        std::shared_ptr<const apiquery::detail::ecma_regex> re;
        if (f == function_id::matchespattern && compiled.size() == 2) {
            if (const auto* k = dynamic_cast<const const_node*>(compiled[1].get());
                k && k->get().k == kind::string) {
                std::string why;
                auto r = apiquery::detail::ecma_regex::compile(k->get().str(), why);
                if (!r)
                    return fail(args[1],
                                "invalid regular expression '" + std::string(k->get().str()) + "': " + why);
                re = std::make_shared<const apiquery::detail::ecma_regex>(std::move(*r));
            }
        }
        auto* out = new call_eval_node(f, std::move(compiled), now);
        node_ptr owner(out);
        if (re)
            out->set_regex(std::move(re));
        return owner;
    }

    node_ptr compile_lambda(node_id id) {
        const lambda_node n{ast, id};
        node_ptr coll = compile(n.path());
        if (!coll)
            return nullptr;
        if (n.body() == no_node)
            return make_node<lambda_eval_node>(n.op(), std::move(coll), nullptr, 0);
        const auto* f = dynamic_cast<const field_node*>(coll.get());
        const record_model* item_model = f ? f->reader().item_model : nullptr;
        if (!item_model)
            return fail(n.path(), "'" + std::string(ast.text(n.path())) + "' is not a collection field");
        const std::size_t frame = scopes.size() + 1;
        if (frame >= max_frames)
            return fail(id, "lambdas are nested too deeply (at most 15 levels)");
        max_frame = std::max(max_frame, frame);
        scopes.push_back({n.variable(), frame, item_model});
        node_ptr body = compile(n.body());
        scopes.pop_back();
        if (!body)
            return nullptr;
        return make_node<lambda_eval_node>(n.op(), std::move(coll), std::move(body), frame);
    }

    node_ptr compile(node_id id) {
        switch (ast.kind(id)) {
        case node_kind::literal: {
            auto v = literal_value(id);
            if (!v)
                return nullptr;
            return make_node<const_node>(*v);
        }
        case node_kind::path:
            return compile_path(id);
        case node_kind::alias:
            return fail(id, "parameter alias '" + std::string(ast.text(id)) + "' has no value");
        case node_kind::binary: {
            const binary_node b{ast, id};
            if (is_comparison(b.op()))
                return compile_comparison(id, b.op(), b.lhs(), b.rhs());
            node_ptr l = compile(b.lhs());
            node_ptr r = compile(b.rhs());
            if (!l || !r)
                return nullptr;
            if (b.op() == binary_op::has) {
                if (auto* rk = dynamic_cast<const_node*>(r.get()))
                    r = make_node<const_node>(coerce(rk->get(), static_type(l.get())));
                return make_node<has_node>(std::move(l), std::move(r));
            }
            return make_node<arith_node>(b.op(), std::move(l), std::move(r));
        }
        case node_kind::logical: {
            std::vector<node_ptr> kids;
            for (node_id k : ast.children(id)) {
                kids.push_back(compile(k));
                if (!kids.back())
                    return nullptr;
            }
            if (ast.logical_operator(id) == logical_op::and_) {
                std::vector<fast_predicate> preds;
                for (const auto& k : kids)
                    if (const auto* fn = dynamic_cast<const fast_node*>(k.get()))
                        preds.push_back(fn->predicate());
                if (preds.size() == kids.size())
                    return make_node<conjunction_node>(std::move(preds));
                return make_node<and_node>(std::move(kids));
            }
            return make_node<or_node>(std::move(kids));
        }
        case node_kind::unary: {
            node_ptr k = compile(ast.children(id)[0]);
            if (!k)
                return nullptr;
            if (ast.unary_operator(id) == unary_op::not_)
                return make_node<not_node>(std::move(k));
            return make_node<neg_node>(std::move(k));
        }
        case node_kind::in:
            return compile_in(id);
        case node_kind::call:
            return compile_call(id);
        case node_kind::lambda:
            return compile_lambda(id);
        case node_kind::list:
            return fail(id, "a literal list can only follow 'in'");
        case node_kind::type_name:
            return fail(id, "a type name can only be the last argument of cast or isof");
        }
        return fail(id, "unknown node kind");
    }
};

} // namespace apiquery::eval::detail
