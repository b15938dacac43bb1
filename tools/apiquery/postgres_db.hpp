// A PostgreSQL connection through libpq, for `apiquery serve --postgres` and `apiquery sqlite-load
// --postgres`: runs apiquery::sql statements (parameters sent as text, results read as text, which is
// what the tokens row decoder accepts for PostgreSQL). Built only when CMake or Meson found libpq
// (APIQUERY_HAVE_LIBPQ); otherwise postgres_available() is false and the commands say so.
// A connection is used by one thread at a time. Failures throw std::runtime_error with libpq's message.
#pragma once

#include <apiquery/sql/postgres_text.hpp>
#include <apiquery/sql/sql.hpp>

#include <stdexcept>
#include <string>

#if APIQUERY_HAVE_LIBPQ
#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <utility>
#include <variant>
#include <vector>
#endif

namespace apiquery::cli {

/// Whether this program was built with libpq.
constexpr bool postgres_available() {
#if APIQUERY_HAVE_LIBPQ
    return true;
#else
    return false;
#endif
}

#if APIQUERY_HAVE_LIBPQ

class postgres_db {
public:
    explicit postgres_db(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            conn_ = nullptr;
            throw std::runtime_error("postgres: cannot connect: " + trimmed(msg));
        }
        exec("SET client_min_messages = warning");
    }
    postgres_db(const postgres_db&) = delete;
    postgres_db& operator=(const postgres_db&) = delete;
    ~postgres_db() { PQfinish(conn_); }

    /// Runs SQL text without parameters (several statements allowed).
    void exec(const std::string& text) {
        std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_, text.c_str()), &PQclear);
        check(r.get());
    }

    /// Runs one statement; every row goes to `on_row` as text cells (NULL as nullptr).
    void query(const sql::statement& s, const sql::row_callback& on_row) {
        // A connection the server dropped (restart, idle timeout) is re-established once.
        if (PQstatus(conn_) != CONNECTION_OK)
            PQreset(conn_);
        auto texts = sql::postgres_text_params(s);
        if (!texts)
            throw std::runtime_error("postgres: " + texts.error());
        std::vector<const char*> values;
        values.reserve(texts->size());
        for (const auto& t : *texts)
            values.push_back(t ? t->c_str() : nullptr);
        std::unique_ptr<PGresult, void (*)(PGresult*)> r(
            PQexecParams(conn_, s.text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                         nullptr, nullptr, 0),
            &PQclear);
        check(r.get());
        const int rows = PQntuples(r.get()), columns = PQnfields(r.get());
        std::vector<sql::cell> row;
        for (int i = 0; i < rows; ++i) {
            row.clear();
            for (int j = 0; j < columns; ++j) {
                if (PQgetisnull(r.get(), i, j))
                    row.emplace_back(nullptr);
                else
                    row.emplace_back(std::string_view(PQgetvalue(r.get(), i, j),
                                                      static_cast<std::size_t>(PQgetlength(r.get(), i, j))));
            }
            on_row(std::span<const sql::cell>(row));
        }
    }

    /// An executor on this connection (which must outlive it).
    sql::executor executor() {
        return [this](const sql::statement& s, const sql::row_callback& on_row) { query(s, on_row); };
    }

private:
    static std::string trimmed(std::string s) {
        while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
            s.pop_back();
        return s;
    }

    void check(PGresult* r) {
        const auto st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            throw std::runtime_error("postgres: " +
                                     trimmed(r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_)));
    }

    PGconn* conn_ = nullptr;
};

#endif

} // namespace apiquery::cli
