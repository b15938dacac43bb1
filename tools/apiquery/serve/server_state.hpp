// apiquery serve: what every connection of a running server shares: the options, the request handler,
// the count of open connections and the list of live sessions (for the shutdown). Thread-safe.
#pragma once

#include "options.hpp"

#include <apiquery/service/handler.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace apiquery::cli::serve {

/// A connection as the server sees it.
class session_base {
public:
    virtual ~session_base() = default;
    /// The server stops: close at once when idle, otherwise after the response in progress.
    /// Thread-safe (the session continues on its own strand, or its one thread).
    virtual void stop() = 0;
};

class server_state {
public:
    server_state(const options& o, const request_handler& h, std::function<void()> on_drained)
        : opts(o), handler(h), on_drained_(std::move(on_drained)) {}

    const options& opts;
    const request_handler& handler;
    std::atomic<std::size_t> connections{0};
    std::atomic<bool> stopping{false};

    using registration = std::list<std::weak_ptr<session_base>>::iterator;

    registration add(std::weak_ptr<session_base> s) {
        std::lock_guard lock(mutex_);
        return sessions_.insert(sessions_.end(), std::move(s));
    }

    /// A session ends: its registration goes, and the last one out after a stop finishes the run.
    void remove(registration r) {
        {
            std::lock_guard lock(mutex_);
            sessions_.erase(r);
        }
        closed();
    }

    /// A connection that had no session ends.
    void closed() {
        if (connections.fetch_sub(1) == 1 && stopping.load())
            on_drained_();
    }

    /// Stops every live session.
    void stop_all() {
        std::list<std::shared_ptr<session_base>> live;
        {
            std::lock_guard lock(mutex_);
            for (auto& w : sessions_)
                if (auto s = w.lock())
                    live.push_back(std::move(s));
        }
        for (auto& s : live)
            s->stop();
        if (connections.load() == 0)
            on_drained_();
    }

private:
    std::function<void()> on_drained_;
    std::mutex mutex_;
    std::list<std::weak_ptr<session_base>> sessions_;
};

} // namespace apiquery::cli::serve
