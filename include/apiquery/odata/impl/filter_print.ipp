// apiquery: implementation of filter_print.hpp (JSON form and canonical OData text).
#pragma once

#include <apiquery/odata/filter_print.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {
namespace detail {

/// Appends `s` as the inside of a JSON string (no quotes): see append_json_text() for the escapes.
inline void append_json_escaped(std::string& out, std::string_view s) {
    constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0; // start of the pending run of bytes copied verbatim
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const auto st = utf8_decode(s, i);
            if (st.valid) {
                i += st.size;
                continue;
            }
            out.append(s.substr(run, i - run));
            out.append("\xEF\xBF\xBD"); // U+FFFD
            i += st.size;
            run = i;
            continue;
        }
        out.append(s.substr(run, i - run));
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            out.append("\\u00");
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
            break;
        }
        ++i;
        run = i;
    }
    out.append(s.substr(run));
}

inline void append_json_quoted(std::string& out, std::string_view s) {
    out.push_back('"');
    append_json_escaped(out, s);
    out.push_back('"');
}

inline void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    char* p = buf + sizeof buf;
    // Work with the magnitude as unsigned, so that INT64_MIN is fine.
    std::uint64_t u =
        v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    do {
        *--p = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

/// Binding strength of a node in OData text (higher binds tighter), after URL conventions §5.1.1
/// ("Operator precedence"): or < and < eq ne < gt ge lt le < add sub < mul div divby mod <
/// unary (- not) < primary (has in) < operands (literals, paths, calls, lambdas).
enum print_level : int {
    level_or = 1,
    level_and,
    level_equality,
    level_relational,
    level_additive,
    level_multiplicative,
    level_unary,
    level_primary_op,
    level_operand,
};

inline int binary_level(binary_op op) noexcept {
    switch (op) {
    case binary_op::eq:
    case binary_op::ne:
        return level_equality;
    case binary_op::gt:
    case binary_op::ge:
    case binary_op::lt:
    case binary_op::le:
        return level_relational;
    case binary_op::add:
    case binary_op::sub:
        return level_additive;
    case binary_op::mul:
    case binary_op::div:
    case binary_op::divby:
    case binary_op::mod:
        return level_multiplicative;
    case binary_op::has:
        break;
    }
    return level_primary_op;
}

inline int print_level_of(const filter_ast& ast, node_id id) noexcept {
    switch (ast.kind(id)) {
    case node_kind::binary:
        return binary_level(ast.binary_operator(id));
    case node_kind::logical:
        return ast.logical_operator(id) == logical_op::and_ ? level_and : level_or;
    case node_kind::unary:
        return level_unary;
    case node_kind::in:
        return level_primary_op;
    default:
        return level_operand;
    }
}

/// Whether child number `index` of `parent` must be written in parentheses.
inline bool needs_parens(const filter_ast& ast, node_id parent, std::size_t index, node_id child) noexcept {
    const int c = print_level_of(ast, child);
    switch (ast.kind(parent)) {
    case node_kind::binary: {
        const int p = binary_level(ast.binary_operator(parent));
        return index == 0 ? c < p : c <= p; // left-associative
    }
    case node_kind::logical:
        return c <= print_level_of(ast, parent);
    case node_kind::unary:
        return c < level_unary;
    case node_kind::in:
        if (index == 0)
            return c < level_primary_op;
        // A list prints its own parentheses; a literal in parentheses would read as a one-item list.
        if (ast.kind(child) == node_kind::list || ast.kind(child) == node_kind::literal)
            return false;
        return c <= level_primary_op;
    default:
        return false; // arguments, list items, lambda parts: full expressions between delimiters
    }
}

/// Whether the negation of `operand` must be written `- x` rather than `-x`: when `-x` would read as
/// one negative literal (`-5`, `-1.5e3`, `-INF`, `-2012-09-03`, `-11:22`, `-01234567-...`), that is
/// when the operand's text starts with a literal that starts with a digit or INF: the operand itself,
/// or the left operand of a `has` / `in` that binds tighter than the negation and is written without
/// parentheses (`-(5 has 4)` is written `- 5 has 4`: `-5 has 4` would be `(-5) has 4`). A space rather
/// than parentheses: `-(5)` would nest one level deeper than the tree does.
inline bool negation_needs_space(const filter_ast& ast, node_id operand) noexcept {
    node_id first = operand; // the node whose text starts the operand's text
    while (ast.kind(first) == node_kind::binary || ast.kind(first) == node_kind::in) {
        const node_id left = ast.children(first)[0];
        if (needs_parens(ast, first, 0, left))
            return false; // starts with '('
        first = left;
    }
    if (ast.kind(first) != node_kind::literal)
        return false;
    switch (ast.literal_type(first)) {
    case literal_kind::int_:
        return ast.int_value(first) >= 0;
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::guid: {
        const auto t = ast.text(first);
        return !t.empty() && ((t[0] >= '0' && t[0] <= '9') || t.starts_with("INF"));
    }
    default:
        return false;
    }
}

inline void append_odata_string(std::string& out, std::string_view value) {
    out.push_back('\'');
    for (char ch : value) {
        if (ch == '\'')
            out.push_back('\'');
        out.push_back(ch);
    }
    out.push_back('\'');
}

inline void append_odata_literal(std::string& out, const filter_ast& ast, node_id id) {
    switch (ast.literal_type(id)) {
    case literal_kind::null:
        out.append("null");
        return;
    case literal_kind::boolean:
        out.append(ast.bool_value(id) ? "true" : "false");
        return;
    case literal_kind::int_:
        append_int(out, ast.int_value(id));
        return;
    case literal_kind::string:
        append_odata_string(out, ast.text(id));
        return;
    case literal_kind::duration:
        out.append("duration'").append(ast.text(id)).push_back('\'');
        return;
    case literal_kind::enum_:
        out.append(ast.enum_type(id)).append("'").append(ast.text(id)).push_back('\'');
        return;
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::guid:
        break;
    }
    out.append(ast.text(id));
}

inline void append_json_literal(std::string& out, const filter_ast& ast, node_id id) {
    const auto k = ast.literal_type(id);
    out.append("{\"literal\":\"").append(to_string(k)).append("\",");
    switch (k) {
    case literal_kind::null:
        out.append("\"value\":null}");
        return;
    case literal_kind::boolean:
        out.append(ast.bool_value(id) ? "\"value\":true}" : "\"value\":false}");
        return;
    case literal_kind::int_:
        out.append("\"value\":");
        append_int(out, ast.int_value(id));
        out.push_back('}');
        return;
    case literal_kind::enum_:
        out.append("\"type\":");
        append_json_quoted(out, ast.enum_type(id));
        out.push_back(',');
        break;
    default:
        break;
    }
    out.append("\"value\":");
    append_json_quoted(out, ast.text(id));
    out.push_back('}');
}

/// One level of the explicit stack of print_tree().
struct print_frame {
    node_id id;
    std::uint32_t next; ///< index of the next child to print
    bool paren;         ///< the node is written in parentheses
};

/// The explicit-stack traversal shared by both printers. `Printer` has open(id, stack) (the stack
/// holds the ancestors), separator(id, index) (before child `index` >= 1), close(id) and
/// parens(parent, index, child).
template <class Printer>
void print_tree(std::string& out, const filter_ast& ast, node_id start, Printer& p) {
    std::vector<print_frame> stack;
    p.open(start, stack);
    stack.push_back({start, 0, false});
    while (!stack.empty()) {
        auto& top = stack.back();
        const auto kids = ast.children(top.id);
        if (top.next < kids.size()) {
            const std::uint32_t index = top.next++;
            const node_id parent = top.id; // `top` may dangle after push_back
            if (index > 0)
                p.separator(parent, index);
            const node_id child = kids[index];
            const bool paren = p.parens(parent, index, child);
            if (paren)
                out.push_back('(');
            p.open(child, stack);
            stack.push_back({child, 0, paren});
            continue;
        }
        const print_frame done = top;
        stack.pop_back();
        p.close(done.id);
        if (done.paren)
            out.push_back(')');
    }
}

/// Whether the node about to be opened below `stack` (its ancestors; the last one's `next` has
/// already moved past it) is followed by white space in the OData text: it ends where an operator
/// of an ancestor follows (it is on the right edge of a non-last operand of a binary, logical or
/// `in` node), not where a parenthesis, a comma or the end of the text follows.
inline bool followed_by_space(const filter_ast& ast, const std::vector<print_frame>& stack, bool self_paren) {
    if (self_paren)
        return false;
    for (std::size_t i = stack.size(); i-- > 0;) {
        const auto& f = stack[i];
        switch (ast.kind(f.id)) {
        case node_kind::binary:
        case node_kind::logical:
        case node_kind::in:
            if (f.next < ast.children(f.id).size())
                return true;
            break;
        case node_kind::unary:
            break;
        default:
            return false; // call, list, lambda: a ',' or ')' follows
        }
        if (f.paren)
            return false;
    }
    return false;
}

struct json_printer {
    std::string& out;
    const filter_ast& ast;

    void open(node_id id, const std::vector<print_frame>&) {
        switch (ast.kind(id)) {
        case node_kind::literal:
            append_json_literal(out, ast, id);
            return;
        case node_kind::path: {
            out.append("{\"path\":[");
            bool first = true;
            for (std::string_view seg : ast.segments(id)) {
                if (!first)
                    out.push_back(',');
                first = false;
                append_json_quoted(out, seg);
            }
            out.append("]}");
            return;
        }
        case node_kind::alias:
            out.append("{\"alias\":");
            append_json_quoted(out, ast.text(id));
            out.push_back('}');
            return;
        case node_kind::type_name:
            out.append("{\"type\":");
            append_json_quoted(out, ast.text(id));
            out.push_back('}');
            return;
        case node_kind::binary:
            out.append("{\"op\":\"").append(to_string(ast.binary_operator(id))).append("\",\"args\":[");
            return;
        case node_kind::logical:
            out.append("{\"op\":\"").append(to_string(ast.logical_operator(id))).append("\",\"args\":[");
            return;
        case node_kind::unary:
            out.append("{\"op\":\"").append(to_string(ast.unary_operator(id))).append("\",\"args\":[");
            return;
        case node_kind::in:
            out.append("{\"op\":\"in\",\"args\":[");
            return;
        case node_kind::list:
            out.append("{\"list\":[");
            return;
        case node_kind::call:
            out.append("{\"call\":\"").append(to_string(ast.function(id))).append("\",\"args\":[");
            return;
        case node_kind::lambda:
            out.append("{\"lambda\":\"").append(to_string(ast.lambda_operator(id))).append("\",\"path\":");
            return;
        }
    }
    void lambda_variable(node_id id) {
        out.append(",\"var\":");
        if (ast.has_lambda_variable(id))
            append_json_quoted(out, ast.text(id));
        else
            out.append("null");
        out.append(",\"body\":");
    }
    void separator(node_id id, std::size_t) {
        if (ast.kind(id) == node_kind::lambda)
            lambda_variable(id);
        else
            out.push_back(',');
    }
    void close(node_id id) {
        switch (ast.kind(id)) {
        case node_kind::binary:
        case node_kind::logical:
        case node_kind::unary:
        case node_kind::in:
        case node_kind::list:
        case node_kind::call:
            out.append("]}");
            return;
        case node_kind::lambda:
            if (ast.lambda_body(id) == no_node) {
                lambda_variable(id);
                out.append("null");
            }
            out.push_back('}');
            return;
        default:
            return;
        }
    }
    bool parens(node_id, std::size_t, node_id) const noexcept { return false; }
};

struct odata_printer {
    std::string& out;
    const filter_ast& ast;
    bool paren_pending = false; ///< parens() said yes for the node about to be opened

    void open(node_id id, const std::vector<print_frame>& stack) {
        const bool paren = paren_pending;
        paren_pending = false;
        switch (ast.kind(id)) {
        case node_kind::literal:
            append_odata_literal(out, ast, id);
            return;
        case node_kind::path:
            // A path named `not` followed by a space would read as the `not` operator.
            if (detail::iequals(ast.text(id), "not") && followed_by_space(ast, stack, paren)) {
                out.append("(").append(ast.text(id)).push_back(')');
                return;
            }
            out.append(ast.text(id));
            return;
        case node_kind::alias:
        case node_kind::type_name:
            out.append(ast.text(id));
            return;
        case node_kind::unary:
            if (ast.unary_operator(id) == unary_op::not_)
                out.append("not ");
            else
                out.append(negation_needs_space(ast, ast.children(id)[0]) ? "- " : "-");
            return;
        case node_kind::list:
            out.push_back('(');
            return;
        case node_kind::call:
            out.append(to_string(ast.function(id))).push_back('(');
            return;
        case node_kind::binary:
        case node_kind::logical:
        case node_kind::in:
        case node_kind::lambda:
            return;
        }
    }
    void lambda_open(node_id id) {
        out.push_back('/');
        out.append(to_string(ast.lambda_operator(id))).push_back('(');
        if (ast.has_lambda_variable(id))
            out.append(ast.text(id)).push_back(':');
    }
    void separator(node_id id, std::size_t) {
        switch (ast.kind(id)) {
        case node_kind::binary:
            out.push_back(' ');
            out.append(to_string(ast.binary_operator(id))).push_back(' ');
            return;
        case node_kind::logical:
            out.append(ast.logical_operator(id) == logical_op::and_ ? " and " : " or ");
            return;
        case node_kind::in:
            out.append(" in ");
            return;
        case node_kind::lambda:
            lambda_open(id);
            return;
        default:
            out.push_back(',');
            return;
        }
    }
    void close(node_id id) {
        switch (ast.kind(id)) {
        case node_kind::list:
        case node_kind::call:
            out.push_back(')');
            return;
        case node_kind::lambda:
            if (ast.lambda_body(id) == no_node)
                lambda_open(id);
            out.push_back(')');
            return;
        default:
            return;
        }
    }
    bool parens(node_id parent, std::size_t index, node_id child) noexcept {
        paren_pending = needs_parens(ast, parent, index, child);
        return paren_pending;
    }
};

} // namespace detail

APIQUERY_DECL void append_json_text(std::string& out, const filter_ast& ast, node_id id) {
    if (id == no_node || static_cast<std::size_t>(id) >= ast.size()) {
        out.append("null");
        return;
    }
    detail::json_printer p{out, ast};
    detail::print_tree(out, ast, id, p);
}

APIQUERY_DECL void append_odata(std::string& out, const filter_ast& ast, node_id id) {
    if (id == no_node || static_cast<std::size_t>(id) >= ast.size())
        return;
    detail::odata_printer p{out, ast};
    detail::print_tree(out, ast, id, p);
}

} // namespace apiquery
