// Fuzz target: filters over JSON documents (sql/json_filter.hpp: append_json_comparison,
// translate_json_filter) in both dialects, with hostile keys and values, executed on SQLite.
//
// The input is read twice:
// 1. As a comparison: byte 0 picks the operator, byte 1 the literal's kind, byte 2 the path's length
//    (1-3); the rest, split at 0x1F, gives the keys and the string value (any bytes: quotes, dots, `$`,
//    brackets, NUL, invalid UTF-8); a number literal is the double of the string's first 8 bytes.
// 2. As `$filter` text, checked against the files and full profiles and translated over `meta`.
// Invariants:
// - never a crash, never an exception; the same input translates to the same statement twice;
// - every key and every value is bound: the statement's text equals the text written for the same shape
//   with neutral keys and values (each key and string replaced by one of the same class: ordinary,
//   containing NUL, not UTF-8; numbers by 0), so no byte of a key or value can be in the text; each
//   ordinary key and the ordinary string value are among the bound values; placeholders name exactly
//   1..params.size();
// - SQLite prepares and runs the statement without error (`SELECT count(*)` over a small table whose
//   documents hold the input's keys and value at the input's path, and a few others), and a document
//   holding the value at the path is selected exactly when the comparison of the value with itself
//   holds (eq, ge, le yes; ne, gt, lt no) for an ordinary string or a finite number;
// - a parsed filter that translates runs on SQLite without error; one that does not has an error whose
//   span lies inside the input and whose message names the construct.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/sql.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace apiquery;

int key_class(std::string_view k) {
    if (k.find('\0') != std::string_view::npos)
        return 1;
    return sql::is_valid_utf8(k) ? 0 : 2;
}

std::string neutral_key(std::string_view s, std::size_t i) {
    static const char* names[] = {"k", "k\0n", "k\xff"};
    const int c = key_class(s);
    std::string out(names[c], c == 1 ? 3 : (c == 2 ? 2 : 1));
    out += std::to_string(i);
    return out;
}

sql::statement comparison(sql::dialect d, const std::vector<std::string>& path, binary_op op,
                          const sql::json_literal& lit, bool& ok) {
    sql::statement_builder b(d);
    std::string error;
    ok = sql::append_json_comparison(b, {"meta"}, path, op, lit, &error);
    APIQUERY_FUZZ_ASSERT(ok || !error.empty());
    return b.finish();
}

void check_placeholders(const sql::statement& st, sql::dialect d) {
    const char mark = d == sql::dialect::sqlite ? '?' : '$';
    std::vector<bool> used(st.params.size(), false);
    const std::string& t = st.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] != mark || i + 1 >= t.size() || t[i + 1] < '1' || t[i + 1] > '9')
            continue;
        std::size_t n = 0, j = i + 1;
        while (j < t.size() && t[j] >= '0' && t[j] <= '9')
            n = n * 10 + static_cast<std::size_t>(t[j++] - '0');
        APIQUERY_FUZZ_ASSERT(n >= 1 && n <= st.params.size());
        used[n - 1] = true;
    }
    for (bool u : used)
        APIQUERY_FUZZ_ASSERT(u);
}

bool has_param(const sql::statement& st, const std::string& s) {
    for (const auto& v : st.params)
        if (const auto* x = std::get_if<std::string>(&v); x && *x == s)
            return true;
    return false;
}

detail::sqlite_db& database() {
    static detail::sqlite_db db(":memory:");
    return db;
}

