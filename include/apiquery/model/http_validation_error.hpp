// apiquery: Boost.JSON conversions for the 422 models of the seed page, `ValidationError` and
// `HTTPValidationError` (the types themselves are apiquery::validation_error and
// apiquery::http_validation_error of validation_error.hpp; this header only adds value_from /
// try_value_to, so that they convert like the 200 models do).
#pragma once

#include <apiquery/model/detail/model_validators.hpp>
#include <apiquery/request/validation_error.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace apiquery {

/// Boost.JSON: `{"type","loc","msg"[,"input"][,"ctx"]}` in pydantic's key order (to_json).
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const validation_error& e) {
    jv = to_json(e);
}
/// Boost.JSON: validation_error_from_json (type, loc and msg required; input and ctx optional).
inline boost::system::result<validation_error> tag_invoke(boost::json::try_value_to_tag<validation_error>,
                                                          const boost::json::value& jv) {
    auto r = validation_error_from_json(jv);
    if (!r)
        return detail::model_mismatch();
    return std::move(*r);
}
/// Boost.JSON: `{"detail":[...]}`.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const http_validation_error& e) {
    jv = to_json(e);
}
/// Boost.JSON: http_validation_error_from_json (`detail` optional).
inline boost::system::result<http_validation_error>
tag_invoke(boost::json::try_value_to_tag<http_validation_error>, const boost::json::value& jv) {
    auto r = http_validation_error_from_json(jv);
    if (!r)
        return detail::model_mismatch();
    return std::move(*r);
}

} // namespace apiquery
