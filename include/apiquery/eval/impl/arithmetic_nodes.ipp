// apiquery: arithmetic in the evaluator: numbers (int, falling back to decimal on overflow, and to
// double), date and time arithmetic with durations, durations scaled by numbers, negation, and their
// evaluation nodes (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/decimal.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/value/calendar.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace apiquery::eval::detail {

inline value number_result(std::optional<decimal> d, double fallback) {
    return d ? value::dec(*d) : value::dbl(fallback);
}

inline void normalize_ps(std::int64_t& us, std::int64_t& ps) {
    us += calendar::floor_div(ps, ps_per_us);
    ps = calendar::floor_mod(ps, ps_per_us);
}

inline value add_duration(const value& t, const value& d, bool subtract) {
    std::int64_t us = 0, ps = 0;
    const std::int64_t dus = subtract ? -d.u.i : d.u.i;
    const std::int64_t dps = subtract ? -std::int64_t{d.ps} : std::int64_t{d.ps};
    if (t.k == kind::date) {
        std::int64_t base;
        if (__builtin_mul_overflow(t.u.i, us_per_day, &base) || __builtin_add_overflow(base, dus, &us))
            return value::null();
        ps = dps;
        normalize_ps(us, ps);
        return value::date(calendar::floor_div(us, us_per_day));
    }
    if (__builtin_add_overflow(t.u.i, dus, &us))
        return value::null();
    ps = std::int64_t{t.ps} + dps;
    normalize_ps(us, ps);
    if (t.k == kind::duration)
        return value::duration(us, static_cast<std::int32_t>(ps));
    return value::datetime(us, static_cast<std::int32_t>(ps), t.offset_minutes);
}

inline value scale_duration(const value& d, const value& n, bool divide) {
    if (n.k == kind::int_ && !divide) {
        std::int64_t us, ps;
        if (__builtin_mul_overflow(d.u.i, n.u.i, &us) ||
            __builtin_mul_overflow(std::int64_t{d.ps}, n.u.i, &ps))
            return value::null();
        normalize_ps(us, ps);
        return value::duration(us, static_cast<std::int32_t>(ps));
    }
    const long double total = static_cast<long double>(d.u.i) * ps_per_us + d.ps;
    const long double f = static_cast<long double>(to_double(n));
    if (divide && f == 0)
        return value::null();
    const long double r = divide ? total / f : total * f;
    if (!std::isfinite(static_cast<double>(r)) || std::fabs(r) > 9.2e24L)
        return value::null();
    const long double rp = std::floor(r);
    const long double us_part = std::floor(rp / ps_per_us);
    std::int64_t us = static_cast<std::int64_t>(us_part);
    std::int64_t ps = static_cast<std::int64_t>(rp - us_part * ps_per_us);
    normalize_ps(us, ps);
    return value::duration(us, static_cast<std::int32_t>(ps));
}

