// apiquery: result<T, E>, the return type of every fallible function in the public API.
//
// apiquery does not throw across its API: a function that can fail returns a result that holds either
// a value or an error. It is a deliberately small subset of std::expected (which needs -std=c++2b on
// GCC 12), so code written against it moves to std::expected by renaming.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace apiquery {

/// Thrown only by result::value() / result::error() when the wrong alternative is asked for.
class bad_result_access : public std::logic_error {
public:
    explicit bad_result_access(const char* what) : std::logic_error(what) {}
};

/// Tag wrapper that constructs a result in the error state: `return unexpected{err};`.
template <class E>
struct unexpected {
    E error;
};
template <class E>
unexpected(E) -> unexpected<E>;

/// Either a T (success) or an E (failure). T may be `void`-like: use `std::monostate`.
template <class T, class E>
class [[nodiscard]] result {
    static_assert(!std::is_same_v<T, E>, "value and error types must differ");

public:
    using value_type = T;
    using error_type = E;

    template <class U = T, class = std::enable_if_t<std::is_constructible_v<T, U&&>>>
    constexpr result(U&& v) : storage_(std::in_place_index<0>, std::forward<U>(v)) {}
    template <class G>
    constexpr result(unexpected<G> e) : storage_(std::in_place_index<1>, std::move(e.error)) {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return storage_.index() == 0; }
    [[nodiscard]] constexpr bool has_error() const noexcept { return storage_.index() == 1; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    /// The value; throws bad_result_access if this holds an error.
    constexpr T& value() & { return check_value(), std::get<0>(storage_); }
    constexpr const T& value() const& { return check_value(), std::get<0>(storage_); }
    constexpr T&& value() && { return check_value(), std::get<0>(std::move(storage_)); }

    /// The error; throws bad_result_access if this holds a value.
    constexpr E& error() & { return check_error(), std::get<1>(storage_); }
    constexpr const E& error() const& { return check_error(), std::get<1>(storage_); }
    constexpr E&& error() && { return check_error(), std::get<1>(std::move(storage_)); }

    constexpr T& operator*() & noexcept { return *std::get_if<0>(&storage_); }
    constexpr const T& operator*() const& noexcept { return *std::get_if<0>(&storage_); }
    constexpr T* operator->() noexcept { return std::get_if<0>(&storage_); }
    constexpr const T* operator->() const noexcept { return std::get_if<0>(&storage_); }

    template <class U>
    constexpr T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(storage_) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    constexpr void check_value() const {
        if (!has_value())
            throw bad_result_access("apiquery::result: value() called on an error");
    }
    constexpr void check_error() const {
        if (!has_error())
            throw bad_result_access("apiquery::result: error() called on a value");
    }

    std::variant<T, E> storage_;
};

} // namespace apiquery
