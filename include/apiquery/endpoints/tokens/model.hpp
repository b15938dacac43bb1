// apiquery: the Token model of the Get Workspace Tokens response ("Token Meta"), its user name and
// workspace name, and the organization role; Boost.JSON conversions both ways.
//
// The 200 schema of the API reference's "Get Workspace Tokens" page ("Token Meta"), with the fields in
// pydantic definition order (the order FastAPI writes keys in and pydantic reports errors in; see
// docs/models.md):
//
// | field | JSON | C++ |
// |---|---|---|
// | name | string | std::string |
// | masked_token | string | std::string (masking.hpp) |
// | personal | boolean | bool |
// | expires | boolean | bool |
// | expires_at | date-time string or null (required) | std::optional<timestamp> |
// | api_token_id | uuid string | uuid |
// | user | {given_name, family_name} ("User Name") | user_name |
// | role | string, deprecated but required | std::string |
// | organization_role | "ADMIN" / "MEMBER" / "EXTERNAL" | organization_role |
// | workspaces | array of {name} ("WorkspaceName") | std::vector<workspace_name> |
// | all_workspaces | boolean, default false (optional, written last) | bool |
//
// Reading follows a pydantic client (model_check.hpp); writing follows the API: keys in the order
// above, `expires_at` as `YYYY-MM-DDTHH:MM:SS.fffZ` (format_timestamp) or null, UUIDs lower-case and
// hyphenated.
//
// The pydantic class names apiquery assumes (they appear in `model_type` errors): `Token` (the schema
// title "PaginatedResult[Token]" shows it), `UserName` and `WorkspaceName`. `organization_role` is a
// `Literal` (the schema inlines its enum, which is how pydantic renders a Literal), so a bad value is a
// `literal_error`.
//
// Documentation: docs/models.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// The role of a token in the organization.
enum class organization_role : std::uint8_t {
    admin,    ///< "ADMIN"
    member,   ///< "MEMBER"
    external, ///< "EXTERNAL"
};

/// The JSON values of organization_role, in declaration order.
inline constexpr std::array<std::string_view, 3> organization_role_values{"ADMIN", "MEMBER", "EXTERNAL"};

/// "ADMIN", "MEMBER" or "EXTERNAL".
constexpr std::string_view to_string(organization_role r) noexcept {
    return organization_role_values[static_cast<std::size_t>(r)];
}

/// The role named exactly (case-sensitive) by `s`, or nullopt.
constexpr std::optional<organization_role> parse_organization_role(std::string_view s) noexcept {
    for (std::size_t k = 0; k < organization_role_values.size(); ++k)
        if (organization_role_values[k] == s)
            return static_cast<organization_role>(k);
    return std::nullopt;
}

/// "User Name": the user a token belongs to.
struct user_name {
    std::string given_name;
    std::string family_name;

    friend bool operator==(const user_name&, const user_name&) = default;
};

/// "WorkspaceName": a workspace a token is scoped to.
struct workspace_name {
    std::string name;

    friend bool operator==(const workspace_name&, const workspace_name&) = default;
};

/// "Token Meta": one API token as the Get Workspace Tokens endpoint lists it.
///
/// The server keeps more than this about a token (its creation time, a sort key): see token_record
/// (token_record.hpp), which is never written into a 200 body.
struct token {
    std::string name;
    /// The masked secret (mask_token in masking.hpp).
    std::string masked_token;
    /// A personal token (true) or a service-level one (false).
    bool personal = false;
    /// Whether the token expires.
    bool expires = false;
    /// When it expires; nullopt (JSON null) for a token that does not expire.
    std::optional<timestamp> expires_at;
    uuid api_token_id;
    user_name user;
    /// Deprecated (organization_role replaces it) but still required.
    std::string role;
    apiquery::organization_role organization_role = apiquery::organization_role::member;
    std::vector<workspace_name> workspaces;
    bool all_workspaces = false;

    /// Equal fields; `expires_at` compares instants (timestamp's ==).
    friend bool operator==(const token&, const token&) = default;
};

/// The field names of Token, in definition order.
inline constexpr std::array<std::string_view, 11> token_fields{
    "name", "masked_token", "personal",          "expires",    "expires_at",    "api_token_id",
    "user", "role",         "organization_role", "workspaces", "all_workspaces"};

template <>
struct model_traits<user_name> {
    static std::string class_name() { return "UserName"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, user_name* out);
    APIQUERY_DECL static void write(std::string& out, const user_name& u);
};

template <>
struct model_traits<workspace_name> {
    static std::string class_name() { return "WorkspaceName"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, workspace_name* out);
    APIQUERY_DECL static void write(std::string& out, const workspace_name& w);
};

template <>
struct model_traits<token> {
    static std::string class_name() { return "Token"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, token* out);
    APIQUERY_DECL static void write(std::string& out, const token& t);
};

namespace detail {
/// Validates the Token fields of an object whose members were already looked up into `slots` (one per
/// token_fields entry); `object` is echoed by `missing` errors. Shared with token_record.
APIQUERY_DECL bool validate_token_members(json_view object, const json_view* slots, validation_context& c,
                                          token* out);
/// Appends the Token members, in schema order, to `o`.
APIQUERY_DECL void write_token_members(boost::json::object& o, const token& t);
/// Appends the Token members' JSON text (`"name":…,…,"all_workspaces":…`, no braces) to `out`.
APIQUERY_DECL void append_token_members(std::string& out, const token& t);
} // namespace detail

/// Boost.JSON: `{"given_name":…,"family_name":…}`.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const user_name& u);
/// Boost.JSON: read as a pydantic client would (detail::model_mismatch() on failure; check_model_value
/// lists the errors).
APIQUERY_DECL boost::system::result<user_name> tag_invoke(boost::json::try_value_to_tag<user_name>,
                                                          const boost::json::value& jv);
/// Boost.JSON: `{"name":…}`.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const workspace_name& w);
APIQUERY_DECL boost::system::result<workspace_name> tag_invoke(boost::json::try_value_to_tag<workspace_name>,
                                                               const boost::json::value& jv);
/// Boost.JSON: the role's string.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, organization_role r);
/// Boost.JSON: exactly "ADMIN", "MEMBER" or "EXTERNAL".
APIQUERY_DECL boost::system::result<organization_role>
tag_invoke(boost::json::try_value_to_tag<organization_role>, const boost::json::value& jv);
/// Boost.JSON: the Token object as the API writes it (keys in schema order, all_workspaces last).
///
/// @par Example
/// @code
/// boost::json::value jv = boost::json::value_from(t);
/// apiquery::token back = boost::json::value_to<apiquery::token>(jv); // throws on a mismatch
/// @endcode
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const token& t);
/// Boost.JSON: read as a pydantic client would.
APIQUERY_DECL boost::system::result<token> tag_invoke(boost::json::try_value_to_tag<token>,
                                                      const boost::json::value& jv);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/tokens/impl/model.ipp>
#endif
