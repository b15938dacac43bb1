// apiquery: the exact decimal numbers of the evaluator: digit helpers on 128-bit coefficients, the
// members of eval::decimal (parsing, text, double, order), and the arithmetic on them (add, multiply,
// divide, modulo: nullopt when the result cannot be exact; rounding) (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace apiquery::eval {

namespace detail {

inline constexpr int max_decimal_digits = 38;

constexpr int128 pow10_128(int n) noexcept {
    int128 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

constexpr int128 abs128(int128 v) noexcept {
    return v < 0 ? -v : v;
}

constexpr int digits128(int128 v) noexcept {
    v = abs128(v);
    int n = 1;
    while (v >= 10) {
        v /= 10;
        ++n;
    }
    return n;
}

/// a * 10^n with overflow detection (result within 38 digits).
inline bool scale_up(int128 a, std::int64_t n, int128& out) noexcept {
    if (a == 0) {
        out = 0;
        return true;
    }
    if (n < 0 || n > max_decimal_digits)
        return false;
    if (digits128(a) + n > max_decimal_digits)
        return false;
    out = a * pow10_128(static_cast<int>(n));
    return true;
}

inline void append_int128(std::string& out, int128 v) {
    if (v < 0) {
        out.push_back('-');
    }
    int128 m = v < 0 ? -v : v; // |v| < 10^38: no overflow
    char buf[48];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m != 0);
    while (n > 0)
        out.push_back(buf[--n]);
}

} // namespace detail

APIQUERY_DECL decimal decimal::normalized(detail::int128 c, std::int32_t e) noexcept {
    if (c == 0)
        return {0, 0};
    while (c % 10 == 0) {
        c /= 10;
        ++e;
    }
    return {c, e};
}

APIQUERY_DECL std::optional<decimal> decimal::from_text(std::string_view t) noexcept {
    std::size_t i = 0;
    bool neg = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) {
        neg = t[i] == '-';
        ++i;
    }
    detail::int128 c = 0;
    int digits = 0;
    std::int64_t e = 0;
    bool any = false, dot = false;
    for (; i < t.size(); ++i) {
        const char ch = t[i];
        if (ch == '.') {
            if (dot)
                return std::nullopt;
            dot = true;
            continue;
        }
        if (ch < '0' || ch > '9')
            return std::nullopt;
        any = true;
        if (dot)
            --e;
        if (c == 0 && ch == '0')
            continue; // leading zero
        if (digits == detail::max_decimal_digits)
            return std::nullopt;
        c = c * 10 + (ch - '0');
        ++digits;
    }
    if (!any || e < std::numeric_limits<std::int32_t>::min() / 2)
        return std::nullopt;
    return normalized(neg ? -c : c, static_cast<std::int32_t>(e));
}

APIQUERY_DECL std::string decimal::to_string() const {
    std::string out;
    if (coeff < 0)
        out.push_back('-');
    std::string digits;
    detail::append_int128(digits, detail::abs128(coeff));
    if (exp >= 0) {
        out.append(digits);
        if (coeff != 0)
            out.append(static_cast<std::size_t>(exp), '0');
        return out;
    }
    const std::size_t frac = static_cast<std::size_t>(-static_cast<std::int64_t>(exp));
    if (digits.size() <= frac) {
        out.append("0.");
        out.append(frac - digits.size(), '0');
        out.append(digits);
    } else {
        out.append(digits, 0, digits.size() - frac);
        out.push_back('.');
        out.append(digits, digits.size() - frac, std::string::npos);
    }
    return out;
}

APIQUERY_DECL double decimal::to_double() const {
    if (coeff == 0)
        return 0.0;
    std::string text;
    detail::append_int128(text, coeff);
    text.push_back('e');
    text.append(std::to_string(exp));
    return std::strtod(text.c_str(), nullptr);
}

APIQUERY_DECL std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
    const int sa = a.coeff < 0 ? -1 : a.coeff > 0 ? 1 : 0;
    const int sb = b.coeff < 0 ? -1 : b.coeff > 0 ? 1 : 0;
    if (sa != sb || sa == 0)
        return sa <=> sb;
    const std::int64_t da = detail::digits128(a.coeff) + std::int64_t{a.exp};
    const std::int64_t db = detail::digits128(b.coeff) + std::int64_t{b.exp};
    std::strong_ordering mag = std::strong_ordering::equal;
    if (da != db) {
        mag = da <=> db;
    } else {
        detail::int128 ma = detail::abs128(a.coeff), mb = detail::abs128(b.coeff);
        if (a.exp > b.exp)
            ma *= detail::pow10_128(a.exp - b.exp);
        else if (b.exp > a.exp)
            mb *= detail::pow10_128(b.exp - a.exp);
        mag = ma <=> mb;
    }
    return sa > 0 ? mag : 0 <=> mag;
}

