// apiquery: the File model of the List Files response; Boost.JSON conversions both ways.
//
// The fields in pydantic definition order (the order FastAPI writes keys in and pydantic reports
// errors in; the order of the API SDK's test fixture):
//
// | field | JSON | C++ |
// |---|---|---|
// | file_id | uuid string | uuid |
// | url | string (`/api/v1/workspaces/{workspace_name}/files/{file_id}`) | std::string |
// | name | string | std::string |
// | size | int (bytes) | std::int64_t |
// | characters | int | std::int64_t |
// | meta | object (free JSON, `dict[str, Any]`) | boost::json::object |
// | created_at | date-time | timestamp |
// | languages | list of strings, or null; optional (default null) | std::optional<std::vector<std::string>> |
//
// Reading follows a pydantic client (model_check.hpp; class name `File`). Writing follows pydantic v2:
// `created_at` keeps its stored offset (`Z` for UTC, none for a naive value) with six fraction digits
// or none (format_pydantic_datetime), `meta` keeps its keys in stored order, UUIDs lower-case.
//
// Documentation: docs/files.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// "File": one file as List Files lists it.
struct file {
    uuid file_id;
    /// `/api/v1/workspaces/{workspace_name}/files/{file_id}` (files_url).
    std::string url;
    std::string name;
    /// Bytes.
    std::int64_t size = 0;
    /// Characters of the file's text.
    std::int64_t characters = 0;
    /// Free metadata, keys in stored order.
    boost::json::object meta;
    timestamp created_at;
    /// The languages detected in the file, or null (nullopt).
    std::optional<std::vector<std::string>> languages;

    /// Equal fields; `created_at` compares instants.
    friend bool operator==(const file&, const file&) = default;
};

/// The field names of File, in definition order.
inline constexpr std::array<std::string_view, 8> file_fields{"file_id",    "url",  "name",       "size",
                                                             "characters", "meta", "created_at", "languages"};

/// The text pydantic v2 writes for a datetime: `YYYY-MM-DDTHH:MM:SS`, then `.ffffff` when the
/// microseconds are not zero, then `Z` for offset 0, `+HH:MM` / `-HH:MM` otherwise, nothing for a naive
/// value (`2025-01-01T10:00:00Z`, `2025-01-01T10:00:00.500000+02:30`).
APIQUERY_DECL std::string format_pydantic_datetime(const timestamp& t);
/// Appends format_pydantic_datetime(t) to `out`.
APIQUERY_DECL void append_pydantic_datetime(std::string& out, const timestamp& t);

template <>
struct model_traits<file> {
    static std::string class_name() { return "File"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, file* out);
    APIQUERY_DECL static void write(std::string& out, const file& f);
};

namespace detail {
/// `meta: dict[str, Any]`: an object (`dict_type`, "Input should be an object", otherwise); `*out` gets
/// it with Python's dict rules for a repeated key (first position, last value).
APIQUERY_DECL bool validate_meta(json_view v, validation_context& c, boost::json::object* out);
/// `languages: list[str] | None`: null, or a list of strings.
APIQUERY_DECL bool validate_languages(json_view v, validation_context& c,
                                      std::optional<std::vector<std::string>>* out);
/// Appends `"languages":[...]` or `"languages":null` value text (no key) to out.
APIQUERY_DECL void append_languages(std::string& out, const std::optional<std::vector<std::string>>& l);
} // namespace detail

/// Boost.JSON: the File object as the API writes it.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const file& f);
/// Boost.JSON: read as a pydantic client would (check_model_value lists the errors of a mismatch).
APIQUERY_DECL boost::system::result<file> tag_invoke(boost::json::try_value_to_tag<file>,
                                                     const boost::json::value& jv);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/model.ipp>
#endif
