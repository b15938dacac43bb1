// Tests of the SQL area: token records in SQLite and PostgreSQL, random requests and filters, and the
// answers of the engine (list_tokens, the reference) and of the SQL listing (list_tokens_sql) as text.
#pragma once

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/value/timestamp.hpp>

#ifdef APIQUERY_TEST_HAVE_LIBPQ
#include "pg_db.hpp"
#endif

#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace apiquery_test {

namespace sql = apiquery::sql;
using apiquery::token_record;
using apiquery::detail::splitmix64;

/// Strings that try to break out of a literal, a pattern or an identifier, or to confuse an encoding.
/// (Without NUL: PostgreSQL cannot store it; filters get NUL separately.)
inline const std::vector<std::string>& hostile_strings() {
    static const std::vector<std::string> s{"O'Neil",
                                            "'",
                                            "''",
                                            "a\"b",
                                            "back\\slash",
                                            "\\",
                                            "semi;colon",
                                            "; DROP TABLE tokens; --",
                                            "-- comment",
                                            "/* c */",
                                            "*/",
                                            "50% off",
                                            "%",
                                            "under_score",
                                            "_",
                                            "excl!mark",
                                            "!",
                                            "!%",
                                            "é",
                                            "Émile",
                                            "z",
                                            "Z",
                                            "😀 emoji",
                                            "a\u2028b",
                                            "",
                                            "$1",
                                            "?1",
                                            ":name",
                                            "@p",
                                            "x' OR '1'='1",
                                            "ci-deploy",
                                            "CI-DEPLOY",
                                            "\t\n",
                                            "€uro"};
    return s;
}

