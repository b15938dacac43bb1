// apiquery: the PEGTL actions that build a filter_ast from the `$filter` grammar (internal).
//
// The actions keep a stack of operands (node ids). A literal, path or alias pushes one node. The
// operators, which the grammar's expr rule reads, wait on a second stack (pending) and are folded by
// precedence: a binary one pops its two operands and pushes the new node once its right operand is
// complete, so operators of one level fold to the left; an `and`/`or` chain becomes one n-ary node (a
// parenthesised chain inside another of the same operator is flattened by
// filter_ast_builder::finish()). Function calls and
// lambdas keep a frame (function, argument count) on their own stacks while their arguments are
// parsed, so that arity errors point at the offending argument or parenthesis.
//
// Actions only run on rules whose success commits the parse (or inside `attempt`, which rolls the
// state back on failure), so no node is ever built for an alternative that is later abandoned.
#pragma once

#include <apiquery/odata/detail/filter_errors.hpp>
#include <apiquery/odata/detail/filter_grammar.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/odata/filter_error.hpp>
#include <apiquery/value/odata_time.hpp>

#include <tao/pegtl/nothing.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace apiquery::detail {

/// The parser state: the grammar's (dialect, depth) plus the tree under construction.
struct filter_state : filter_rules::grammar_state {
    struct call_frame {
        function_id function;
        std::uint32_t argc;
        std::uint32_t operand_base;
    };
    struct lambda_frame {
        lambda_op op;
        bool has_variable;
        std::uint32_t variable_begin;
        std::uint32_t variable_end;
        std::uint32_t keyword; ///< where `any`/`all` is written
    };

    const char* base = nullptr; ///< start of the input, for offsets
    std::size_t max_nodes = 0;
    std::size_t max_list_items = 0;
    filter_ast_builder builder;
    pod_vector<node_id> operands;
    pod_vector<call_frame> calls;
    pod_vector<lambda_frame> lambdas;
    /// An operator read by fr::expr and not yet folded: a prefix operator (one operand) or a binary
    /// one (two operands; `and`/`or`: `operands` so far), with its (first) keyword's offset.
    struct pending_op {
        filter_rules::expr_op op;
        filter_rules::expr_level level;
        std::uint32_t position;
        std::uint32_t operands;
    };
    pod_vector<pending_op> pending;
    std::size_t list_base = 0;
    std::string scratch;

    struct checkpoint {
        filter_ast_builder::mark_t nodes;
        std::size_t operands;
    };
    checkpoint save() const noexcept { return {builder.mark(), operands.size()}; }
    void restore(const checkpoint& c) {
        builder.rollback(c.nodes);
        operands.resize(c.operands);
    }

    /// Ready for a new parse (memory kept).
    void reset() noexcept {
        depth = 0;
        builder.clear();
        operands.clear();
        calls.clear();
        lambdas.clear();
        pending.clear();
        list_base = 0;
    }
    /// Gives memory back after a huge parse, so that a thread does not keep megabytes for later.
    void release_if_large() {
        constexpr std::size_t keep = 4096;
        builder.shrink(keep);
        if (operands.capacity() > keep)
            pod_vector<node_id>().swap(operands);
        if (scratch.capacity() > 65536)
            std::string().swap(scratch);
    }

    std::uint32_t offset(const char* p) const noexcept { return static_cast<std::uint32_t>(p - base); }
    template <typename ActionInput>
    source_span span_of(const ActionInput& in) const noexcept {
        return {offset(in.begin()), offset(in.end())};
    }

    /// Pushes a new node, enforcing max_nodes.
    void push(node_id id) {
        if (builder.size() > max_nodes)
            fail_node_limit(builder.span(id).begin, max_nodes);
        operands.push_back(id);
    }
    [[noreturn, gnu::noinline, gnu::cold]] static void fail_node_limit(std::size_t position,
                                                                       std::size_t max) {
        fail_at(filter_errc::node_limit, position, "node limit " + std::to_string(max) + " exceeded");
    }
    node_id pop() noexcept {
        const node_id id = operands.back();
        operands.pop_back();
        return id;
    }
};

