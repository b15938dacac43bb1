// apiquery: the building blocks of the response-model checks (internal): pydantic v2's lax JSON-mode
// validators for str, bool, int, UUID, datetime, Literal, list and model, each reporting pydantic's
// error (type, msg, input, ctx) at the current location.
//
// Reference: pydantic-core src/input/input_json.rs, src/input/shared.rs, src/validators/*.rs,
// speedate 0.17 (timestamps); checked against pydantic 2.13.4 by the project's differential tests.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/lax_int.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/object.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// Options of the response-model checks (documented with them in model_check.hpp).
struct check_options {
    /// Also run the models' masking checks (a masked secret must not reveal more than the model allows,
    /// for example the endpoints' masking.hpp). A violation is a `value_error` at the field, as a pydantic `AfterValidator` raising ValueError would report it.
    bool check_masking = true;
};

namespace detail {

/// One segment of the current location. Frames live on the C++ stack of the validators and point to
/// their parent, so entering a field costs two stores; the loc is only built when an error is added.
struct loc_frame {
    const loc_frame* parent = nullptr;
    std::string_view name; ///< a field name (a string literal), when index < 0
    std::int64_t index = -1;
};

/// Where validation is and what it found.
struct validation_context {
    const loc_frame* top = nullptr;
    std::vector<validation_error>* errors = nullptr;
    check_options options;
    /// Also checks what only the typed C++ model needs (an int that must fit in 64 bits).
    bool typed = false;

    /// Adds an error at the current location (plus `extra`, if given), echoing `input`.
    APIQUERY_DECL void add(std::string_view type, std::string msg, json_view input,
                           std::optional<boost::json::object> ctx = std::nullopt);
    /// `missing` ("Field required") for `field` of the object `object`.
    APIQUERY_DECL void missing(std::string_view field, json_view object);
};

/// str: a JSON string, nothing else (`string_type`).
APIQUERY_DECL bool validate_str(json_view v, validation_context& c, std::string* out);
/// bool: true/false; in lax mode also "0/1/f/t/n/y/no/yes/on/off/false/true" (ASCII case-insensitive
/// words), the ints 0 and 1, floats equal to 0 or 1 (`bool_parsing`, `bool_type`).
APIQUERY_DECL bool validate_bool(json_view v, validation_context& c, bool* out);
/// int: ints and big ints (any size up to 4300 digits), bools, floats with no fractional part inside the
/// 64-bit range, strings as pydantic's str->int rules read them (`int_type`, `int_parsing`,
/// `int_parsing_size`, `int_from_float`, `finite_number`; strings through parse_lax_int). With c.typed, a
/// valid int that does not fit in int64 is a `value_error` (pydantic would accept it; the C++ model cannot
/// hold it).
APIQUERY_DECL bool validate_int(json_view v, validation_context& c, std::int64_t* out);
/// UUID: a string in one of the uuid crate's forms (`uuid_parsing`, `uuid_type`).
APIQUERY_DECL bool validate_uuid(json_view v, validation_context& c, uuid* out);
/// datetime: a string (parse_pydantic_datetime), an int or a float unix timestamp
/// (pydantic_datetime_from_int / _from_float: seconds, or milliseconds beyond 2e10, as speedate 0.17
/// reads them); anything else, big integers included, is `datetime_type`.
APIQUERY_DECL bool validate_datetime(json_view v, validation_context& c, timestamp* out);
/// `Literal[...]` of strings: one of `choices`, exactly (`literal_error`). `*out` is the index.
APIQUERY_DECL bool validate_literal(json_view v, validation_context& c,
                                    std::span<const std::string_view> choices, std::size_t* out);
/// A model: an object (`model_type` with ctx class_name otherwise). Fills slots[i] with the value of
/// the LAST member named fields[i] (invalid view when absent); extra members are ignored.
APIQUERY_DECL bool validate_model_object(json_view v, validation_context& c, std::string_view class_name,
                                         std::span<const std::string_view> fields, json_view* slots);
/// A list: an array (`list_type` otherwise).
APIQUERY_DECL bool validate_list_type(json_view v, validation_context& c);

/// The error category of a failed Boost.JSON conversion (try_value_to) of a response model. The
/// error says only that the value does not fit the model; apiquery::check_model_value lists why.
APIQUERY_DECL const boost::system::error_category& model_error_category() noexcept;
inline boost::system::error_code model_mismatch() noexcept {
    return {1, model_error_category()};
}

/// Enters a field or a list element for the lifetime of the scope.
class loc_scope {
public:
    loc_scope(validation_context& c, std::string_view name) noexcept : c_(c), frame_{c.top, name, -1} {
        c.top = &frame_;
    }
    loc_scope(validation_context& c, std::size_t index) noexcept
        : c_(c), frame_{c.top, {}, static_cast<std::int64_t>(index)} {
        c.top = &frame_;
    }
    ~loc_scope() { c_.top = frame_.parent; }
    loc_scope(const loc_scope&) = delete;
    loc_scope& operator=(const loc_scope&) = delete;

private:
    validation_context& c_;
    loc_frame frame_;
};

/// Runs `fn(view)` under field `name` (pushes and pops the location); reports `missing` when the view
/// is invalid. Returns fn's result, false when missing.
template <class F>
bool model_field(validation_context& c, json_view object, std::string_view name, json_view value, F&& fn) {
    if (!value.valid()) {
        c.missing(name, object);
        return false;
    }
    const loc_scope scope(c, name);
    return fn(value);
}

/// Validates every element of an array with `item(view, index)` (all of them: every error is
/// reported). Returns false when the input is not an array or an element failed.
template <class F>
bool validate_list(json_view v, validation_context& c, F&& item) {
    if (!validate_list_type(v, c))
        return false;
    bool ok = true;
    std::size_t k = 0;
    v.for_each_element([&](json_view e) {
        const loc_scope scope(c, k);
        ok = item(e, k) && ok;
        ++k;
    });
    return ok;
}

} // namespace detail
} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/model/impl/model_validators.ipp>
#endif