/// The records of the differential tests: generated ones, plus tokens in `production` whose names and
/// roles are the hostile strings (so that equality on them matches rows).
inline std::vector<token_record> test_records(std::size_t generated = 400) {
    auto records = apiquery::generate_sample_tokens(generated, 20250101);
    splitmix64 rng(99);
    std::size_t k = 0;
    for (const auto& h : hostile_strings()) {
        token_record r = records[k++ % 40];
        r.meta.name = h;
        r.meta.role = hostile_strings()[(k * 7) % hostile_strings().size()];
        r.meta.user.given_name = h;
        r.meta.workspaces = {apiquery::workspace_name{"production"}};
        r.meta.all_workspaces = false;
        apiquery::uuid::bytes_type b{};
        for (auto& x : b)
            x = static_cast<std::uint8_t>(rng.next());
        r.meta.api_token_id = apiquery::uuid(b);
        if (k % 3 == 0) {
            r.meta.expires = false;
            r.meta.expires_at.reset();
        }
        records.push_back(std::move(r));
    }
    // A workspace whose name is itself hostile.
    token_record w = records[3];
    w.meta.workspaces = {apiquery::workspace_name{"it's; --"}};
    w.meta.all_workspaces = false;
    w.meta.api_token_id =
        apiquery::uuid(apiquery::uuid::bytes_type{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    records.push_back(w);
    return records;
}

inline void load_sqlite(apiquery::detail::sqlite_db& db, const std::vector<token_record>& records,
                        const sql::tokens_table& table = {}) {
    db.exec(sql::tokens_schema_sql(sql::dialect::sqlite, table));
    db.exec("BEGIN");
    auto first = sql::insert_token_statement(sql::dialect::sqlite, records.at(0), table);
    auto st = db.prepare(first.text);
    for (const auto& r : records) {
        st.bind(sql::insert_token_statement(sql::dialect::sqlite, r, table).params);
        st.step();
    }
    db.exec("COMMIT");
}

#ifdef APIQUERY_TEST_HAVE_LIBPQ
inline void load_postgres(pg_db& db, const std::vector<token_record>& records,
                          const sql::tokens_table& table = {}) {
    db.exec(sql::tokens_schema_sql(sql::dialect::postgresql, table));
    db.exec("BEGIN");
    for (const auto& r : records)
        db.rows(sql::insert_token_statement(sql::dialect::postgresql, r, table));
    db.exec("COMMIT");
}

/// A schema of its own for this process (tests run in parallel on one server).
inline void use_own_schema(pg_db& db) {
    const std::string schema = "t" + std::to_string(::getpid());
    db.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema +
            "; SET search_path = " + schema);
}
#endif

/// An OData string literal.
inline std::string quote(std::string_view s) {
    std::string q = "'";
    for (char c : s) {
        q.push_back(c);
        if (c == '\'')
            q.push_back('\'');
    }
    q.push_back('\'');
    return q;
}

/// Random filters over the token fields, in the subset the SQL translation supports (comparisons,
/// and/or/not, in, null tests, contains/startswith/endswith, boolean fields), with literals taken from
/// the records, shifted a little, and hostile.
class filter_generator {
public:
    filter_generator(const std::vector<token_record>& records, std::uint64_t seed)
        : records_(records), rng_(seed) {}

    std::string next(int depth = 0) {
        const auto r = rng_.below(depth >= 2 ? 6 : 10);
        if (r >= 6) {
            const auto n = 2 + rng_.below(2);
            std::string s = "(";
            const char* op = rng_.chance(50) ? " and " : " or ";
            for (std::uint64_t i = 0; i < n; ++i) {
                if (i)
                    s += op;
                s += next(depth + 1);
            }
            return s + ")";
        }
        if (r == 5)
            return "not (" + next(depth + 1) + ")";
        return atom();
    }

    std::string string_literal() {
        const auto k = rng_.below(10);
        const auto& rec = pick();
        std::string v;
        if (k < 3)
            v = rec.meta.name;
        else if (k < 5)
            v = hostile_strings()[rng_.below(hostile_strings().size())];
        else if (k < 6)
            v = rec.meta.name.substr(0, rng_.below(rec.meta.name.size() + 1));
        else if (k < 7)
            v = rec.meta.role;
        else if (k < 8)
            v = std::string(rec.meta.user.given_name) + (rng_.chance(50) ? std::string(1, '\0') : "");
        else if (k < 9) {
            v = rec.meta.name;
            for (auto& c : v)
                if (c >= 'a' && c <= 'z' && rng_.chance(30))
                    c = static_cast<char>(c - 'a' + 'A');
        } else {
            v = rec.meta.user.family_name.substr(rng_.below(rec.meta.user.family_name.size() + 1));
        }
        return quote(v);
    }

private:
    const token_record& pick() { return records_[rng_.below(records_.size())]; }

    std::string datetime_literal() {
        const auto& rec = pick();
        std::int64_t us = rng_.chance(50) || !rec.meta.expires_at ? rec.created_at.unix_micros()
                                                                  : rec.meta.expires_at->unix_micros();
        const std::int64_t shifts[] = {0, 0, 0, 1, -1, 86400000000, -86400000000};
        us += shifts[rng_.below(7)];
        const auto text = apiquery::format_timestamp(apiquery::timestamp::from_unix_micros(us));
        switch (rng_.below(6)) {
        case 0:
            return quote(text.substr(0, 10)); // '2025-01-01': midnight UTC
        case 1:
            return text.substr(0, 10); // a date literal
        case 2: {
            // Digits below the microsecond: no stored value equals it.
            auto t = apiquery::format_timestamp(apiquery::timestamp::from_unix_micros(us));
            if (t.size() == 24) // .fffZ
                t.insert(23, "000");
            t.insert(t.size() - 1, "5");
            return t;
        }
        case 3:
            return quote(text);
        default:
            return text;
        }
    }

    std::string atom() {
        static const char* string_fields[] = {"name", "role", "user/given_name", "user/family_name"};
        static const char* ops[] = {"eq", "ne", "gt", "ge", "lt", "le"};
        static const char* bool_fields[] = {"personal", "expires", "all_workspaces"};
        const char* op = ops[rng_.below(6)];
        switch (rng_.below(12)) {
        case 0:
        case 1:
            return std::string(string_fields[rng_.below(4)]) + " " + op + " " + string_literal();
        case 2:
            return string_literal() + " " + op + " " + string_fields[rng_.below(4)];
        case 3:
        case 4:
            return std::string(rng_.chance(50) ? "created_at" : "expires_at") + " " + op + " " +
                   datetime_literal();
        case 5:
            return rng_.chance(50) ? "expires_at eq null" : "expires_at ne null";
        case 6: {
            static const char* fns[] = {"contains", "startswith", "endswith"};
            return std::string(fns[rng_.below(3)]) + "(" + string_fields[rng_.below(4)] + ", " +
                   string_literal() + ")";
        }
        case 7: {
            std::string s = std::string(string_fields[rng_.below(4)]) + " in (";
            const auto n = rng_.below(4);
            for (std::uint64_t i = 0; i < n; ++i)
                s += (i ? ", " : "") + string_literal();
            return s + ")";
        }
        case 8: {
            std::string s = "expires_at in (";
            const auto n = rng_.below(3);
            for (std::uint64_t i = 0; i < n; ++i)
                s += (i ? ", " : "") + (rng_.chance(30) ? std::string("null") : datetime_literal());
            return s + ")";
        }
        case 9:
            return rng_.chance(50)
                       ? std::string(bool_fields[rng_.below(3)])
                       : std::string(bool_fields[rng_.below(3)]) + " " + (rng_.chance(50) ? "eq" : "ne") +
                             (rng_.chance(50) ? " true" : " false");
        case 10: {
            static const char* roles[] = {"'ADMIN'", "'MEMBER'", "'EXTERNAL'"};
            return std::string("organization_role ") + (rng_.chance(50) ? "eq " : "ne ") +
                   roles[rng_.below(3)];
        }
        default: {
            const auto id = apiquery::to_string(pick().meta.api_token_id);
            return std::string("api_token_id ") + op + " " + (rng_.chance(50) ? id : quote(id));
        }
        }
    }

    const std::vector<token_record>& records_;
    splitmix64 rng_;
};

/// The engine's answer: "200 <body>" or "422 <body>".
inline std::string engine_answer(const apiquery::tokens_request& req,
                                 const std::vector<token_record>& records,
                                 const apiquery::profile_view& profile = apiquery::profiles::tokens) {
    apiquery::listing_options options;
    options.profile = &profile;
    auto page = apiquery::list_tokens(req, records, options);
    if (page)
        return "200 " + apiquery::json_text(*page);
    return "422 " + apiquery::json_text(page.error());
}

/// The SQL listing's answer, in the same form ("500 <message>" for a row it cannot read).
inline std::string sql_answer(const apiquery::tokens_request& req, sql::dialect d, const sql::executor& run,
                              const sql::tokens_sql_options& options = {}) {
    auto page = sql::list_tokens_sql(req, d, run, options);
    if (page)
        return "200 " + apiquery::json_text(*page);
    if (page.error().status == 422)
        return "422 " + apiquery::json_text(page.error().body);
    return std::to_string(page.error().status) + " " + page.error().message;
}

} // namespace apiquery_test
