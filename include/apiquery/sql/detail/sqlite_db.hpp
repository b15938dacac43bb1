// apiquery::detail: a small RAII wrapper around libsqlite3, to execute apiquery::sql statements.
//
// Not part of the library's API and not included by any public header: the apiquery CLI and the tests
// use it. Including it requires <sqlite3.h>, and the program must link SQLite3 (CMake:
// find_package(SQLite3), target SQLite::SQLite3). Failures throw std::runtime_error with SQLite's
// message (callers convert them).
#pragma once

#include <apiquery/sql/sql.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace apiquery::detail {

/// A prepared statement (finalized by the destructor).
class sqlite_stmt {
public:
    sqlite_stmt() = default;
    sqlite_stmt(sqlite3* db, std::string_view sql) : db_(db) {
        const char* tail = nullptr;
        if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, &st_, &tail) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: cannot prepare: ") + sqlite3_errmsg(db));
        if (st_ == nullptr)
            throw std::runtime_error("sqlite: empty statement");
    }
    sqlite_stmt(sqlite_stmt&& o) noexcept : db_(o.db_), st_(std::exchange(o.st_, nullptr)) {}
    sqlite_stmt& operator=(sqlite_stmt&& o) noexcept {
        std::swap(db_, o.db_);
        std::swap(st_, o.st_);
        return *this;
    }
    ~sqlite_stmt() { sqlite3_finalize(st_); }

    sqlite3_stmt* get() const noexcept { return st_; }

    /// Resets the statement and binds `params` to ?1, ?2, ...
    void bind(const std::vector<sql::value>& params) {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int n = static_cast<int>(i + 1);
            const auto& v = params[i];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(v))
                rc = sqlite3_bind_null(st_, n);
            else if (const auto* b = std::get_if<bool>(&v))
                rc = sqlite3_bind_int64(st_, n, *b ? 1 : 0);
            else if (const auto* k = std::get_if<std::int64_t>(&v))
                rc = sqlite3_bind_int64(st_, n, *k);
            else if (const auto* d = std::get_if<double>(&v))
                rc = sqlite3_bind_double(st_, n, *d);
            else {
                const auto& s = std::get<std::string>(v);
                rc = sqlite3_bind_text64(st_, n, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            }
            if (rc != SQLITE_OK)
                throw std::runtime_error(std::string("sqlite: cannot bind: ") + sqlite3_errmsg(db_));
        }
    }

    /// Steps once: true when a row is available.
    bool step() {
        const int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
    }

    int columns() const noexcept { return sqlite3_column_count(st_); }
    /// The current row's column `i` (text with its full length, embedded NULs included).
    /// Read through the column's sqlite3_value: one call into the statement instead of two or three (its
    /// value functions take no lock, which is safe as a statement is used by one thread at a time).
    sql::cell cell(int i) const noexcept {
        sqlite3_value* v = sqlite3_column_value(st_, i);
        switch (sqlite3_value_type(v)) {
        case SQLITE_NULL:
            return nullptr;
        case SQLITE_INTEGER:
            return static_cast<std::int64_t>(sqlite3_value_int64(v));
        case SQLITE_FLOAT:
            return sqlite3_value_double(v);
        default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
            const int n = sqlite3_value_bytes(v);
            return std::string_view(p ? p : "", static_cast<std::size_t>(n));
        }
        }
    }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* st_ = nullptr;
};

/// An open database connection (closed by the destructor).
class sqlite_db {
public:
    explicit sqlite_db(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw std::runtime_error("sqlite: cannot open " + path + ": " + msg);
        }
        sqlite3_extended_result_codes(db_, 1);
    }
    sqlite_db(sqlite_db&& o) noexcept : db_(std::exchange(o.db_, nullptr)) {}
    sqlite_db& operator=(sqlite_db&& o) noexcept {
        std::swap(db_, o.db_);
        return *this;
    }
    sqlite_db(const sqlite_db&) = delete;
    sqlite_db& operator=(const sqlite_db&) = delete;
    ~sqlite_db() { sqlite3_close(db_); }

    sqlite3* get() const noexcept { return db_; }

    /// Runs SQL text without parameters (several statements allowed).
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errmsg(db_);
            sqlite3_free(err);
            throw std::runtime_error("sqlite: " + msg);
        }
    }

    /// Prepares a statement.
    sqlite_stmt prepare(std::string_view sql) { return sqlite_stmt(db_, sql); }

    /// Runs one statement with its parameters, calling `on_row(const sqlite_stmt&)` for each row.
    /// Returns the number of rows.
    template <class OnRow>
    std::size_t query(const sql::statement& s, OnRow&& on_row) {
        sqlite_stmt st(db_, s.text);
        st.bind(s.params);
        std::size_t n = 0;
        while (st.step()) {
            on_row(static_cast<const sqlite_stmt&>(st));
            ++n;
        }
        return n;
    }

    /// An apiquery::sql::executor running statements on this connection (which must outlive it).
    sql::executor executor() {
        return [this](const sql::statement& s, const sql::row_callback& on_row) {
            sqlite_stmt st(db_, s.text);
            st.bind(s.params);
            std::vector<sql::cell> row;
            while (st.step()) {
                row.clear();
                for (int i = 0; i < st.columns(); ++i)
                    row.push_back(st.cell(i));
                on_row(row);
            }
        };
    }

    /// Runs one statement with its parameters and returns every row as cells (text copied).
    std::vector<std::vector<std::variant<std::nullptr_t, std::int64_t, double, std::string>>>
    rows(const sql::statement& s) {
        std::vector<std::vector<std::variant<std::nullptr_t, std::int64_t, double, std::string>>> out;
        query(s, [&](const sqlite_stmt& st) {
            auto& row = out.emplace_back();
            for (int i = 0; i < st.columns(); ++i) {
                const auto c = st.cell(i);
                if (const auto* t = std::get_if<std::string_view>(&c))
                    row.emplace_back(std::string(*t));
                else if (const auto* k = std::get_if<std::int64_t>(&c))
                    row.emplace_back(*k);
                else if (const auto* d = std::get_if<double>(&c))
                    row.emplace_back(*d);
                else
                    row.emplace_back(nullptr);
            }
        });
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

} // namespace apiquery::detail
