// apiquery: implementation of filter_eval.hpp.
#pragma once

#include <apiquery/eval/detail/ecma_regex.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/odata/edm.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/odata_time.hpp>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <utility>
#include <variant>

namespace apiquery {
namespace eval {

// ---------------------------------------------------------------------------------------------------
// decimal

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

// ---------------------------------------------------------------------------------------------------
// values

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

template <class T>
int three_way(const T& a, const T& b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

inline int order_pair(std::int64_t a, std::int32_t pa, std::int64_t b, std::int32_t pb) {
    if (a != b)
        return a < b ? -1 : 1;
    return three_way(pa, pb);
}

} // namespace detail

APIQUERY_DECL std::optional<int> compare(const value& a, const value& b) {
    using namespace detail;
    if (a.k == kind::null || b.k == kind::null)
        return std::nullopt;
    if (is_number(a.k) && is_number(b.k)) {
        if (a.k == kind::double_ || b.k == kind::double_) {
            const double x = to_double(a), y = to_double(b);
            if (std::isnan(x) || std::isnan(y))
                return std::nullopt;
            return three_way(x, y);
        }
        if (a.k == kind::decimal || b.k == kind::decimal) {
            const auto c = to_decimal(a) <=> to_decimal(b);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        return three_way(a.u.i, b.u.i);
    }
    if (a.k == kind::string && b.k == kind::string) {
        const int c = a.str().compare(b.str());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.k == kind::string && string_coercible_to(b.k)) {
        const value pa = parse_as(a.str(), b.k);
        if (pa.is_null())
            return std::nullopt;
        return compare(pa, b);
    }
    if (b.k == kind::string && string_coercible_to(a.k)) {
        const value pb = parse_as(b.str(), a.k);
        if (pb.is_null())
            return std::nullopt;
        return compare(a, pb);
    }
    if (a.k == kind::datetimeoffset && b.k == kind::date)
        return order_pair(a.u.i, a.ps, b.u.i * us_per_day, 0);
    if (a.k == kind::date && b.k == kind::datetimeoffset)
        return order_pair(a.u.i * us_per_day, 0, b.u.i, b.ps);
    if (a.k != b.k)
        return std::nullopt;
    switch (a.k) {
    case kind::boolean:
        return three_way(int{a.u.b}, int{b.u.b});
    case kind::date:
    case kind::timeofday:
        return three_way(a.u.i, b.u.i);
    case kind::datetimeoffset:
    case kind::duration:
        return order_pair(a.u.i, a.ps, b.u.i, b.ps);
    case kind::guid:
        return three_way(a.u.g, b.u.g);
    default:
        return std::nullopt; // collections, structured values
    }
}

APIQUERY_DECL bool equal(const value& a, const value& b) {
    if (a.k == kind::null || b.k == kind::null)
        return a.k == b.k;
    const auto c = compare(a, b);
    return c && *c == 0;
}

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

// ---------------------------------------------------------------------------------------------------
// JSON

namespace detail {

inline std::size_t json_array_size(const void* p) {
    return static_cast<const boost::json::array*>(p)->size();
}
inline const void* json_array_item(const void* p, std::size_t i) {
    return &(*static_cast<const boost::json::array*>(p))[i];
}
inline const collection_ops& json_array_ops() noexcept {
    static const collection_ops ops{&json_array_size, &json_array_item, &json_value_model()};
    return ops;
}

inline value json_read(const void* record, const field_reader& self) {
    const auto* model = static_cast<const json_model*>(self.entry);
    (void)model;
    const boost::json::value* cur = nullptr;
    const boost::json::object* obj = nullptr;
    if (self.hint == kind::structured) // marker: the record is a json::object
        obj = static_cast<const boost::json::object*>(record);
    else {
        cur = static_cast<const boost::json::value*>(record);
    }
    for (const auto& key : self.keys) {
        if (!obj) {
            if (!cur || !cur->is_object())
                return value::null();
            obj = &cur->get_object();
        }
        const auto it = obj->find(key);
        if (it == obj->end())
            return value::null();
        cur = &it->value();
        obj = nullptr;
    }
    if (!cur)
        return value::structured(record, &json_object_model());
    return from_json(*cur, self.type);
}

} // namespace detail

APIQUERY_DECL value from_json(const boost::json::value& v, kind hint) {
    switch (v.kind()) {
    case boost::json::kind::null:
        return value::null();
    case boost::json::kind::bool_:
        return value::boolean(v.get_bool());
    case boost::json::kind::int64:
        if (hint == kind::decimal)
            return value::dec(decimal::from_int(v.get_int64()));
        if (hint == kind::double_)
            return value::dbl(static_cast<double>(v.get_int64()));
        return value::integer(v.get_int64());
    case boost::json::kind::uint64: {
        const std::uint64_t u = v.get_uint64();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
            hint != kind::decimal && hint != kind::double_)
            return value::integer(static_cast<std::int64_t>(u));
        if (hint == kind::double_)
            return value::dbl(static_cast<double>(u));
        return value::dec(decimal::normalized(static_cast<detail::int128>(u), 0));
    }
    case boost::json::kind::double_:
        return value::dbl(v.get_double());
    case boost::json::kind::string: {
        const auto& s = v.get_string();
        const std::string_view sv(s.data(), s.size());
        if (detail::string_coercible_to(hint)) {
            const value p = detail::parse_as(sv, hint);
            if (!p.is_null())
                return p;
        }
        return value::string(sv);
    }
    case boost::json::kind::array:
        return value::collection(&v.get_array(), &detail::json_array_ops());
    case boost::json::kind::object:
        break;
    }
    return value::structured(&v, &json_value_model());
}

APIQUERY_DECL bool json_model::resolve(std::span<const std::string_view> segments, field_reader& out) const {
    out = field_reader{};
    out.read = &detail::json_read;
    out.entry = this;
    out.hint = objects_ ? kind::structured : kind::null;
    out.item_model = &json_value_model();
    std::string joined;
    for (auto s : segments) {
        out.keys.emplace_back(s);
        if (!joined.empty())
            joined.push_back('/');
        joined.append(s);
    }
    for (const auto& f : schema_) {
        if (f.path == joined)
            out.type = f.type;
    }
    return true;
}

APIQUERY_DECL value json_model::self(const void* record) const {
    if (objects_)
        return value::structured(record, this);
    return from_json(*static_cast<const boost::json::value*>(record));
}

APIQUERY_DECL const json_model& json_object_model() noexcept {
    static const json_model m(true);
    return m;
}

APIQUERY_DECL const json_model& json_value_model() noexcept {
    static const json_model m(false);
    return m;
}

// ---------------------------------------------------------------------------------------------------
// typed tables

namespace detail {
inline value table_read(const void* record, const field_reader& self) {
    return static_cast<const field_entry*>(self.entry)->read(record);
}
} // namespace detail

APIQUERY_DECL bool table_model::resolve(std::span<const std::string_view> segments, field_reader& out) const {
    for (const auto& f : fields_) {
        // compare f.path with the segments joined by '/'
        std::string_view rest = f.path;
        bool ok = true;
        for (std::size_t i = 0; i < segments.size() && ok; ++i) {
            if (i > 0) {
                if (rest.empty() || rest.front() != '/') {
                    ok = false;
                    break;
                }
                rest.remove_prefix(1);
            }
            if (!rest.starts_with(segments[i]))
                ok = false;
            else
                rest.remove_prefix(segments[i].size());
        }
        if (!ok || !rest.empty())
            continue;
        out = field_reader{};
        out.read = &detail::table_read;
        out.read_string = f.read_string;
        out.read_micros = f.read_micros;
        out.type = f.type;
        out.item_model = f.item_model;
        out.entry = &f;
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------
// evaluation nodes

namespace detail {

inline constexpr std::size_t max_frames = 16;

struct context {
    std::array<const void*, max_frames> frames; // [0] is set before evaluating; [k] by lambdas
    std::vector<std::unique_ptr<std::string>> scratch;

    std::string_view keep(std::string s) {
        scratch.push_back(std::make_unique<std::string>(std::move(s)));
        return *scratch.back();
    }
};

class node {
public:
    virtual ~node() = default;
    virtual value eval(context& c) const = 0;
    /// The truth value (null and non-booleans are false).
    virtual bool test(context& c) const { return eval(c).is_true(); }
};

using node_ptr = std::unique_ptr<node>;

/// node_ptr(new N(args...)): what std::make_unique<N> does, without instantiating a unique_ptr<N> (and
/// its conversion to node_ptr) for every node type, which cost a fifth of this header's compile time.
template <class N, class... A>
node_ptr make_node(A&&... a) {
    return node_ptr(new N(std::forward<A>(a)...));
}

class const_node final : public node {
public:
    explicit const_node(value v) : v_(v) {}
    value eval(context&) const override { return v_; }
    const value& get() const noexcept { return v_; }

private:
    value v_;
};

class field_node final : public node {
public:
    field_node(std::size_t frame, field_reader r) : frame_(frame), r_(std::move(r)) {}
    value eval(context& c) const override { return r_.read(c.frames[frame_], r_); }
    const field_reader& reader() const noexcept { return r_; }
    std::size_t frame() const noexcept { return frame_; }

private:
    std::size_t frame_;
    field_reader r_;
};

/// A range variable or `$this` alone: the current item's own value.
class item_node final : public node {
public:
    item_node(std::size_t frame, const record_model* m) : frame_(frame), m_(m) {}
    value eval(context& c) const override { return m_->self(c.frames[frame_]); }

private:
    std::size_t frame_;
    const record_model* m_;
};

class and_node final : public node {
public:
    explicit and_node(std::vector<node_ptr> k) : kids_(std::move(k)) {}
    bool test(context& c) const override {
        for (const auto& k : kids_)
            if (!k->test(c))
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<node_ptr> kids_;
};

class or_node final : public node {
public:
    explicit or_node(std::vector<node_ptr> k) : kids_(std::move(k)) {}
    bool test(context& c) const override {
        for (const auto& k : kids_)
            if (k->test(c))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<node_ptr> kids_;
};

class not_node final : public node {
public:
    explicit not_node(node_ptr k) : kid_(std::move(k)) {}
    bool test(context& c) const override { return !kid_->test(c); }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr kid_;
};

inline bool apply_comparison(binary_op op, const value& a, const value& b) {
    switch (op) {
    case binary_op::eq:
        return equal(a, b);
    case binary_op::ne:
        return !equal(a, b);
    default:
        break;
    }
    const auto c = compare(a, b);
    if (!c)
        return false;
    switch (op) {
    case binary_op::gt:
        return *c > 0;
    case binary_op::ge:
        return *c >= 0;
    case binary_op::lt:
        return *c < 0;
    default:
        return *c <= 0;
    }
}

class compare_node final : public node {
public:
    compare_node(binary_op op, node_ptr a, node_ptr b) : op_(op), a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override { return apply_comparison(op_, a_->eval(c), b_->eval(c)); }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    binary_op op_;
    node_ptr a_, b_;
};

/// A fast comparison of a typed field with a constant, as plain data: `fast_node` evaluates one,
/// `conjunction_node` a list of them in one loop without virtual calls (the typed fast path).
struct fast_predicate {
    bool is_string = false;
    binary_op op = binary_op::eq;
    std::size_t frame = 0;
    std::string_view (*get_string)(const void*) = nullptr;
    bool (*get_micros)(const void*, std::int64_t&) = nullptr;
    std::string_view text;
    std::int64_t us = 0;
    std::int32_t ps = 0;

    static bool apply(binary_op o, int r) noexcept {
        switch (o) {
        case binary_op::eq:
            return r == 0;
        case binary_op::ne:
            return r != 0;
        case binary_op::gt:
            return r > 0;
        case binary_op::ge:
            return r >= 0;
        case binary_op::lt:
            return r < 0;
        default:
            return r <= 0;
        }
    }

    bool test(const context& c) const noexcept {
        const void* rec = c.frames[frame];
        if (is_string) {
            const std::string_view s = get_string(rec);
            if (op == binary_op::eq)
                return s.size() == text.size() && s == text;
            const int r = s.compare(text);
            return apply(op, r < 0 ? -1 : r > 0 ? 1 : 0);
        }
        std::int64_t v;
        if (!get_micros(rec, v)) // null: only ne is true
            return op == binary_op::ne;
        // (v, 0 ps) against (us, ps)
        return apply(op, v != us ? (v < us ? -1 : 1) : (ps == 0 ? 0 : -1));
    }
};

class fast_node final : public node {
public:
    explicit fast_node(const fast_predicate& p) : p_(p) {}
    bool test(context& c) const override { return p_.test(c); }
    value eval(context& c) const override { return value::boolean(p_.test(c)); }
    const fast_predicate& predicate() const noexcept { return p_; }

private:
    fast_predicate p_;
};

class conjunction_node final : public node {
public:
    explicit conjunction_node(std::vector<fast_predicate> p) : preds_(std::move(p)) {}
    bool test(context& c) const override {
        for (const auto& p : preds_)
            if (!p.test(c))
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<fast_predicate> preds_;
};

/// Splits enum flag text `Red,Blue` into members.
inline std::vector<std::string_view> flag_members(std::string_view s) {
    std::vector<std::string_view> out;
    while (true) {
        const auto comma = s.find(',');
        auto m = s.substr(0, comma);
        while (!m.empty() && m.front() == ' ')
            m.remove_prefix(1);
        while (!m.empty() && m.back() == ' ')
            m.remove_suffix(1);
        out.push_back(m);
        if (comma == std::string_view::npos)
            break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

/// `a has b`: enum values are strings of members; true when every member of b is one of a.
class has_node final : public node {
public:
    has_node(node_ptr a, node_ptr b) : a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c), b = b_->eval(c);
        if (a.k == kind::int_ && b.k == kind::int_) // numeric flags
            return (a.u.i & b.u.i) == b.u.i;
        if (a.k != kind::string || b.k != kind::string)
            return false;
        const auto have = flag_members(a.str());
        for (auto m : flag_members(b.str()))
            if (std::find(have.begin(), have.end(), m) == have.end())
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_, b_;
};

class in_list_node final : public node {
public:
    in_list_node(node_ptr a, std::vector<value> items) : a_(std::move(a)), items_(std::move(items)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c);
        for (const auto& v : items_)
            if (equal(a, v))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_;
    std::vector<value> items_;
};

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

class in_collection_node final : public node {
public:
    in_collection_node(node_ptr a, node_ptr b) : a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c);
        const value b = b_->eval(c);
        if (b.k != kind::collection)
            return false;
        for (const auto& v : items_of(b))
            if (equal(a, v))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_, b_;
};

class lambda_eval_node final : public node {
public:
    lambda_eval_node(lambda_op op, node_ptr coll, node_ptr body, std::size_t frame)
        : op_(op), coll_(std::move(coll)), body_(std::move(body)), frame_(frame) {}
    bool test(context& c) const override {
        const value v = coll_->eval(c);
        if (v.k != kind::collection || !v.u.c.ops)
            return false; // null (or not a collection): false for any and all
        const auto* ops = v.u.c.ops;
        const std::size_t n = ops->size(v.u.c.p);
        if (!body_)
            return n > 0;
        for (std::size_t i = 0; i < n; ++i) {
            c.frames[frame_] = ops->item(v.u.c.p, i);
            const bool r = body_->test(c);
            if (op_ == lambda_op::any && r)
                return true;
            if (op_ == lambda_op::all && !r)
                return false;
        }
        return op_ == lambda_op::all;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    lambda_op op_;
    node_ptr coll_, body_;
    std::size_t frame_;
};

// ---- arithmetic

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

// ---- functions

/// Simple Unicode case mapping for the ranges apiquery covers: ASCII, Latin-1 Supplement, Latin
/// Extended-A, basic Greek and Cyrillic (docs/listing.md). Other code points map to themselves.
constexpr char32_t to_lower_cp(char32_t c) noexcept {
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130)
            return 'i';
        if (c == 0x178)
            return 0xFF;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c % 2 == 1) ? c + 1 : c;
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
            return c;
        return (c % 2 == 0) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

constexpr char32_t to_upper_cp(char32_t c) noexcept {
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x131)
            return 'I';
        if (c == 0x130 || c == 0x138 || c == 0x149 || c == 0x178 || c == 0x17F)
            return c;
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c % 2 == 0) ? c - 1 : c;
        return (c % 2 == 1) ? c - 1 : c;
    }
    if (c >= 0x3B1 && c <= 0x3C9)
        return c == 0x3C2 ? 0x3A3 : c - 32;
    if (c >= 0x430 && c <= 0x44F)
        return c - 32;
    if (c >= 0x450 && c <= 0x45F)
        return c - 80;
    return c;
}

inline std::string map_case(std::string_view s, bool upper) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto st = apiquery::detail::utf8_decode(s, i);
        if (!st.valid)
            out.append(s.substr(i, st.size)); // keep ill-formed bytes as they are
        else
            apiquery::detail::utf8_append(out,
                                          upper ? to_upper_cp(st.code_point) : to_lower_cp(st.code_point));
        i += st.size;
    }
    return out;
}

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

// ---- cast / isof

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

// ---------------------------------------------------------------------------------------------------
// the compiler

struct scope_entry {
    std::string_view name;
    std::size_t frame;
    const record_model* model;
};

struct compiler {
    const filter_ast& ast;
    const record_model& root_model;
    value now;
    std::vector<std::unique_ptr<std::string>>& constants;
    const checked_filter* checked = nullptr; ///< the profile check's results, when compiling a checked filter
    std::vector<scope_entry> scopes;         // lambda range variables, innermost last
    std::size_t max_frame = 0;
    std::optional<filter_compile_error> error;

    node_ptr fail(node_id id, std::string message) {
        if (!error)
            error = filter_compile_error{std::move(message), ast.span(id)};
        return nullptr;
    }

    std::string_view keep(std::string_view s) {
        constants.push_back(std::make_unique<std::string>(s));
        return *constants.back();
    }

    /// The value check_filter converted a literal to (nullopt: none, use the literal as written).
    std::optional<value> checked_value(node_id id) {
        if (!checked)
            return std::nullopt;
        return std::visit(
            [&](const auto& v) -> std::optional<value> {
                using T = std::decay_t<decltype(v)>;
                (void)v;
                if constexpr (std::is_same_v<T, std::monostate>)
                    return std::nullopt; // the null literal, or nothing converted
                else if constexpr (std::is_same_v<T, bool>)
                    return value::boolean(v);
                else if constexpr (std::is_same_v<T, std::int64_t>)
                    return value::integer(v);
                else if constexpr (std::is_same_v<T, apiquery::decimal_value>) {
                    if (auto d = decimal::from_text(v.text))
                        return value::dec(*d);
                    return value::dbl(v.approx);
                } else if constexpr (std::is_same_v<T, double>)
                    return value::dbl(v);
                else if constexpr (std::is_same_v<T, std::string_view>)
                    return value::string(keep(ast.text(id))); // the same text; read from the tree
                else if constexpr (std::is_same_v<T, odata_date>)
                    return value::date(v.days);
                else if constexpr (std::is_same_v<T, odata_datetimeoffset>)
                    return value::datetime(v.utc_micros, v.sub_micro_ps, v.offset_minutes);
                else if constexpr (std::is_same_v<T, odata_timeofday>)
                    return value::time_of_day(v.picoseconds);
                else if constexpr (std::is_same_v<T, odata_duration>)
                    return value::duration(v.micros, v.sub_micro_ps);
                else if constexpr (std::is_same_v<T, uuid>)
                    return value::guid(v);
                else
                    return value::string(keep(ast.text(id))); // enum_value: its member, as written
            },
            checked->value(id));
    }

    /// The evaluator kind of a checked static type, for JSON reads (kind::null: leave as read).
    static kind kind_of(value_type t) {
        switch (t) {
        case value_type::date:
            return kind::date;
        case value_type::datetimeoffset:
            return kind::datetimeoffset;
        case value_type::timeofday:
            return kind::timeofday;
        case value_type::duration:
            return kind::duration;
        case value_type::guid:
            return kind::guid;
        case value_type::decimal:
            return kind::decimal;
        case value_type::double_:
            return kind::double_;
        default:
            return kind::null;
        }
    }

    /// The literal's value (strings copied into the compiled filter).
    std::optional<value> literal_value(node_id id) {
        if (auto v = checked_value(id))
            return v;
        switch (ast.literal_type(id)) {
        case literal_kind::null:
            return value::null();
        case literal_kind::boolean:
            return value::boolean(ast.bool_value(id));
        case literal_kind::int_:
            return value::integer(ast.int_value(id));
        case literal_kind::decimal: {
            if (auto d = decimal::from_text(ast.text(id)))
                return value::dec(*d);
            const std::string t(ast.text(id));
            return value::dbl(std::strtod(t.c_str(), nullptr));
        }
        case literal_kind::double_: {
            const std::string_view t = ast.text(id);
            if (t == "INF")
                return value::dbl(std::numeric_limits<double>::infinity());
            if (t == "-INF")
                return value::dbl(-std::numeric_limits<double>::infinity());
            if (t == "NaN")
                return value::dbl(std::numeric_limits<double>::quiet_NaN());
            const std::string s(t);
            return value::dbl(std::strtod(s.c_str(), nullptr));
        }
        case literal_kind::string:
            return value::string(keep(ast.text(id)));
        case literal_kind::enum_:
            return value::string(keep(ast.text(id)));
        case literal_kind::date:
            if (auto d = parse_odata_date(ast.text(id)))
                return value::date(d->days);
            break;
        case literal_kind::datetimeoffset:
            if (auto d = parse_odata_datetimeoffset(ast.text(id)))
                return value::datetime(d->utc_micros, d->sub_micro_ps, d->offset_minutes);
            break;
        case literal_kind::timeofday:
            if (auto t = parse_odata_timeofday(ast.text(id)))
                return value::time_of_day(t->picoseconds);
            break;
        case literal_kind::duration:
            if (auto d = parse_odata_duration(ast.text(id)))
                return value::duration(d->micros, d->sub_micro_ps);
            break;
        case literal_kind::guid:
            if (auto g = parse_uuid(ast.text(id)))
                return value::guid(*g);
            break;
        }
        fail(id, "invalid literal '" + std::string(ast.text(id)) + "'");
        return std::nullopt;
    }

    /// A literal coerced to the declared type of the other operand (a string or date literal compared
    /// with a date-time field, a string compared with a GUID field, ...).
    static value coerce(const value& lit, kind target) {
        if (target == kind::null || lit.k == target)
            return lit;
        if (lit.k == kind::string && string_coercible_to(target)) {
            const value p = parse_as(lit.str(), target);
            return p.is_null() ? lit : p;
        }
        if (lit.k == kind::date && target == kind::datetimeoffset)
            return value::datetime(lit.u.i * us_per_day, 0, 0);
        return lit;
    }

    /// The declared type of a compiled operand, when known (fields and literals).
    static kind static_type(const node* n) {
        if (const auto* f = dynamic_cast<const field_node*>(n))
            return f->reader().type;
        if (const auto* k = dynamic_cast<const const_node*>(n))
            return k->get().k;
        return kind::null;
    }

    node_ptr compile_path(node_id id) {
        const auto segs = ast.segments(id);
        std::vector<std::string_view> parts(segs.begin(), segs.end());
        std::size_t frame = 0;
        const record_model* model = &root_model;
        std::size_t skip = 0;
        if (!parts.empty() && parts[0] == "$root")
            return fail(id, "'$root' paths are not supported when evaluating records");
        if (!parts.empty() && parts[0] == "$it") {
            skip = 1;
        } else if (!parts.empty() && parts[0] == "$this") {
            if (scopes.empty())
                skip = 1; // $this outside a lambda is the record ($it)
            else {
                frame = scopes.back().frame;
                model = scopes.back().model;
                skip = 1;
            }
        } else if (!parts.empty()) {
            for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
                if (it->name == parts[0]) {
                    frame = it->frame;
                    model = it->model;
                    skip = 1;
                    break;
                }
            }
        }
        const std::span<const std::string_view> rest(parts.data() + skip, parts.size() - skip);
        if (rest.empty())
            return make_node<item_node>(frame, model);
        field_reader r;
        if (!model->resolve(rest, r))
            return fail(id, "unknown field '" + std::string(ast.text(id)) + "'");
        if (checked && r.read == &json_read && r.type == kind::null) {
            const expr_type& t = checked->type(id);
            if (!t.collection)
                r.type = kind_of(t.type);
        }
        return make_node<field_node>(frame, std::move(r));
    }

    node_ptr compile_comparison(node_id id, binary_op op, node_id lid, node_id rid) {
        node_ptr l = compile(lid);
        node_ptr r = compile(rid);
        if (!l || !r)
            return nullptr;
        // coerce literals to the declared type of the other side
        if (auto* lk = dynamic_cast<const_node*>(l.get()))
            l = make_node<const_node>(coerce(lk->get(), static_type(r.get())));
        if (auto* rk = dynamic_cast<const_node*>(r.get()))
            r = make_node<const_node>(coerce(rk->get(), static_type(l.get())));
        // typed fast paths: field op constant
        const field_node* f = dynamic_cast<const field_node*>(l.get());
        const const_node* k = dynamic_cast<const const_node*>(r.get());
        binary_op fop = op;
        if (!f || !k) {
            f = dynamic_cast<const field_node*>(r.get());
            k = dynamic_cast<const const_node*>(l.get());
            fop = converse(op);
        }
        if (f && k) {
            const value& kv = k->get();
            fast_predicate p;
            p.op = fop;
            p.frame = f->frame();
            if (f->reader().read_string && kv.k == kind::string) {
                p.is_string = true;
                p.get_string = f->reader().read_string;
                p.text = kv.str();
                return make_node<fast_node>(p);
            }
            if (f->reader().read_micros && kv.k == kind::datetimeoffset) {
                p.get_micros = f->reader().read_micros;
                p.us = kv.u.i;
                p.ps = kv.ps;
                return make_node<fast_node>(p);
            }
        }
        (void)id;
        return make_node<compare_node>(op, std::move(l), std::move(r));
    }

    node_ptr compile_in(node_id id) {
        const in_node n{ast, id};
        node_ptr l = compile(n.lhs());
        if (!l)
            return nullptr;
        if (ast.kind(n.rhs()) == node_kind::list) {
            const kind target = static_type(l.get());
            std::vector<value> items;
            for (node_id item : ast.children(n.rhs())) {
                if (ast.kind(item) != node_kind::literal)
                    return fail(item, "an 'in' list item must be a literal");
                auto v = literal_value(item);
                if (!v)
                    return nullptr;
                items.push_back(coerce(*v, target));
            }
            return make_node<in_list_node>(std::move(l), std::move(items));
        }
        node_ptr r = compile(n.rhs());
        if (!r)
            return nullptr;
        return make_node<in_collection_node>(std::move(l), std::move(r));
    }

    node_ptr compile_call(node_id id) {
        const call_node n{ast, id};
        const function_id f = n.function();
        const auto args = n.args();
        if (f == function_id::geo_distance || f == function_id::geo_intersects ||
            f == function_id::geo_length)
            return fail(id, "function '" + std::string(n.name()) +
                                "' cannot be evaluated: records have no geography or geometry values");
        if (f == function_id::cast || f == function_id::isof) {
            const node_id type_arg = args.back();
            if (ast.kind(type_arg) != node_kind::type_name)
                return fail(id, "the last argument of '" + std::string(n.name()) + "' must be a type name");
            const edm t = find_edm_type(ast.text(type_arg));
            node_ptr arg;
            if (args.size() == 2) {
                arg = compile(args[0]);
                if (!arg)
                    return nullptr;
            }
            return make_node<cast_node>(f == function_id::isof, std::move(arg), t);
        }
        std::vector<node_ptr> compiled;
        for (node_id a : args) {
            compiled.push_back(compile(a));
            if (!compiled.back())
                return nullptr;
        }
        std::shared_ptr<const apiquery::detail::ecma_regex> re;
        if (f == function_id::matchespattern && compiled.size() == 2) {
            if (const auto* k = dynamic_cast<const const_node*>(compiled[1].get());
                k && k->get().k == kind::string) {
                std::string why;
                auto r = apiquery::detail::ecma_regex::compile(k->get().str(), why);
                if (!r)
                    return fail(args[1],
                                "invalid regular expression '" + std::string(k->get().str()) + "': " + why);
                re = std::make_shared<const apiquery::detail::ecma_regex>(std::move(*r));
            }
        }
        auto* out = new call_eval_node(f, std::move(compiled), now);
        node_ptr owner(out);
        if (re)
            out->set_regex(std::move(re));
        return owner;
    }

    node_ptr compile_lambda(node_id id) {
        const lambda_node n{ast, id};
        node_ptr coll = compile(n.path());
        if (!coll)
            return nullptr;
        if (n.body() == no_node)
            return make_node<lambda_eval_node>(n.op(), std::move(coll), nullptr, 0);
        const auto* f = dynamic_cast<const field_node*>(coll.get());
        const record_model* item_model = f ? f->reader().item_model : nullptr;
        if (!item_model)
            return fail(n.path(), "'" + std::string(ast.text(n.path())) + "' is not a collection field");
        const std::size_t frame = scopes.size() + 1;
        if (frame >= max_frames)
            return fail(id, "lambdas are nested too deeply (at most 15 levels)");
        max_frame = std::max(max_frame, frame);
        scopes.push_back({n.variable(), frame, item_model});
        node_ptr body = compile(n.body());
        scopes.pop_back();
        if (!body)
            return nullptr;
        return make_node<lambda_eval_node>(n.op(), std::move(coll), std::move(body), frame);
    }

    node_ptr compile(node_id id) {
        switch (ast.kind(id)) {
        case node_kind::literal: {
            auto v = literal_value(id);
            if (!v)
                return nullptr;
            return make_node<const_node>(*v);
        }
        case node_kind::path:
            return compile_path(id);
        case node_kind::alias:
            return fail(id, "parameter alias '" + std::string(ast.text(id)) + "' has no value");
        case node_kind::binary: {
            const binary_node b{ast, id};
            if (is_comparison(b.op()))
                return compile_comparison(id, b.op(), b.lhs(), b.rhs());
            node_ptr l = compile(b.lhs());
            node_ptr r = compile(b.rhs());
            if (!l || !r)
                return nullptr;
            if (b.op() == binary_op::has) {
                if (auto* rk = dynamic_cast<const_node*>(r.get()))
                    r = make_node<const_node>(coerce(rk->get(), static_type(l.get())));
                return make_node<has_node>(std::move(l), std::move(r));
            }
            return make_node<arith_node>(b.op(), std::move(l), std::move(r));
        }
        case node_kind::logical: {
            std::vector<node_ptr> kids;
            for (node_id k : ast.children(id)) {
                kids.push_back(compile(k));
                if (!kids.back())
                    return nullptr;
            }
            if (ast.logical_operator(id) == logical_op::and_) {
                std::vector<fast_predicate> preds;
                for (const auto& k : kids)
                    if (const auto* fn = dynamic_cast<const fast_node*>(k.get()))
                        preds.push_back(fn->predicate());
                if (preds.size() == kids.size())
                    return make_node<conjunction_node>(std::move(preds));
                return make_node<and_node>(std::move(kids));
            }
            return make_node<or_node>(std::move(kids));
        }
        case node_kind::unary: {
            node_ptr k = compile(ast.children(id)[0]);
            if (!k)
                return nullptr;
            if (ast.unary_operator(id) == unary_op::not_)
                return make_node<not_node>(std::move(k));
            return make_node<neg_node>(std::move(k));
        }
        case node_kind::in:
            return compile_in(id);
        case node_kind::call:
            return compile_call(id);
        case node_kind::lambda:
            return compile_lambda(id);
        case node_kind::list:
            return fail(id, "a literal list can only follow 'in'");
        case node_kind::type_name:
            return fail(id, "a type name can only be the last argument of cast or isof");
        }
        return fail(id, "unknown node kind");
    }
};

} // namespace detail
} // namespace eval

