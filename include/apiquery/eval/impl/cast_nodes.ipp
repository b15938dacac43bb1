// apiquery: the evaluation of cast and isof: a value converted to an Edm primitive type (null when it
// does not convert), and whether a value is of one (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/decimal.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/edm.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace apiquery::eval::detail {

using edm = apiquery::edm_type;

inline bool int_in_range(edm t, std::int64_t v) {
    switch (t) {
    case edm::byte:
        return v >= 0 && v <= 255;
    case edm::sbyte:
        return v >= -128 && v <= 127;
    case edm::int16:
        return v >= -32768 && v <= 32767;
    case edm::int32:
        return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max();
    default:
        return true;
    }
}

/// The canonical text of a primitive value (cast to Edm.String).
inline std::string canonical_text(const value& v) {
    switch (v.k) {
    case kind::boolean:
        return v.u.b ? "true" : "false";
    case kind::int_:
        return std::to_string(v.u.i);
    case kind::decimal:
        return v.as_decimal().to_string();
    case kind::double_: {
        if (std::isnan(v.u.d))
            return "NaN";
        if (std::isinf(v.u.d))
            return v.u.d > 0 ? "INF" : "-INF";
        char buf[64];
        for (int prec = 1; prec <= 17; ++prec) {
            std::snprintf(buf, sizeof buf, "%.*g", prec, v.u.d);
            if (std::strtod(buf, nullptr) == v.u.d)
                break;
        }
        return buf;
    }
    case kind::string:
        return std::string(v.str());
    case kind::guid:
        return apiquery::to_string(v.as_guid());
    case kind::datetimeoffset:
        return format_timestamp(timestamp::from_unix_micros(v.u.i));
    default: {
        std::string d = describe(v);
        return d.substr(d.find(':') + 1);
    }
    }
}

inline value cast_value(const value& v, edm t, context& c) {
    if (v.is_null())
        return v;
    switch (t) {
    case edm::string:
        if (v.k == kind::collection || v.k == kind::structured)
            return value::null();
        return v.k == kind::string ? v : value::string(c.keep(canonical_text(v)));
    case edm::boolean:
        if (v.k == kind::boolean)
            return v;
        if (v.k == kind::string && (v.str() == "true" || v.str() == "false"))
            return value::boolean(v.str() == "true");
        return value::null();
    case edm::byte:
    case edm::sbyte:
    case edm::int16:
    case edm::int32:
    case edm::int64: {
        std::optional<std::int64_t> i;
        if (v.k == kind::int_)
            i = v.u.i;
        else if (v.k == kind::decimal && v.as_decimal().is_integral() &&
                 detail::digits128(v.u.coeff) + v.exp <= 18)
            i = static_cast<std::int64_t>(v.u.coeff * pow10_128(v.exp));
        else if (v.k == kind::string) {
            const auto d = decimal::from_text(v.str());
            if (d && d->is_integral() && digits128(d->coeff) + d->exp <= 18 &&
                v.str().find('.') == std::string_view::npos)
                i = static_cast<std::int64_t>(d->coeff * pow10_128(d->exp));
        }
        if (!i || !int_in_range(t, *i))
            return value::null();
        return value::integer(*i);
    }
    case edm::decimal:
        if (v.k == kind::int_ || v.k == kind::decimal)
            return value::dec(to_decimal(v));
        if (v.k == kind::double_ && std::isfinite(v.u.d)) {
            if (auto d = decimal::from_text(canonical_text(v)))
                return value::dec(*d);
            return value::null();
        }
        if (v.k == kind::string) {
            if (auto d = decimal::from_text(v.str()))
                return value::dec(*d);
        }
        return value::null();
    case edm::double_:
    case edm::single:
        if (is_number(v.k))
            return value::dbl(to_double(v));
        if (v.k == kind::string) {
            const std::string s(v.str());
            char* end = nullptr;
            const double d = std::strtod(s.c_str(), &end);
            if (!s.empty() && end == s.c_str() + s.size())
                return value::dbl(d);
        }
        return value::null();
    case edm::date:
        if (v.k == kind::datetimeoffset)
            return value::date(calendar::floor_div(local_micros(v), us_per_day));
        return as_kind(v, kind::date);
    case edm::datetimeoffset:
        if (v.k == kind::date)
            return value::datetime(v.u.i * us_per_day, 0, 0);
        return as_kind(v, kind::datetimeoffset);
    case edm::timeofday:
        return as_kind(v, kind::timeofday);
    case edm::duration:
        return as_kind(v, kind::duration);
    case edm::guid:
        return as_kind(v, kind::guid);
    default:
        return value::null();
    }
}

inline bool is_of(const value& v, edm t) {
    switch (t) {
    case edm::string:
        return v.k == kind::string;
    case edm::boolean:
        return v.k == kind::boolean;
    case edm::byte:
    case edm::sbyte:
    case edm::int16:
    case edm::int32:
    case edm::int64:
        return v.k == kind::int_ && int_in_range(t, v.u.i);
    case edm::decimal:
        return v.k == kind::decimal || v.k == kind::int_;
    case edm::double_:
    case edm::single:
        return v.k == kind::double_;
    case edm::date:
        return v.k == kind::date;
    case edm::datetimeoffset:
        return v.k == kind::datetimeoffset;
    case edm::timeofday:
        return v.k == kind::timeofday;
    case edm::duration:
        return v.k == kind::duration;
    case edm::guid:
        return v.k == kind::guid;
    default:
        return false;
    }
}

class cast_node final : public node {
public:
    cast_node(bool isof, node_ptr arg, edm t) : isof_(isof), arg_(std::move(arg)), t_(t) {}
    value eval(context& c) const override {
        const value v = arg_ ? arg_->eval(c) : value::null();
        if (isof_)
            return value::boolean(arg_ && is_of(v, t_));
        return cast_value(v, t_, c);
    }

private:
    bool isof_;
    node_ptr arg_; ///< nullptr: the one-argument form on the record itself (never a primitive)
    edm t_;
};

} // namespace apiquery::eval::detail
