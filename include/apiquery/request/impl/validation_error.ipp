// apiquery: implementation of validation_error.hpp.
#pragma once

#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <string>

namespace apiquery {

APIQUERY_DECL boost::json::value to_json(const validation_error& e) {
    boost::json::object o;
    o.emplace("type", e.type);
    boost::json::array loc;
    for (const auto& seg : e.loc) {
        if (const auto* name = std::get_if<std::string>(&seg))
            loc.emplace_back(*name);
        else
            loc.emplace_back(std::get<std::int64_t>(seg));
    }
    o.emplace("loc", std::move(loc));
    o.emplace("msg", e.msg);
    if (e.input)
        o.emplace("input", *e.input);
    if (e.ctx)
        o.emplace("ctx", *e.ctx);
    return o;
}

APIQUERY_DECL boost::json::value to_json(const http_validation_error& body) {
    boost::json::array detail;
    for (const auto& e : body.detail)
        detail.push_back(to_json(e));
    boost::json::object o;
    o.emplace("detail", std::move(detail));
    return o;
}

APIQUERY_DECL void append_json_text(std::string& out, const validation_error& e) {
    out.append("{\"type\":");
    append_json_string(out, e.type);
    out.append(",\"loc\":[");
    bool first = true;
    for (const auto& seg : e.loc) {
        if (!first)
            out.push_back(',');
        first = false;
        if (const auto* name = std::get_if<std::string>(&seg))
            append_json_string(out, *name);
        else
            out.append(std::to_string(std::get<std::int64_t>(seg)));
    }
    out.append("],\"msg\":");
    append_json_string(out, e.msg);
    if (e.input) {
        out.append(",\"input\":");
        append_json_text(out, *e.input);
    }
    if (e.ctx) {
        out.append(",\"ctx\":");
        append_json_text(out, boost::json::value(*e.ctx));
    }
    out.push_back('}');
}

APIQUERY_DECL void append_json_text(std::string& out, const http_validation_error& body) {
    out.append("{\"detail\":[");
    bool first = true;
    for (const auto& e : body.detail) {
        if (!first)
            out.push_back(',');
        first = false;
        append_json_text(out, e);
    }
    out.append("]}");
}

APIQUERY_DECL std::string json_text(const http_validation_error& body) {
    std::string out;
    append_json_text(out, body);
    return out;
}

APIQUERY_DECL result<validation_error, std::string> validation_error_from_json(const boost::json::value& v) {
    const auto* o = v.if_object();
    if (!o)
        return unexpected{std::string("ValidationError: expected an object")};
    validation_error e;
    const auto* type = o->if_contains("type");
    if (!type || !type->is_string())
        return unexpected{std::string("/type: required string")};
    e.type = std::string(type->get_string());
    const auto* loc = o->if_contains("loc");
    if (!loc || !loc->is_array())
        return unexpected{std::string("/loc: required array")};
    std::size_t i = 0;
    for (const auto& seg : loc->get_array()) {
        if (seg.is_string())
            e.loc.emplace_back(std::string(seg.get_string()));
        else if (seg.is_int64())
            e.loc.emplace_back(seg.get_int64());
        else if (seg.is_uint64() && seg.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            e.loc.emplace_back(static_cast<std::int64_t>(seg.get_uint64()));
        else
            return unexpected{"/loc/" + std::to_string(i) + ": expected a string or an integer"};
        ++i;
    }
    const auto* msg = o->if_contains("msg");
    if (!msg || !msg->is_string())
        return unexpected{std::string("/msg: required string")};
    e.msg = std::string(msg->get_string());
    if (const auto* input = o->if_contains("input"))
        e.input = *input;
    if (const auto* ctx = o->if_contains("ctx")) {
        if (!ctx->is_object())
            return unexpected{std::string("/ctx: expected an object")};
        e.ctx = ctx->get_object();
    }
    return e;
}

APIQUERY_DECL result<http_validation_error, std::string>
http_validation_error_from_json(const boost::json::value& v) {
    const auto* o = v.if_object();
    if (!o)
        return unexpected{std::string("HTTPValidationError: expected an object")};
    http_validation_error body;
    const auto* detail = o->if_contains("detail");
    if (!detail)
        return body;
    if (!detail->is_array())
        return unexpected{std::string("/detail: expected an array")};
    std::size_t i = 0;
    for (const auto& item : detail->get_array()) {
        auto e = validation_error_from_json(item);
        if (!e)
            return unexpected{"/detail/" + std::to_string(i) + (e.error().front() == '/' ? "" : ": ") +
                              e.error()};
        body.detail.push_back(std::move(*e));
        ++i;
    }
    return body;
}

} // namespace apiquery
