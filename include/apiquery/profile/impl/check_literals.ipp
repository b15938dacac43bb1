// apiquery: the typing of literals: a literal's own type and value, and its conversion to the type it is
// compared with (a quoted date to a date-time, an int to a decimal, a name to an enum member) (part of
// profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/impl/check_text.ipp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/uuid.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>

namespace apiquery::detail::pcheck {

/// Parses a double literal's text (INF, -INF, NaN, or a number with an exponent or a fraction).
inline bool parse_double(std::string_view text, double& out) {
    if (text == "INF") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "-INF") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "NaN") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+')
        ++first;
    if (first == last || (*first != '-' && (*first < '0' || *first > '9')))
        return false;
    const auto r = std::from_chars(first, last, out, std::chars_format::general);
    return r.ec == std::errc() && r.ptr == last && std::isfinite(out);
}

/// The literal's own type and value, before any conversion.
///
/// The value is constructed in place in checked_data::values (store), never in a local typed_value that is
/// then copied: GCC 12's scalar replacement of aggregates (-ftree-sra, at -O3) miscompiled such a
/// local whose branches write alternatives of different layouts (a string_view at offset 0, an
/// enum_value's string_view at offset 8): the copy took the string_view's size for its data pointer.
/// (The project's tests build a check of this at -O3.)
inline opt_error type_literal(check_state& st, node_id id) {
    auto& inf = st.info(id);
    inf.value = static_cast<std::uint32_t>(st.out.values.size());
    const auto text = st.ast.text(id);
    const auto invalid = [&](std::string what) {
        return st.error(profile_errc::invalid_value, id, render_literal(st.ast, id) + " is not " + what);
    };
    expr_type t;
    const auto store = [&](auto value) {
        st.out.values.emplace_back(std::in_place_type<decltype(value)>, std::move(value));
    };
    switch (st.ast.literal_type(id)) {
    case literal_kind::null:
        t.type = value_type::null;
        t.nullable = true;
        store(std::monostate{});
        break;
    case literal_kind::boolean:
        t.type = value_type::boolean;
        store(st.ast.bool_value(id));
        break;
    case literal_kind::int_:
        t.type = value_type::int_;
        store(st.ast.int_value(id));
        break;
    case literal_kind::decimal: {
        t.type = value_type::decimal;
        decimal_value d{text, 0.0};
        const char* first = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
        const auto r = std::from_chars(first, text.data() + text.size(), d.approx, std::chars_format::fixed);
        if (text.empty() || r.ptr != text.data() + text.size() ||
            (r.ec != std::errc() && r.ec != std::errc::result_out_of_range))
            return invalid("a decimal number");
        store(d);
        break;
    }
    case literal_kind::double_: {
        t.type = value_type::double_;
        double d = 0;
        if (!parse_double(text, d))
            return st.error(profile_errc::invalid_value, id,
                            render_literal(st.ast, id) + " is not a double (or is out of its range)");
        store(d);
        break;
    }
    case literal_kind::string:
        t.type = value_type::string;
        store(text);
        break;
    case literal_kind::date: {
        t.type = value_type::date;
        const auto r = parse_odata_date(text);
        if (!r)
            return invalid("a date: " + std::string(r.error().message));
        store(*r);
        break;
    }
    case literal_kind::datetimeoffset: {
        t.type = value_type::datetimeoffset;
        const auto r = parse_odata_datetimeoffset(text);
        if (!r)
            return invalid("a date-time: " + std::string(r.error().message));
        store(*r);
        break;
    }
    case literal_kind::timeofday: {
        t.type = value_type::timeofday;
        const auto r = parse_odata_timeofday(text);
        if (!r)
            return invalid("a time of day: " + std::string(r.error().message));
        store(*r);
        break;
    }
    case literal_kind::duration: {
        t.type = value_type::duration;
        const auto r = parse_odata_duration(text);
        if (!r)
            return invalid("a duration: " + std::string(r.error().message));
        store(*r);
        break;
    }
    case literal_kind::guid: {
        t.type = value_type::guid;
        const auto r = parse_uuid(text);
        if (!r)
            return invalid("a GUID: " + r.error().message());
        store(*r);
        break;
    }
    case literal_kind::enum_:
        t.type = value_type::enum_;
        store(enum_value{no_field, text});
        break;
    }
    inf.type = t;
    inf.operand = t.type;
    return std::nullopt;
}

