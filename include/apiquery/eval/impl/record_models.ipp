// apiquery: the record models: Boost.JSON records (json_model: paths follow object keys, from_json()
// maps JSON values, a schema gives paths a type) and typed records read through a table of fields
// (table_model) (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/value.ipp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>

namespace apiquery::eval {

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

} // namespace apiquery::eval
