// apiquery: implementation of detail/model_validators.hpp.
#pragma once

#include <apiquery/model/detail/model_validators.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <boost/json/string.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace apiquery {
namespace detail {

namespace pm { // pydantic's message templates (pydantic-core src/errors/types.rs)
inline constexpr std::string_view string_type = "Input should be a valid string";
inline constexpr std::string_view bool_type = "Input should be a valid boolean";
inline constexpr std::string_view bool_parsing = "Input should be a valid boolean, unable to interpret input";
inline constexpr std::string_view int_type = "Input should be a valid integer";
inline constexpr std::string_view int_from_float =
    "Input should be a valid integer, got a number with a fractional part";
inline constexpr std::string_view finite_number = "Input should be a finite number";
inline constexpr std::string_view uuid_type = "UUID input should be a string, bytes or UUID object";
inline constexpr std::string_view datetime_type = "Input should be a valid datetime";
inline constexpr std::string_view list_type = "Input should be a valid array";
inline constexpr std::string_view model_type = "Input should be an object";
inline constexpr std::string_view missing = "Field required";
} // namespace pm

inline boost::json::object error_ctx(std::string_view key, std::string_view value) {
    boost::json::object o;
    o.emplace(boost::json::string_view(key.data(), key.size()),
              boost::json::string_view(value.data(), value.size()));
    return o;
}

APIQUERY_DECL void validation_context::add(std::string_view type, std::string msg, json_view input,
                                           std::optional<boost::json::object> ctx) {
    validation_error e;
    e.type.assign(type);
    std::size_t depth = 0;
    for (const loc_frame* f = top; f; f = f->parent)
        ++depth;
    e.loc.resize(depth);
    for (const loc_frame* f = top; f; f = f->parent) {
        --depth;
        if (f->index >= 0)
            e.loc[depth] = f->index;
        else
            e.loc[depth] = std::string(f->name);
    }
    e.msg = std::move(msg);
    e.input = to_value(input);
    e.ctx = std::move(ctx);
    errors->push_back(std::move(e));
}

APIQUERY_DECL void validation_context::missing(std::string_view field, json_view object) {
    const loc_scope scope(*this, field);
    add("missing", std::string(pm::missing), object);
}

APIQUERY_DECL bool validate_str(json_view v, validation_context& c, std::string* out) {
    if (v.kind() == json_kind::string) {
        if (out)
            out->assign(v.get_string());
        return true;
    }
    c.add("string_type", std::string(pm::string_type), v);
    return false;
}

namespace mv {
inline bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (x != b[i])
            return false;
    }
    return true;
}

/// pydantic-core `float_as_int`: 0 ok, 1 finite_number, 2 int_from_float, 3 int_parsing_size.
inline int float_as_int(double f, std::int64_t& out) noexcept {
    if (std::isinf(f) || std::isnan(f))
        return 1;
    if (std::fmod(f, 1.0) != 0.0)
        return 2;
    // (i64::MIN as f64) < f < (i64::MAX as f64); both bounds are +-2^63 as doubles.
    if (-9223372036854775808.0 < f && f < 9223372036854775808.0) {
        out = static_cast<std::int64_t>(f);
        return 0;
    }
    return 3;
}
} // namespace mv

APIQUERY_DECL bool validate_bool(json_view v, validation_context& c, bool* out) {
    bool b = false;
    switch (v.kind()) {
    case json_kind::boolean:
        b = v.get_bool();
        break;
    case json_kind::string: {
        const auto s = v.get_string();
        if (s == "0" || mv::ascii_iequals(s, "f") || mv::ascii_iequals(s, "n") ||
            mv::ascii_iequals(s, "no") || mv::ascii_iequals(s, "off") || mv::ascii_iequals(s, "false")) {
            b = false;
        } else if (s == "1" || mv::ascii_iequals(s, "t") || mv::ascii_iequals(s, "y") ||
                   mv::ascii_iequals(s, "on") || mv::ascii_iequals(s, "yes") ||
                   mv::ascii_iequals(s, "true")) {
            b = true;
        } else {
            c.add("bool_parsing", std::string(pm::bool_parsing), v);
            return false;
        }
        break;
    }
    case json_kind::integer:
        if (v.get_int() != 0 && v.get_int() != 1) {
            c.add("bool_parsing", std::string(pm::bool_parsing), v);
            return false;
        }
        b = v.get_int() == 1;
        break;
    case json_kind::number: {
        std::int64_t i = 0;
        if (mv::float_as_int(v.get_double(), i) != 0) {
            c.add("bool_type", std::string(pm::bool_type), v);
            return false;
        }
        if (i != 0 && i != 1) {
            c.add("bool_parsing", std::string(pm::bool_parsing), v);
            return false;
        }
        b = i == 1;
        break;
    }
    default:
        c.add("bool_type", std::string(pm::bool_type), v);
        return false;
    }
    if (out)
        *out = b;
    return true;
}

namespace mv {
inline constexpr std::string_view int64_range_error =
    "the integer does not fit in the 64 bits of the C++ model";
}