/// Converts literal `lit` to `target` (a type unify() accepted for it). `other` names what it is
/// compared with, for messages.
inline opt_error coerce(check_state& st, node_id lit, const expr_type& target, node_id other) {
    auto& inf = st.info(lit);
    if (inf.value == no_field) // a literal left to run time by relax(): nothing to convert
        return std::nullopt;
    auto& v = st.out.values[inf.value];
    const auto k = st.ast.literal_type(lit);
    const auto text = st.ast.text(lit);
    // Assigns the alternative itself, never a temporary typed_value (see type_literal()).
    const auto set = [&](auto nv) {
        v.template emplace<decltype(nv)>(std::move(nv));
        inf.type = target;
        inf.type.collection = false;
        inf.type.nullable = k == literal_kind::null;
        inf.operand = target.type;
        return std::nullopt;
    };
    const auto invalid = [&](std::string what) {
        return st.error(profile_errc::invalid_value, lit, render_literal(st.ast, lit) + " is not " + what);
    };
    if (target.type == value_type::dynamic || target.type == value_type::null)
        return std::nullopt;
    if (k == literal_kind::null) {
        inf.type = target;
        inf.type.collection = false;
        inf.type.nullable = true;
        inf.operand = target.type;
        return std::nullopt;
    }
    switch (target.type) {
    case value_type::boolean:
    case value_type::string:
    case value_type::int_:
    case value_type::timeofday:
    case value_type::duration:
        if (inf.type.type == target.type)
            return std::nullopt;
        break;
    case value_type::decimal:
        if (k == literal_kind::decimal)
            return std::nullopt;
        if (k == literal_kind::int_) {
            const auto s = std::to_string(st.ast.int_value(lit));
            auto buf = std::make_unique<char[]>(s.size());
            std::copy(s.begin(), s.end(), buf.get());
            const std::string_view view(buf.get(), s.size());
            st.out.texts.push_back(std::move(buf));
            return set(decimal_value{view, static_cast<double>(st.ast.int_value(lit))});
        }
        break;
    case value_type::double_:
        if (k == literal_kind::double_)
            return std::nullopt;
        if (k == literal_kind::int_)
            return set(static_cast<double>(st.ast.int_value(lit)));
        if (k == literal_kind::decimal) {
            const double d = std::get<decimal_value>(v).approx;
            if (!std::isfinite(d))
                return st.error(profile_errc::invalid_value, lit,
                                render_literal(st.ast, lit) + " is out of the range of a double");
            return set(d);
        }
        break;
    case value_type::date:
        if (k == literal_kind::date)
            return set(std::get<odata_date>(v));
        if (k == literal_kind::string) {
            const auto r = parse_odata_date(text);
            if (!r)
                return invalid("a date (YYYY-MM-DD): " + std::string(r.error().message));
            return set(*r);
        }
        break;
    case value_type::datetimeoffset:
        if (k == literal_kind::datetimeoffset)
            return set(std::get<odata_datetimeoffset>(v));
        if (k == literal_kind::date) {
            odata_datetimeoffset dto;
            dto.utc_micros = std::get<odata_date>(v).days * 86400LL * 1000000LL;
            return set(dto);
        }
        if (k == literal_kind::string) {
            // `t` as `T` (RFC 3339 section 5.6 and parse_timestamp; the ABNF's "T" too).
            if (text.find_first_of("Tt") == std::string_view::npos) {
                const auto r = parse_odata_date(text);
                if (!r)
                    return invalid("a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): " +
                                   std::string(r.error().message));
                odata_datetimeoffset dto;
                dto.utc_micros = r->days * 86400LL * 1000000LL;
                return set(dto);
            }
            const auto r = parse_odata_datetimeoffset(text);
            if (!r)
                return invalid("a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): " +
                               std::string(r.error().message));
            return set(*r);
        }
        break;
    case value_type::guid:
        if (k == literal_kind::guid)
            return std::nullopt;
        if (k == literal_kind::string) {
            const auto r = parse_uuid(text);
            if (!r)
                return invalid("a UUID: " + r.error().message());
            return set(*r);
        }
        break;
    case value_type::enum_: {
        if (k != literal_kind::string && k != literal_kind::enum_)
            break;
        if (target.enum_field >= st.profile.fields.size()) // no field to take the members from: the name only
            return set(enum_value{no_field, text});
        const auto& f = st.profile.fields[target.enum_field];
        if (k == literal_kind::enum_ && st.ast.enum_type(lit) != f.enum_type) {
            if (f.enum_type.empty())
                return st.error(
                    profile_errc::invalid_value, lit,
                    "field " + quoted(f.path) + " takes its values quoted, e.g. " +
                        quoted(f.enum_members.empty() ? std::string_view("X") : f.enum_members[0]));
            return st.error(profile_errc::invalid_value, lit,
                            render_literal(st.ast, lit) + " is not of field " + quoted(f.path) + "'s type " +
                                quoted(f.enum_type));
        }
        const auto m = f.find_member(text);
        if (m == no_field) {
            std::string values;
            for (std::size_t i = 0; i < f.enum_members.size() && i < 10; ++i)
                values += (i > 0 ? ", " : "") + clip(f.enum_members[i], 32);
            if (f.enum_members.size() > 10)
                values += ", ...";
            return st.error(profile_errc::invalid_value, lit,
                            quoted(text) + " is not a value of " + st.subject(other) + " (" + values + ")");
        }
        return set(enum_value{m, f.enum_members[m]});
    }
    case value_type::null:
    case value_type::dynamic:
        return std::nullopt;
    }
    return st.mismatch(other, lit, lit);
}

} // namespace apiquery::detail::pcheck
