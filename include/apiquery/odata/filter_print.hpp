// apiquery: print a filter_ast as JSON (the JSON form of docs/filter_print.md) or as canonical OData
// text.
//
//     auto r = apiquery::parse_filter("Name EQ 'O''Neil' AND (Price LT 2.55)");
//     apiquery::json_text(*r);// {"op":"and","args":[{"op":"eq","args":[{"path":["Name"]},...]},...]}
//     apiquery::to_odata(*r); // Name eq 'O''Neil' and Price lt 2.55
//
// Both printers walk the tree with an explicit stack, so trees of any depth (a chain of 10,000 `sub`
// is 10,000 levels deep) print without recursion. Neither throws, except std::bad_alloc.
// No PEGTL here.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>

#include <string>
#include <string_view>

namespace apiquery {

/// Appends the JSON form of the subtree at `id` to `out`. One JSON value per node; the keys are
/// exactly these and nothing else is emitted (no whitespace):
/// - literals: `{"literal":"null","value":null}`, `{"literal":"boolean","value":true}`,
///   `{"literal":"int","value":-5}` (a JSON number), and for decimal, double, string, date,
///   datetimeoffset, timeofday, duration, guid `{"literal":"<kind>","value":"<text>"}` with the text
///   as the tree holds it (numbers, dates and GUIDs as written, strings unescaped, durations without
///   the `duration'...'` wrapper); enum: `{"literal":"enum","type":"Sales.Pattern","value":"Yellow"}`;
/// - member path `{"path":["Address","Street"]}`, parameter alias `{"alias":"@p"}`;
/// - comparison, `has`, arithmetic, `and`/`or` (n-ary), `not`, negation (`"neg"`), `in`:
///   `{"op":"eq","args":[L,R]}`; the literal list right of `in` is `{"list":[A,B]}`;
/// - function call `{"call":"contains","args":[A,B]}` with the name as the specification spells it;
///   the type argument of `cast`/`isof` is `{"type":"Edm.Int32"}`;
/// - lambda `{"lambda":"any","path":{"path":["Products"]},"var":"p","body":E}`, with `"var":null`
///   and `"body":null` for `Products/any()`.
///
/// JSON strings are escaped as JSON requires: `"` and `\` with a backslash, `\b \f \n \r \t`, other
/// control characters as `\u00xx` (lower-case hex); everything else, non-ASCII included, is written
/// raw as UTF-8. Text that is not well-formed UTF-8 (only possible in hand-built trees: the parser
/// rejects it) is written with U+FFFD per ill-formed subsequence, so the output is always valid JSON
/// in UTF-8. `id == no_node` appends `null`.
///
/// @par Example
/// `Products/any()` prints `{"lambda":"any","path":{"path":["Products"]},"var":null,"body":null}`.
APIQUERY_DECL void append_json_text(std::string& out, const filter_ast& ast, node_id id);

/// Appends canonical OData `$filter` text for the subtree at `id` to `out`:
/// - keywords and operators in lower case, separated by single spaces (`a eq 1 and not b`);
///   function names as the specification spells them (`matchesPattern`), arguments and list items
///   separated by `,` without spaces; `any(p:...)`, `all(p:...)`, `any()`;
/// - minimal parentheses: only where precedence or left associativity needs them
///   (`a sub (b sub c)`, `(a or b) and c`, `not (a eq b)`, `(-a) has b`); the negation of a literal
///   that starts with a digit or is INF is written with a space, `- 5`, since `-5` is itself a
///   literal (parentheses, `-(5)`, would nest one level deeper than the tree);
/// - literals in their canonical form: `null`, `true`/`false`, integers in decimal, decimals,
///   doubles, dates, date-times, times of day and GUIDs as they were written (the tree keeps that
///   text), strings in single quotes with `'` doubled, durations always as `duration'P...'`, enums
///   always qualified `Ns.Type'Member'`.
///
/// For every tree produced by parse_filter(), parsing the output again gives an equal tree
/// (`parse_filter(to_odata(ast)) == ast`, spans aside) with the same options (4.0 strict included:
/// the output is lower-case; the nesting depth is never deeper than the input's; the text can be a
/// few bytes longer than the input, e.g. `not(a eq b)` prints `not (a eq b)`), and printing is
/// idempotent. The text is the percent-decoded form: to
/// put it into a URL, percent-encode it. `id == no_node` appends nothing.
APIQUERY_DECL void append_odata(std::string& out, const filter_ast& ast, node_id id);

/// The JSON form of the whole tree (`null` for an empty tree). See append_json_text().
inline std::string json_text(const filter_ast& ast) {
    std::string out;
    append_json_text(out, ast, ast.root());
    return out;
}

/// The JSON form of the subtree at `id`. See append_json_text().
inline std::string json_text(const filter_ast& ast, node_id id) {
    std::string out;
    append_json_text(out, ast, id);
    return out;
}

/// Canonical OData text of the whole tree (empty for an empty tree). See append_odata().
inline std::string to_odata(const filter_ast& ast) {
    std::string out;
    append_odata(out, ast, ast.root());
    return out;
}

/// Canonical OData text of the subtree at `id`. See append_odata().
inline std::string to_odata(const filter_ast& ast, node_id id) {
    std::string out;
    append_odata(out, ast, id);
    return out;
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/odata/impl/filter_print.ipp>
#endif
