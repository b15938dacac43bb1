// apiquery serve: a SQLite connection for one server thread, with its prepared statements kept for
// reuse (the listing SQL of a request shape is the same text every time: parsing it again would cost more
// than running it on a small table). At most `cache_limit` statements are kept; past that, a statement
// is prepared for its one use (so that hostile filters, each its own SQL text, cannot grow memory).
// Read-only database files are opened with locking_mode=EXCLUSIVE: the connection takes its shared lock
// once instead of at every statement (other readers are not blocked; a writer is, while serving).
#pragma once

#include <apiquery/sql/detail/sqlite_db.hpp>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace apiquery::cli::serve {

class sqlite_connection {
public:
    static constexpr std::size_t cache_limit = 64;

    explicit sqlite_connection(detail::sqlite_db db, bool read_only) : db_(std::move(db)) {
        if (read_only)
            db_.exec("PRAGMA locking_mode=EXCLUSIVE");
    }

    detail::sqlite_db& db() { return db_; }

    /// Runs `s`; every row goes to `on_row` (an apiquery::sql::executor's contract). Errors throw.
    void run(const sql::statement& s, const sql::row_callback& on_row) {
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
        while (st->step()) {
            row_.clear();
            for (int i = 0; i < st->columns(); ++i)
                row_.push_back(st->cell(i));
            on_row(row_);
        }
    }

private:
    detail::sqlite_db db_;
    std::unordered_map<std::string, detail::sqlite_stmt> cache_;
    std::vector<sql::cell> row_;
};

} // namespace apiquery::cli::serve
