// apiquery: the PEGTL actions that build a filter_ast from the `$filter` grammar (internal).
//
// The actions keep a stack of operands (node ids). A literal, path or alias pushes one node; an
// operator rule (eq_op, add_op, ...) runs once its right operand has been parsed, pops the two
// operands and pushes the new node: the repetition `seq<operand, star<op>>` thus folds to the left.
// `and`/`or` levels build one n-ary node for their whole chain (build_chain); a parenthesised chain
// inside another of the same operator is flattened by filter_ast_builder::finish(). Function calls and
// lambdas keep a frame (function, argument count) on their own stacks while their arguments are
// parsed, so that arity errors point at the offending argument or parenthesis.
//
// Actions only run on rules whose success commits the parse (or inside `attempt`, which rolls the
// state back on failure), so no node is ever built for an alternative that is later abandoned.
#pragma once

#include <apiquery/detail/filter_errors.hpp>
#include <apiquery/detail/filter_grammar.hpp>
#include <apiquery/filter_ast.hpp>
#include <apiquery/filter_error.hpp>
#include <apiquery/odata_time.hpp>

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
    std::vector<node_id> operands;
    std::vector<call_frame> calls;
    std::vector<lambda_frame> lambdas;
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
        list_base = 0;
    }
    /// Gives memory back after a huge parse, so that a thread does not keep megabytes for later.
    void release_if_large() {
        constexpr std::size_t keep = 4096;
        builder.shrink(keep);
        if (operands.capacity() > keep)
            std::vector<node_id>().swap(operands);
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

template <typename Build>
struct fold {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const node_id rhs = st.pop();
        const node_id lhs = st.pop();
        const source_span span{st.builder.span(lhs).begin, st.offset(in.end())};
        const node_id id = Build::make(st.builder, lhs, rhs, span);
        st.builder.set_operator_position(id, st.offset(in.begin())); // the match starts at the keyword
        st.push(id);
    }
};
template <binary_op Op>
struct make_binary {
    static node_id make(filter_ast_builder& b, node_id l, node_id r, source_span s) {
        return b.binary(Op, l, r, s);
    }
};
struct make_in {
    static node_id make(filter_ast_builder& b, node_id l, node_id r, source_span s) { return b.in(l, r, s); }
};

// clang-format off
template <> struct filter_action<fr::eq_op> : fold<make_binary<binary_op::eq>> {};
template <> struct filter_action<fr::ne_op> : fold<make_binary<binary_op::ne>> {};
template <> struct filter_action<fr::gt_op> : fold<make_binary<binary_op::gt>> {};
template <> struct filter_action<fr::ge_op> : fold<make_binary<binary_op::ge>> {};
template <> struct filter_action<fr::lt_op> : fold<make_binary<binary_op::lt>> {};
template <> struct filter_action<fr::le_op> : fold<make_binary<binary_op::le>> {};
template <> struct filter_action<fr::has_op> : fold<make_binary<binary_op::has>> {};
template <> struct filter_action<fr::add_op> : fold<make_binary<binary_op::add>> {};
template <> struct filter_action<fr::sub_op> : fold<make_binary<binary_op::sub>> {};
template <> struct filter_action<fr::mul_op> : fold<make_binary<binary_op::mul>> {};
template <> struct filter_action<fr::div_op> : fold<make_binary<binary_op::div>> {};
template <> struct filter_action<fr::divby_op> : fold<make_binary<binary_op::divby>> {};
template <> struct filter_action<fr::mod_op> : fold<make_binary<binary_op::mod>> {};
template <> struct filter_action<fr::in_op> : fold<make_in> {};
// clang-format on

/// `and` / `or` chains: the level rule (and_expr, or_expr, and every rule derived from them such as
/// the operand right of `or` or the inside of parentheses) builds one n-ary node from its operands,
/// which are the nodes on top of the stack that start inside its match (an operand of an enclosing
/// expression always ends before it starts). One operand: nothing to do.
template <logical_op Op>
struct build_chain {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const std::uint32_t start = st.offset(in.begin());
        std::size_t first = st.operands.size();
        while (first > 0 && st.builder.span(st.operands[first - 1]).begin >= start)
            --first;
        const std::size_t count = st.operands.size() - first;
        if (count < 2)
            return;
        const node_id id = st.builder.logical(Op, std::span<const node_id>(st.operands.data() + first, count),
                                              st.span_of(in));
        // The first keyword: after the first operand (whose span includes its parentheses) and white space.
        std::uint32_t keyword = st.builder.span(st.operands[first]).end;
        while (st.base[keyword] == ' ' || st.base[keyword] == '\t')
            ++keyword;
        st.builder.set_operator_position(id, keyword);
        st.operands.resize(first);
        st.push(id);
    }
};
template <typename Rule>
requires std::is_base_of_v<fr::and_expr, Rule>
struct filter_action<Rule> : build_chain<logical_op::and_> {
};
template <typename Rule>
requires std::is_base_of_v<fr::or_expr, Rule>
struct filter_action<Rule> : build_chain<logical_op::or_> {
};

template <unary_op Op>
struct build_unary {
    template <typename ActionInput>
    static void apply(const ActionInput& in, filter_state& st) {
        const node_id operand = st.pop();
        st.push(st.builder.unary(Op, operand, st.span_of(in)));
    }
};
template <>
struct filter_action<fr::neg_expr> : build_unary<unary_op::neg> {};
template <>
struct filter_action<fr::not_expr> : build_unary<unary_op::not_> {};

} // namespace apiquery::detail
