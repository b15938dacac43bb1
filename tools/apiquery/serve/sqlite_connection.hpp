// apiquery serve: a SQLite connection for one server thread, with its prepared statements kept for
// reuse (the listing SQL of a request shape is the same text every time: parsing it again would cost more
// than running it on a small table). At most `cache_limit` statements are kept; past that, a statement
// is prepared for its one use (so that hostile filters, each its own SQL text, cannot grow memory).
// Read-only database files are opened with locking_mode=EXCLUSIVE: the connection takes its shared lock
// once instead of at every statement (other readers are not blocked; a writer is, while serving).
//
// The data a server reads through such a connection does not change while it serves (a read-only file
// under that lock, or the in-memory sample loaded at start), so the answer of a `SELECT COUNT(*)` is
// kept, by statement text and parameters: a client walking a listing asks the same count with every
// page. Kept counts are bounded in bytes (`count_cache_bytes`); past that, the cache starts over.
#pragma once

#include <apiquery/sql/detail/sqlite_db.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace apiquery::cli::serve {

class sqlite_connection {
public:
    static constexpr std::size_t cache_limit = 64;
    static constexpr std::size_t count_cache_bytes = std::size_t{1} << 20;
    /// How a count statement begins (sql::count_statement writes it so; the tests hold it to that).
    static constexpr std::string_view count_prefix = "SELECT COUNT(*) FROM ";

    explicit sqlite_connection(detail::sqlite_db db, bool read_only) : db_(std::move(db)) {
        if (read_only)
            db_.exec("PRAGMA locking_mode=EXCLUSIVE");
    }

    detail::sqlite_db& db() { return db_; }

    /// Runs `s`; every row goes to `on_row` (an apiquery::sql::executor's contract). Errors throw.
    void run(const sql::statement& s, const sql::row_callback& on_row) {
        const bool count = std::string_view(s.text).starts_with(count_prefix);
        if (count) {
            count_key(s);
            if (const auto it = counts_.find(key_); it != counts_.end()) {
                const sql::cell c = it->second;
                on_row(std::span<const sql::cell>(&c, 1));
                return;
            }
        }
        detail::sqlite_stmt one_use;
        detail::sqlite_stmt* st = nullptr;
        if (auto it = cache_.find(s.text); it != cache_.end()) {
            st = &it->second;
        } else if (cache_.size() < cache_limit) {
            st = &cache_.emplace(s.text, db_.prepare(s.text)).first->second;
        } else {
            one_use = db_.prepare(s.text);
            st = &one_use;
        }
        // Reset when done or on an error, so that the statement holds no read transaction between uses.
        struct reset_guard {
            detail::sqlite_stmt* st;
            ~reset_guard() { sqlite3_reset(st->get()); }
        } guard{st};
        st->bind(s.params);
        std::size_t rows = 0;
        while (st->step()) {
            ++rows;
            row_.clear();
            for (int i = 0; i < st->columns(); ++i)
                row_.push_back(st->cell(i));
            on_row(row_);
        }
        if (count && rows == 1 && row_.size() == 1 && std::holds_alternative<std::int64_t>(row_[0])) {
            if (count_bytes_ + key_.size() > count_cache_bytes) {
                counts_.clear();
                count_bytes_ = 0;
            }
            count_bytes_ += key_.size();
            counts_.emplace(key_, std::get<std::int64_t>(row_[0]));
        }
    }

private:
    /// `key_` = the statement's text, then each parameter as a type byte and its bytes (text with its
    /// length first), so that two different statements never share a key.
    void count_key(const sql::statement& s) {
        key_.assign(s.text);
        const auto raw = [&](const auto& v) {
            char b[sizeof v];
            std::memcpy(b, &v, sizeof v);
            key_.append(b, sizeof v);
        };
        for (const auto& p : s.params) {
            key_.push_back(static_cast<char>('0' + p.index()));
            if (const auto* b = std::get_if<bool>(&p))
                key_.push_back(*b ? '1' : '0');
            else if (const auto* i = std::get_if<std::int64_t>(&p))
                raw(*i);
            else if (const auto* d = std::get_if<double>(&p))
                raw(*d);
            else if (const auto* t = std::get_if<std::string>(&p)) {
                raw(t->size());
                key_.append(*t);
            }
        }
    }

    detail::sqlite_db db_;
    std::unordered_map<std::string, detail::sqlite_stmt> cache_;
    std::vector<sql::cell> row_;
    std::unordered_map<std::string, std::int64_t> counts_;
    std::size_t count_bytes_ = 0;
    std::string key_;
};

} // namespace apiquery::cli::serve