void check_comparison(std::string_view in) {
    if (in.size() < 3)
        return;
    constexpr binary_op ops[] = {binary_op::eq, binary_op::ne, binary_op::ge,
                                 binary_op::gt, binary_op::le, binary_op::lt};
    const binary_op op = ops[static_cast<unsigned char>(in[0]) % 6];
    const unsigned kind = static_cast<unsigned char>(in[1]) % 6;
    const std::size_t depth = 1 + static_cast<unsigned char>(in[2]) % 3;
    std::vector<std::string> parts;
    std::string_view rest = in.substr(3);
    for (;;) {
        const auto cut = rest.find('\x1f');
        parts.emplace_back(rest.substr(0, cut));
        if (cut == std::string_view::npos)
            break;
        rest.remove_prefix(cut + 1);
    }
    std::vector<std::string> path;
    for (std::size_t i = 0; i < depth; ++i)
        path.push_back(i < parts.size() ? parts[i] : std::string());
    const std::string value = depth < parts.size() ? parts[depth] : std::string();
    sql::json_literal lit;
    double number = 0;
    switch (kind) {
    case 0:
        lit = nullptr;
        break;
    case 1:
        lit = value.size() % 2 == 0;
        break;
    case 2: {
        char bytes[8] = {};
        std::memcpy(bytes, value.data(), std::min<std::size_t>(8, value.size()));
        std::memcpy(&number, bytes, 8);
        lit = number;
        break;
    }
    case 3:
        lit = static_cast<std::int64_t>(value.size()) - 3;
        break;
    case 4: {
        lit = sql::parse_json_instant(value).value_or(
            sql::json_instant{static_cast<std::int64_t>(value.size()) * 86400, 0});
        break;
    }
    default:
        lit = value;
        break;
    }

    // The neutral twin: same shape, no byte of the input.
    std::vector<std::string> npath;
    for (std::size_t i = 0; i < path.size(); ++i)
        npath.push_back(neutral_key(path[i], i));
    sql::json_literal nlit = lit;
    if (std::holds_alternative<std::string>(lit)) {
        // The classes the translation tells apart: not UTF-8 (first), holding NUL, ordinary.
        if (!sql::is_valid_utf8(value))
            nlit = std::string("z\xff");
        else if (value.find('\0') != std::string::npos)
            nlit = std::string("z\0y", 3);
        else
            nlit = std::string("z");
    } else if (const auto* x = std::get_if<double>(&lit))
        nlit = std::isnan(*x) ? *x : 0.0;
    else if (std::holds_alternative<std::int64_t>(lit))
        nlit = std::int64_t{0};
    else if (std::holds_alternative<sql::json_instant>(lit))
        nlit = sql::json_instant{0, 0};

    for (const auto d : {sql::dialect::sqlite, sql::dialect::postgresql}) {
        bool ok = false, nok = false, again_ok = false;
        const auto st = comparison(d, path, op, lit, ok);
        const auto again = comparison(d, path, op, lit, again_ok);
        APIQUERY_FUZZ_ASSERT(ok == again_ok && st == again);
        const auto twin = comparison(d, npath, op, nlit, nok);
        if (!ok) {
            APIQUERY_FUZZ_ASSERT(!nok);
            continue;
        }
        APIQUERY_FUZZ_ASSERT(nok);
        // A string with NUL orders as its prefix: its twin's prefix differs, the text does not.
        APIQUERY_FUZZ_ASSERT(st.text == twin.text);
        APIQUERY_FUZZ_ASSERT(st.params.size() == twin.params.size());
        check_placeholders(st, d);
        bool reachable = true;
        for (const auto& k : path)
            reachable = reachable && key_class(k) == 0;
        if (reachable && st.text != "TRUE" && st.text != "FALSE" && st.text != "NOT (FALSE)")
            for (const auto& k : path)
                APIQUERY_FUZZ_ASSERT(has_param(st, k));
        if (reachable && std::holds_alternative<std::string>(lit) && key_class(value) == 0 &&
            (op == binary_op::eq || op == binary_op::ne))
            APIQUERY_FUZZ_ASSERT(has_param(st, value));
    }

    // On SQLite: runs without error; the document holding the value at the path answers as the value
    // compared with itself.
    auto& db = database();
    db.exec("DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY, meta TEXT)");
    const auto insert = [&](std::int64_t id, const std::string& json) {
        db.rows({"INSERT INTO t VALUES (?1, ?2)", {id, json}});
    };
    insert(1, "{}");
    insert(2, R"({"a":[1,{"b":2}],"":null,"x":"y","n":1.5})");
    bool storable = true;
    for (const auto& k : path)
        storable = storable && key_class(k) == 0;
    const bool value_stored = std::holds_alternative<std::string>(lit) && key_class(value) == 0;
    // Numbers of at most 15 significant digits, which every engine reads back exactly (see the header).
    char digits[40];
    std::snprintf(digits, sizeof digits, "%.15g", number);
    const bool number_stored = std::holds_alternative<double>(lit) && std::isfinite(number) &&
                               std::fabs(number) <= 1e308 && (number == 0 || std::fabs(number) >= 1e-307) &&
                               std::strtod(digits, nullptr) == number;
    if (storable) {
        boost::json::value v;
        if (value_stored)
            v = boost::json::string(value);
        else if (number_stored)
            v = number;
        for (std::size_t i = path.size(); i-- > 0;) {
            boost::json::object o;
            o[path[i]] = std::move(v);
            v = std::move(o);
        }
        insert(3, boost::json::serialize(v));
    }
    bool ok = false;
    const auto st = comparison(sql::dialect::sqlite, path, op, lit, ok);
    if (!ok)
        return;
    std::vector<std::int64_t> ids;
    try {
        for (const auto& row : db.rows({"SELECT id FROM t WHERE " + st.text + " ORDER BY id", st.params}))
            ids.push_back(std::get<std::int64_t>(row.at(0)));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n%s\n", e.what(), st.text.c_str());
        APIQUERY_FUZZ_ASSERT(false && "SQLite runs every translated comparison");
    }
    if (storable && (value_stored || number_stored)) {
        const bool self = op == binary_op::eq || op == binary_op::ge || op == binary_op::le;
        const bool found = std::find(ids.begin(), ids.end(), 3) != ids.end();
        APIQUERY_FUZZ_ASSERT(found == self);
    }
}

void check_filter_text(std::string_view text) {
    const auto ast = parse_filter(text);
    if (!ast)
        return;
    for (const profile_view* p : {&profiles::files, &profiles::full}) {
        const auto checked = check_filter(*ast, *p);
        if (!checked)
            continue;
        for (const auto d : {sql::dialect::sqlite, sql::dialect::postgresql}) {
            const auto r = sql::translate_json_filter(*checked, {"meta"}, d);
            if (!r) {
                const auto& e = r.error();
                APIQUERY_FUZZ_ASSERT(e.span.begin <= e.span.end && e.span.end <= text.size());
                APIQUERY_FUZZ_ASSERT(!e.construct.empty() &&
                                     e.message.find(e.construct) != std::string::npos);
                continue;
            }
            check_placeholders(*r, d);
            if (d != sql::dialect::sqlite)
                continue;
            auto& db = database();
            db.exec("DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY, meta TEXT);"
                    R"(INSERT INTO t VALUES (1, '{}'), (2, '{"a":{"b":"2025-01-01"},"x":true,"n":[1]}'))");
            try {
                db.rows({"SELECT count(*) FROM t WHERE " + r->text, r->params});
            } catch (const std::exception& e) {
                std::fprintf(stderr, "%s\n%s\n", e.what(), r->text.c_str());
                APIQUERY_FUZZ_ASSERT(false && "SQLite runs every translated filter");
            }
        }
    }
}

void check(std::string_view in) {
    check_comparison(in);
    check_filter_text(in);
}

} // namespace

APIQUERY_FUZZ_ENTRY(check)
