// apiquery: implementation of profile_check.hpp (check_filter).
//
// Three passes over the tree, none recursive (any depth is safe):
// 1. structure: parents, reachability, depth and node limits, lambda scopes;
// 2. capabilities: every node kind, operator, function, lambda, alias and position (leftmost-outermost
//    problem first);
// 3. types: bottom-up in storage order (post-order), binding paths, typing every node, converting
//    literals where their parent decides what they are compared with.
#pragma once

#include <apiquery/odata/edm.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace apiquery {
namespace detail::pcheck {

inline constexpr std::uint32_t npos = 0xFFFFFFFFu;

// ---------------------------------------------------------------------------------------------------
// Text helpers for messages

/// At most `max` bytes of `s`, cut at a UTF-8 boundary, with "..." when cut.
inline std::string clip(std::string_view s, std::size_t max = 48) {
    if (s.size() <= max)
        return std::string(s);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    std::string out(s.substr(0, cut));
    out += "...";
    return out;
}

inline std::string quoted(std::string_view s) {
    std::string out = "'";
    out += clip(s, 64);
    out += "'";
    return out;
}

/// The literal in canonical OData form (long texts clipped).
inline std::string render_literal(const filter_ast& ast, node_id id) {
    const auto k = ast.literal_type(id);
    switch (k) {
    case literal_kind::null:
        return "null";
    case literal_kind::boolean:
        return ast.bool_value(id) ? "true" : "false";
    case literal_kind::int_:
        return std::to_string(ast.int_value(id));
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::guid:
        return clip(ast.text(id));
    case literal_kind::string: {
        std::string out = "'";
        for (char c : clip(ast.text(id))) {
            out.push_back(c);
            if (c == '\'')
                out.push_back('\'');
        }
        out.push_back('\'');
        return out;
    }
    case literal_kind::duration:
        return "duration'" + clip(ast.text(id)) + "'";
    case literal_kind::enum_:
        return clip(ast.enum_type(id)) + "'" + clip(ast.text(id)) + "'";
    }
    return "?";
}

/// "a string", "an int", ... (what a literal of this kind is).
constexpr std::string_view article_kind(literal_kind k) noexcept {
    switch (k) {
    case literal_kind::null:
        return "null";
    case literal_kind::boolean:
        return "a boolean";
    case literal_kind::int_:
        return "an int";
    case literal_kind::decimal:
        return "a decimal";
    case literal_kind::double_:
        return "a double";
    case literal_kind::string:
        return "a string";
    case literal_kind::date:
        return "a date";
    case literal_kind::datetimeoffset:
        return "a datetimeoffset";
    case literal_kind::timeofday:
        return "a timeofday";
    case literal_kind::duration:
        return "a duration";
    case literal_kind::guid:
        return "a guid";
    case literal_kind::enum_:
        return "an enum";
    }
    return "an unknown literal";
}

inline std::string type_text(const expr_type& t, const profile_view& p) {
    std::string base(t.type == value_type::dynamic ? std::string_view("untyped") : to_string(t.type));
    if (t.type == value_type::enum_ && t.enum_field < p.fields.size()) {
        const auto& members = p.fields[t.enum_field].enum_members;
        base += " (";
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i == 10) {
                base += ", ...";
                break;
            }
            if (i > 0)
                base += ", ";
            base += clip(members[i], 32);
        }
        base += ")";
    }
    return t.collection ? "collection(" + base + ")" : base;
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or
/// `cap + 1` when it exceeds `cap`.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > cap)
        return cap + 1;
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > cap)
            return cap + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], cap + 1);
}

