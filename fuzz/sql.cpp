// Fuzz target: the SQL translation of a checked filter (sql_filter.hpp: translate_filter, append_filter;
// sql.hpp: statement, to_json) in both dialects.
//
// The input is the filter text. It is parsed (parse_filter), checked against the tokens, files and full
// profiles and a tokens profile with every operator and function allowed (check_filter), and each
// checked filter is translated for SQLite (with and without sqlite_case_sensitive_like) and PostgreSQL,
// with the tokens columns plus, as `apiquery filter --format sql-*` does, a column named by its path for
// every free field whose type has a column type. Everything runs on a thread with a 256 KiB stack.
// Invariants:
// - never a crash; the same input translates to the same statement twice;
// - rejected: the error's span lies inside the input, its construct and message are not empty, and the
//   message names the construct;
// - accepted: no value from the input is in the SQL text. Checked soundly by reading the text: outside
//   quoted identifiers (each of which must be a column name of the map, or "C" after COLLATE) the text
//   is only placeholders (`?N`, `$N::<cast>` with a known cast), the fixed fragment `ESCAPE '!'`, SQL
//   keywords and function names from a fixed list, the numbers 0 and 1, blanks and ( ) , = < > -. So no
//   quote character `'` can appear outside `ESCAPE '!'`, and no string or number from the input can;
//   also, no string literal of the filter of length >= 2 that contains a character the skeleton never
//   writes is a substring of the text. The placeholders name exactly the bound values: their numbers
//   are 1..params.size(), each used at least once;
// - accepted: every literal compared with a column (comparisons, `in` lists, contains/startswith/
//   endswith) is among the bound values: the string itself (or its escaped LIKE pattern), the int (or
//   its double for a real column), the double; except the strings PostgreSQL cannot hold (with NUL),
//   which the translation decides without binding;
// - append_filter after a bound value and some text gives the same condition with every placeholder
//   number one higher; to_json gives `{"sql":...,"params":[...]}` in valid UTF-8.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace apiquery;

const profile& wide_profile() {
    static const profile p = [] {
        profile x(profiles::tokens);
        x.allow(all_operators).allow(all_functions).allow_lambdas().allow_aliases();
        return x;
    }();
    return p;
}

/// The SQL text read back: the placeholders' numbers, the identifiers, and the rest (the skeleton).
struct reading {
    std::vector<std::size_t> numbers;
    std::vector<std::string> identifiers;
    std::string skeleton;   ///< the text with identifiers and placeholders replaced by a blank
    std::string renumbered; ///< the text with every placeholder number one higher
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}

reading read_sql(std::string_view t, sql::dialect d) {
    reading r;
    const char mark = d == sql::dialect::sqlite ? '?' : '$';
    std::size_t i = 0;
    while (i < t.size()) {
        const char c = t[i];
        if (c == '"') {
            std::string name;
            std::size_t j = i + 1;
            for (;;) {
                APIQUERY_FUZZ_ASSERT(j < t.size()); // an identifier is closed
                if (t[j] == '"') {
                    if (j + 1 < t.size() && t[j + 1] == '"') {
                        name.push_back('"');
                        j += 2;
                        continue;
                    }
                    break;
                }
                name.push_back(t[j++]);
            }
            r.identifiers.push_back(std::move(name));
            r.renumbered.append(t.substr(i, j + 1 - i));
            r.skeleton.push_back(' ');
            i = j + 1;
            continue;
        }
        if (c == mark) {
            std::size_t j = i + 1;
            std::size_t n = 0;
            APIQUERY_FUZZ_ASSERT(j < t.size() && is_digit(t[j]) && t[j] != '0');
            while (j < t.size() && is_digit(t[j])) {
                n = n * 10 + static_cast<std::size_t>(t[j] - '0');
                APIQUERY_FUZZ_ASSERT(n < 1000000);
                ++j;
            }
            r.numbers.push_back(n);
            r.renumbered.push_back(mark);
            r.renumbered.append(std::to_string(n + 1));
            if (d == sql::dialect::postgresql) {
                // Every PostgreSQL placeholder carries a known cast.
                APIQUERY_FUZZ_ASSERT(t.substr(j, 2) == "::");
                std::size_t k = j + 2;
                while (k < t.size() && is_word_char(t[k]))
                    ++k;
                const std::string_view cast = t.substr(j + 2, k - j - 2);
                APIQUERY_FUZZ_ASSERT(cast == "text" || cast == "bigint" || cast == "float8" ||
                                     cast == "boolean" || cast == "timestamptz" || cast == "uuid");
                r.renumbered.append(t.substr(j, k - j));
                j = k;
            }
            r.skeleton.push_back(' ');
            i = j;
            continue;
        }
        r.skeleton.push_back(c);
        r.renumbered.push_back(c);
        ++i;
    }
    return r;
}

