// apiquery: implementation of token.hpp.
#pragma once

#include <apiquery/endpoints/tokens/masking.hpp>
#include <apiquery/endpoints/tokens/model.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value_from.hpp>

#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/value/json_text.hpp>

#include <string_view>

namespace apiquery {

APIQUERY_DECL bool model_traits<user_name>::validate(json_view v, detail::validation_context& c,
                                                     user_name* out) {
    static constexpr std::array<std::string_view, 2> fields{"given_name", "family_name"};
    json_view s[2];
    if (!detail::validate_model_object(v, c, "UserName", fields, s))
        return false;
    bool ok = detail::model_field(c, v, fields[0], s[0], [&](json_view x) {
        return detail::validate_str(x, c, out ? &out->given_name : nullptr);
    });
    ok = detail::model_field(
             c, v, fields[1], s[1],
             [&](json_view x) { return detail::validate_str(x, c, out ? &out->family_name : nullptr); }) &&
         ok;
    return ok;
}

APIQUERY_DECL bool model_traits<workspace_name>::validate(json_view v, detail::validation_context& c,
                                                          workspace_name* out) {
    static constexpr std::array<std::string_view, 1> fields{"name"};
    json_view s[1];
    if (!detail::validate_model_object(v, c, "WorkspaceName", fields, s))
        return false;
    return detail::model_field(c, v, fields[0], s[0], [&](json_view x) {
        return detail::validate_str(x, c, out ? &out->name : nullptr);
    });
}

namespace detail {

APIQUERY_DECL bool validate_token_members(json_view object, const json_view* s, validation_context& c,
                                          token* out) {
    const auto& f = token_fields;
    bool ok = true;
    auto field = [&](std::size_t k, auto&& fn) { ok = model_field(c, object, f[k], s[k], fn) && ok; };

    field(0, [&](json_view x) { return validate_str(x, c, out ? &out->name : nullptr); });
    field(1, [&](json_view x) {
        if (!validate_str(x, c, nullptr))
            return false;
        if (c.options.check_masking) {
            const auto revealed = masked_token_revealed(x.get_string());
            if (revealed > masked_token_max_revealed) {
                const auto m = masked_token_error_message(revealed);
                boost::json::object ctx;
                ctx.emplace("error", m);
                c.add("value_error", "Value error, " + m, x, std::move(ctx));
                return false;
            }
        }
        if (out)
            out->masked_token.assign(x.get_string());
        return true;
    });
    field(2, [&](json_view x) { return validate_bool(x, c, out ? &out->personal : nullptr); });
    field(3, [&](json_view x) { return validate_bool(x, c, out ? &out->expires : nullptr); });
    field(4, [&](json_view x) {
        if (x.is_null()) { // Optional[datetime]: null is None
            if (out)
                out->expires_at.reset();
            return true;
        }
        timestamp t;
        if (!validate_datetime(x, c, &t))
            return false;
        if (out)
            out->expires_at = t;
        return true;
    });
    field(5, [&](json_view x) { return validate_uuid(x, c, out ? &out->api_token_id : nullptr); });
    field(6,
          [&](json_view x) { return model_traits<user_name>::validate(x, c, out ? &out->user : nullptr); });
    field(7, [&](json_view x) { return validate_str(x, c, out ? &out->role : nullptr); });
    field(8, [&](json_view x) {
        std::size_t k = 0;
        if (!validate_literal(x, c, organization_role_values, &k))
            return false;
        if (out)
            out->organization_role = static_cast<organization_role>(k);
        return true;
    });
    field(9, [&](json_view x) {
        if (out) {
            out->workspaces.clear();
            if (x.kind() == json_kind::array)
                out->workspaces.resize(x.size());
        }
        return validate_list(x, c, [&](json_view e, std::size_t k) {
            return model_traits<workspace_name>::validate(e, c, out ? &out->workspaces[k] : nullptr);
        });
    });
    if (s[10].valid()) { // all_workspaces: optional, default false
        const loc_scope scope(c, f[10]);
        ok = validate_bool(s[10], c, out ? &out->all_workspaces : nullptr) && ok;
    } else if (out) {
        out->all_workspaces = false;
    }
    return ok;
}

APIQUERY_DECL void write_token_members(boost::json::object& o, const token& t) {
    const auto sp = o.storage();
    o.emplace("name", t.name);
    o.emplace("masked_token", t.masked_token);
    o.emplace("personal", t.personal);
    o.emplace("expires", t.expires);
    if (t.expires_at) {
        char buf[timestamp_max_chars];
        const auto n = format_timestamp(*t.expires_at, buf);
        o.emplace("expires_at", boost::json::string_view(buf, n));
    } else {
        o.emplace("expires_at", nullptr);
    }
    const auto id = to_chars(t.api_token_id);
    o.emplace("api_token_id", boost::json::string_view(id.data(), id.size()));
    o.emplace("user", boost::json::value_from(t.user, sp));
    o.emplace("role", t.role);
    const auto role = to_string(t.organization_role);
    o.emplace("organization_role", boost::json::string_view(role.data(), role.size()));
    boost::json::array ws(sp);
    ws.reserve(t.workspaces.size());
    for (const auto& w : t.workspaces)
        ws.push_back(boost::json::value_from(w, sp));
    o.emplace("workspaces", std::move(ws));
    o.emplace("all_workspaces", t.all_workspaces);
}

APIQUERY_DECL void append_token_members(std::string& out, const token& t) {
    using namespace std::string_view_literals;
    out += "\"name\":"sv;
    append_json_string(out, t.name);
    out += ",\"masked_token\":"sv;
    append_json_string(out, t.masked_token);
    out += t.personal ? ",\"personal\":true"sv : ",\"personal\":false"sv;
    out += t.expires ? ",\"expires\":true"sv : ",\"expires\":false"sv;
    if (t.expires_at) {
        char buf[timestamp_max_chars];
        const auto n = format_timestamp(*t.expires_at, buf);
        out += ",\"expires_at\":\""sv;
        out.append(buf, n);
        out += '"';
    } else {
        out += ",\"expires_at\":null"sv;
    }
    const auto id = to_chars(t.api_token_id);
    out += ",\"api_token_id\":\""sv;
    out.append(id.data(), id.size());
    out += "\",\"user\":"sv;
    model_traits<user_name>::write(out, t.user);
    out += ",\"role\":"sv;
    append_json_string(out, t.role);
    out += ",\"organization_role\":\""sv;
    out += to_string(t.organization_role);
    out += "\",\"workspaces\":["sv;
    for (std::size_t k = 0; k < t.workspaces.size(); ++k) {
        if (k > 0)
            out += ',';
        model_traits<workspace_name>::write(out, t.workspaces[k]);
    }
    out += t.all_workspaces ? "],\"all_workspaces\":true"sv : "],\"all_workspaces\":false"sv;
}

} // namespace detail

APIQUERY_DECL void model_traits<user_name>::write(std::string& out, const user_name& u) {
    using namespace std::string_view_literals;
    out += "{\"given_name\":"sv;
    append_json_string(out, u.given_name);
    out += ",\"family_name\":"sv;
    append_json_string(out, u.family_name);
    out += '}';
}

APIQUERY_DECL void model_traits<workspace_name>::write(std::string& out, const workspace_name& w) {
    using namespace std::string_view_literals;
    out += "{\"name\":"sv;
    append_json_string(out, w.name);
    out += '}';
}

APIQUERY_DECL void model_traits<token>::write(std::string& out, const token& t) {
    out += '{';
    detail::append_token_members(out, t);
    out += '}';
}

APIQUERY_DECL bool model_traits<token>::validate(json_view v, detail::validation_context& c, token* out) {
    json_view s[token_fields.size()];
    if (!detail::validate_model_object(v, c, "Token", token_fields, s))
        return false;
    return detail::validate_token_members(v, s, c, out);
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const user_name& u) {
    boost::json::object o(jv.storage());
    o.emplace("given_name", u.given_name);
    o.emplace("family_name", u.family_name);
    jv = std::move(o);
}

APIQUERY_DECL boost::system::result<user_name> tag_invoke(boost::json::try_value_to_tag<user_name>,
                                                          const boost::json::value& jv) {
    return detail::try_value_to_model<user_name>(jv);
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const workspace_name& w) {
    boost::json::object o(jv.storage());
    o.emplace("name", w.name);
    jv = std::move(o);
}

APIQUERY_DECL boost::system::result<workspace_name> tag_invoke(boost::json::try_value_to_tag<workspace_name>,
                                                               const boost::json::value& jv) {
    return detail::try_value_to_model<workspace_name>(jv);
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, organization_role r) {
    const auto s = to_string(r);
    jv = boost::json::string(boost::json::string_view(s.data(), s.size()), jv.storage());
}

APIQUERY_DECL boost::system::result<organization_role>
tag_invoke(boost::json::try_value_to_tag<organization_role>, const boost::json::value& jv) {
    if (const auto* s = jv.if_string())
        if (const auto r = parse_organization_role(std::string_view(s->data(), s->size())))
            return *r;
    return detail::model_mismatch();
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const token& t) {
    boost::json::object o(jv.storage());
    o.reserve(token_fields.size());
    detail::write_token_members(o, t);
    jv = std::move(o);
}

APIQUERY_DECL boost::system::result<token> tag_invoke(boost::json::try_value_to_tag<token>,
                                                      const boost::json::value& jv) {
    return detail::try_value_to_model<token>(jv);
}

} // namespace apiquery
