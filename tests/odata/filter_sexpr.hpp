// Test helper: a compact, unambiguous S-expression rendering of a filter_ast, to state expected trees
// in one line. Not the canonical printer (include/apiquery/odata/filter_print.hpp): this one shows the
// structure the tests are about (operator nesting, literal kinds), recursively (test inputs are small).
//   literals: null true 42 dec:3.14 dbl:1e5 'O''Neil' date:... dto:... tod:... dur:P1D guid:...
//             enum:Sales.Pattern'Yellow'
//   path: Address/Street   alias: @p   type: type:Edm.Int32   list: [1 2]
//   operators and calls: (eq a b) (and a b c) (not x) (neg x) (in a [1 2]) (contains a b)
//   lambda: (any Products p body) (any Products)
#pragma once

#include <apiquery/odata/filter.hpp>

#include <string>
#include <string_view>

namespace filter_test {

inline void sexpr(const apiquery::filter_ast& ast, apiquery::node_id id, std::string& out) {
    using namespace apiquery;
    const auto kids = ast.children(id);
    const auto list = [&](std::string_view head) {
        out += '(';
        out += head;
        for (node_id c : kids) {
            out += ' ';
            sexpr(ast, c, out);
        }
        out += ')';
    };
    switch (ast.kind(id)) {
    case node_kind::literal:
        switch (ast.literal_type(id)) {
        case literal_kind::null:
            out += "null";
            return;
        case literal_kind::boolean:
            out += ast.bool_value(id) ? "true" : "false";
            return;
        case literal_kind::int_:
            out += std::to_string(ast.int_value(id));
            return;
        case literal_kind::string:
            out += '\'';
            for (char c : ast.text(id)) {
                out += c;
                if (c == '\'')
                    out += '\'';
            }
            out += '\'';
            return;
        case literal_kind::enum_:
            out += "enum:";
            out += ast.enum_type(id);
            out += '\'';
            out += ast.text(id);
            out += '\'';
            return;
        case literal_kind::decimal:
            out += "dec:";
            break;
        case literal_kind::double_:
            out += "dbl:";
            break;
        case literal_kind::date:
            out += "date:";
            break;
        case literal_kind::datetimeoffset:
            out += "dto:";
            break;
        case literal_kind::timeofday:
            out += "tod:";
            break;
        case literal_kind::duration:
            out += "dur:";
            break;
        case literal_kind::guid:
            out += "guid:";
            break;
        }
        out += ast.text(id);
        return;
    case node_kind::path:
    case node_kind::alias:
        out += ast.text(id);
        return;
    case node_kind::type_name:
        out += "type:";
        out += ast.text(id);
        return;
    case node_kind::binary:
        return list(to_string(ast.binary_operator(id)));
    case node_kind::logical:
        return list(to_string(ast.logical_operator(id)));
    case node_kind::unary:
        return list(to_string(ast.unary_operator(id)));
    case node_kind::in:
        return list("in");
    case node_kind::call:
        return list(to_string(ast.function(id)));
    case node_kind::list:
        out += '[';
        for (std::size_t i = 0; i < kids.size(); ++i) {
            if (i)
                out += ' ';
            sexpr(ast, kids[i], out);
        }
        out += ']';
        return;
    case node_kind::lambda:
        out += '(';
        out += to_string(ast.lambda_operator(id));
        out += ' ';
        sexpr(ast, ast.lambda_path(id), out);
        if (ast.has_lambda_variable(id)) {
            out += ' ';
            out += ast.text(id);
            out += ' ';
            sexpr(ast, ast.lambda_body(id), out);
        }
        out += ')';
        return;
    }
}

inline std::string sexpr(const apiquery::filter_ast& ast) {
    std::string out;
    if (!ast.empty())
        sexpr(ast, ast.root(), out);
    return out;
}

/// The S-expression of a successful parse, or "ERROR <code> @<position>: <message>".
inline std::string parse(std::string_view text, const apiquery::parse_options& options = {}) {
    const auto r = apiquery::parse_filter(text, options);
    if (r)
        return sexpr(*r);
    return "ERROR " + std::string(apiquery::to_string(r.error().code)) + " @" +
           std::to_string(r.error().position) + ": " + r.error().message;
}

/// "<code> @<position>" of a failed parse ("ok" when it succeeds): for offset checks.
inline std::string error_at(std::string_view text, const apiquery::parse_options& options = {}) {
    const auto r = apiquery::parse_filter(text, options);
    if (r)
        return "ok";
    return std::string(apiquery::to_string(r.error().code)) + " @" + std::to_string(r.error().position);
}

} // namespace filter_test
