// Helpers shared by the fuzz targets.
#pragma once

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <functional>

namespace apiquery::fuzz {

/// Stops the process with a message: a broken invariant is a finding, like a crash.
[[noreturn]] inline void invariant_failed(const char* what) {
    std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
    std::abort();
}

#define APIQUERY_FUZZ_ASSERT(cond)                                                                           \
    do {                                                                                                     \
        if (!(cond))                                                                                         \
            ::apiquery::fuzz::invariant_failed(#cond);                                                       \
    } while (0)

/// Runs fn on a thread whose stack is `stack_bytes` (256 KiB by default), so that unbounded recursion
/// shows up as a crash even where the main thread's stack is large.
inline void run_with_small_stack(const std::function<void()>& fn, std::size_t stack_bytes = 256 * 1024) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    if (pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&fn)) != 0)
        invariant_failed("pthread_create");
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

} // namespace apiquery::fuzz
