// apiquery: the evaluation of function calls (string, collection, date and time, and rounding
// functions; matchesPattern with a pattern compiled once when it is a constant): null in gives null out
// (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/detail/case_mapping.hpp>
#include <apiquery/eval/detail/ecma_regex.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/compare.ipp>
#include <apiquery/eval/impl/decimal.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::eval::detail {

/// Byte offset of the code point with index `n` (or s.size()).
inline std::size_t cp_offset(std::string_view s, std::int64_t n) {
    std::size_t i = 0;
    for (std::int64_t k = 0; k < n && i < s.size(); ++k)
        i += apiquery::detail::utf8_decode(s, i).size;
    return i;
}

inline std::int64_t cp_count(std::string_view s) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n)
        i += apiquery::detail::utf8_decode(s, i).size;
    return n;
}

/// Integer argument of substring (int, or an integral decimal).
inline std::optional<std::int64_t> int_arg(const value& v) {
    if (v.k == kind::int_)
        return v.u.i;
    return std::nullopt;
}

/// Whether `hay` contains `needle` as a contiguous run, at which index (collections).
inline std::int64_t index_of_run(const std::vector<value>& hay, const std::vector<value>& needle) {
    if (needle.size() > hay.size())
        return -1;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        bool ok = true;
        for (std::size_t j = 0; j < needle.size() && ok; ++j)
            ok = equal(hay[i + j], needle[j]);
        if (ok)
            return static_cast<std::int64_t>(i);
    }
    return -1;
}

class call_eval_node final : public node {
public:
    call_eval_node(function_id f, std::vector<node_ptr> args, value now)
        : f_(f), args_(std::move(args)), now_(now) {}

    void set_regex(std::shared_ptr<const apiquery::detail::ecma_regex> re) { re_ = std::move(re); }

