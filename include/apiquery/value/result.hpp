// apiquery: result<T, E>, the return type of every fallible function in the public API.
//
// apiquery does not throw across its API: a function that can fail returns a result that holds either
// a value or an error. It is a deliberately small subset of std::expected (which needs -std=c++2b on
// GCC 12), so code written against it moves to std::expected by renaming.
#pragma once

#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

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

namespace detail {

// The storage of result<T, E>: a union and a state byte. It behaves as the std::variant<T, E> it
// replaces: copyable, movable and assignable exactly when variant<T, E> is, trivially so when both
// types are trivially copyable (then also in constant expressions), with the same noexcept
// specifications, and holding neither (has_value() and has_error() both false) after an assignment
// that changed the alternative and threw. Written out because the result types are instantiated in
// every translation unit that includes the headers declaring them, and std::variant's machinery cost
// several times the compile time of these few functions.

enum class result_state : unsigned char { value, error, none };

template <class T, class E>
inline constexpr bool result_trivial = (std::is_trivially_copyable_v<T> && std::is_trivially_copyable_v<E>);

template <class T, class E, bool = result_trivial<T, E>>
struct result_storage {
    template <class... A>
    constexpr explicit result_storage(std::in_place_index_t<0>, A&&... a)
        : value_(std::forward<A>(a)...), state_(result_state::value) {}
    template <class... A>
    constexpr explicit result_storage(std::in_place_index_t<1>, A&&... a)
        : error_(std::forward<A>(a)...), state_(result_state::error) {}

    union {
        T value_;
        E error_;
    };
    result_state state_;
};

template <class T, class E>
struct result_storage<T, E, false> {
    static constexpr bool copy_constructible =
        (std::is_copy_constructible_v<T> && std::is_copy_constructible_v<E>);
    static constexpr bool move_constructible =
        (std::is_move_constructible_v<T> && std::is_move_constructible_v<E>);
    static constexpr bool copy_assignable =
        (copy_constructible && std::is_copy_assignable_v<T> && std::is_copy_assignable_v<E>);
    static constexpr bool move_assignable =
        (move_constructible && std::is_move_assignable_v<T> && std::is_move_assignable_v<E>);
    static constexpr bool nothrow_copy =
        (std::is_nothrow_copy_constructible_v<T> && std::is_nothrow_copy_constructible_v<E>);
    static constexpr bool nothrow_move =
        (std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_constructible_v<E>);
    static constexpr bool nothrow_move_assign =
        (nothrow_move && std::is_nothrow_move_assignable_v<T> && std::is_nothrow_move_assignable_v<E>);

    template <class... A>
    constexpr explicit result_storage(std::in_place_index_t<0>, A&&... a)
        : value_(std::forward<A>(a)...), state_(result_state::value) {}
    template <class... A>
    constexpr explicit result_storage(std::in_place_index_t<1>, A&&... a)
        : error_(std::forward<A>(a)...), state_(result_state::error) {}

    result_storage(const result_storage& o) noexcept(nothrow_copy) requires copy_constructible
        : state_(result_state::none) {
        if (o.state_ == result_state::value)
            ::new (static_cast<void*>(&value_)) T(o.value_);
        else if (o.state_ == result_state::error)
            ::new (static_cast<void*>(&error_)) E(o.error_);
        state_ = o.state_;
    }

    result_storage(result_storage&& o) noexcept(nothrow_move) requires move_constructible
        : state_(result_state::none) {
        if (o.state_ == result_state::value)
            ::new (static_cast<void*>(&value_)) T(std::move(o.value_));
        else if (o.state_ == result_state::error)
            ::new (static_cast<void*>(&error_)) E(std::move(o.error_));
        state_ = o.state_;
    }

    result_storage& operator=(const result_storage& o) requires copy_assignable {
        if (o.state_ == result_state::value)
            assign(value_, result_state::value, o.value_);
        else if (o.state_ == result_state::error)
            assign(error_, result_state::error, o.error_);
        else
            reset();
        return *this;
    }

    result_storage& operator=(result_storage&& o) noexcept(nothrow_move_assign) requires move_assignable {
        if (o.state_ == result_state::value)
            assign(value_, result_state::value, std::move(o.value_));
        else if (o.state_ == result_state::error)
            assign(error_, result_state::error, std::move(o.error_));
        else
            reset();
        return *this;
    }

    constexpr ~result_storage() { reset(); }

    constexpr void reset() noexcept {
        if (state_ == result_state::value)
            value_.~T();
        else if (state_ == result_state::error)
            error_.~E();
        state_ = result_state::none;
    }

    // As variant's assignment: the alternative held is assigned to; another one is constructed in place
    // after destroying the current one (from a temporary copy when that keeps the old content should
    // the copy throw; if the construction throws nonetheless, the storage holds neither).
    template <class M, class U>
    void assign(M& member, result_state target, U&& from) {
        if (state_ == target) {
            member = std::forward<U>(from);
        } else if constexpr (std::is_rvalue_reference_v<U&&> || std::is_nothrow_copy_constructible_v<M> ||
                             !std::is_nothrow_move_constructible_v<M>) {
            reset();
            ::new (static_cast<void*>(&member)) M(std::forward<U>(from));
            state_ = target;
        } else {
            M copy(from);
            reset();
            ::new (static_cast<void*>(&member)) M(std::move(copy));
            state_ = target;
        }
    }

    union {
        T value_;
        E error_;
    };
    result_state state_;
};

} // namespace detail

/// Either a T (success) or an E (failure). T may be `void`-like: use `std::monostate`.
template <class T, class E>
class [[nodiscard]] result {
    static_assert(!std::is_same_v<T, E>, "value and error types must differ");

public:
    using value_type = T;
    using error_type = E;

    template <class U = T, class = std::enable_if_t<std::is_constructible_v<T, U&&>>>
    constexpr result(U&& v) : s_(std::in_place_index<0>, std::forward<U>(v)) {}
    template <class G>
    constexpr result(unexpected<G> e) : s_(std::in_place_index<1>, std::move(e.error)) {}

    [[nodiscard]] constexpr bool has_value() const noexcept {
        return s_.state_ == detail::result_state::value;
    }
    [[nodiscard]] constexpr bool has_error() const noexcept {
        return s_.state_ == detail::result_state::error;
    }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    /// The value; throws bad_result_access if this holds an error.
    constexpr T& value() & { return check_value(), s_.value_; }
    constexpr const T& value() const& { return check_value(), s_.value_; }
    constexpr T&& value() && { return check_value(), std::move(s_.value_); }

    /// The error; throws bad_result_access if this holds a value.
    constexpr E& error() & { return check_error(), s_.error_; }
    constexpr const E& error() const& { return check_error(), s_.error_; }
    constexpr E&& error() && { return check_error(), std::move(s_.error_); }

    constexpr T& operator*() & noexcept { return s_.value_; }
    constexpr const T& operator*() const& noexcept { return s_.value_; }
    constexpr T* operator->() noexcept { return &s_.value_; }
    constexpr const T* operator->() const noexcept { return &s_.value_; }

    template <class U>
    constexpr T value_or(U&& fallback) const& {
        return has_value() ? s_.value_ : static_cast<T>(std::forward<U>(fallback));
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

    detail::result_storage<T, E> s_;
};

} // namespace apiquery