/// The skeleton is fixed SQL: keywords, function names, 0 and 1, punctuation, `ESCAPE '!'`.
void check_skeleton(std::string_view s) {
    static constexpr std::string_view words[] = {
        "AND",    "OR",   "NOT",    "IS",      "NULL",   "TRUE",        "FALSE",
        "IN",     "LIKE", "ESCAPE", "COLLATE", "BINARY", "instr",       "substr",
        "length", "CAST", "AS",     "BLOB",    "strpos", "starts_with", "right"};
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (s.substr(i, 10) == "ESCAPE '!'") {
            i += 10;
            continue;
        }
        if (c == ' ' || c == '(' || c == ')' || c == ',' || c == '=' || c == '<' || c == '>' || c == '-') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && is_word_char(s[j]))
            ++j;
        if (j == i) {
            std::fprintf(stderr, "unexpected character 0x%02x in the SQL skeleton: %.*s\n",
                         static_cast<unsigned>(static_cast<unsigned char>(c)), static_cast<int>(s.size()),
                         s.data());
            APIQUERY_FUZZ_ASSERT(false && "the SQL skeleton holds only fixed text");
        }
        const std::string_view w = s.substr(i, j - i);
        const bool known =
            w == "0" || w == "1" || std::find(std::begin(words), std::end(words), w) != std::end(words);
        if (!known)
            std::fprintf(stderr, "unexpected word '%.*s' in the SQL skeleton: %.*s\n",
                         static_cast<int>(w.size()), w.data(), static_cast<int>(s.size()), s.data());
        APIQUERY_FUZZ_ASSERT(known);
        i = j;
    }
}

bool has_param(const sql::statement& st, const sql::value& v) {
    return std::find(st.params.begin(), st.params.end(), v) != st.params.end();
}

std::string like_of(std::string_view needle, function_id fn) {
    std::string p;
    if (fn != function_id::startswith)
        p.push_back('%');
    for (char c : needle) {
        if (c == '%' || c == '_' || c == '!')
            p.push_back('!');
        p.push_back(c);
    }
    if (fn != function_id::endswith)
        p.push_back('%');
    return p;
}

/// A literal compared with a column was bound.
void check_bound(const checked_filter& f, node_id lit, const sql::statement& st, sql::dialect d) {
    const auto& v = f.value(lit);
    if (const auto* s = std::get_if<std::string_view>(&v)) {
        if (d == sql::dialect::postgresql && s->find('\0') != std::string_view::npos)
            return; // decided without binding
        APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(std::string(*s))));
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
        APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(*i)) ||
                             has_param(st, sql::value(static_cast<double>(*i))));
    } else if (const auto* x = std::get_if<double>(&v)) {
        APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(*x)));
    }
}

void check_literals(const checked_filter& f, const sql::statement& st, std::string_view skeleton,
                    sql::dialect d, bool like) {
    const filter_ast& ast = f.ast();
    const auto is_path = [&](node_id id) { return ast.kind(id) == node_kind::path; };
    const auto is_lit = [&](node_id id) { return ast.kind(id) == node_kind::literal; };
    for (node_id id : ast.ids()) {
        switch (ast.kind(id)) {
        case node_kind::binary: {
            if (!is_comparison(ast.binary_operator(id)))
                break;
            const auto c = ast.children(id);
            if (is_path(c[0]) && is_lit(c[1]))
                check_bound(f, c[1], st, d);
            else if (is_lit(c[0]) && is_path(c[1]))
                check_bound(f, c[0], st, d);
            break;
        }
        case node_kind::in: {
            const auto c = ast.children(id);
            if (!is_path(c[0]) || ast.kind(c[1]) != node_kind::list)
                break;
            for (node_id item : ast.children(c[1]))
                if (is_lit(item) && !std::holds_alternative<odata_datetimeoffset>(f.value(item)))
                    check_bound(f, item, st, d);
            break;
        }
        case node_kind::call: {
            const auto fn = ast.function(id);
            if (fn != function_id::contains && fn != function_id::startswith && fn != function_id::endswith)
                break;
            const auto c = ast.children(id);
            if (c.size() != 2)
                break;
            if (is_path(c[0]) && is_lit(c[1])) {
                const auto* s = std::get_if<std::string_view>(&f.value(c[1]));
                if (!s)
                    break;
                if (like) {
                    if (s->find('\0') == std::string_view::npos)
                        APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(like_of(*s, fn))));
                } else {
                    APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(std::string(*s))));
                }
            } else if (is_lit(c[0]) && is_path(c[1])) {
                if (const auto* s = std::get_if<std::string_view>(&f.value(c[0])))
                    APIQUERY_FUZZ_ASSERT(has_param(st, sql::value(std::string(*s))));
            }
            break;
        }
        default:
            break;
        }
    }
    // No string literal with a character the skeleton never writes is in the text (outside the
    // identifiers, which may legitimately hold the same text: `x eq 'x'` with x a free field).
    for (node_id id : ast.ids()) {
        if (ast.kind(id) != node_kind::literal)
            continue;
        const auto* s = std::get_if<std::string_view>(&f.value(id));
        if (!s || s->size() < 2)
            continue;
        const bool plain = std::all_of(s->begin(), s->end(), [](char c) {
            return is_word_char(c) || std::strchr(" (),=<>-!'\"?$:%.", c) != nullptr;
        });
        if (!plain)
            APIQUERY_FUZZ_ASSERT(skeleton.find(*s) == std::string_view::npos);
    }
}

