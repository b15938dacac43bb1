// Tests of the SQL area: a small RAII wrapper around libpq, and the PostgreSQL server the tests use.
//
// The server is the one the CTest fixture started (tests/sql/pg_server.sh, state folder in
// APIQUERY_PG_STATE); when the program runs outside CTest it starts its own with the same script and
// stops it at exit. postgres() says whether a server is available and, if not, why.
#pragma once

#include <apiquery/sql/postgres_text.hpp>
#include <apiquery/sql/sql.hpp>

#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apiquery_test {

/// A cell of a PostgreSQL result in text format: NULL or text.
using pg_cell = std::variant<std::nullptr_t, std::string>;
using pg_row = std::vector<pg_cell>;

class pg_db {
public:
    explicit pg_db(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            conn_ = nullptr;
            throw std::runtime_error("postgres: cannot connect: " + msg);
        }
        exec("SET client_min_messages = warning");
    }
    pg_db(const pg_db&) = delete;
    pg_db& operator=(const pg_db&) = delete;
    ~pg_db() { PQfinish(conn_); }

    /// Runs SQL text without parameters (several statements allowed).
    void exec(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        check(r, sql);
        PQclear(r);
    }

    /// Runs one statement with its parameters (text format) and returns its rows.
    std::vector<pg_row> rows(const apiquery::sql::statement& s) {
        std::vector<pg_row> out;
        query(s, [&](std::span<const apiquery::sql::cell> row) {
            auto& r = out.emplace_back();
            for (const auto& c : row) {
                if (const auto* t = std::get_if<std::string_view>(&c))
                    r.emplace_back(std::string(*t));
                else
                    r.emplace_back(nullptr);
            }
        });
        return out;
    }

    /// An apiquery::sql::executor on this connection.
    apiquery::sql::executor executor() {
        return [this](const apiquery::sql::statement& s, const apiquery::sql::row_callback& on_row) {
            query(s, on_row);
        };
    }

    /// Runs one statement with its parameters (text format); every row goes to `on_row` as text cells.
    template <class OnRow>
    void query(const apiquery::sql::statement& s, OnRow&& on_row) {
        auto texts = apiquery::sql::postgres_text_params(s);
        if (!texts)
            throw std::logic_error("postgres: " + texts.error());
        std::vector<const char*> values;
        values.reserve(texts->size());
        for (const auto& t : *texts)
            values.push_back(t ? t->c_str() : nullptr);
        PGresult* r = PQexecParams(conn_, s.text.c_str(), static_cast<int>(values.size()), nullptr,
                                   values.data(), nullptr, nullptr, 0);
        check(r, s.text);
        std::unique_ptr<PGresult, void (*)(PGresult*)> guard(r, &PQclear);
        const int n = PQntuples(r), m = PQnfields(r);
        std::vector<apiquery::sql::cell> row;
        for (int i = 0; i < n; ++i) {
            row.clear();
            for (int j = 0; j < m; ++j) {
                if (PQgetisnull(r, i, j))
                    row.emplace_back(nullptr);
                else
                    row.emplace_back(std::string_view(PQgetvalue(r, i, j),
                                                      static_cast<std::size_t>(PQgetlength(r, i, j))));
            }
            on_row(std::span<const apiquery::sql::cell>(row));
        }
    }

    /// The first column of the first row of a parameterless query, as text ("" for NULL or no row).
    std::string scalar(const std::string& sql) {
        const auto r = rows(apiquery::sql::statement{sql, {}});
        if (r.empty() || r[0].empty() || std::holds_alternative<std::nullptr_t>(r[0][0]))
            return {};
        return std::get<std::string>(r[0][0]);
    }

private:
    void check(PGresult* r, const std::string& sql) {
        const auto st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            std::string msg = PQresultErrorMessage(r);
            PQclear(r);
            throw std::runtime_error("postgres: " + msg + "in: " + sql);
        }
    }

    PGconn* conn_ = nullptr;
};

/// The PostgreSQL server of this test run.
struct pg_server_info {
    bool available = false;
    std::string reason; ///< why not, when not available
    std::string conninfo;
};

namespace detail {
inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

// A server this program started itself (outside CTest): stopped when the program ends.
struct own_server {
    std::filesystem::path state;
    ~own_server() {
        if (!state.empty()) {
            const std::string cmd = "'" APIQUERY_SOURCE_DIR "/tests/sql/pg_server.sh' stop '" +
                                    state.string() + "' >/dev/null 2>&1";
            [[maybe_unused]] int rc = std::system(cmd.c_str());
            std::error_code ec;
            std::filesystem::remove_all(state, ec);
        }
    }
};
} // namespace detail

/// The server started by the CTest fixture, or one started now for this program.
inline const pg_server_info& postgres() {
    static detail::own_server own;
    static const pg_server_info info = [] {
        pg_server_info i;
        std::filesystem::path state;
        if (const char* s = std::getenv("APIQUERY_PG_STATE");
            s && *s && std::filesystem::exists(std::string(s) + "/status")) {
            state = s;
        } else {
            char tmpl[] = "/tmp/apiquery-pg-state.XXXXXX";
            if (mkdtemp(tmpl) == nullptr) {
                i.reason = "cannot create a state folder";
                return i;
            }
            state = tmpl;
            own.state = state;
            const std::string cmd = "'" APIQUERY_SOURCE_DIR "/tests/sql/pg_server.sh' start '" +
                                    state.string() + "' >/dev/null 2>&1";
            [[maybe_unused]] int rc = std::system(cmd.c_str());
        }
        const std::string status = detail::read_file(state / "status");
        if (status != "running") {
            i.reason = status.empty() ? "the server was not started" : status;
            return i;
        }
        i.conninfo = detail::read_file(state / "conninfo");
        i.available = true;
        return i;
    }();
    return info;
}

} // namespace apiquery_test