/// The filterable field a mistyped path most likely means, or no_field.
inline std::uint32_t suggest_field(const profile_view& p, std::string_view path) {
    if (path.size() > 128)
        return no_field;
    const std::size_t cap = path.size() <= 3 ? 1 : path.size() <= 6 ? 2 : 3;
    std::uint32_t best = no_field;
    std::size_t best_d = cap + 1;
    for (std::size_t i = 0; i < p.fields.size(); ++i) {
        const auto& f = p.fields[i];
        if (!f.filterable)
            continue;
        std::size_t d;
        if (detail::iequals(f.path, path))
            d = 0;
        else if (detail::is_path_prefix(path, f.path))
            d = 1;
        else
            d = edit_distance(path, f.path, cap);
        if (d < best_d) {
            best_d = d;
            best = static_cast<std::uint32_t>(i);
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------------
// Function signatures

enum class param : std::uint8_t {
    string,
    int_,
    numeric,
    date_or_dto,
    dto,
    dto_or_tod,
    duration,
    collection,
    geo,
    any,
    type,
};

enum class ret : std::uint8_t {
    boolean,
    int_,
    decimal,
    double_,
    string,
    date,
    dto,
    timeofday,
    rounded,     // ceiling/floor/round: decimal for int and decimal, double for double
    first_arg,   // the first argument's type (collection overloads of concat/substring)
    cast_target, // the type_name argument's type
};

struct overload {
    std::uint8_t min_args;
    std::uint8_t max_args;
    param params[3];
    ret result;
};

struct signature {
    std::string_view text; // for messages: "(string, string) or (collection, collection)"
    overload overloads[2];
    std::uint8_t count;
};

constexpr signature signature_of(function_id f) noexcept {
    using p = param;
    constexpr overload none{0, 0, {p::any, p::any, p::any}, ret::boolean};
    switch (f) {
    case function_id::concat:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::string},
                 {2, 2, {p::collection, p::collection, p::any}, ret::first_arg}},
                2};
    case function_id::contains:
    case function_id::endswith:
    case function_id::startswith:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::boolean},
                 {2, 2, {p::collection, p::collection, p::any}, ret::boolean}},
                2};
    case function_id::indexof:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::int_},
                 {2, 2, {p::collection, p::collection, p::any}, ret::int_}},
                2};
    case function_id::length:
        return {"(string) or (collection)",
                {{1, 1, {p::string, p::any, p::any}, ret::int_},
                 {1, 1, {p::collection, p::any, p::any}, ret::int_}},
                2};
    case function_id::substring:
        return {"(string, int[, int]) or (collection, int[, int])",
                {{2, 3, {p::string, p::int_, p::int_}, ret::string},
                 {2, 3, {p::collection, p::int_, p::int_}, ret::first_arg}},
                2};
    case function_id::hassubset:
    case function_id::hassubsequence:
        return {"(collection, collection)",
                {{2, 2, {p::collection, p::collection, p::any}, ret::boolean}, none},
                1};
    case function_id::matchespattern:
        return {"(string, string)", {{2, 2, {p::string, p::string, p::any}, ret::boolean}, none}, 1};
    case function_id::tolower:
    case function_id::toupper:
    case function_id::trim:
        return {"(string)", {{1, 1, {p::string, p::any, p::any}, ret::string}, none}, 1};
    case function_id::date:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::date}, none}, 1};
    case function_id::day:
    case function_id::month:
    case function_id::year:
        return {"(date) or (datetimeoffset)", {{1, 1, {p::date_or_dto, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::hour:
    case function_id::minute:
    case function_id::second:
        return {
            "(datetimeoffset) or (timeofday)", {{1, 1, {p::dto_or_tod, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::fractionalseconds:
        return {"(datetimeoffset) or (timeofday)",
                {{1, 1, {p::dto_or_tod, p::any, p::any}, ret::decimal}, none},
                1};
    case function_id::maxdatetime:
    case function_id::mindatetime:
    case function_id::now:
        return {"()", {{0, 0, {p::any, p::any, p::any}, ret::dto}, none}, 1};
    case function_id::time:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::timeofday}, none}, 1};
    case function_id::totaloffsetminutes:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::totalseconds:
        return {"(duration)", {{1, 1, {p::duration, p::any, p::any}, ret::decimal}, none}, 1};
    case function_id::ceiling:
    case function_id::floor:
    case function_id::round:
        return {"(number)", {{1, 1, {p::numeric, p::any, p::any}, ret::rounded}, none}, 1};
    case function_id::cast:
        return {"(expression, type)", {{2, 2, {p::any, p::type, p::any}, ret::cast_target}, none}, 1};
    case function_id::isof:
        return {"(expression, type)", {{2, 2, {p::any, p::type, p::any}, ret::boolean}, none}, 1};
    case function_id::geo_distance:
        return {"(geography, geography)", {{2, 2, {p::geo, p::geo, p::any}, ret::double_}, none}, 1};
    case function_id::geo_intersects:
        return {"(geography, geography)", {{2, 2, {p::geo, p::geo, p::any}, ret::boolean}, none}, 1};
    case function_id::geo_length:
        return {"(geography)", {{1, 1, {p::geo, p::any, p::any}, ret::double_}, none}, 1};
    }
    return {"", {none, none}, 0}; // unknown function: no overload matches
}

// ---------------------------------------------------------------------------------------------------
// Type rules

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
constexpr bool valid(binary_op op) noexcept {
    switch (op) {
    case binary_op::eq:
    case binary_op::ne:
    case binary_op::gt:
    case binary_op::ge:
    case binary_op::lt:
    case binary_op::le:
    case binary_op::has:
    case binary_op::add:
    case binary_op::sub:
    case binary_op::mul:
    case binary_op::div:
    case binary_op::divby:
    case binary_op::mod:
        return true;
    }
    return false;
}
constexpr bool valid(logical_op op) noexcept {
    switch (op) {
    case logical_op::and_:
    case logical_op::or_:
        return true;
    }
    return false;
}
constexpr bool valid(unary_op op) noexcept {
    switch (op) {
    case unary_op::not_:
    case unary_op::neg:
        return true;
    }
    return false;
}
constexpr bool valid(lambda_op op) noexcept {
    switch (op) {
    case lambda_op::any:
    case lambda_op::all:
        return true;
    }
    return false;
}
constexpr bool valid(literal_kind k) noexcept {
    switch (k) {
    case literal_kind::null:
    case literal_kind::boolean:
    case literal_kind::int_:
    case literal_kind::decimal:
    case literal_kind::double_:
    case literal_kind::string:
    case literal_kind::date:
    case literal_kind::datetimeoffset:
    case literal_kind::timeofday:
    case literal_kind::duration:
    case literal_kind::guid:
    case literal_kind::enum_:
        return true;
    }
    return false;
}

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

/// Parses a double literal's text (INF, -INF, NaN, or a number with an exponent or a fraction).
inline bool parse_double(std::string_view text, double& out) {
    if (text == "INF") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "-INF") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "NaN") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+')
        ++first;
    if (first == last || (*first != '-' && (*first < '0' || *first > '9')))
        return false;
    const auto r = std::from_chars(first, last, out, std::chars_format::general);
    return r.ec == std::errc() && r.ptr == last && std::isfinite(out);
}

// ---------------------------------------------------------------------------------------------------
// The checker

/// Why two types have no common type.
enum class clash : std::uint8_t { none, mismatch, null_a, null_b };

struct unified {
    expr_type type;
    clash why = clash::none;
};

class checker {
public:
    checker(const filter_ast& ast, const profile_view& prof, checked_data& out)
        : ast_(ast), p_(prof), out_(out), n_(static_cast<std::uint32_t>(ast.size())) {}

    std::optional<profile_error> run() {
        if (auto e = structure())
            return e;
        if (auto e = capabilities())
            return e;
        out_.nodes.assign(n_, checked_node{});
        for (std::uint32_t i = 0; i < n_; ++i) {
            if (auto e = type_node(node_id{i})) {
                if (p_.strict_types || !relaxable(e->code))
                    return e;
                relax(node_id{i});
            }
        }
        auto e = need_boolean(ast_.root(), "the filter must be a condition");
        if (e && p_.strict_types)
            return e;
        return std::nullopt; // without type checking, a non-boolean filter is the evaluator's matter
    }

private:
    using opt_error = std::optional<profile_error>;

    const filter_ast& ast_;
    const profile_view& p_;
    checked_data& out_;
    std::uint32_t n_;
    std::vector<std::uint32_t> parent_; // parent index (npos for the root)
    std::vector<std::uint32_t> scope_;  // the innermost lambda whose body holds the node (npos: none)

    static std::uint32_t idx(node_id id) noexcept { return static_cast<std::uint32_t>(id); }
    checked_node& info(node_id id) noexcept { return out_.nodes[idx(id)]; }
    const expr_type& type_of(node_id id) noexcept { return out_.nodes[idx(id)].type; }
    bool is_literal(node_id id) const noexcept { return ast_.kind(id) == node_kind::literal; }
    bool is_null_literal(node_id id) const noexcept {
        return is_literal(id) && ast_.literal_type(id) == literal_kind::null;
    }

    profile_error error(profile_errc code, node_id at, std::string message) const {
        return profile_error{code, ast_.span(at), std::move(message)};
    }
    /// An error about the node's operator (refused, or not applicable to its operands): it starts
    /// at the operator keyword (filter_ast::operator_position) and ends with the node.
    profile_error operator_error(profile_errc code, node_id at, std::string message) const {
        return profile_error{code, {ast_.operator_position(at), ast_.span(at).end}, std::move(message)};
    }

    // ----- profiles without type checking (profile_view::strict_types false) ---------------------

    /// The type errors a profile without type checking accepts (the node is then typed by relax()).
    static bool relaxable(profile_errc c) noexcept {
        switch (c) {
        case profile_errc::type_mismatch:
        case profile_errc::invalid_value:
        case profile_errc::null_not_allowed:
        case profile_errc::unsupported_expression:
            return true;
        case profile_errc::unsupported_operator:
        case profile_errc::unsupported_function:
        case profile_errc::unsupported_lambda:
        case profile_errc::unsupported_alias:
        case profile_errc::unknown_field:
        case profile_errc::field_not_filterable:
        case profile_errc::depth_limit:
        case profile_errc::node_limit:
        case profile_errc::invalid_profile:
        case profile_errc::malformed_tree:
            return false;
        }
        return false;
    }

    /// Types a node whose type rules failed, for a profile without type checking: conditions
    /// (comparisons, `in`, `has`, `and`/`or`/`not`, lambdas, boolean functions) stay boolean, anything
    /// else becomes dynamic (nullable); the operand type is dynamic (decided at run time). A literal
    /// that could not be converted keeps no value (std::monostate): evaluators read its text.
    void relax(node_id id) {
        auto& inf = info(id);
        const expr_type condition{value_type::boolean, false, false, no_field};
        expr_type t{value_type::dynamic, false, true, no_field};
        switch (ast_.kind(id)) {
        case node_kind::binary: {
            const auto op = ast_.binary_operator(id);
            if (is_comparison(op) || op == binary_op::has)
                t = condition;
            break;
        }
        case node_kind::logical:
        case node_kind::in:
        case node_kind::lambda:
            t = condition;
            break;
        case node_kind::unary:
            if (ast_.unary_operator(id) == unary_op::not_)
                t = condition;
            break;
        case node_kind::call: {
            const auto f = ast_.function(id);
            const auto sig = signature_of(f);
            if (sig.count > 0 && sig.overloads[0].result == ret::boolean) {
                t = condition;
                t.nullable = f != function_id::isof;
            }
            break;
        }
        case node_kind::literal:
            if (inf.value >= out_.values.size())
                inf.value = no_field; // literal_node() failed before storing a value
            else if (!std::holds_alternative<std::monostate>(out_.values[inf.value]))
                return; // converted or kept as written: its type matches its value
            break;
        case node_kind::path:
        case node_kind::alias:
        case node_kind::list:
        case node_kind::type_name:
            break;
        }
        inf.type = t;
        inf.operand = value_type::dynamic;
    }

    // ----- pass 1: structure and limits -----------------------------------------------------------

    opt_error structure() {
        if (n_ == 0)
            return profile_error{profile_errc::malformed_tree, {}, "the filter is empty"};
        if (n_ >= npos)
            return profile_error{profile_errc::node_limit, ast_.span(ast_.root()), "the filter is too large"};
        const node_id root = ast_.root();
        if (n_ > p_.limits.max_nodes)
            return error(profile_errc::node_limit, root,
                         "the filter has " + std::to_string(n_) + " nodes; this endpoint accepts at most " +
                             std::to_string(p_.limits.max_nodes));
        parent_.assign(n_, npos);
        for (std::uint32_t i = 0; i < n_; ++i) {
            for (node_id c : ast_.children(node_id{i})) {
                const auto ci = idx(c);
                if (ci >= i || parent_[ci] != npos)
                    return error(profile_errc::malformed_tree, root, "the syntax tree is malformed");
                parent_[ci] = i;
            }
        }
        for (std::uint32_t i = 0; i + 1 < n_; ++i)
            if (parent_[i] == npos)
                return error(profile_errc::malformed_tree, root, "the syntax tree is malformed");
        // Depth and lambda scopes, top-down (parents have larger indices than their children).
        std::vector<std::uint32_t> depth(n_, 0);
        scope_.assign(n_, npos);
        depth[n_ - 1] = 1;
        std::uint32_t deepest = 1;
        std::uint32_t first_too_deep = npos;
        for (std::uint32_t i = n_; i-- > 0;) {
            const node_id id{i};
            const auto kids = ast_.children(id);
            const bool lambda = ast_.kind(id) == node_kind::lambda;
            for (std::size_t k = 0; k < kids.size(); ++k) {
                const auto ci = idx(kids[k]);
                depth[ci] = depth[i] + 1;
                scope_[ci] = lambda && k == 1 ? i : scope_[i];
            }
            deepest = std::max(deepest, depth[i]);
            if (depth[i] > p_.limits.max_depth &&
                (first_too_deep == npos || ast_.span(id).begin < ast_.span(node_id{first_too_deep}).begin))
                first_too_deep = i;
        }
        if (first_too_deep != npos)
            return error(profile_errc::depth_limit, node_id{first_too_deep},
                         "the filter is " + std::to_string(deepest) +
                             " levels deep; this endpoint accepts at most " +
                             std::to_string(p_.limits.max_depth));
        return std::nullopt;
    }

    // ----- pass 2: capabilities and positions ----------------------------------------------------

    std::string supported_operators() const {
        std::string s;
        for (std::size_t i = 0; i < filter_operator_count; ++i) {
            const auto op = static_cast<filter_operator>(i);
            if (p_.operators.contains(op)) {
                if (!s.empty())
                    s += ", ";
                s += to_string(op);
            }
        }
        return s.empty() ? "none" : s;
    }

    profile_error operator_error(node_id id, filter_operator op) const {
        return operator_error(profile_errc::unsupported_operator, id,
                              "operator '" + std::string(to_string(op)) +
                                  "' is not supported by this endpoint (supported: " + supported_operators() +
                                  ")");
    }

    /// The capability/position problem of one node, if any. `message` false: the message is left
    /// empty (used while looking for the leftmost problem).
    opt_error capability(node_id id, bool message) const {
        const auto msg = [&](std::string s) { return message ? std::move(s) : std::string(); };
        const auto unsupported = [&](node_id at, const char* text) {
            return error(profile_errc::unsupported_expression, at, msg(text));
        };
        const auto kids = ast_.children(id);
        switch (ast_.kind(id)) {
        case node_kind::literal:
            if (!valid(ast_.literal_type(id)))
                return unsupported(id, "unknown literal kind");
            return std::nullopt;
        case node_kind::path:
            if (ast_.text(id).empty())
                return unsupported(id, "empty path");
            return std::nullopt;
        case node_kind::alias:
            if (!p_.aliases)
                return error(
                    profile_errc::unsupported_alias, id,
                    msg("parameter alias " + quoted(ast_.text(id)) + " is not supported by this endpoint"));
            return std::nullopt;
        case node_kind::binary: {
            const auto op = ast_.binary_operator(id);
            if (!valid(op))
                return unsupported(id, "unknown operator");
            if (kids.size() != 2)
                return unsupported(id, "an operator needs two operands");
            if (!p_.operators.contains(to_operator(op)))
                return message ? operator_error(id, to_operator(op))
                               : operator_error(profile_errc::unsupported_operator, id, {});
            return std::nullopt;
        }
        case node_kind::logical: {
            const auto op = ast_.logical_operator(id);
            if (!valid(op))
                return unsupported(id, "unknown operator");
            if (kids.size() < 2)
                return unsupported(id, "'and' and 'or' need two operands");
            if (!p_.operators.contains(to_operator(op)))
                return message ? operator_error(id, to_operator(op))
                               : operator_error(profile_errc::unsupported_operator, id, {});
            return std::nullopt;
        }
        case node_kind::unary: {
            const auto op = ast_.unary_operator(id);
            if (!valid(op))
                return unsupported(id, "unknown operator");
            if (kids.size() != 1)
                return unsupported(id, "'not' and '-' need one operand");
            if (!p_.operators.contains(to_operator(op)))
                return message ? operator_error(id, to_operator(op))
                               : operator_error(profile_errc::unsupported_operator, id, {});
            return std::nullopt;
        }
        case node_kind::in:
            if (kids.size() != 2)
                return unsupported(id, "'in' needs two operands");
            if (!p_.operators.contains(filter_operator::in))
                return message ? operator_error(id, filter_operator::in)
                               : operator_error(profile_errc::unsupported_operator, id, {});
            return std::nullopt;
        case node_kind::list: {
            const auto par = parent_[idx(id)];
            if (par == npos || ast_.kind(node_id{par}) != node_kind::in ||
                ast_.children(node_id{par})[1] != id)
                return unsupported(id, "a list in parentheses is only allowed right of 'in'");
            for (node_id item : kids)
                if (!is_literal(item))
                    return unsupported(item, "only literals are allowed in an 'in' list");
            return std::nullopt;
        }
        case node_kind::call: {
            const auto f = ast_.function(id);
            if (static_cast<std::size_t>(f) >= function_count)
                return unsupported(id, "unknown function");
            if (!p_.functions.contains(f))
                return error(
                    profile_errc::unsupported_function, id,
                    msg("function '" + std::string(to_string(f)) + "' is not supported by this endpoint"));
            const auto& fi = apiquery::info(f);
            if (kids.size() < fi.min_args || kids.size() > fi.max_args)
                return error(profile_errc::unsupported_expression, id,
                             msg("wrong number of arguments for '" + std::string(fi.name) + "'"));
            if (f == function_id::cast || f == function_id::isof) {
                // Without type checking, also the one-argument form (the whole record).
                if (kids.size() != 2 && p_.strict_types)
                    return error(profile_errc::unsupported_expression, id,
                                 msg("'" + std::string(fi.name) +
                                     "' with one argument (the whole record) is not supported; write " +
                                     std::string(fi.name) + "(expression, type)"));
                if (kids.empty() || ast_.kind(kids.back()) != node_kind::type_name)
                    return error(
                        profile_errc::unsupported_expression, kids.empty() ? id : kids.back(),
                        msg("the last argument of '" + std::string(fi.name) + "' must be a type name"));
            }
            return std::nullopt;
        }
        case node_kind::type_name: {
            const auto par = parent_[idx(id)];
            if (par == npos || ast_.kind(node_id{par}) != node_kind::call)
                return unsupported(id, "a type name is only allowed as the last argument of cast or isof");
            const auto f = ast_.function(node_id{par});
            const auto siblings = ast_.children(node_id{par});
            // Without type checking, also the only argument: `isof(Edm.Int32)` (the whole record).
            if ((f != function_id::cast && f != function_id::isof) || siblings.back() != id ||
                (siblings.size() != 2 && p_.strict_types))
                return unsupported(id, "a type name is only allowed as the last argument of cast or isof");
            return std::nullopt;
        }
        case node_kind::lambda: {
            const auto op = ast_.lambda_operator(id);
            if (!valid(op))
                return unsupported(id, "unknown lambda operator");
            if (!p_.lambdas)
                return operator_error(
                    profile_errc::unsupported_lambda, id,
                    msg("lambda '" + std::string(to_string(op)) + "' is not supported by this endpoint"));
            if (kids.empty() || kids.size() > 2 || ast_.kind(kids[0]) != node_kind::path)
                return unsupported(id, "a lambda needs a collection path before /any or /all");
            const bool body = kids.size() == 2;
            if (body != ast_.has_lambda_variable(id))
                return unsupported(id, "a lambda has a range variable and a condition, or neither");
            if (!body && op == lambda_op::all)
                return unsupported(id, "'all' needs a condition: all(x: ...)");
            return std::nullopt;
        }
        }
        return unsupported(id, "unknown node kind");
    }

    opt_error capabilities() const {
        std::uint32_t best = npos;
        source_span b;
        for (std::uint32_t i = 0; i < n_; ++i) {
            if (auto e = capability(node_id{i}, false)) {
                const auto& s = e->span;
                if (best == npos || s.begin < b.begin || (s.begin == b.begin && s.end >= b.end)) {
                    best = i;
                    b = s;
                }
            }
        }
        if (best == npos)
            return std::nullopt;
        return capability(node_id{best}, true);
    }

    // ----- pass 3: types --------------------------------------------------------------------------

    /// How a node is named in messages: `field 'name'`, `'yes'`, `tolower(...)`.
    std::string subject(node_id id) {
        switch (ast_.kind(id)) {
        case node_kind::literal:
            return render_literal(ast_, id);
        case node_kind::path: {
            const auto& b = info(id).binding;
            if (b.kind == binding_kind::field)
                return "field " + quoted(p_.fields[b.field].path);
            if (b.kind == binding_kind::free)
                return "field " + quoted(b.path);
            return quoted(ast_.text(id));
        }
        case node_kind::alias:
            return quoted(ast_.text(id));
        case node_kind::call:
            return std::string(to_string(ast_.function(id))) + "(...)";
        case node_kind::binary:
            return "the '" + std::string(to_string(ast_.binary_operator(id))) + "' expression";
        case node_kind::unary:
            return ast_.unary_operator(id) == unary_op::neg ? "the negation" : "the 'not' condition";
        case node_kind::logical:
            return "the '" + std::string(to_string(ast_.logical_operator(id))) + "' condition";
        case node_kind::in:
            return "the 'in' condition";
        case node_kind::list:
            return "the list";
        case node_kind::type_name:
            return "type " + quoted(ast_.text(id));
        case node_kind::lambda:
            return "the '" + std::string(to_string(ast_.lambda_operator(id))) + "' condition";
        }
        return "the expression";
    }

    /// `field 'personal' is boolean`, `'yes' is a string`.
    std::string subject_is(node_id id) {
        if (is_literal(id))
            return render_literal(ast_, id) + " is " + std::string(article_kind(ast_.literal_type(id)));
        return subject(id) + " is " + type_text(type_of(id), p_);
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

    /// Refines a node of type dynamic that can take a type from its context (free fields, aliases,
    /// members of free collection items).
    void refine(node_id id, expr_type t) {
        auto& inf = info(id);
        if (inf.type.type != value_type::dynamic || t.type == value_type::dynamic ||
            t.type == value_type::null)
            return;
        const auto k = ast_.kind(id);
        if (k != node_kind::path && k != node_kind::alias)
            return;
        t.nullable = true;
        t.collection = t.collection || inf.type.collection;
        inf.type = t;
        inf.operand = t.type;
    }

    /// The common type of two operands compared with each other (`eq`, `in`): literal-aware (a quoted
    /// string converts to date, datetimeoffset, guid and enum; `null` takes the other side's type).
    static unified unify(const expr_type& a, bool a_string_lit, const expr_type& b, bool b_string_lit) {
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

    bool is_string_literal(node_id id) const noexcept {
        return is_literal(id) && ast_.literal_type(id) == literal_kind::string;
    }

    /// The literal's own type and value, before any conversion.
    ///
    /// The value is constructed in place in out_.values (store), never in a local typed_value that is
    /// then copied: GCC 12's scalar replacement of aggregates (-ftree-sra, at -O3) miscompiled such a
    /// local whose branches write alternatives of different layouts (a string_view at offset 0, an
    /// enum_value's string_view at offset 8): the copy took the string_view's size for its data pointer.
    /// See tests/profile/test_profile_values_o3.cpp.
    opt_error literal_node(node_id id) {
        auto& inf = info(id);
        inf.value = static_cast<std::uint32_t>(out_.values.size());
        const auto text = ast_.text(id);
        const auto invalid = [&](std::string what) {
            return error(profile_errc::invalid_value, id, render_literal(ast_, id) + " is not " + what);
        };
        expr_type t;
        const auto store = [&](auto value) {
            out_.values.emplace_back(std::in_place_type<decltype(value)>, std::move(value));
        };
        switch (ast_.literal_type(id)) {
        case literal_kind::null:
            t.type = value_type::null;
            t.nullable = true;
            store(std::monostate{});
            break;
        case literal_kind::boolean:
            t.type = value_type::boolean;
            store(ast_.bool_value(id));
            break;
        case literal_kind::int_:
            t.type = value_type::int_;
            store(ast_.int_value(id));
            break;
        case literal_kind::decimal: {
            t.type = value_type::decimal;
            decimal_value d{text, 0.0};
            const char* first = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
            const auto r =
                std::from_chars(first, text.data() + text.size(), d.approx, std::chars_format::fixed);
            if (text.empty() || r.ptr != text.data() + text.size() ||
                (r.ec != std::errc() && r.ec != std::errc::result_out_of_range))
                return invalid("a decimal number");
            store(d);
            break;
        }
        case literal_kind::double_: {
            t.type = value_type::double_;
            double d = 0;
            if (!parse_double(text, d))
                return error(profile_errc::invalid_value, id,
                             render_literal(ast_, id) + " is not a double (or is out of its range)");
            store(d);
            break;
        }
        case literal_kind::string:
            t.type = value_type::string;
            store(text);
            break;
        case literal_kind::date: {
            t.type = value_type::date;
            const auto r = parse_odata_date(text);
            if (!r)
                return invalid("a date: " + std::string(r.error().message));
            store(*r);
            break;
        }
        case literal_kind::datetimeoffset: {
            t.type = value_type::datetimeoffset;
            const auto r = parse_odata_datetimeoffset(text);
            if (!r)
                return invalid("a date-time: " + std::string(r.error().message));
            store(*r);
            break;
        }
        case literal_kind::timeofday: {
            t.type = value_type::timeofday;
            const auto r = parse_odata_timeofday(text);
            if (!r)
                return invalid("a time of day: " + std::string(r.error().message));
            store(*r);
            break;
        }
        case literal_kind::duration: {
            t.type = value_type::duration;
            const auto r = parse_odata_duration(text);
            if (!r)
                return invalid("a duration: " + std::string(r.error().message));
            store(*r);
            break;
        }
        case literal_kind::guid: {
            t.type = value_type::guid;
            const auto r = parse_uuid(text);
            if (!r)
                return invalid("a GUID: " + r.error().message());
            store(*r);
            break;
        }
        case literal_kind::enum_:
            t.type = value_type::enum_;
            store(enum_value{no_field, text});
            break;
        }
        inf.type = t;
        inf.operand = t.type;
        return std::nullopt;
    }

    /// Converts literal `lit` to `target` (a type unify() accepted for it). `other` names what it is
    /// compared with, for messages.
    opt_error coerce(node_id lit, const expr_type& target, node_id other) {
        auto& inf = info(lit);
        if (inf.value == no_field) // a literal left to run time by relax(): nothing to convert
            return std::nullopt;
        auto& v = out_.values[inf.value];
        const auto k = ast_.literal_type(lit);
        const auto text = ast_.text(lit);
        // Assigns the alternative itself, never a temporary typed_value (see literal_node()).
        const auto set = [&](auto nv) {
            v.template emplace<decltype(nv)>(std::move(nv));
            inf.type = target;
            inf.type.collection = false;
            inf.type.nullable = k == literal_kind::null;
            inf.operand = target.type;
            return std::nullopt;
        };
        const auto invalid = [&](std::string what) {
            return error(profile_errc::invalid_value, lit, render_literal(ast_, lit) + " is not " + what);
        };
        if (target.type == value_type::dynamic || target.type == value_type::null)
            return std::nullopt;
        if (k == literal_kind::null) {
            inf.type = target;
            inf.type.collection = false;
            inf.type.nullable = true;
            inf.operand = target.type;
            return std::nullopt;
        }
        switch (target.type) {
        case value_type::boolean:
        case value_type::string:
        case value_type::int_:
        case value_type::timeofday:
        case value_type::duration:
            if (inf.type.type == target.type)
                return std::nullopt;
            break;
        case value_type::decimal:
            if (k == literal_kind::decimal)
                return std::nullopt;
            if (k == literal_kind::int_) {
                const auto s = std::to_string(ast_.int_value(lit));
                auto buf = std::make_unique<char[]>(s.size());
                std::copy(s.begin(), s.end(), buf.get());
                const std::string_view view(buf.get(), s.size());
                out_.texts.push_back(std::move(buf));
                return set(decimal_value{view, static_cast<double>(ast_.int_value(lit))});
            }
            break;
        case value_type::double_:
            if (k == literal_kind::double_)
                return std::nullopt;
            if (k == literal_kind::int_)
                return set(static_cast<double>(ast_.int_value(lit)));
            if (k == literal_kind::decimal) {
                const double d = std::get<decimal_value>(v).approx;
                if (!std::isfinite(d))
                    return error(profile_errc::invalid_value, lit,
                                 render_literal(ast_, lit) + " is out of the range of a double");
                return set(d);
            }
            break;
        case value_type::date:
            if (k == literal_kind::date)
                return set(std::get<odata_date>(v));
            if (k == literal_kind::string) {
                const auto r = parse_odata_date(text);
                if (!r)
                    return invalid("a date (YYYY-MM-DD): " + std::string(r.error().message));
                return set(*r);
            }
            break;
        case value_type::datetimeoffset:
            if (k == literal_kind::datetimeoffset)
                return set(std::get<odata_datetimeoffset>(v));
            if (k == literal_kind::date) {
                odata_datetimeoffset dto;
                dto.utc_micros = std::get<odata_date>(v).days * 86400LL * 1000000LL;
                return set(dto);
            }
            if (k == literal_kind::string) {
                // `t` as `T` (RFC 3339 section 5.6 and parse_timestamp; the ABNF's "T" too).
                if (text.find_first_of("Tt") == std::string_view::npos) {
                    const auto r = parse_odata_date(text);
                    if (!r)
                        return invalid("a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): " +
                                       std::string(r.error().message));
                    odata_datetimeoffset dto;
                    dto.utc_micros = r->days * 86400LL * 1000000LL;
                    return set(dto);
                }
                const auto r = parse_odata_datetimeoffset(text);
                if (!r)
                    return invalid("a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): " +
                                   std::string(r.error().message));
                return set(*r);
            }
            break;
        case value_type::guid:
            if (k == literal_kind::guid)
                return std::nullopt;
            if (k == literal_kind::string) {
                const auto r = parse_uuid(text);
                if (!r)
                    return invalid("a UUID: " + r.error().message());
                return set(*r);
            }
            break;
        case value_type::enum_: {
            if (k != literal_kind::string && k != literal_kind::enum_)
                break;
            if (target.enum_field >= p_.fields.size()) // no field to take the members from: the name only
                return set(enum_value{no_field, text});
            const auto& f = p_.fields[target.enum_field];
            if (k == literal_kind::enum_ && ast_.enum_type(lit) != f.enum_type) {
                if (f.enum_type.empty())
                    return error(
                        profile_errc::invalid_value, lit,
                        "field " + quoted(f.path) + " takes its values quoted, e.g. " +
                            quoted(f.enum_members.empty() ? std::string_view("X") : f.enum_members[0]));
                return error(profile_errc::invalid_value, lit,
                             render_literal(ast_, lit) + " is not of field " + quoted(f.path) + "'s type " +
                                 quoted(f.enum_type));
            }
            const auto m = f.find_member(text);
            if (m == no_field) {
                std::string values;
                for (std::size_t i = 0; i < f.enum_members.size() && i < 10; ++i)
                    values += (i > 0 ? ", " : "") + clip(f.enum_members[i], 32);
                if (f.enum_members.size() > 10)
                    values += ", ...";
                return error(profile_errc::invalid_value, lit,
                             quoted(text) + " is not a value of " + subject(other) + " (" + values + ")");
            }
            return set(enum_value{m, f.enum_members[m]});
        }
        case value_type::null:
        case value_type::dynamic:
            return std::nullopt;
        }
        return mismatch(other, lit, lit);
    }

    /// Binds a path node to a field, a free field or a range variable.
    opt_error path_node(node_id id) {
        auto& inf = info(id);
        const auto joined = ast_.text(id);
        const auto slash = joined.find('/');
        const auto first = joined.substr(0, slash);
        const auto rest_after_first =
            slash == std::string_view::npos ? std::string_view() : joined.substr(slash + 1);
        if (!p_.strict_types && (first == "$root" || first == "$this" || joined == "$it")) {
            // Without type checking: a value of another record or the record itself, found at run time.
            inf.binding = {binding_kind::free, no_field, no_node, joined};
            inf.type = expr_type{value_type::dynamic, false, true, no_field};
            return std::nullopt;
        }
        if (first == "$root")
            return error(profile_errc::unsupported_expression, id,
                         "'$root' is not supported by this endpoint");
        if (first == "$this")
            return error(profile_errc::unsupported_expression, id,
                         "'$this' is not supported by this endpoint");
        std::string_view path = joined;
        if (first == "$it") {
            if (rest_after_first.empty())
                return error(profile_errc::unsupported_expression, id,
                             "'$it' alone is not a value; write '$it/field' or just 'field'");
            path = rest_after_first;
        } else {
            // A range variable of an enclosing lambda (innermost first)?
            for (auto s = scope_[idx(id)]; s != npos; s = scope_[s]) {
                const node_id lam{s};
                if (!ast_.has_lambda_variable(lam) || ast_.text(lam) != first)
                    continue;
                expr_type item;
                if (auto e = collection_item(lam, item)) {
                    if (p_.strict_types)
                        return e;
                    item = expr_type{value_type::dynamic, false, true, no_field};
                }
                inf.binding = {binding_kind::variable, no_field, lam, rest_after_first};
                if (rest_after_first.empty()) {
                    inf.type = item;
                } else if (item.type == value_type::dynamic || !p_.strict_types) {
                    inf.type = expr_type{value_type::dynamic, false, true, no_field};
                } else {
                    return error(profile_errc::unknown_field, id,
                                 quoted(first) + " is " + type_text(item, p_) + "; it has no member " +
                                     quoted(rest_after_first));
                }
                inf.operand = inf.type.type;
                return std::nullopt;
            }
        }
        const auto f = p_.find_field(path);
        if (f != no_field) {
            const auto& fv = p_.fields[f];
            if (!fv.filterable)
                return error(profile_errc::field_not_filterable, id,
                             "field " + quoted(path) + " cannot be used in a filter");
            if (!is_field_type(fv.type) || (fv.type == value_type::enum_) == fv.enum_members.empty())
                return error(profile_errc::invalid_profile, id,
                             "field " + quoted(path) + " is not well defined in this endpoint's profile");
            inf.binding = {binding_kind::field, f, no_node, {}};
            inf.type =
                expr_type{fv.type, fv.collection, fv.nullable, fv.type == value_type::enum_ ? f : no_field};
            inf.operand = fv.type;
            return std::nullopt;
        }
        if (p_.free_fields) {
            inf.binding = {binding_kind::free, no_field, no_node, path};
            inf.type = expr_type{value_type::dynamic, false, true, no_field};
            return std::nullopt;
        }
        std::string m = "unknown field " + quoted(path);
        const auto s = suggest_field(p_, path);
        if (s != no_field)
            m += " (did you mean " + quoted(p_.fields[s].path) + "?)";
        return error(profile_errc::unknown_field, id, std::move(m));
    }

    /// The item type of a lambda's collection (its path child, already typed).
    opt_error collection_item(node_id lambda, expr_type& item) {
        const node_id path = ast_.lambda_path(lambda);
        auto& pt = info(path).type;
        if (pt.type == value_type::dynamic && !pt.collection) {
            pt.collection = true; // a free field used as a collection
            pt.nullable = true;
        }
        if (!pt.collection)
            return error(profile_errc::type_mismatch, path,
                         subject_is(path) + "; '" + std::string(to_string(ast_.lambda_operator(lambda))) +
                             "' needs a collection");
        item = pt;
        item.collection = false;
        if (item.type == value_type::dynamic)
            item.nullable = true;
        return std::nullopt;
    }

    opt_error need_boolean(node_id id, std::string_view context) {
        const auto& t = type_of(id);
        if (t.collection && t.type != value_type::dynamic)
            return error(profile_errc::type_mismatch, id, std::string(context) + "; " + subject_is(id));
        if (t.type == value_type::boolean && !t.collection)
            return std::nullopt;
        const auto k = ast_.kind(id);
        if (t.type == value_type::dynamic && !t.collection &&
            (k == node_kind::path || k == node_kind::alias)) {
            // A free field or alias standing as a condition is a boolean.
            refine(id, expr_type{value_type::boolean, false, true, no_field});
            return std::nullopt;
        }
        if (t.type == value_type::null)
            return error(profile_errc::null_not_allowed, id,
                         std::string(context) + "; null is not a condition");
        if (t.type == value_type::dynamic)
            return error(profile_errc::type_mismatch, id,
                         std::string(context) + "; " + subject(id) + " is not a condition");
        return error(profile_errc::type_mismatch, id, std::string(context) + "; " + subject_is(id));
    }

    opt_error no_collection(node_id id, std::string_view what) {
        const auto& t = type_of(id);
        if (t.collection && t.type != value_type::dynamic)
            return error(profile_errc::type_mismatch, id, subject_is(id) + "; " + std::string(what));
        return std::nullopt;
    }

    opt_error comparison(node_id id, binary_op op, node_id a, node_id b) {
        const std::string opname(to_string(op));
        if (is_ordering(op)) {
            for (node_id x : {a, b})
                if (is_null_literal(x))
                    return error(profile_errc::null_not_allowed, x,
                                 "null can only be compared with eq or ne, not '" + opname + "'");
        }
        for (node_id x : {a, b})
            if (auto e = no_collection(x, "compare its items with any or all, or use 'in'"))
                return e;
        const auto u = unify(type_of(a), is_string_literal(a), type_of(b), is_string_literal(b));
        switch (u.why) {
        case clash::none:
            break;
        case clash::mismatch:
            return mismatch(a, b, id);
        case clash::null_a:
            return not_nullable(a, b);
        case clash::null_b:
            return not_nullable(b, a);
        }
        if (is_ordering(op) && !is_ordered(u.type.type))
            return operator_error(profile_errc::type_mismatch, id,
                                  "operator '" + opname + "' needs ordered values; " +
                                      subject_is(is_literal(a) ? b : a));
        for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
            if (is_literal(x)) {
                if (auto e = coerce(x, u.type, y))
                    return e;
            } else {
                refine(x, u.type);
            }
        }
        auto& inf = info(id);
        inf.type = expr_type{value_type::boolean, false, false, no_field};
        inf.operand = u.type.type;
        return std::nullopt;
    }

    opt_error has(node_id id, node_id a, node_id b) {
        if (auto e = no_collection(a, "'has' needs a single enum value on its left"))
            return e;
        auto ta = type_of(a);
        const auto& tb = type_of(b);
        if (ta.type == value_type::dynamic && tb.type == value_type::enum_) {
            refine(a, tb);
            ta = type_of(a);
        }
        if (ta.type != value_type::enum_ && ta.type != value_type::dynamic)
            return error(profile_errc::type_mismatch, a, "'has' needs an enum on its left; " + subject_is(a));
        if (is_null_literal(b))
            return error(profile_errc::null_not_allowed, b,
                         "'has' needs an enum value on its right, not null");
        if (is_literal(b)) {
            const auto k = ast_.literal_type(b);
            if (k != literal_kind::string && k != literal_kind::enum_)
                return ta.type == value_type::enum_
                           ? mismatch(a, b, id)
                           : error(profile_errc::type_mismatch, b,
                                   "'has' needs an enum value on its right; " + subject_is(b));
            // An enum member of the left side's enum (a free field: a member name only).
            const expr_type target =
                ta.type == value_type::enum_ ? ta : expr_type{value_type::enum_, false, false, no_field};
            if (auto e = coerce(b, target, a))
                return e;
            refine(a, target);
        } else {
            const auto u = unify(ta, false, tb, false);
            if (u.why != clash::none ||
                (u.type.type != value_type::enum_ && u.type.type != value_type::dynamic))
                return mismatch(a, b, id);
            refine(b, u.type);
        }
        auto& inf = info(id);
        inf.type = expr_type{value_type::boolean, false, false, no_field};
        inf.operand = value_type::enum_;
        return std::nullopt;
    }

    static bool arithmetic_type(value_type t) noexcept {
        return is_numeric(t) || t == value_type::date || t == value_type::datetimeoffset ||
               t == value_type::duration || t == value_type::dynamic;
    }

    opt_error arithmetic(node_id id, binary_op op, node_id a, node_id b) {
        const std::string opname(to_string(op));
        const bool numbers_only = op != binary_op::add && op != binary_op::sub;
        const std::string needs =
            numbers_only ? "operator '" + opname + "' needs numbers; "
                         : "operator '" + opname + "' needs numbers, dates, date-times or durations; ";
        for (node_id x : {a, b}) {
            if (is_null_literal(x))
                return error(profile_errc::null_not_allowed, x, "null is not allowed in arithmetic");
            if (auto e = no_collection(x, "operator '" + opname + "' needs single values"))
                return e;
        }
        for (node_id x : {a, b}) {
            const auto t = type_of(x).type;
            if (!arithmetic_type(t) || (numbers_only && !is_numeric(t) && t != value_type::dynamic))
                return error(profile_errc::type_mismatch, x, needs + subject_is(x));
        }
        auto ta = type_of(a), tb = type_of(b);
        // A dynamic operand next to a number is taken as that number's type.
        if (ta.type == value_type::dynamic && is_numeric(tb.type)) {
            refine(a, tb);
            ta.type = type_of(a).type;
        }
        if (tb.type == value_type::dynamic && is_numeric(ta.type)) {
            refine(b, ta);
            tb.type = type_of(b).type;
        }
        const auto A = ta.type, B = tb.type;
        expr_type result{value_type::dynamic, false, ta.nullable || tb.nullable, no_field};
        value_type operand = value_type::dynamic;
        if (A == value_type::dynamic || B == value_type::dynamic) {
            result.nullable = true;
        } else if (is_numeric(A) && is_numeric(B)) {
            operand = wider_numeric(A, B);
            if (op == binary_op::divby && operand == value_type::int_)
                operand = value_type::decimal;
            result.type = operand;
            for (node_id x : {a, b})
                if (is_literal(x))
                    if (auto e = coerce(x, expr_type{operand, false, false, no_field}, x == a ? b : a))
                        return e;
        } else {
            using vt = value_type;
            operand = A;
            if (op == binary_op::add && (A == vt::datetimeoffset || A == vt::date) && B == vt::duration)
                result.type = A;
            else if ((op == binary_op::add || op == binary_op::sub) && A == vt::duration && B == vt::duration)
                result.type = vt::duration;
            else if (op == binary_op::sub && (A == vt::datetimeoffset || A == vt::date) && B == vt::duration)
                result.type = A;
            else if (op == binary_op::sub && (A == vt::datetimeoffset || A == vt::date) &&
                     (B == vt::datetimeoffset || B == vt::date)) {
                result.type = vt::duration;
                operand = A == B ? A : vt::datetimeoffset;
                for (node_id x : {a, b})
                    if (is_literal(x))
                        if (auto e = coerce(x, expr_type{operand, false, false, no_field}, x == a ? b : a))
                            return e;
            } else {
                return operator_error(profile_errc::type_mismatch, id,
                                      "operator '" + opname + "' cannot combine " + type_text(ta, p_) +
                                          " and " + type_text(tb, p_));
            }
        }
        auto& inf = info(id);
        inf.type = result;
        inf.operand = operand;
        return std::nullopt;
    }

    opt_error in(node_id id, node_id a, node_id b) {
        if (auto e = no_collection(a, "'in' needs a single value on its left"))
            return e;
        expr_type common = type_of(a);
        if (ast_.kind(b) == node_kind::list) {
            const auto items = ast_.children(b);
            const bool free_left = type_of(a).type == value_type::dynamic;
            node_id prev = a;
            for (node_id item : items) {
                const auto& ti = type_of(item);
                if (free_left) {
                    // Nothing to compare with but the other items.
                    if (ti.type == value_type::null) {
                        common.nullable = true;
                        continue;
                    }
                    if (common.type == value_type::dynamic) {
                        common = ti;
                        common.nullable = true;
                        prev = item;
                        continue;
                    }
                    const auto u = unify(common, false, ti, false);
                    if (u.why != clash::none)
                        return mismatch(prev, item, id);
                    common = u.type;
                    common.nullable = true;
                    prev = item;
                    continue;
                }
                const auto u = unify(type_of(a), is_string_literal(a), ti, is_string_literal(item));
                switch (u.why) {
                case clash::none:
                    break;
                case clash::mismatch:
                    return mismatch(a, item, id);
                case clash::null_a:
                    return not_nullable(a, item);
                case clash::null_b:
                    return not_nullable(item, a);
                }
                if (is_numeric(common.type) && is_numeric(u.type.type))
                    common.type = wider_numeric(common.type, u.type.type);
                else if (common.type == value_type::date && u.type.type == value_type::datetimeoffset)
                    common.type = value_type::datetimeoffset;
                else if (common.type == value_type::string && u.type.type != value_type::string)
                    common = u.type; // a string literal on the left of a typed list
                common.nullable = common.nullable || u.type.nullable;
            }
            for (node_id item : items)
                if (auto e = coerce(item, common, a))
                    return e;
            auto& li = info(b);
            li.type = common;
            li.type.collection = true;
            li.operand = common.type;
        } else {
            auto& tb = info(b).type;
            if (tb.type == value_type::dynamic && !tb.collection &&
                (ast_.kind(b) == node_kind::path || ast_.kind(b) == node_kind::alias)) {
                tb.collection = true; // a free field used as a collection
                tb.nullable = true;
            }
            if (!tb.collection)
                return error(profile_errc::type_mismatch, b,
                             "'in' needs a list or a collection on its right; " + subject_is(b));
            expr_type item = tb;
            item.collection = false;
            const auto u = unify(type_of(a), is_string_literal(a), item, false);
            if (u.why != clash::none)
                return is_literal(a) ? error(profile_errc::type_mismatch, a,
                                             subject_is(a) + "; the items of " + subject(b) + " are " +
                                                 type_text(item, p_))
                                     : operator_error(profile_errc::type_mismatch, id,
                                                      subject_is(a) + "; the items of " + subject(b) +
                                                          " are " + type_text(item, p_));
            common = u.type;
            if (item.type == value_type::dynamic && common.type != value_type::dynamic &&
                (ast_.kind(b) == node_kind::path || ast_.kind(b) == node_kind::alias)) {
                tb.type = common.type; // a free collection: its items are what is looked for
                tb.enum_field = common.enum_field;
                info(b).operand = common.type;
            }
        }
        if (is_literal(a)) {
            if (auto e = coerce(a, common, b))
                return e;
        } else {
            refine(a, common);
        }
        auto& inf = info(id);
        inf.type = expr_type{value_type::boolean, false, false, no_field};
        inf.operand = common.type;
        return std::nullopt;
    }

    static bool matches(param p, const expr_type& t, bool type_name) noexcept {
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

    static bool cast_allowed(const expr_type& s, const expr_type& target) noexcept {
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

    opt_error call(node_id id) {
        const auto f = ast_.function(id);
        const auto args = ast_.children(id);
        const auto sig = signature_of(f);
        const auto fname = std::string(to_string(f));
        const auto fits = [&](const overload& o, std::size_t upto) {
            if (args.size() < o.min_args || args.size() > o.max_args)
                return false;
            for (std::size_t i = 0; i < upto; ++i)
                if (!matches(o.params[i], type_of(args[i]), ast_.kind(args[i]) == node_kind::type_name))
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
                if (is_null_literal(args[i]))
                    return error(profile_errc::null_not_allowed, args[i],
                                 "function '" + fname + "' does not accept null (argument " +
                                     std::to_string(i + 1) + ")");
                return error(profile_errc::type_mismatch, args[i],
                             "function '" + fname + "' takes " + std::string(sig.text) + "; argument " +
                                 std::to_string(i + 1) + ", " + subject_is(args[i]));
            }
            return error(profile_errc::unsupported_expression, id,
                         "wrong number of arguments for '" + fname + "': it takes " + std::string(sig.text));
        }
        // Give dynamic arguments the type the signature wants, where it names one.
        for (std::size_t i = 0; i < args.size(); ++i) {
            switch (chosen->params[i]) {
            case param::string:
                refine(args[i], expr_type{value_type::string, false, true, no_field});
                break;
            case param::int_:
                refine(args[i], expr_type{value_type::int_, false, true, no_field});
                break;
            case param::dto:
                refine(args[i], expr_type{value_type::datetimeoffset, false, true, no_field});
                break;
            case param::duration:
                refine(args[i], expr_type{value_type::duration, false, true, no_field});
                break;
            case param::collection: {
                auto& t = info(args[i]).type;
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
            auto ta = type_of(args[0]), tb = type_of(args[1]);
            ta.collection = tb.collection = false;
            if (unify(ta, false, tb, false).why != clash::none)
                return error(profile_errc::type_mismatch, args[1],
                             "function '" + fname + "' needs two collections of the same type; " +
                                 subject_is(args[0]) + ", " + subject_is(args[1]));
        }
        bool nullable = false;
        for (node_id a : args)
            nullable = nullable || type_of(a).nullable;
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
            const auto t = type_of(args[0]).type;
            r.type = t == value_type::double_   ? value_type::double_
                     : t == value_type::dynamic ? value_type::dynamic
                                                : value_type::decimal;
            break;
        }
        case ret::first_arg:
            r = type_of(args[0]);
            r.nullable = nullable;
            break;
        case ret::cast_target: {
            const auto& src = type_of(args[0]);
            const auto& target = type_of(args[1]);
            expr_type item = src;
            item.collection = false;
            if (!cast_allowed(item, target))
                return error(profile_errc::type_mismatch, args[0],
                             "cannot cast " + subject(args[0]) + " (" + type_text(src, p_) + ") to " +
                                 quoted(ast_.text(args[1])));
            r = target;
            r.collection = src.collection;
            r.nullable = true;
            break;
        }
        }
        auto& inf = info(id);
        inf.type = r;
        inf.operand = r.type;
        return std::nullopt;
    }

    opt_error type_name_node(node_id id) {
        const auto name = ast_.text(id);
        expr_type t;
        t.type = value_type_of(find_edm_type(name));
        if (t.type == value_type::dynamic) {
            for (std::size_t i = 0; i < p_.fields.size(); ++i) {
                if (p_.fields[i].type == value_type::enum_ && !p_.fields[i].enum_type.empty() &&
                    p_.fields[i].enum_type == name) {
                    t.type = value_type::enum_;
                    t.enum_field = static_cast<std::uint32_t>(i);
                    break;
                }
            }
        }
        if (t.type == value_type::dynamic)
            return error(
                profile_errc::unsupported_expression, id,
                "type " + quoted(name) +
                    " is not supported (use an Edm primitive type such as Edm.String, or an enum type of "
                    "this endpoint)");
        auto& inf = info(id);
        inf.type = t;
        inf.operand = t.type;
        return std::nullopt;
    }

    opt_error lambda(node_id id) {
        expr_type item;
        if (auto e = collection_item(id, item))
            return e;
        const auto body = ast_.lambda_body(id);
        if (body != no_node)
            if (auto e =
                    need_boolean(body, "the body of '" + std::string(to_string(ast_.lambda_operator(id))) +
                                           "' must be a condition"))
                return e;
        auto& inf = info(id);
        inf.type = expr_type{value_type::boolean, false, false, no_field};
        inf.operand = item.type;
        return std::nullopt;
    }

    opt_error type_node(node_id id) {
        const auto kids = ast_.children(id);
        switch (ast_.kind(id)) {
        case node_kind::literal:
            return literal_node(id);
        case node_kind::path:
            return path_node(id);
        case node_kind::alias: {
            auto& inf = info(id);
            inf.binding = {binding_kind::alias, no_field, no_node, ast_.text(id)};
            inf.type = expr_type{value_type::dynamic, false, true, no_field};
            return std::nullopt;
        }
        case node_kind::binary: {
            const auto op = ast_.binary_operator(id);
            switch (op) {
            case binary_op::eq:
            case binary_op::ne:
            case binary_op::gt:
            case binary_op::ge:
            case binary_op::lt:
            case binary_op::le:
                return comparison(id, op, kids[0], kids[1]);
            case binary_op::has:
                return has(id, kids[0], kids[1]);
            case binary_op::add:
            case binary_op::sub:
            case binary_op::mul:
            case binary_op::div:
            case binary_op::divby:
            case binary_op::mod:
                return arithmetic(id, op, kids[0], kids[1]);
            }
            return error(profile_errc::unsupported_expression, id, "unknown operator");
        }
        case node_kind::logical: {
            const std::string context =
                "'" + std::string(to_string(ast_.logical_operator(id))) + "' needs conditions";
            for (node_id c : kids)
                if (auto e = need_boolean(c, context))
                    return e;
            info(id).type = expr_type{value_type::boolean, false, false, no_field};
            info(id).operand = value_type::boolean;
            return std::nullopt;
        }
        case node_kind::unary: {
            auto& inf = info(id);
            switch (ast_.unary_operator(id)) {
            case unary_op::not_:
                if (auto e = need_boolean(kids[0], "'not' needs a condition"))
                    return e;
                inf.type = expr_type{value_type::boolean, false, false, no_field};
                inf.operand = value_type::boolean;
                return std::nullopt;
            case unary_op::neg: {
                if (auto e = no_collection(kids[0], "'-' needs a single value"))
                    return e;
                if (is_null_literal(kids[0]))
                    return error(profile_errc::null_not_allowed, kids[0],
                                 "null is not allowed in arithmetic");
                const auto t = type_of(kids[0]);
                if (!is_numeric(t.type) && t.type != value_type::duration && t.type != value_type::dynamic)
                    return error(profile_errc::type_mismatch, kids[0],
                                 "'-' needs a number or a duration; " + subject_is(kids[0]));
                inf.type = t;
                inf.operand = t.type;
                return std::nullopt;
            }
            }
            return error(profile_errc::unsupported_expression, id, "unknown operator");
        }
        case node_kind::in:
            return in(id, kids[0], kids[1]);
        case node_kind::list: {
            auto& inf = info(id);
            inf.type = expr_type{value_type::dynamic, true, false, no_field};
            return std::nullopt;
        }
        case node_kind::call:
            return call(id);
        case node_kind::type_name:
            return type_name_node(id);
        case node_kind::lambda:
            return lambda(id);
        }
        return error(profile_errc::unsupported_expression, id, "unknown node kind");
    }
};

inline result<checked_filter, profile_error> check(std::shared_ptr<checked_data> data,
                                                   const profile_view& profile) {
    checker c(data->ast, profile, *data);
    if (auto e = c.run())
        return unexpected{std::move(*e)};
    return checked_access::make(std::move(data), profile);
}

} // namespace detail::pcheck

APIQUERY_DECL result<checked_filter, profile_error> check_filter(filter_ast&& ast,
                                                                 const profile_view& profile) {
    auto data = std::make_shared<detail::checked_data>();
    data->ast = std::move(ast);
    return detail::pcheck::check(std::move(data), profile);
}

APIQUERY_DECL result<checked_filter, profile_error> check_filter(const filter_ast& ast,
                                                                 const profile_view& profile) {
    auto data = std::make_shared<detail::checked_data>();
    data->ast = ast;
    return detail::pcheck::check(std::move(data), profile);
}

} // namespace apiquery
