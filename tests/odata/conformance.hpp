// The conformance harness of the $filter parser: runs ABNF test cases (the OASIS file and the project's
// own file, same format) through parse_filter() and reports in-scope / pass / skipped-by-reason counts.
// Used by test_filter_conformance.cpp.
#pragma once

#include "yaml_cases.hpp"

#include <apiquery/odata/filter.hpp>
#include <apiquery/odata/filter_print.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/uuid.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::test {

/// Percent-decoded text and, for each decoded byte, the offset in the encoded text where it starts
/// (plus one final entry: the encoded size), so that an error offset in the decoded text can be
/// compared with a FailAt counted in the encoded text. `%XX` with two hex digits is decoded; a `%`
/// not followed by two hex digits is kept as is; `+` is kept (the ABNF reads it as a plus sign:
/// SIGN = "+" / "%2B" / "-"; it is not form encoding).
struct decoded_text {
    std::string text;
    std::vector<std::size_t> origin;

    std::size_t encoded_offset(std::size_t decoded) const {
        return origin[std::min(decoded, origin.size() - 1)];
    }
};

inline decoded_text percent_decode(std::string_view s) {
    decoded_text d;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '%' && i + 2 < s.size() && detail::hex_value(s[i + 1]) >= 0 &&
            detail::hex_value(s[i + 2]) >= 0) {
            d.text.push_back(
                static_cast<char>(detail::hex_value(s[i + 1]) * 16 + detail::hex_value(s[i + 2])));
            d.origin.push_back(i);
            i += 3;
        } else {
            d.text.push_back(s[i]);
            d.origin.push_back(i);
            ++i;
        }
    }
    d.origin.push_back(s.size());
    return d;
}

/// No decoding (payload rules, whose test cases say "no percent-encoding in payloads").
inline decoded_text identity_text(std::string_view s) {
    decoded_text d;
    d.text.assign(s);
    for (std::size_t i = 0; i <= s.size(); ++i)
        d.origin.push_back(i);
    return d;
}

/// The literal rules of the conformance run, with the literal kinds that count as a match.
struct literal_rule {
    std::string_view rule;
    bool payload; ///< a *Value rule: no percent-decoding
    std::vector<literal_kind> kinds;
    std::string_view prefix = {}; ///< written between `x eq ` and the input (durations)
    std::string_view suffix = {};
};

inline const std::vector<literal_rule>& literal_rules() {
    static const std::vector<literal_rule> rules = {
        {"boolean", false, {literal_kind::boolean}},
        {"date", false, {literal_kind::date}},
        {"dateValue", true, {literal_kind::date}},
        {"dateTimeOffsetValue", true, {literal_kind::datetimeoffset}},
        {"decimalValue", true, {literal_kind::int_, literal_kind::decimal, literal_kind::double_}},
        {"doubleValue", true, {literal_kind::int_, literal_kind::decimal, literal_kind::double_}},
        {"stringLiteral", false, {literal_kind::string}},
        {"timeOfDayValue", true, {literal_kind::timeofday}},
        {"durationValue", true, {literal_kind::duration}, "duration'", "'"},
        {"guid", false, {literal_kind::guid}},
        {"guidValue", true, {literal_kind::guid}},
    };
    return rules;
}

inline const literal_rule* find_literal_rule(std::string_view rule) {
    for (const auto& r : literal_rules())
        if (r.rule == rule)
            return &r;
    return nullptr;
}

inline bool is_expression_rule(std::string_view rule) {
    return rule == "boolCommonExpr" || rule == "commonExpr" || rule == "filter";
}

inline bool in_rule_scope(std::string_view rule) {
    return is_expression_rule(rule) || find_literal_rule(rule) != nullptr;
}

