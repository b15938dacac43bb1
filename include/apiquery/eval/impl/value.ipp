// apiquery: the evaluator's run-time values: reading a value as another kind (numbers as double or
// decimal, strings as date-times, dates, times of day, durations or GUIDs), the local time of a
// date-time, the items of a collection, and describe() (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::eval {

namespace detail {

inline constexpr std::int64_t us_per_day = 86400LL * 1000000LL;
inline constexpr std::int64_t ps_per_us = 1000000;

inline bool is_number(kind k) noexcept {
    return k == kind::int_ || k == kind::decimal || k == kind::double_;
}

inline double to_double(const value& v) {
    switch (v.k) {
    case kind::int_:
        return static_cast<double>(v.u.i);
    case kind::decimal:
        return v.as_decimal().to_double();
    default:
        return v.u.d;
    }
}

inline decimal to_decimal(const value& v) {
    return v.k == kind::int_ ? decimal::from_int(v.u.i) : v.as_decimal();
}

/// Reads a string as a value of kind `target` (temporal kinds and guid); null when it does not parse.
inline value parse_as(std::string_view s, kind target) {
    switch (target) {
    case kind::datetimeoffset: {
        if (auto o = parse_odata_datetimeoffset(s)) // exact to the picosecond
            return value::datetime(o->utc_micros, o->sub_micro_ps, o->offset_minutes);
        if (auto t = parse_timestamp(s)) // RFC 3339 forms beyond OData's (more than 12 fraction digits)
            return value::datetime(*t);
        if (auto d = parse_odata_date(s))
            return value::datetime(d->days * us_per_day, 0, 0);
        return value::null();
    }
    case kind::date:
        if (auto d = parse_odata_date(s))
            return value::date(d->days);
        return value::null();
    case kind::timeofday:
        if (auto t = parse_odata_timeofday(s))
            return value::time_of_day(t->picoseconds);
        return value::null();
    case kind::duration:
        if (auto d = parse_odata_duration(s))
            return value::duration(d->micros, d->sub_micro_ps);
        return value::null();
    case kind::guid:
        if (auto g = parse_uuid(s))
            return value::guid(*g);
        return value::null();
    default:
        return value::null();
    }
}

inline bool string_coercible_to(kind k) noexcept {
    return k == kind::datetimeoffset || k == kind::date || k == kind::timeofday || k == kind::duration ||
           k == kind::guid;
}

/// Collects the items of a collection value as values (empty for anything else).
inline std::vector<value> items_of(const value& v) {
    std::vector<value> out;
    if (v.k != kind::collection || !v.u.c.ops)
        return out;
    const auto* ops = v.u.c.ops;
    const std::size_t n = ops->size(v.u.c.p);
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(ops->item_model->self(ops->item(v.u.c.p, i)));
    return out;
}

/// The local (written-offset) microseconds of a date-time value.
inline std::int64_t local_micros(const value& v) {
    return v.u.i + std::int64_t{v.offset_minutes} * 60000000LL;
}

/// Reads a value as a date-time / date / time of day when a function needs one (a string is parsed).
inline value as_kind(const value& v, kind k) {
    if (v.k == k)
        return v;
    if (v.k == kind::string)
        return parse_as(v.str(), k);
    return value::null();
}

} // namespace detail

APIQUERY_DECL std::string describe(const value& v) {
    std::string out(to_string(v.k));
    if (v.k == kind::null)
        return out;
    out.push_back(':');
    switch (v.k) {
    case kind::boolean:
        out.append(v.u.b ? "true" : "false");
        break;
    case kind::int_:
        out.append(std::to_string(v.u.i));
        break;
    case kind::decimal:
        out.append(v.as_decimal().to_string());
        break;
    case kind::double_: {
        if (std::isnan(v.u.d))
            out.append("NaN");
        else if (std::isinf(v.u.d))
            out.append(v.u.d > 0 ? "INF" : "-INF");
        else {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", v.u.d);
            out.append(buf);
        }
        break;
    }
    case kind::string:
        out.append(v.str());
        break;
    case kind::date: {
        const auto c = calendar::civil_from_days(v.u.i);
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
        out.append(buf);
        break;
    }
    case kind::datetimeoffset: {
        out.append(format_timestamp(timestamp::from_unix_micros(v.u.i)));
        if (v.ps != 0) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "+%dps", static_cast<int>(v.ps));
            out.append(buf);
        }
        break;
    }
    case kind::timeofday: {
        const std::int64_t ps = v.u.i;
        const std::int64_t s = ps / 1000000000000LL;
        char buf[48];
        std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%012lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60),
                      static_cast<long long>(ps % 1000000000000LL));
        out.append(buf);
        break;
    }
    case kind::duration: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%lldus+%dps", static_cast<long long>(v.u.i), static_cast<int>(v.ps));
        out.append(buf);
        break;
    }
    case kind::guid:
        out.append(apiquery::to_string(v.as_guid()));
        break;
    case kind::collection:
        out.append(std::to_string(v.u.c.ops ? v.u.c.ops->size(v.u.c.p) : 0));
        out.append(" items");
        break;
    default:
        out.append("{}");
        break;
    }
    return out;
}

} // namespace apiquery::eval
