// Helpers shared by the fuzz targets.
#pragma once

#include <pthread.h>

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

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

/// A thread with a small stack (256 KiB by default) that runs one job at a time for its caller, so
/// that unbounded recursion shows up as a crash even where the main thread's stack is large. Created
/// once and reused: a thread per input cost more than most inputs' checks under the sanitizers.
class small_stack_thread {
public:
    explicit small_stack_thread(std::size_t stack_bytes = 256 * 1024) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, stack_bytes);
        const int rc = pthread_create(&thread_, &attr, &small_stack_thread::main, this);
        pthread_attr_destroy(&attr);
        if (rc != 0)
            invariant_failed("pthread_create");
    }
    small_stack_thread(const small_stack_thread&) = delete;
    small_stack_thread& operator=(const small_stack_thread&) = delete;
    ~small_stack_thread() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        pthread_join(thread_, nullptr);
    }

    /// Runs fn on the thread and waits for it to return.
    void run(const std::function<void()>& fn) {
        std::unique_lock<std::mutex> lock(mutex_);
        job_ = &fn;
        wake_.notify_all();
        done_.wait(lock, [this] { return job_ == nullptr; });
    }

private:
    static void* main(void* self) {
        static_cast<small_stack_thread*>(self)->loop();
        return nullptr;
    }
    void loop() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return job_ != nullptr || stop_; });
            if (job_ == nullptr)
                return; // stopping
            const auto* job = job_;
            lock.unlock();
            (*job)();
            lock.lock();
            job_ = nullptr;
            done_.notify_all();
        }
    }

    pthread_t thread_{};
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void()>* job_ = nullptr;
    bool stop_ = false;
};

/// Runs fn on the process's small-stack thread (see small_stack_thread) and waits for it.
inline void run_with_small_stack(const std::function<void()>& fn) {
    static small_stack_thread thread;
    thread.run(fn);
}

/// One fuzz input: copied to a heap buffer of exactly its size (reading one byte past the input is an
/// ASan error, also when the replay main or another driver passes a larger buffer), then checked by
/// `check` on the small-stack thread.
inline void run_input(const std::uint8_t* data, std::size_t size, void (*check)(std::string_view)) {
    std::unique_ptr<char[]> buffer(new char[size == 0 ? 1 : size]);
    if (size != 0)
        std::memcpy(buffer.get(), data, size);
    const std::string_view text(buffer.get(), size);
    run_with_small_stack([text, check] { check(text); });
}

} // namespace apiquery::fuzz

/// Defines the libFuzzer entry point of a target whose checks are `void check(std::string_view)`.
#define APIQUERY_FUZZ_ENTRY(check)                                                                           \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {                      \
        ::apiquery::fuzz::run_input(data, size, check);                                                      \
        return 0;                                                                                            \
    }