/// Appends the value of a quoted text (`'O''Neil'` gives `O'Neil`) to nothing: returns a view of the
/// unescaped value, in `scratch` when quotes had to be unescaped.
inline std::string_view unquote(std::string_view quoted_text, std::string& scratch) {
    const std::string_view body = quoted_text.substr(1, quoted_text.size() - 2);
    if (body.find('\'') == std::string_view::npos)
        return body;
    scratch.clear();
    for (std::size_t i = 0; i < body.size(); ++i) {
        scratch.push_back(body[i]);
        if (body[i] == '\'')
            ++i; // the second quote of ''
    }
    return scratch;
}

template <typename Rule>
struct filter_action : tao::pegtl::nothing<Rule> {};

namespace fr = filter_rules;

// ---------------------------------------------------------------------------------------------------
// Literals

template <>
struct filter_action<fr::string_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const auto value = unquote(in.string_view(), st.scratch);
        st.push(st.builder.text_literal(literal_kind::string, value, st.span_of(in)));
    }
};

template <>
struct filter_action<fr::number_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        bool fraction = false, exponent = false;
        for (char c : text) {
            fraction |= c == '.';
            exponent |= c == 'e' || c == 'E';
        }
        if (exponent) {
            st.push(st.builder.text_literal(literal_kind::double_, text, st.span_of(in)));
            return;
        }
        if (!fraction) {
            const char* first = text.data() + (text.front() == '+' ? 1 : 0);
            std::int64_t v = 0;
            const auto r = std::from_chars(first, text.data() + text.size(), v);
            if (r.ec == std::errc{} && r.ptr == text.data() + text.size()) {
                st.push(st.builder.int_literal(v, st.span_of(in)));
                return;
            }
        }
        st.push(st.builder.text_literal(literal_kind::decimal, text, st.span_of(in)));
    }
};

template <>
struct filter_action<fr::inf_nan_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.text_literal(literal_kind::double_, in.string_view(), st.span_of(in)));
    }
};

template <>
struct filter_action<fr::null_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.null_literal(st.span_of(in)));
    }
};

template <>
struct filter_action<fr::true_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.bool_literal(true, st.span_of(in)));
    }
};

template <>
struct filter_action<fr::false_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.bool_literal(false, st.span_of(in)));
    }
};

template <>
struct filter_action<fr::guid_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.text_literal(literal_kind::guid, in.string_view(), st.span_of(in)));
    }
};

/// Turns an odata_time error into a positioned invalid_literal failure.
[[noreturn, gnu::noinline, gnu::cold]] inline void fail_literal(std::uint32_t literal_begin,
                                                                const odata_time_error& e, const char* what) {
    fail_at(filter_errc::invalid_literal, literal_begin + e.offset,
            std::string(what) + std::string(e.message));
}

template <>
struct filter_action<fr::date_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        const auto span = st.span_of(in);
        if (text.find_first_of("Tt") != std::string_view::npos) { // `T` in either case (ABNF "T")
            if (const auto r = parse_odata_datetimeoffset(text); !r)
                fail_literal(span.begin, r.error(), "invalid dateTimeOffset: ");
            st.push(st.builder.text_literal(literal_kind::datetimeoffset, text, span));
        } else {
            if (const auto r = parse_odata_date(text); !r)
                fail_literal(span.begin, r.error(), "invalid date: ");
            st.push(st.builder.text_literal(literal_kind::date, text, span));
        }
    }
};

template <>
struct filter_action<fr::timeofday_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        const auto span = st.span_of(in);
        if (const auto r = parse_odata_timeofday(text); !r)
            fail_literal(span.begin, r.error(), "invalid timeOfDay: ");
        st.push(st.builder.text_literal(literal_kind::timeofday, text, span));
    }
};

