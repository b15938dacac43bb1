// apiquery: implementation of model.hpp.
#pragma once

#include <apiquery/endpoints/files/model.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <cstdio>

namespace apiquery {

APIQUERY_DECL void append_pydantic_datetime(std::string& out, const timestamp& t) {
    const std::int64_t local_us = t.unix_micros() + static_cast<std::int64_t>(t.offset_minutes()) * 60000000;
    const std::int64_t days = calendar::floor_div(local_us, 86400LL * 1000000LL);
    const std::int64_t in_day = local_us - days * 86400LL * 1000000LL;
    const auto d = calendar::civil_from_days(days);
    const std::int64_t secs = in_day / 1000000, micros = in_day % 1000000;
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                          static_cast<long long>(d.year), d.month, d.day, static_cast<long long>(secs / 3600),
                          static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    out.append(buf, static_cast<std::size_t>(n));
    if (micros != 0) {
        n = std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
        out.append(buf, static_cast<std::size_t>(n));
    }
    if (t.is_naive())
        return;
    const int off = t.offset_minutes();
    if (off == 0) {
        out.push_back('Z');
        return;
    }
    const int a = off < 0 ? -off : off;
    n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', a / 60, a % 60);
    out.append(buf, static_cast<std::size_t>(n));
}

APIQUERY_DECL std::string format_pydantic_datetime(const timestamp& t) {
    std::string out;
    append_pydantic_datetime(out, t);
    return out;
}

namespace detail {

APIQUERY_DECL bool validate_meta(json_view v, validation_context& c, boost::json::object* out) {
    if (v.kind() != json_kind::object) {
        c.add("dict_type", "Input should be an object", v);
        return false;
    }
    if (out) {
        boost::json::value value = to_value(v);
        *out = std::move(value.as_object());
    }
    return true;
}

APIQUERY_DECL bool validate_languages(json_view v, validation_context& c,
                                      std::optional<std::vector<std::string>>* out) {
    if (v.is_null()) {
        if (out)
            out->reset();
        return true;
    }
    std::vector<std::string>* list = nullptr;
    if (out) {
        out->emplace();
        list = &**out;
        if (v.kind() == json_kind::array)
            list->resize(v.size());
    }
    return validate_list(
        v, c, [&](json_view e, std::size_t k) { return validate_str(e, c, list ? &(*list)[k] : nullptr); });
}

APIQUERY_DECL void append_languages(std::string& out, const std::optional<std::vector<std::string>>& l) {
    if (!l) {
        out += "null";
        return;
    }
    out += '[';
    for (std::size_t k = 0; k < l->size(); ++k) {
        if (k > 0)
            out += ',';
        append_json_string(out, (*l)[k]);
    }
    out += ']';
}

} // namespace detail

APIQUERY_DECL bool model_traits<file>::validate(json_view v, detail::validation_context& c, file* out) {
    json_view s[file_fields.size()];
    if (!detail::validate_model_object(v, c, "File", file_fields, s))
        return false;
    bool ok = true;
    const auto field = [&](std::size_t k, auto&& fn) {
        ok = detail::model_field(c, v, file_fields[k], s[k], fn) && ok;
    };
    field(0, [&](json_view x) { return detail::validate_uuid(x, c, out ? &out->file_id : nullptr); });
    field(1, [&](json_view x) { return detail::validate_str(x, c, out ? &out->url : nullptr); });
    field(2, [&](json_view x) { return detail::validate_str(x, c, out ? &out->name : nullptr); });
    field(3, [&](json_view x) { return detail::validate_int(x, c, out ? &out->size : nullptr); });
    field(4, [&](json_view x) { return detail::validate_int(x, c, out ? &out->characters : nullptr); });
    field(5, [&](json_view x) { return detail::validate_meta(x, c, out ? &out->meta : nullptr); });
    field(6, [&](json_view x) { return detail::validate_datetime(x, c, out ? &out->created_at : nullptr); });
    if (s[7].valid()) { // languages: optional, default None
        const detail::loc_scope scope(c, file_fields[7]);
        ok = detail::validate_languages(s[7], c, out ? &out->languages : nullptr) && ok;
    } else if (out) {
        out->languages.reset();
    }
    return ok;
}

APIQUERY_DECL void model_traits<file>::write(std::string& out, const file& f) {
    const auto id = to_chars(f.file_id);
    out += "{\"file_id\":\"";
    out.append(id.data(), id.size());
    out += "\",\"url\":";
    append_json_string(out, f.url);
    out += ",\"name\":";
    append_json_string(out, f.name);
    out += ",\"size\":";
    out += std::to_string(f.size);
    out += ",\"characters\":";
    out += std::to_string(f.characters);
    out += ",\"meta\":";
    append_json_text(out, boost::json::value(f.meta));
    out += ",\"created_at\":\"";
    append_pydantic_datetime(out, f.created_at);
    out += "\",\"languages\":";
    detail::append_languages(out, f.languages);
    out += '}';
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const file& f) {
    std::string text;
    model_traits<file>::write(text, f);
    jv = boost::json::value(parse_json_value(text).value(), jv.storage()); // our own text: always JSON
}

APIQUERY_DECL boost::system::result<file> tag_invoke(boost::json::try_value_to_tag<file>,
                                                     const boost::json::value& jv) {
    return detail::try_value_to_model<file>(jv);
}

} // namespace apiquery