void check_statement(const checked_filter& f, const sql::column_map& columns, const sql::statement& st,
                     sql::dialect d, bool like) {
    const reading r = read_sql(st.text, d);
    check_skeleton(r.skeleton);
    for (const auto& name : r.identifiers) {
        bool known = d == sql::dialect::postgresql && name == "C";
        for (const auto& e : columns.entries())
            known = known || e.second.name == name;
        APIQUERY_FUZZ_ASSERT(known);
    }
    std::vector<bool> used(st.params.size(), false);
    for (std::size_t n : r.numbers) {
        APIQUERY_FUZZ_ASSERT(n >= 1 && n <= st.params.size());
        used[n - 1] = true;
    }
    APIQUERY_FUZZ_ASSERT(std::all_of(used.begin(), used.end(), [](bool b) { return b; }));
    check_literals(f, st, r.skeleton, d, like);

    const std::string json = sql::json_text(st);
    APIQUERY_FUZZ_ASSERT(json.starts_with("{\"sql\":") && json.ends_with("]}"));
    APIQUERY_FUZZ_ASSERT(detail::utf8_is_valid(json));

    // The same condition appended after a bound value: every number one higher.
    sql::statement_builder b(d);
    b.bind(std::int64_t{7});
    b.sql("x AND ");
    sql::translate_options o;
    o.sqlite_case_sensitive_like = like && d == sql::dialect::sqlite;
    const auto a = sql::append_filter(b, f, columns, o);
    APIQUERY_FUZZ_ASSERT(a.has_value());
    const sql::statement shifted = b.finish();
    APIQUERY_FUZZ_ASSERT(shifted.params.size() == st.params.size() + 1);
    APIQUERY_FUZZ_ASSERT(std::equal(st.params.begin(), st.params.end(), shifted.params.begin() + 1));
    APIQUERY_FUZZ_ASSERT(shifted.text == "x AND " + r.renumbered);
}

void check_translations(const checked_filter& f, std::size_t text_size) {
    sql::column_map columns = sql::tokens_columns();
    sql::add_free_field_columns(columns, f);
    for (const auto d : {sql::dialect::sqlite, sql::dialect::postgresql}) {
        for (const bool like_option : {false, true}) {
            if (like_option && d == sql::dialect::postgresql)
                continue;
            sql::translate_options o;
            o.sqlite_case_sensitive_like = like_option;
            const auto r = sql::translate_filter(f, columns, d, o);
            const auto again = sql::translate_filter(f, columns, d, o);
            APIQUERY_FUZZ_ASSERT(r.has_value() == again.has_value());
            if (!r) {
                const auto& e = r.error();
                APIQUERY_FUZZ_ASSERT(e == again.error());
                APIQUERY_FUZZ_ASSERT(e.span.begin <= e.span.end && e.span.end <= text_size);
                APIQUERY_FUZZ_ASSERT(!e.construct.empty() && !e.message.empty());
                APIQUERY_FUZZ_ASSERT(e.message.find(e.construct) != std::string::npos);
                continue;
            }
            APIQUERY_FUZZ_ASSERT(*r == *again);
            check_statement(f, columns, *r, d, like_option || d == sql::dialect::postgresql);
        }
    }
}

void check(std::string_view text) {
    const auto ast = parse_filter(text);
    if (!ast)
        return;
    const profile_view* views[] = {&profiles::tokens, &profiles::files, &profiles::full,
                                   &wide_profile().view()};
    for (const profile_view* p : views) {
        const auto checked = check_filter(*ast, *p);
        if (checked)
            check_translations(*checked, text.size());
    }
}

} // namespace

APIQUERY_FUZZ_ENTRY(check)