/// Why a case is out of scope (issue 3: JSON array and object literals, geo literals, annotations,
/// `$count` and `$filter(...)` path segments, model-bound function calls, key predicates), or empty
/// when it is in scope. Looks at the decoded input outside string literals.
inline std::string skip_reason(const yaml_case& c, std::string_view decoded) {
    // The decoded text with string literals blanked out.
    std::string code(decoded);
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] != '\'')
            continue;
        std::size_t j = i + 1;
        while (j < code.size()) {
            if (code[j] == '\'') {
                if (j + 1 < code.size() && code[j + 1] == '\'') {
                    j += 2;
                    continue;
                }
                break;
            }
            code[j] = '_';
            ++j;
        }
        i = j;
    }
    auto lower = [](std::string s) {
        for (auto& ch : s)
            ch = detail::ascii_lower(ch);
        return s;
    };
    const std::string lc = lower(code);
    if (lc.find("geography'") != std::string::npos || lc.find("geometry'") != std::string::npos)
        return "geo literal";
    if (code.find('[') != std::string::npos || code.find('{') != std::string::npos)
        return "JSON array/object literal";
    if (code.find("/$count") != std::string::npos || code.find("$filter(") != std::string::npos)
        return "$count/$filter path segment";
    if (code.find("/@") != std::string::npos || c.name().find("Annotation") != std::string::npos)
        return "annotation";
    // name( where name is not a built-in function: a model-bound function call or a key predicate.
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (code[i] != '(' || i == 0)
            continue;
        std::size_t b = i;
        while (b > 0 && (std::isalnum(static_cast<unsigned char>(code[b - 1])) || code[b - 1] == '_' ||
                         code[b - 1] == '.' || code[b - 1] == '$'))
            --b;
        if (b == i)
            continue;
        const std::string name = code.substr(b, i - b);
        function_id f{};
        const std::string lname = lower(name);
        if (find_function(name, false, f) || lname == "any" || lname == "all")
            continue;
        const auto close = code.find(')', i);
        const std::string args = close == std::string::npos ? "" : code.substr(i + 1, close - i - 1);
        const bool qualified = name.find('.') != std::string::npos;
        if (!qualified && !args.empty() && args.find('=') == std::string::npos &&
            (b == 0 || code[b - 1] != '/' || std::isdigit(static_cast<unsigned char>(args[0]))))
            return "key predicate";
        return "model-bound function call";
    }
    return {};
}

/// The outcome of one case.
struct case_outcome {
    bool in_scope = false;
    std::string skip;     ///< reason, when !in_scope
    bool pass = false;    ///< in scope: the expected outcome happened
    bool by_kind = false; ///< negative literal case rejected by the literal's kind (see run_case)
    std::string detail;   ///< what happened, for the report
    std::optional<filter_ast> accepted; ///< the tree, when the input was accepted
    std::string filter_text;            ///< the text given to parse_filter
    parse_options options;
};

inline std::string describe_error(const filter_parse_error& e) {
    return std::string(to_string(e.code)) + " at " + std::to_string(e.position) + ": " + e.message;
}

/// Options from the extra cases' `Options` field: `odata-4.0`, `max_depth=N`, `max_nodes=N`,
/// `max_in_list_items=N`, `max_input_bytes=N`, separated by spaces.
inline parse_options options_of(const yaml_case& c) {
    parse_options o;
    const std::string s = c.value_or("Options", "");
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ')
            ++i;
        std::size_t j = s.find(' ', i);
        if (j == std::string::npos)
            j = s.size();
        const std::string word = s.substr(i, j - i);
        i = j;
        if (word.empty())
            continue;
        if (word == "odata-4.0") {
            o.odata_4_0_strict = true;
            continue;
        }
        const auto eq = word.find('=');
        const std::string key = word.substr(0, eq);
        const std::size_t value = eq == std::string::npos ? 0 : std::stoul(word.substr(eq + 1));
        if (key == "max_depth")
            o.max_depth = value;
        else if (key == "max_nodes")
            o.max_nodes = value;
        else if (key == "max_in_list_items")
            o.max_in_list_items = value;
        else if (key == "max_input_bytes")
            o.max_input_bytes = value;
        else
            throw std::runtime_error("unknown option " + word);
    }
    return o;
}