inline value arithmetic(binary_op op, const value& a, const value& b) {
    if (a.is_null() || b.is_null())
        return value::null();
    if (is_number(a.k) && is_number(b.k)) {
        if (a.k == kind::int_ && b.k == kind::int_) {
            const std::int64_t x = a.u.i, y = b.u.i;
            std::int64_t r;
            switch (op) {
            case binary_op::add:
                if (!__builtin_add_overflow(x, y, &r))
                    return value::integer(r);
                break;
            case binary_op::sub:
                if (!__builtin_sub_overflow(x, y, &r))
                    return value::integer(r);
                break;
            case binary_op::mul:
                if (!__builtin_mul_overflow(x, y, &r))
                    return value::integer(r);
                break;
            case binary_op::div:
                if (y == 0)
                    return value::null();
                if (x == std::numeric_limits<std::int64_t>::min() && y == -1)
                    break;
                return value::integer(x / y);
            case binary_op::mod:
                if (y == 0)
                    return value::null();
                if (y == -1)
                    return value::integer(0);
                return value::integer(x % y);
            default: // divby
                break;
            }
        }
        const bool use_double = a.k == kind::double_ || b.k == kind::double_;
        if (!use_double) {
            const decimal x = to_decimal(a), y = to_decimal(b);
            switch (op) {
            case binary_op::add:
                return number_result(dec_add(x, y, false), x.to_double() + y.to_double());
            case binary_op::sub:
                return number_result(dec_add(x, y, true), x.to_double() - y.to_double());
            case binary_op::mul:
                return number_result(dec_mul(x, y), x.to_double() * y.to_double());
            case binary_op::div:
                if (a.k == kind::int_ && b.k == kind::int_) // INT64_MIN div -1
                    return value::dec(decimal::normalized(-static_cast<int128>(a.u.i), 0));
                [[fallthrough]];
            case binary_op::divby:
                if (y.coeff == 0)
                    return value::dbl(x.coeff == 0 ? std::numeric_limits<double>::quiet_NaN()
                                                   : (x.coeff > 0 ? 1.0 : -1.0) *
                                                         std::numeric_limits<double>::infinity());
                return number_result(dec_div(x, y), x.to_double() / y.to_double());
            default: // mod
                if (y.coeff == 0)
                    return value::null();
                return number_result(dec_mod(x, y), std::fmod(x.to_double(), y.to_double()));
            }
        }
        const double x = to_double(a), y = to_double(b);
        switch (op) {
        case binary_op::add:
            return value::dbl(x + y);
        case binary_op::sub:
            return value::dbl(x - y);
        case binary_op::mul:
            return value::dbl(x * y);
        case binary_op::mod:
            if (y == 0)
                return value::null();
            return value::dbl(std::fmod(x, y));
        default:
            return value::dbl(x / y);
        }
    }
    // time arithmetic
    const bool sub = op == binary_op::sub;
    if ((op == binary_op::add || sub) && b.k == kind::duration &&
        (a.k == kind::datetimeoffset || a.k == kind::date || a.k == kind::duration))
        return add_duration(a, b, sub);
    if (op == binary_op::add && a.k == kind::duration && (b.k == kind::datetimeoffset || b.k == kind::date))
        return add_duration(b, a, false);
    if (sub && a.k == kind::datetimeoffset && (b.k == kind::datetimeoffset || b.k == kind::date)) {
        const std::int64_t bus = b.k == kind::date ? b.u.i * us_per_day : b.u.i;
        std::int64_t us, ps = std::int64_t{a.ps} - (b.k == kind::date ? 0 : b.ps);
        if (__builtin_sub_overflow(a.u.i, bus, &us))
            return value::null();
        normalize_ps(us, ps);
        return value::duration(us, static_cast<std::int32_t>(ps));
    }
    if (sub && a.k == kind::date && b.k == kind::date)
        return value::duration((a.u.i - b.u.i) * us_per_day, 0);
    if (op == binary_op::mul && a.k == kind::duration && is_number(b.k))
        return scale_duration(a, b, false);
    if (op == binary_op::mul && b.k == kind::duration && is_number(a.k))
        return scale_duration(b, a, false);
    if ((op == binary_op::div || op == binary_op::divby) && a.k == kind::duration && is_number(b.k))
        return scale_duration(a, b, true);
    return value::null();
}

class arith_node final : public node {
public:
    arith_node(binary_op op, node_ptr a, node_ptr b) : op_(op), a_(std::move(a)), b_(std::move(b)) {}
    value eval(context& c) const override { return arithmetic(op_, a_->eval(c), b_->eval(c)); }

private:
    binary_op op_;
    node_ptr a_, b_;
};

inline value negate(const value& v) {
    switch (v.k) {
    case kind::int_:
        if (v.u.i == std::numeric_limits<std::int64_t>::min())
            return value::dec(decimal::normalized(-static_cast<int128>(v.u.i), 0));
        return value::integer(-v.u.i);
    case kind::decimal:
        return value::dec(decimal::normalized(-v.u.coeff, v.exp));
    case kind::double_:
        return value::dbl(-v.u.d);
    case kind::duration: {
        std::int64_t us = -v.u.i, ps = -std::int64_t{v.ps};
        normalize_ps(us, ps);
        return value::duration(us, static_cast<std::int32_t>(ps));
    }
    default:
        return value::null();
    }
}

class neg_node final : public node {
public:
    explicit neg_node(node_ptr k) : kid_(std::move(k)) {}
    value eval(context& c) const override { return negate(kid_->eval(c)); }

private:
    node_ptr kid_;
};

} // namespace apiquery::eval::detail
