// apiquery: token_record, what a server keeps about a token: the Token the API lists plus its
// creation time, which the listing sorts and filters by but the Token schema does not contain.
//
// Decision (docs/models.md): `created_at` lives in this separate server-side type, not in `token`, so a
// 200 body can never carry it by accident: the listing writes `record.meta`. A token_record has a JSON
// form of its own, for data files and databases: the Token object (keys in schema order) followed by
// `"created_at"` in the canonical UTC form. Reading it checks the Token fields as a pydantic client
// would, then `created_at` as a required pydantic `datetime` (class name `TokenRecord`).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/tokens/model.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/value/timestamp.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <string>

namespace apiquery {

/// A token as the server stores it.
struct token_record {
    /// What the API lists (the Token schema).
    token meta;
    /// When the token was created (the default sort key of the listing; filterable).
    timestamp created_at;

    friend bool operator==(const token_record&, const token_record&) = default;
};

template <>
struct model_traits<token_record> {
    static std::string class_name() { return "TokenRecord"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, token_record* out);
    APIQUERY_DECL static void write(std::string& out, const token_record& r);
};

/// Boost.JSON: the Token members in schema order, then `created_at`.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const token_record& r);
/// Boost.JSON: read as a pydantic client would (check_model_value lists the errors of a mismatch).
APIQUERY_DECL boost::system::result<token_record> tag_invoke(boost::json::try_value_to_tag<token_record>,
                                                             const boost::json::value& jv);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/record.ipp>
#endif
