// apiquery: pydantic / FastAPI validation errors and the 422 body (`HTTPValidationError`).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/value/result.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace apiquery {

/// One segment of an error location: a field name or a list index (`["data", 3, "expires_at"]`).
using loc_segment = std::variant<std::string, std::int64_t>;

/// One element of a pydantic v2 error list, as FastAPI >= 0.110.2 puts it in a 422 body.
///
/// Keys are written in pydantic's order: `type`, `loc`, `msg`, `input`, then `ctx` (only when the error
/// type has a context). There is no `url` key (FastAPI removed it in 0.110.2).
///
/// @par Example
/// @code
/// {"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100",
///  "input":"101","ctx":{"le":100}}
/// @endcode
///
/// The same type describes errors found in response bodies (locs such as `["data",3,"expires_at"]`) and
/// is the `ValidationError` model of an `HTTPValidationError`.
struct validation_error {
    std::string type;
    std::vector<loc_segment> loc;
    std::string msg;
    /// The offending input. `std::nullopt` means the key is absent (the `ValidationError` schema does not
    /// require it); a JSON null is written as `"input":null` (FastAPI's `missing` errors).
    std::optional<boost::json::value> input;
    /// The context, keys in insertion order; `std::nullopt` means no `ctx` key.
    std::optional<boost::json::object> ctx;

    friend bool operator==(const validation_error&, const validation_error&) = default;
};

/// The body of a FastAPI 422 response: `{"detail":[...]}`.
struct http_validation_error {
    std::vector<validation_error> detail;

    friend bool operator==(const http_validation_error&, const http_validation_error&) = default;
};

/// Builds a location from names and indices: `make_loc({"query", "limit"})`.
inline std::vector<loc_segment> make_loc(std::initializer_list<loc_segment> segments) {
    return std::vector<loc_segment>(segments);
}

/// pydantic's element for a `ValueError` raised by a validator (FastAPI's shape for rules checked beyond
/// the parameter types): `{"type":"value_error","loc":loc,"msg":"Value error, <message>","input":input,
/// "ctx":{"error":"<message>"}}`, with any `extra` context keys appended after `error`.
inline validation_error make_value_error(std::vector<loc_segment> loc, std::string_view message,
                                         boost::json::value input, boost::json::object extra = {}) {
    validation_error e;
    e.type = "value_error";
    e.loc = std::move(loc);
    e.msg = "Value error, ";
    e.msg.append(message);
    e.input = std::move(input);
    boost::json::object ctx;
    ctx.emplace("error", boost::json::string_view(message.data(), message.size()));
    for (auto& kv : extra)
        ctx.emplace(kv.key(), std::move(kv.value()));
    e.ctx = std::move(ctx);
    return e;
}

/// make_value_error with ctx `{"error": message, "position": position}`: a problem at a byte offset of
/// the input text (a filter that does not parse, that the endpoint refuses or that cannot be
/// evaluated or translated; the offset is in the decoded UTF-8 text).
inline validation_error make_value_error_at(std::vector<loc_segment> loc, std::string_view message,
                                            boost::json::value input, std::size_t position) {
    boost::json::object extra;
    extra.emplace("position", position);
    return make_value_error(std::move(loc), message, std::move(input), std::move(extra));
}

/// The element as a Boost.JSON value (keys in pydantic's order).
APIQUERY_DECL boost::json::value to_json(const validation_error& e);
/// `{"detail":[...]}` as a Boost.JSON value.
APIQUERY_DECL boost::json::value to_json(const http_validation_error& body);

/// Appends the element's JSON text exactly as Starlette's JSONResponse writes it (see json_text.hpp).
APIQUERY_DECL void append_json_text(std::string& out, const validation_error& e);
/// Appends `{"detail":[...]}` exactly as FastAPI's 422 response body.
APIQUERY_DECL void append_json_text(std::string& out, const http_validation_error& body);
/// The 422 body text, byte-identical to FastAPI's.
APIQUERY_DECL std::string json_text(const http_validation_error& body);

/// Reads one `ValidationError` object: `type`, `loc` and `msg` are required (as in FastAPI's OpenAPI
/// schema); `input` and `ctx` (an object) are optional; other keys are ignored. The error is a message
/// naming the first problem, with its JSON pointer.
APIQUERY_DECL result<validation_error, std::string> validation_error_from_json(const boost::json::value& v);
/// Reads an `HTTPValidationError` object (`detail` is optional in FastAPI's schema; absent means empty).
APIQUERY_DECL result<http_validation_error, std::string>
http_validation_error_from_json(const boost::json::value& v);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/request/impl/validation_error.ipp>
#endif
