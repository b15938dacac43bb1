// apiquery: an exact integer of any size, as a Python int holds a validated query value.
#pragma once

#include <apiquery/value/lax_int.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery {

/// An integer as pydantic hands it to the endpoint: a Python int, exact at any size (a query value has
/// at most 4300 digits). Values that fit in 64 bits are stored as such; larger ones as their decimal text.
///
/// @par Example
/// @code
/// auto n = apiquery::big_int::from(apiquery::parse_lax_int("99999999999999999999999").value());
/// assert(n.to_string() == "99999999999999999999999" && !n.to_int64() && n > 100);
/// @endcode
class big_int {
public:
    constexpr big_int() noexcept = default;
    constexpr big_int(std::int64_t v) noexcept : small_(v) {}

    /// The value of a validated integer text.
    static big_int from(const int_text& t) {
        big_int b;
        if (const auto v = t.to_int64()) {
            b.small_ = *v;
        } else {
            b.large_ = t.to_string();
        }
        return b;
    }

    /// True when the value does not fit in 64 bits.
    [[nodiscard]] bool is_large() const noexcept { return !large_.empty(); }
    /// The value if it fits in 64 bits.
    [[nodiscard]] std::optional<std::int64_t> to_int64() const noexcept {
        if (is_large())
            return std::nullopt;
        return small_;
    }
    [[nodiscard]] bool negative() const noexcept { return is_large() ? large_.front() == '-' : small_ < 0; }

    /// Python's `str(int)`.
    [[nodiscard]] std::string to_string() const { return is_large() ? large_ : std::to_string(small_); }
    /// Appends Python's `str(int)`.
    void append_to(std::string& out) const {
        if (is_large())
            out.append(large_);
        else
            out.append(std::to_string(small_));
    }

    friend bool operator==(const big_int& a, const big_int& b) noexcept {
        return a.small_ == b.small_ && a.large_ == b.large_;
    }
    friend std::strong_ordering operator<=>(const big_int& a, const big_int& b) noexcept {
        if (!a.is_large() && !b.is_large())
            return a.small_ <=> b.small_;
        const int sa = a.sign_class(), sb = b.sign_class();
        if (sa != sb)
            return sa <=> sb;
        // Same class: both large, or one large and one small with the same sign.
        const std::string_view ma = a.magnitude_text(), mb = b.magnitude_text();
        std::strong_ordering by = ma.size() != mb.size() ? ma.size() <=> mb.size() : ma.compare(mb) <=> 0;
        if (!a.is_large() || !b.is_large()) // a large magnitude always exceeds a small one
            by = a.is_large() ? std::strong_ordering::greater : std::strong_ordering::less;
        return sa < 0 ? 0 <=> by : by;
    }
    friend bool operator==(const big_int& a, std::int64_t b) noexcept {
        return !a.is_large() && a.small_ == b;
    }
    friend std::strong_ordering operator<=>(const big_int& a, std::int64_t b) noexcept {
        return a <=> big_int(b);
    }

private:
    // -1 for negative, +1 otherwise (zero is small and non-negative).
    [[nodiscard]] int sign_class() const noexcept { return negative() ? -1 : 1; }
    [[nodiscard]] std::string_view magnitude_text() const noexcept {
        std::string_view v(large_);
        if (!v.empty() && v.front() == '-')
            v.remove_prefix(1);
        return v;
    }

    std::int64_t small_ = 0;
    std::string large_; ///< empty unless the value does not fit in 64 bits
};

} // namespace apiquery