/// Runs one case. Expression rules parse the (percent-decoded) input, after `$filter=` / `filter=`
/// for the `filter` rule. Literal rules parse `x eq <literal>` (durationValue inside `duration'...'`)
/// and require the right operand to be a literal of the rule's kind. For negative cases the error
/// offset, mapped back to the encoded input, must equal FailAt. A negative literal case that the
/// filter grammar reads as a literal of another kind (date `INF` is a double) cannot show an offset:
/// it passes "by kind" when the rule's own validator (odata_time.hpp, for dates and date-times) fails
/// at FailAt or,
/// lacking one, when the kind differs; these are counted separately.
/// Extra fields of the project's cases: `Json` (expected json_text), `Canonical` (expected to_odata),
/// `Code` (expected error code), `Options` (see options_of).
/// `classify`: apply skip_reason() (the OASIS file); the project's cases are all in scope.
inline case_outcome run_case(const yaml_case& c, bool classify) {
    case_outcome out;
    const std::string rule = c.rule();
    if (classify && !in_rule_scope(rule)) {
        out.skip = "rule " + rule + " not in scope";
        return out;
    }
    const literal_rule* lit = find_literal_rule(rule);
    const std::string raw = c.input();
    const decoded_text dec = (lit != nullptr && lit->payload) ? identity_text(raw) : percent_decode(raw);
    if (classify) {
        out.skip = skip_reason(c, dec.text);
        if (!out.skip.empty())
            return out;
    }
    out.in_scope = true;
    out.options = options_of(c);
    const auto fail_at = c.fail_at();

    std::size_t expr_begin = 0; // decoded offset of the expression/literal in filter_text
    std::string prefix;
    std::string suffix;
    std::string_view body = dec.text;
    if (rule == "filter") {
        static constexpr std::string_view names[] = {"$filter=", "filter="};
        std::size_t best = 0;
        bool matched = false;
        for (auto n : names) {
            std::size_t k = 0;
            while (k < n.size() && k < body.size() && body[k] == n[k])
                ++k;
            if (k == n.size()) {
                matched = true;
                expr_begin = n.size();
                break;
            }
            best = std::max(best, k);
        }
        if (!matched) {
            // The query option's name itself is malformed: the harness reports where.
            const std::size_t at = dec.encoded_offset(best);
            out.pass = fail_at && *fail_at == at;
            out.detail = "query option name malformed at " + std::to_string(at);
            return out;
        }
        body.remove_prefix(expr_begin);
    }
    if (lit != nullptr) {
        prefix = "x eq " + std::string(lit->prefix);
        suffix = std::string(lit->suffix);
    }
    out.filter_text = prefix + std::string(body) + suffix;
    auto r = parse_filter(out.filter_text, out.options);

    // Maps a parser offset back to the encoded input (offsets before the body clamp to its start).
    auto encoded = [&](std::size_t pos) -> std::size_t {
        std::size_t rel = pos < prefix.size() ? 0 : pos - prefix.size();
        rel = std::min(rel, body.size());
        return dec.encoded_offset(expr_begin + rel);
    };

    if (r) {
        out.accepted = *r;
        if (fail_at) {
            if (lit != nullptr) {
                const auto& ast = *r;
                const auto root = ast.root();
                const bool is_cmp = ast.kind(root) == node_kind::binary && ast.children(root).size() == 2;
                const auto rhs = is_cmp ? ast.children(root)[1] : no_node;
                const bool literal_rhs = rhs != no_node && ast.kind(rhs) == node_kind::literal;
                const bool same_kind = literal_rhs && std::find(lit->kinds.begin(), lit->kinds.end(),
                                                                ast.literal_type(rhs)) != lit->kinds.end();
                if (!same_kind) {
                    out.by_kind = true;
                    if (rule == "date" || rule == "dateValue") {
                        const auto d = parse_odata_date(dec.text);
                        out.pass = !d && d.error().offset == *fail_at;
                        out.detail =
                            "accepted as another literal kind; parse_odata_date " +
                            (d ? std::string("accepts") : "fails at " + std::to_string(d.error().offset));
                    } else if (rule == "dateTimeOffsetValue") {
                        const auto d = parse_odata_datetimeoffset(dec.text);
                        out.pass = !d && d.error().offset == *fail_at;
                        out.detail =
                            "accepted as another literal kind; parse_odata_datetimeoffset " +
                            (d ? std::string("accepts") : "fails at " + std::to_string(d.error().offset));
                    } else {
                        out.pass = true;
                        out.detail = "accepted as another literal kind: " + json_text(ast, rhs);
                    }
                    return out;
                }
            }
            out.detail = "accepted, expected failure at " + std::to_string(*fail_at) + ": " + json_text(*r);
            return out;
        }
        if (lit != nullptr) {
            const auto& ast = *r;
            const auto root = ast.root();
            if (ast.kind(root) != node_kind::binary || ast.binary_operator(root) != binary_op::eq) {
                out.detail = "not parsed as x eq <literal>: " + json_text(ast);
                return out;
            }
            const auto rhs = ast.children(root)[1];
            if (ast.kind(rhs) != node_kind::literal ||
                std::find(lit->kinds.begin(), lit->kinds.end(), ast.literal_type(rhs)) == lit->kinds.end()) {
                out.detail = "literal of the wrong kind: " + json_text(ast, rhs);
                return out;
            }
        }
        if (const auto* json = c.get("Json"); json != nullptr && json_text(*r) != *json) {
            out.detail = "JSON form differs: " + json_text(*r);
            return out;
        }
        if (const auto* canon = c.get("Canonical"); canon != nullptr && to_odata(*r) != *canon) {
            out.detail = "canonical text differs: " + to_odata(*r);
            return out;
        }
        out.pass = true;
        return out;
    }
    const auto& e = r.error();
    if (!fail_at) {
        out.detail = "rejected: " + describe_error(e);
        return out;
    }
    const std::size_t at = encoded(e.position);
    if (at != *fail_at) {
        out.detail = "rejected at " + std::to_string(at) + " (expected " + std::to_string(*fail_at) +
                     "): " + describe_error(e);
        return out;
    }
    if (const auto* code = c.get("Code"); code != nullptr && *code != to_string(e.code)) {
        out.detail = "error code " + std::string(to_string(e.code)) + ", expected " + *code;
        return out;
    }
    out.pass = true;
    out.detail = describe_error(e);
    return out;
}

} // namespace apiquery::test