    value eval(context& c) const override {
        std::array<value, 3> a{};
        for (std::size_t i = 0; i < args_.size() && i < 3; ++i) {
            a[i] = args_[i]->eval(c);
            if (a[i].is_null())
                return value::null(); // null in, null out
        }
        return apply(c, a);
    }

private:
    value apply(context& c, const std::array<value, 3>& a) const {
        switch (f_) {
        case function_id::concat:
            if (a[0].k == kind::string && a[1].k == kind::string) {
                std::string s(a[0].str());
                s.append(a[1].str());
                return value::string(c.keep(std::move(s)));
            }
            return value::null();
        case function_id::contains:
        case function_id::startswith:
        case function_id::endswith:
        case function_id::indexof: {
            if (a[0].k == kind::string && a[1].k == kind::string) {
                const auto h = a[0].str(), n = a[1].str();
                switch (f_) {
                case function_id::contains:
                    return value::boolean(h.find(n) != std::string_view::npos);
                case function_id::startswith:
                    return value::boolean(h.starts_with(n));
                case function_id::endswith:
                    return value::boolean(h.ends_with(n));
                default: {
                    const auto pos = h.find(n);
                    return value::integer(pos == std::string_view::npos ? -1 : cp_count(h.substr(0, pos)));
                }
                }
            }
            if (a[0].k == kind::collection && a[1].k == kind::collection) {
                const auto h = items_of(a[0]), n = items_of(a[1]);
                const std::int64_t at = index_of_run(h, n);
                switch (f_) {
                case function_id::contains:
                    return value::boolean(at >= 0);
                case function_id::startswith:
                    return value::boolean(
                        n.size() <= h.size() &&
                        index_of_run({h.begin(), h.begin() + static_cast<std::ptrdiff_t>(n.size())}, n) == 0);
                case function_id::endswith:
                    return value::boolean(
                        n.size() <= h.size() &&
                        index_of_run({h.end() - static_cast<std::ptrdiff_t>(n.size()), h.end()}, n) == 0);
                default:
                    return value::integer(at);
                }
            }
            return value::null();
        }
        case function_id::length:
            if (a[0].k == kind::string)
                return value::integer(cp_count(a[0].str()));
            if (a[0].k == kind::collection)
                return value::integer(static_cast<std::int64_t>(a[0].u.c.ops->size(a[0].u.c.p)));
            return value::null();
        case function_id::substring: {
            if (a[0].k != kind::string)
                return value::null();
            const auto start = int_arg(a[1]);
            if (!start)
                return value::null();
            const std::string_view s = a[0].str();
            const std::int64_t n = cp_count(s);
            std::int64_t from = *start < 0 ? std::max<std::int64_t>(0, n + *start) : std::min(*start, n);
            std::int64_t len = n - from;
            if (args_.size() == 3) {
                const auto m = int_arg(a[2]);
                if (!m || *m < 0)
                    return value::null();
                len = std::min(len, *m);
            }
            const std::size_t b = cp_offset(s, from);
            const std::size_t e = b + cp_offset(s.substr(b), len);
            return value::string(s.substr(b, e - b));
        }
        case function_id::hassubset:
        case function_id::hassubsequence: {
            if (a[0].k != kind::collection || a[1].k != kind::collection)
                return value::null();
            const auto h = items_of(a[0]), n = items_of(a[1]);
            if (f_ == function_id::hassubsequence) {
                std::size_t j = 0;
                for (std::size_t i = 0; i < h.size() && j < n.size(); ++i)
                    if (equal(h[i], n[j]))
                        ++j;
                return value::boolean(j == n.size());
            }
            std::vector<bool> used(h.size(), false);
            for (const auto& x : n) {
                bool found = false;
                for (std::size_t i = 0; i < h.size() && !found; ++i)
                    if (!used[i] && equal(h[i], x))
                        used[i] = found = true;
                if (!found)
                    return value::boolean(false);
            }
            return value::boolean(true);
        }
        case function_id::matchespattern: {
            if (a[0].k != kind::string || a[1].k != kind::string)
                return value::null();
            std::optional<bool> r;
            if (re_) {
                r = re_->search(a[0].str());
            } else {
                std::string why;
                if (auto re = apiquery::detail::ecma_regex::compile(a[1].str(), why))
                    r = re->search(a[0].str()); // a pattern that is not valid gives null
            }
            return r ? value::boolean(*r) : value::null();
        }
        case function_id::tolower:
        case function_id::toupper:
            if (a[0].k != kind::string)
                return value::null();
            return value::string(c.keep(map_case(a[0].str(), f_ == function_id::toupper)));
        case function_id::trim:
            if (a[0].k != kind::string)
                return value::null();
            return value::string(apiquery::detail::rust_trim(a[0].str()));
        case function_id::date: {
            const value t = as_kind(a[0], kind::datetimeoffset);
            if (t.is_null())
                return value::null();
            return value::date(calendar::floor_div(local_micros(t), us_per_day));
        }
        case function_id::time: {
            const value t = as_kind(a[0], kind::datetimeoffset);
            if (t.is_null())
                return value::null();
            return value::time_of_day(calendar::floor_mod(local_micros(t), us_per_day) * ps_per_us + t.ps);
        }
        case function_id::year:
        case function_id::month:
        case function_id::day: {
            std::int64_t days;
            if (a[0].k == kind::date) {
                days = a[0].u.i;
            } else {
                const value t = as_kind(a[0], kind::datetimeoffset);
                if (t.is_null())
                    return value::null();
                days = calendar::floor_div(local_micros(t), us_per_day);
            }
            const auto cd = calendar::civil_from_days(days);
            return value::integer(f_ == function_id::year    ? cd.year
                                  : f_ == function_id::month ? std::int64_t{cd.month}
                                                             : std::int64_t{cd.day});
        }
        case function_id::hour:
        case function_id::minute:
        case function_id::second:
        case function_id::fractionalseconds: {
            std::int64_t ps_of_day;
            if (a[0].k == kind::timeofday) {
                ps_of_day = a[0].u.i;
            } else {
                const value t = as_kind(a[0], kind::datetimeoffset);
                if (t.is_null())
                    return value::null();
                ps_of_day = calendar::floor_mod(local_micros(t), us_per_day) * ps_per_us + t.ps;
            }
            const std::int64_t secs = ps_of_day / 1000000000000LL;
            switch (f_) {
            case function_id::hour:
                return value::integer(secs / 3600);
            case function_id::minute:
                return value::integer(secs / 60 % 60);
            case function_id::second:
                return value::integer(secs % 60);
            default:
                return value::dec(decimal::normalized(ps_of_day % 1000000000000LL, -12));
            }
        }
        case function_id::totaloffsetminutes: {
            const value t = as_kind(a[0], kind::datetimeoffset);
            if (t.is_null())
                return value::null();
            return value::integer(t.offset_minutes);
        }
        case function_id::totalseconds: {
            const value d = as_kind(a[0], kind::duration);
            if (d.is_null())
                return value::null();
            return value::dec(decimal::normalized(static_cast<int128>(d.u.i) * ps_per_us + d.ps, -12));
        }
        case function_id::maxdatetime:
            // 9999-12-31T23:59:59.999999999999Z
            return value::datetime(calendar::days_from_civil({9999, 12, 31}) * us_per_day + us_per_day - 1,
                                   999999, 0);
        case function_id::mindatetime:
            // 0001-01-01T00:00:00Z
            return value::datetime(calendar::days_from_civil({1, 1, 1}) * us_per_day, 0, 0);
        case function_id::now:
            return now_;
        case function_id::ceiling:
        case function_id::floor:
        case function_id::round: {
            const rounding mode = f_ == function_id::ceiling ? rounding::ceiling
                                  : f_ == function_id::floor ? rounding::floor
                                                             : rounding::half_away;
            switch (a[0].k) {
            case kind::int_:
                return a[0];
            case kind::decimal:
                return value::dec(dec_round(a[0].as_decimal(), mode));
            case kind::double_: {
                const double x = a[0].u.d;
                return value::dbl(mode == rounding::ceiling ? std::ceil(x)
                                  : mode == rounding::floor ? std::floor(x)
                                                            : std::round(x));
            }
            default:
                return value::null();
            }
        }
        default:
            return value::null();
        }
    }

    function_id f_;
    std::vector<node_ptr> args_;
    value now_;
    std::shared_ptr<const apiquery::detail::ecma_regex> re_;
};

} // namespace apiquery::eval::detail
