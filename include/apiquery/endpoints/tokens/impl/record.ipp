// apiquery: implementation of token_record.hpp.
#pragma once

#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/record.hpp>

#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <array>
#include <string_view>

namespace apiquery {

APIQUERY_DECL bool model_traits<token_record>::validate(json_view v, detail::validation_context& c,
                                                        token_record* out) {
    static constexpr auto fields = [] {
        std::array<std::string_view, token_fields.size() + 1> f{};
        for (std::size_t k = 0; k < token_fields.size(); ++k)
            f[k] = token_fields[k];
        f[token_fields.size()] = "created_at";
        return f;
    }();
    json_view s[fields.size()];
    if (!detail::validate_model_object(v, c, "TokenRecord", fields, s))
        return false;
    bool ok = detail::validate_token_members(v, s, c, out ? &out->meta : nullptr);
    ok = detail::model_field(c, v, fields.back(), s[token_fields.size()],
                             [&](json_view x) {
                                 return detail::validate_datetime(x, c, out ? &out->created_at : nullptr);
                             }) &&
         ok;
    return ok;
}

APIQUERY_DECL void model_traits<token_record>::write(std::string& out, const token_record& r) {
    out += '{';
    detail::append_token_members(out, r.meta);
    char buf[timestamp_max_chars];
    const auto n = format_timestamp(r.created_at, buf);
    out += ",\"created_at\":\"";
    out.append(buf, n);
    out += "\"}";
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const token_record& r) {
    boost::json::object o(jv.storage());
    o.reserve(token_fields.size() + 1);
    detail::write_token_members(o, r.meta);
    char buf[timestamp_max_chars];
    const auto n = format_timestamp(r.created_at, buf);
    o.emplace("created_at", boost::json::string_view(buf, n));
    jv = std::move(o);
}

APIQUERY_DECL boost::system::result<token_record> tag_invoke(boost::json::try_value_to_tag<token_record>,
                                                             const boost::json::value& jv) {
    return detail::try_value_to_model<token_record>(jv);
}

} // namespace apiquery