template <>
struct filter_action<fr::duration_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        const auto span = st.span_of(in);
        const std::size_t quote = text.find('\'');
        const std::string_view body = text.substr(quote + 1, text.size() - quote - 2);
        if (const auto r = parse_odata_duration(body); !r)
            fail_literal(span.begin + static_cast<std::uint32_t>(quote + 1), r.error(), "invalid duration: ");
        st.push(st.builder.text_literal(literal_kind::duration, body, span));
    }
};

template <>
struct filter_action<fr::enum_literal> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        const std::size_t quote = text.find('\'');
        st.push(st.builder.enum_literal(text.substr(0, quote),
                                        text.substr(quote + 1, text.size() - quote - 2), st.span_of(in)));
    }
};

// ---------------------------------------------------------------------------------------------------
// Names

template <>
struct filter_action<fr::alias> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.alias(in.string_view(), st.span_of(in)));
    }
};

template <>
struct filter_action<fr::path_prefix> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.path(in.string_view(), st.span_of(in)));
    }
};

template <>
struct filter_action<fr::lambda_any_head> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.lambdas.push_back({lambda_op::any, false, 0, 0, st.offset(in.begin())});
    }
};

template <>
struct filter_action<fr::lambda_all_head> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.lambdas.push_back({lambda_op::all, false, 0, 0, st.offset(in.begin())});
    }
};

template <>
struct filter_action<fr::lambda_variable> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        auto& f = st.lambdas.back();
        f.has_variable = true;
        f.variable_begin = st.offset(in.begin());
        f.variable_end = st.offset(in.end());
    }
};

struct build_lambda {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const auto f = st.lambdas.back();
        st.lambdas.pop_back();
        const node_id body = f.has_variable ? st.pop() : no_node;
        const node_id path = st.pop();
        const std::string_view variable(st.base + f.variable_begin, f.variable_end - f.variable_begin);
        const source_span span{st.builder.span(path).begin, st.offset(in.end())};
        const node_id id = st.builder.lambda(f.op, path, variable, body, span);
        st.builder.set_operator_position(id, f.keyword);
        st.push(id);
    }
};
template <>
struct filter_action<fr::lambda_any> : build_lambda {};
template <>
struct filter_action<fr::lambda_all> : build_lambda {};

// ---------------------------------------------------------------------------------------------------
// Function calls

/// The error for `name(` when name is not a built-in function (after any lambda, case, 4.0 spelling or
/// model-bound function hints).
[[noreturn, gnu::noinline, gnu::cold]] inline void fail_unknown_function(std::string_view name,
                                                                         std::size_t paren, bool strict) {
    function_id f{};
    if (iequals(name, "any") || iequals(name, "all"))
        fail_at(filter_errc::syntax, paren,
                "a lambda operator needs a collection path before it, e.g. Items/" + std::string(name) +
                    "(i:i/Quantity gt 0)");
    if (iequals(name, "case"))
        fail_at(filter_errc::unsupported, paren, "the case() function is not supported");
    if (strict && find_function(name, false, f))
        fail_at(filter_errc::unknown_function, paren,
                "unknown function '" + std::string(name) +
                    "' (OData 4.0 function names are case-sensitive: " + std::string(to_string(f)) + ")");
    if (name.find('.') != std::string_view::npos)
        fail_at(filter_errc::unsupported, paren,
                "model-bound function calls are not supported: '" + std::string(name) + "'");
    fail_at(filter_errc::unknown_function, paren, "unknown function '" + std::string(name) + "'");
}

template <>
struct filter_action<fr::call_head> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::string_view text = in.string_view();
        const std::string_view name = text.substr(0, text.size() - 1);
        function_id f{};
        if (!find_function(name, st.strict, f) || f == function_id::cast || f == function_id::isof)
            fail_unknown_function(name, st.offset(in.end()) - 1, st.strict);
        st.calls.push_back({f, 0, static_cast<std::uint32_t>(st.operands.size())});
    }
};

