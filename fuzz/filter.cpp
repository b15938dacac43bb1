// Fuzz target: the $filter parser (parse_filter), its printers (json_text, to_odata) and profile
// validation (check_filter against every built-in profile).
//
// The input is the filter text (percent-decoded). It is copied to a buffer of exactly its size, and
// everything runs on a thread with a 256 KiB stack, so that over-reads and unbounded recursion show.
// Invariants:
// - accepted: the tree is non-empty, within the node limit, every span inside the input; json_text gives
//   well-formed UTF-8; to_odata parses back to an equal tree, prints the same again (idempotence) and
//   gives the same JSON;
// - rejected: the error position is at most the input size, the message is not empty, caret_line()
//   renders two lines ending in the caret;
// - where the 4.0-strict dialect and 4.01 both accept, the trees are the same; tighter limits accept a
//   subset, and what they alone reject is rejected with a limit code; the same input inside
//   max_depth + 1 parentheses is a depth_limit error at offset max_depth, never a crash;
// - profiles: check_filter never crashes; an error's span lies inside the input and its message is not
//   empty; the result depends on the tree only (the re-parsed printed tree gives the same outcome).
#include "fuzz_support.hpp"

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/odata/filter_print.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace {

using namespace apiquery;

bool is_limit_code(filter_errc c) {
    return c == filter_errc::depth_limit || c == filter_errc::node_limit || c == filter_errc::in_list_limit ||
           c == filter_errc::input_too_long;
}

void check_error(std::string_view text, const filter_parse_error& e) {
    APIQUERY_FUZZ_ASSERT(e.position <= text.size());
    APIQUERY_FUZZ_ASSERT(!e.message.empty());
    const std::string caret = e.caret_line(text);
    const auto nl = caret.find('\n');
    APIQUERY_FUZZ_ASSERT(nl != std::string::npos);
    APIQUERY_FUZZ_ASSERT(caret.find('\n', nl + 1) == std::string::npos);
    APIQUERY_FUZZ_ASSERT(caret.back() == '^');
}

void check_profiles(const filter_ast& ast, const filter_ast& reparsed, std::size_t text_size) {
    for (const profile_view* p : {&profiles::tokens, &profiles::files, &profiles::full}) {
        const auto r = check_filter(ast, *p);
        const auto again = check_filter(reparsed, *p);
        APIQUERY_FUZZ_ASSERT(r.has_value() == again.has_value());
        if (r)
            continue;
        const auto& e = r.error();
        APIQUERY_FUZZ_ASSERT(e.span.begin <= e.span.end && e.span.end <= text_size);
        APIQUERY_FUZZ_ASSERT(!e.message.empty());
        APIQUERY_FUZZ_ASSERT(e.code == again.error().code);
        APIQUERY_FUZZ_ASSERT(e.message == again.error().message);
    }
}

/// The invariants of an accepted input; returns the tree parsed back from the canonical text.
filter_ast check_accepted(std::string_view text, const filter_ast& ast, const parse_options& options) {
    APIQUERY_FUZZ_ASSERT(!ast.empty());
    APIQUERY_FUZZ_ASSERT(ast.size() <= options.max_nodes);
    for (node_id id : ast.ids()) {
        const auto s = ast.span(id);
        APIQUERY_FUZZ_ASSERT(s.begin <= s.end && s.end <= text.size());
    }
    const std::string json = json_text(ast);
    APIQUERY_FUZZ_ASSERT(json.size() >= 2 && json.front() == '{' && json.back() == '}');
    APIQUERY_FUZZ_ASSERT(detail::utf8_is_valid(json));
    const std::string odata = to_odata(ast);
    auto back = parse_filter(odata, options);
    if (!back) {
        std::fprintf(stderr, "input:     %.*s\ncanonical: %s\nerror at %zu: %s\n",
                     static_cast<int>(text.size()), text.data(), odata.c_str(), back.error().position,
                     back.error().message.c_str());
    }
    APIQUERY_FUZZ_ASSERT(back.has_value());
    if (!(*back == ast))
        std::fprintf(stderr, "input:     %.*s\ncanonical: %s\njson:      %s\nre-parsed: %s\n",
                     static_cast<int>(text.size()), text.data(), odata.c_str(), json.c_str(),
                     json_text(*back).c_str());
    APIQUERY_FUZZ_ASSERT(*back == ast);
    APIQUERY_FUZZ_ASSERT(to_odata(*back) == odata);
    APIQUERY_FUZZ_ASSERT(json_text(*back) == json);
    return std::move(*back);
}

void check(std::string_view text) {
    // 1. Default options (OData 4.01).
    const parse_options lenient;
    const auto r = parse_filter(text, lenient);
    if (r) {
        const filter_ast reparsed = check_accepted(text, *r, lenient);
        check_profiles(*r, reparsed, text.size());
    } else {
        check_error(text, r.error());
    }

    // 2. OData 4.0 strictness. Not a subset of 4.01: `NOT eq x` is a comparison of a property named
    //    NOT in 4.0 and the operator `not` in 4.01. When both accept, the trees are the same.
    parse_options strict;
    strict.odata_4_0_strict = true;
    const auto s = parse_filter(text, strict);
    if (s) {
        check_accepted(text, *s, strict);
        if (r)
            APIQUERY_FUZZ_ASSERT(*s == *r);
    } else {
        check_error(text, s.error());
    }

    // 3. Tight limits: a subset; what only they reject is a limit error.
    parse_options tight;
    tight.max_depth = 4;
    tight.max_nodes = 40;
    tight.max_in_list_items = 3;
    tight.max_input_bytes = 512;
    const auto t = parse_filter(text, tight);
    if (t) {
        check_accepted(text, *t, tight);
        APIQUERY_FUZZ_ASSERT(r.has_value());
        APIQUERY_FUZZ_ASSERT(*t == *r);
    } else {
        check_error(text, t.error());
        if (r)
            APIQUERY_FUZZ_ASSERT(is_limit_code(t.error().code));
    }

    // 4. Nesting beyond the limit is a depth_limit error at the first parenthesis too many (after the
    //    UTF-8 check, which comes first).
    if (!detail::utf8_is_valid(text))
        return;
    parse_options shallow;
    shallow.max_depth = 4;
    shallow.max_input_bytes = text.size() + 16;
    const std::string wrapped = "(((((" + std::string(text) + ")))))";
    const auto w = parse_filter(wrapped, shallow);
    APIQUERY_FUZZ_ASSERT(!w.has_value());
    APIQUERY_FUZZ_ASSERT(w.error().code == filter_errc::depth_limit);
    APIQUERY_FUZZ_ASSERT(w.error().position == 4);
}

} // namespace

APIQUERY_FUZZ_ENTRY(check)