namespace detail {

inline std::optional<decimal> dec_add(decimal a, decimal b, bool subtract) {
    if (subtract)
        b.coeff = -b.coeff;
    int128 ca = a.coeff, cb = b.coeff;
    std::int32_t e = std::min(a.exp, b.exp);
    if (!scale_up(ca, std::int64_t{a.exp} - e, ca) || !scale_up(cb, std::int64_t{b.exp} - e, cb))
        return std::nullopt;
    int128 r;
    if (__builtin_add_overflow(ca, cb, &r) || digits128(r) > max_decimal_digits)
        return std::nullopt;
    return decimal::normalized(r, e);
}

inline std::optional<decimal> dec_mul(const decimal& a, const decimal& b) {
    int128 r;
    if (__builtin_mul_overflow(a.coeff, b.coeff, &r) || digits128(r) > max_decimal_digits)
        return std::nullopt;
    const std::int64_t e = std::int64_t{a.exp} + b.exp;
    if (e > std::numeric_limits<std::int32_t>::max() / 2 || e < std::numeric_limits<std::int32_t>::min() / 2)
        return std::nullopt;
    return decimal::normalized(r, static_cast<std::int32_t>(e));
}

/// a / b truncated to about 37 significant digits; nullopt for b == 0 or a divisor too long.
inline std::optional<decimal> dec_div(const decimal& a, const decimal& b) {
    if (b.coeff == 0 || digits128(b.coeff) > 36)
        return std::nullopt;
    if (a.coeff == 0)
        return decimal{};
    const bool neg = (a.coeff < 0) != (b.coeff < 0);
    int128 num = abs128(a.coeff);
    const int128 den = abs128(b.coeff);
    int k = max_decimal_digits - 1 - digits128(num);
    num *= pow10_128(k);
    int128 q = num / den, r = num % den;
    while (r != 0 && digits128(q) < max_decimal_digits - 1) {
        r *= 10;
        q = q * 10 + r / den;
        r %= den;
        ++k;
    }
    const std::int64_t e = std::int64_t{a.exp} - b.exp - k;
    if (e > std::numeric_limits<std::int32_t>::max() / 2 || e < std::numeric_limits<std::int32_t>::min() / 2)
        return std::nullopt;
    return decimal::normalized(neg ? -q : q, static_cast<std::int32_t>(e));
}

inline std::optional<decimal> dec_mod(const decimal& a, const decimal& b) {
    if (b.coeff == 0)
        return std::nullopt;
    int128 ca = a.coeff, cb = b.coeff;
    std::int32_t e = std::min(a.exp, b.exp);
    if (!scale_up(ca, std::int64_t{a.exp} - e, ca) || !scale_up(cb, std::int64_t{b.exp} - e, cb))
        return std::nullopt;
    return decimal::normalized(ca % cb, e);
}

enum class rounding { floor, ceiling, half_away };

inline decimal dec_round(const decimal& a, rounding mode) {
    if (a.exp >= 0)
        return a;
    const std::int64_t frac = -std::int64_t{a.exp};
    if (frac > max_decimal_digits) { // |a| < 1
        int128 q = 0;
        if (mode == rounding::floor && a.coeff < 0)
            q = -1;
        if (mode == rounding::ceiling && a.coeff > 0)
            q = 1;
        return decimal::normalized(q, 0);
    }
    const int128 d = pow10_128(static_cast<int>(frac));
    int128 q = a.coeff / d, r = a.coeff % d;
    switch (mode) {
    case rounding::floor:
        if (r < 0)
            --q;
        break;
    case rounding::ceiling:
        if (r > 0)
            ++q;
        break;
    case rounding::half_away:
        if (abs128(r) * 2 >= d)
            q += a.coeff < 0 ? -1 : 1;
        break;
    }
    return decimal::normalized(q, 0);
}

} // namespace detail

} // namespace apiquery::eval