template <>
struct filter_action<fr::type_call_head> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const char c = in.string_view().front();
        st.calls.push_back({c == 'c' || c == 'C' ? function_id::cast : function_id::isof, 0,
                            static_cast<std::uint32_t>(st.operands.size())});
    }
};

/// "contains() takes 2 arguments" / "substring() takes 2 or 3 arguments" / "now() takes no arguments".
inline std::string arity_message(function_id f) {
    const auto& i = info(f);
    std::string m(i.name);
    m += "() takes ";
    if (i.max_args == 0)
        return m + "no arguments";
    m += std::to_string(i.min_args);
    if (i.max_args != i.min_args)
        m += " or " + std::to_string(i.max_args);
    return m + (i.max_args == 1 ? " argument" : " arguments");
}

[[noreturn, gnu::noinline, gnu::cold]] inline void fail_arity(std::size_t position, function_id f) {
    fail_at(filter_errc::wrong_arity, position, arity_message(f));
}

template <>
struct filter_action<fr::call_arg> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        auto& f = st.calls.back();
        if (++f.argc > info(f.function).max_args)
            fail_arity(st.offset(in.begin()), f.function);
    }
};

template <>
struct filter_action<fr::call_close> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const auto& f = st.calls.back();
        if (f.argc < info(f.function).min_args)
            fail_arity(st.offset(in.begin()), f.function);
    }
};

template <>
struct filter_action<fr::type_arg> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.push(st.builder.type_name(in.string_view(), st.span_of(in)));
    }
};

struct count_type_argument {
    template <typename ActionInput>
    static void apply(const ActionInput& /*in*/, filter_state& st) {
        ++st.calls.back().argc;
    }
};
template <>
struct filter_action<fr::type_only> : count_type_argument {};
template <>
struct filter_action<fr::type_arg_required> : count_type_argument {};

struct build_call {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const auto f = st.calls.back();
        st.calls.pop_back();
        const std::span<const node_id> args(st.operands.data() + f.operand_base,
                                            st.operands.size() - f.operand_base);
        const node_id id = st.builder.call(f.function, args, st.span_of(in));
        st.operands.resize(f.operand_base);
        st.push(id);
    }
};
template <>
struct filter_action<fr::function_call> : build_call {};
template <>
struct filter_action<fr::type_call> : build_call {};

// ---------------------------------------------------------------------------------------------------
// Grouping, lists, operators

template <>
struct filter_action<fr::paren_expr> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        st.builder.set_span(st.operands.back(), st.span_of(in));
    }
};

template <>
struct filter_action<fr::list_open> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& /*in*/, filter_state& st) {
        st.list_base = st.operands.size();
    }
};

[[noreturn, gnu::noinline, gnu::cold]] inline void fail_list_limit(std::size_t position, std::size_t max) {
    fail_at(filter_errc::in_list_limit, position,
            "'in' list limit of " + std::to_string(max) + " items exceeded");
}

template <>
struct filter_action<fr::list_item> {
    static constexpr bool leaf = true;
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        if (st.operands.size() - st.list_base > st.max_list_items)
            fail_list_limit(st.offset(in.begin()), st.max_list_items);
    }
};

template <>
struct filter_action<fr::literal_list> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::span<const node_id> items(st.operands.data() + st.list_base,
                                             st.operands.size() - st.list_base);
        const node_id id = st.builder.list(items, st.span_of(in));
        st.operands.resize(st.list_base);
        st.push(id);
    }
};

// ---------------------------------------------------------------------------------------------------
// Operators (the events of fr::expr)