APIQUERY_DECL compiled_filter::compiled_filter() = default;
APIQUERY_DECL compiled_filter::compiled_filter(compiled_filter&&) noexcept = default;
APIQUERY_DECL compiled_filter& compiled_filter::operator=(compiled_filter&&) noexcept = default;
APIQUERY_DECL compiled_filter::~compiled_filter() = default;

APIQUERY_DECL bool compiled_filter::matches_record(const void* record) const {
    if (!root_)
        return true; // an empty filter matches everything
    eval::detail::context c;
    c.frames[0] = record;
    return root_->test(c);
}

APIQUERY_DECL std::string compiled_filter::evaluate_to_string(const void* record) const {
    if (!root_)
        return "null";
    eval::detail::context c;
    c.frames[0] = record;
    return eval::describe(root_->eval(c));
}

namespace eval::detail {
struct compiled_filter_access {
    static result<compiled_filter, filter_compile_error> compile(const filter_ast& ast,
                                                                 const checked_filter* checked,
                                                                 const record_model& model,
                                                                 const compile_options& options) {
        compiled_filter out;
        out.model_ = &model;
        if (ast.empty())
            return out;
        const timestamp now = options.now ? *options.now
                                          : timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(
                                                std::chrono::system_clock::now()));
        compiler c{ast, model, value::datetime(now.unix_micros(), 0, 0), out.constants_, checked, {}, 0, {}};
        try {
            out.root_ = c.compile(ast.root());
        } catch (const std::exception& e) {
            return unexpected{filter_compile_error{std::string("cannot compile the filter: ") + e.what(),
                                                   ast.span(ast.root())}};
        }
        if (c.error)
            return unexpected{std::move(*c.error)};
        out.frames_ = c.max_frame + 1;
        return out;
    }
};
} // namespace eval::detail

APIQUERY_DECL result<compiled_filter, filter_compile_error>
compile_filter(const filter_ast& ast, const eval::record_model& model, const compile_options& options) {
    return eval::detail::compiled_filter_access::compile(ast, nullptr, model, options);
}

APIQUERY_DECL result<compiled_filter, filter_compile_error> compile_filter(const checked_filter& checked,
                                                                           const eval::record_model& model,
                                                                           const compile_options& options) {
    if (checked.empty())
        return eval::detail::compiled_filter_access::compile(filter_ast{}, nullptr, model, options);
    return eval::detail::compiled_filter_access::compile(checked.ast(), &checked, model, options);
}

} // namespace apiquery