APIQUERY_DECL bool validate_int(json_view v, validation_context& c, std::int64_t* out) {
    std::int64_t value = 0;
    bool fits = true;
    switch (v.kind()) {
    case json_kind::integer:
        value = v.get_int();
        break;
    case json_kind::big_integer: {
        const auto t = v.get_string();
        const auto r = std::from_chars(t.data(), t.data() + t.size(), value);
        fits = r.ec == std::errc();
        break;
    }
    case json_kind::boolean:
        value = v.get_bool() ? 1 : 0;
        break;
    case json_kind::number:
        switch (mv::float_as_int(v.get_double(), value)) {
        case 0:
            break;
        case 1:
            c.add("finite_number", std::string(pm::finite_number), v);
            return false;
        case 2:
            c.add("int_from_float", std::string(pm::int_from_float), v);
            return false;
        default:
            c.add("int_parsing_size", std::string(error_message(int_error::int_parsing_size)), v);
            return false;
        }
        break;
    case json_kind::string: {
        const auto r = parse_lax_int(v.get_string());
        if (!r) {
            c.add(error_type(r.error()), std::string(error_message(r.error())), v);
            return false;
        }
        const auto v64 = r->to_int64();
        fits = v64.has_value();
        value = v64.value_or(0);
        break;
    }
    default:
        c.add("int_type", std::string(pm::int_type), v);
        return false;
    }
    if (!fits) {
        if (!c.typed)
            return true; // valid for pydantic; nothing to store
        c.add("value_error", "Value error, " + std::string(mv::int64_range_error), v,
              error_ctx("error", mv::int64_range_error));
        return false;
    }
    if (out)
        *out = value;
    return true;
}

APIQUERY_DECL bool validate_uuid(json_view v, validation_context& c, uuid* out) {
    if (v.kind() != json_kind::string) {
        c.add("uuid_type", std::string(pm::uuid_type), v);
        return false;
    }
    const auto r = parse_uuid(v.get_string());
    if (!r) {
        const std::string m = r.error().message();
        c.add("uuid_parsing", "Input should be a valid UUID, " + m, v, error_ctx("error", m));
        return false;
    }
    if (out)
        *out = *r;
    return true;
}

APIQUERY_DECL bool validate_datetime(json_view v, validation_context& c, timestamp* out) {
    switch (v.kind()) {
    case json_kind::string: {
        auto r = parse_pydantic_datetime(v.get_string());
        if (!r) {
            c.add(r.error().type, r.error().msg(), v, error_ctx("error", r.error().error));
            return false;
        }
        if (out)
            *out = *r;
        return true;
    }
    case json_kind::integer:
    case json_kind::number: {
        auto r = v.kind() == json_kind::integer ? pydantic_datetime_from_int(v.get_int())
                                                : pydantic_datetime_from_float(v.get_double());
        if (!r) {
            c.add(r.error().type, r.error().msg(), v, error_ctx("error", r.error().error));
            return false;
        }
        if (out)
            *out = *r;
        return true;
    }
    default:
        c.add("datetime_type", std::string(pm::datetime_type), v);
        return false;
    }
}

APIQUERY_DECL bool validate_literal(json_view v, validation_context& c,
                                    std::span<const std::string_view> choices, std::size_t* out) {
    if (v.kind() == json_kind::string) {
        for (std::size_t k = 0; k < choices.size(); ++k) {
            if (choices[k] == v.get_string()) {
                if (out)
                    *out = k;
                return true;
            }
        }
    }
    // "'A', 'B' or 'C'" (Python reprs of the choices; these are plain ASCII words)
    std::string expected;
    for (std::size_t k = 0; k < choices.size(); ++k) {
        if (k > 0)
            expected += k + 1 == choices.size() ? " or " : ", ";
        expected += '\'';
        expected += choices[k];
        expected += '\'';
    }
    c.add("literal_error", "Input should be " + expected, v, error_ctx("expected", expected));
    return false;
}

APIQUERY_DECL bool validate_model_object(json_view v, validation_context& c, std::string_view class_name,
                                         std::span<const std::string_view> fields, json_view* slots) {
    if (v.kind() != json_kind::object) {
        c.add("model_type", std::string(pm::model_type), v, error_ctx("class_name", class_name));
        return false;
    }
    for (std::size_t k = 0; k < fields.size(); ++k)
        slots[k] = json_view();
    v.for_each_member([&](std::string_view key, json_view value) {
        for (std::size_t k = 0; k < fields.size(); ++k) {
            const std::string_view f = fields[k];
            if (f.size() == key.size() && (f.empty() || f[0] == key[0]) && f == key) {
                slots[k] = value; // the last duplicate wins
                break;
            }
        }
    });
    return true;
}

APIQUERY_DECL bool validate_list_type(json_view v, validation_context& c) {
    if (v.kind() == json_kind::array)
        return true;
    c.add("list_type", std::string(pm::list_type), v);
    return false;
}

namespace mv {
class model_error_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "apiquery.model"; }
    std::string message(int) const override {
        return "the JSON value does not match the response model (apiquery::check_model_value lists every "
               "error)";
    }
};
} // namespace mv

APIQUERY_DECL const boost::system::error_category& model_error_category() noexcept {
    static const mv::model_error_category_impl category;
    return category;
}

} // namespace detail
} // namespace apiquery