/// The operators of an expression: fr::expr reports each prefix and binary operator as it reads it,
/// and they are folded here on filter_state::pending by precedence. A binary operator first folds the
/// pending operators of its level and above (left-associative); `and` / `or` extend their pending
/// chain, which becomes one n-ary node. Each fold creates its node when the operator's right operand
/// is complete, in the order and at the points where the former one-rule-per-level grammar created
/// them (so node ids, node_limit errors and spans are the same). Spans run from the first operand's
/// begin (or the prefix operator) to the last operand's end; binary, `in` and logical nodes record
/// their (first) keyword's offset.
template <>
struct filter_action<fr::expr_events> {
    static std::size_t open(const filter_state& st) noexcept { return st.pending.size(); }

    static void prefix(filter_state& st, fr::expr_op op, std::uint32_t position) {
        st.pending.push_back({op, fr::expr_level::unary, position, 1});
    }

    static void infix(filter_state& st, std::size_t mark, fr::expr_op op, std::uint32_t position) {
        const fr::expr_level level = fr::op_info(op).level;
        const bool chain = op == fr::expr_op::and_ || op == fr::expr_op::or_;
        while (st.pending.size() > mark) {
            auto& top = st.pending.back();
            if (top.level < level || (chain && top.level == level))
                break;
            fold_top(st);
        }
        if (chain && st.pending.size() > mark && st.pending.back().op == op) {
            ++st.pending.back().operands;
            return;
        }
        st.pending.push_back({op, level, position, 2});
    }

    static void close(filter_state& st, std::size_t mark) {
        while (st.pending.size() > mark)
            fold_top(st);
    }

private:
    /// Builds the node of the operator on top of `pending` from the operands on top of `operands`.
    static void fold_top(filter_state& st) {
        const auto p = st.pending.back();
        st.pending.pop_back();
        switch (p.op) {
        case fr::expr_op::neg:
        case fr::expr_op::not_: {
            const node_id operand = st.pop();
            const source_span span{p.position, st.builder.span(operand).end};
            st.push(
                st.builder.unary(p.op == fr::expr_op::neg ? unary_op::neg : unary_op::not_, operand, span));
            return;
        }
        case fr::expr_op::and_:
        case fr::expr_op::or_: {
            const std::size_t first = st.operands.size() - p.operands;
            const std::span<const node_id> items(st.operands.data() + first, p.operands);
            const source_span span{st.builder.span(items.front()).begin, st.builder.span(items.back()).end};
            const node_id id = st.builder.logical(
                p.op == fr::expr_op::and_ ? logical_op::and_ : logical_op::or_, items, span);
            st.builder.set_operator_position(id, p.position);
            st.operands.resize(first);
            st.push(id);
            return;
        }
        default: {
            const node_id rhs = st.pop();
            const node_id lhs = st.pop();
            const source_span span{st.builder.span(lhs).begin, st.builder.span(rhs).end};
            const node_id id = p.op == fr::expr_op::in ? st.builder.in(lhs, rhs, span)
                                                       : st.builder.binary(binary_of(p.op), lhs, rhs, span);
            st.builder.set_operator_position(id, p.position);
            st.push(id);
            return;
        }
        }
    }

    static binary_op binary_of(fr::expr_op op) noexcept {
        switch (op) {
        case fr::expr_op::eq:
            return binary_op::eq;
        case fr::expr_op::ne:
            return binary_op::ne;
        case fr::expr_op::gt:
            return binary_op::gt;
        case fr::expr_op::ge:
            return binary_op::ge;
        case fr::expr_op::lt:
            return binary_op::lt;
        case fr::expr_op::le:
            return binary_op::le;
        case fr::expr_op::add:
            return binary_op::add;
        case fr::expr_op::sub:
            return binary_op::sub;
        case fr::expr_op::mul:
            return binary_op::mul;
        case fr::expr_op::div:
            return binary_op::div;
        case fr::expr_op::divby:
            return binary_op::divby;
        case fr::expr_op::mod:
            return binary_op::mod;
        default:
            return binary_op::has;
        }
    }
};

} // namespace apiquery::detail
