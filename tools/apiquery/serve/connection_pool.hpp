// apiquery serve: one database connection per server thread, opened on the thread's first query, so
// that an sql::executor over it may be called from every thread at once (a SQLite or libpq connection
// is for one thread at a time).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

namespace apiquery::cli::serve {

template <class Connection>
class per_thread_connections {
public:
    /// `open` makes a connection (it may throw; the query that needed it then fails, and the next
    /// query on that thread tries again).
    explicit per_thread_connections(std::function<std::unique_ptr<Connection>()> open)
        : open_(std::move(open)) {}

    /// The calling thread's connection. Thread-safe; the connection is the caller's alone.
    Connection& get() {
        const auto self = std::this_thread::get_id();
        {
            std::lock_guard lock(mutex_);
            if (auto it = connections_.find(self); it != connections_.end())
                return *it->second;
        }
        auto c = open_(); // outside the lock: connecting may take a while
        Connection& ref = *c;
        std::lock_guard lock(mutex_);
        connections_.emplace(self, std::move(c));
        return ref;
    }

private:
    std::function<std::unique_ptr<Connection>()> open_;
    std::mutex mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<Connection>> connections_;
};

} // namespace apiquery::cli::serve
