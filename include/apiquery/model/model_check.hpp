// apiquery: checking and reading response models as a pydantic v2 client does.
//
// A client that declares the response models in pydantic and calls `Model.model_validate_json(body)`
// gets either the model or a ValidationError listing EVERY problem of the body, each with its location
// (`["data",3,"expires_at"]`), type, message, offending input and context. These functions give the
// same answer in C++, for any model with a `model_traits` specialisation (paginated_result.hpp here, an endpoint's
// models in its folder, endpoints/NAME/model.hpp):
//
// - `check_model_json<T>(text)`: pydantic's errors, in pydantic's order (field definition order; all of
//   them; extra keys ignored; lax JSON-mode coercions such as "yes" for true or "12" for 12 accepted),
//   or an empty list. A text that is not JSON gives pydantic's single `json_invalid` error.
// - `parse_model_json<T>(text)`: the typed value, or those errors. The typed value needs one thing
//   pydantic does not: an int that fits in 64 bits (see detail::validate_int).
// - `check_model_value<T>` / `parse_model_value<T>`: the same for a Boost.JSON value, read as jiter would
//   read its serialisation.
//
// Documentation: docs/models.md.
#pragma once

#include <apiquery/model/detail/model_validators.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/json_text.hpp>
#include <apiquery/value/result.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// How a response model of type T is checked; specialised next to each model:
/// - `static std::string class_name()`: the pydantic class name (ctx of `model_type` errors);
/// - `static bool validate(json_view v, detail::validation_context& c, T* out)`: reports every error of
///   `v` to `c` and, when `out` is not null, fills it (its content is unspecified after a failure);
/// - `static void write(std::string& out, const T& x)`: appends the JSON text the API writes.
template <class T>
struct model_traits;

/// pydantic's errors for `v` read as a T (empty when valid).
template <class T>
std::vector<validation_error> check_model(json_view v, const check_options& options = {}) {
    std::vector<validation_error> errors;
    detail::validation_context c;
    c.errors = &errors;
    c.options = options;
    model_traits<T>::validate(v, c, nullptr);
    return errors;
}

/// The T that `v` holds, or pydantic's errors (plus a `value_error` for an int beyond 64 bits).
template <class T>
result<T, std::vector<validation_error>> parse_model(json_view v, const check_options& options = {}) {
    std::vector<validation_error> errors;
    detail::validation_context c;
    c.errors = &errors;
    c.options = options;
    c.typed = true;
    T out{};
    if (!model_traits<T>::validate(v, c, &out) || !errors.empty())
        return unexpected{std::move(errors)};
    return out;
}

/// pydantic's errors for a JSON text read as a T: `Model.model_validate_json(text)`.
///
/// @par Example
/// @code
/// auto errors = apiquery::check_model_json<apiquery::paginated_result<my_item>>(body);
/// for (const auto& e : errors) std::cout << apiquery::json_text(apiquery::to_json(e)) << "\n";
/// @endcode
template <class T>
std::vector<validation_error> check_model_json(std::string_view text, const check_options& options = {}) {
    auto doc = parse_pydantic_json(text);
    if (!doc)
        return {json_invalid_error(text, doc.error())};
    return check_model<T>(doc->root(), options);
}

/// The T of a JSON text, or pydantic's errors.
template <class T>
result<T, std::vector<validation_error>> parse_model_json(std::string_view text,
                                                          const check_options& options = {}) {
    auto doc = parse_pydantic_json(text);
    if (!doc)
        return unexpected{std::vector<validation_error>{json_invalid_error(text, doc.error())}};
    return parse_model<T>(doc->root(), options);
}

/// pydantic's errors for a Boost.JSON value read as a T.
template <class T>
std::vector<validation_error> check_model_value(const boost::json::value& v,
                                                const check_options& options = {}) {
    const auto doc = json_document_from_value(v);
    if (!doc)
        return {json_invalid_error({}, doc.error())};
    return check_model<T>(doc->root(), options);
}

/// The T of a Boost.JSON value, or pydantic's errors.
template <class T>
result<T, std::vector<validation_error>> parse_model_value(const boost::json::value& v,
                                                           const check_options& options = {}) {
    const auto doc = json_document_from_value(v);
    if (!doc)
        return unexpected{std::vector<validation_error>{json_invalid_error({}, doc.error())}};
    return parse_model<T>(doc->root(), options);
}

/// The JSON text of a model as the API writes it (FastAPI / Starlette bytes: schema key order, compact),
/// written directly (the same text as json_text(boost::json::value_from(model)), without the tree).
template <class T>
std::string write_model_json(const T& model) {
    std::string out;
    out.reserve(512);
    model_traits<T>::write(out, model);
    return out;
}

namespace detail {
/// The body of every `tag_invoke(try_value_to_tag<T>, ...)` of a response model.
template <class T>
boost::system::result<T> try_value_to_model(const boost::json::value& v) {
    auto r = parse_model_value<T>(v);
    if (!r)
        return model_mismatch();
    return std::move(*r);
}
} // namespace detail

} // namespace apiquery
