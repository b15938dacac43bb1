// apiquery: file_record, what a server keeps about a file: the File the API lists (without its url,
// which is derived) plus the owning workspace's name and the file's text, which the listing scopes and
// searches by but the File schema does not contain.
//
// A file_record has a JSON form of its own, for data files (`apiquery list --data`): an object with
// `file_id`, `name`, `size`, `characters`, `meta`, `created_at`, `languages` (optional, default null),
// `workspace` (the owning workspace's name) and `content` (the text); other members (a `url`) are
// ignored. Reading it checks the members as a pydantic client would (class name `FileRecord`).
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/endpoints/files/model.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/conversion.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// A file as the server stores it.
struct file_record {
    uuid file_id;
    /// The owning workspace's name.
    std::string workspace;
    std::string name;
    std::int64_t size = 0;
    std::int64_t characters = 0;
    /// Free metadata (what filters address), keys in stored order.
    boost::json::object meta;
    timestamp created_at;
    std::optional<std::vector<std::string>> languages;
    /// The file's text (searched by `content`, never returned).
    std::string content;

    friend bool operator==(const file_record&, const file_record&) = default;
};

/// The member names of a file_record's JSON form, in the order it is written.
inline constexpr std::array<std::string_view, 9> file_record_fields{
    "file_id", "name", "size", "characters", "meta", "created_at", "languages", "workspace", "content"};

/// The url of a file: `/api/v1/workspaces/{workspace_name}/files/{file_id}`, the workspace name
/// percent-encoded as in a request path (`urllib.parse.quote(name, safe="")`).
APIQUERY_DECL std::string files_url(std::string_view workspace_name, const uuid& file_id);

/// The File the API lists for a record (its url built by files_url).
APIQUERY_DECL file to_file(const file_record& r);

template <>
struct model_traits<file_record> {
    static std::string class_name() { return "FileRecord"; }
    APIQUERY_DECL static bool validate(json_view v, detail::validation_context& c, file_record* out);
    APIQUERY_DECL static void write(std::string& out, const file_record& r);
};

/// Lays the records' metadata out in memory one after the other, in record order, packed: each object
/// is copied into blocks of 4 MiB shared by all of them (no per-allocation header or rounding), then
/// put in its record. A metadata filter over a large record set then reads memory in order, about
/// twice as fast as over objects scattered by the allocations made while the records were built
/// (bench_files). The objects' memory resource (their storage()) is then that of the blocks, freed
/// when the last object using that resource is destroyed (a copy made by boost::json::object's copy
/// constructor uses it too, and keeps the blocks); memory allocated with it later (changes, such
/// copies) comes from the ordinary heap and goes back to it. Objects compare, copy and move as before. parse_file_records and generate_sample_files call it; a server
/// that builds its records otherwise may call it once after loading them. Needs as much memory again
/// as the metadata while it runs. Not thread-safe with other users of `records`; afterwards the
/// records are as thread-safe as before (the resource no longer changes).
APIQUERY_DECL void compact_file_metadata(std::span<file_record> records);

/// Reads a data file's text: a JSON array of file records. The error names the first bad element, the
/// member and what is wrong (`record 3 at ["created_at"]: Input should be a valid datetime ...`). A
/// metadata number beyond the range of a double (`1e400`) is refused: no JSON text could send it.
APIQUERY_DECL result<std::vector<file_record>, std::string> parse_file_records(std::string_view json);

/// Writes records as a data file: a JSON array, one record per line.
APIQUERY_DECL std::string file_records_json(std::span<const file_record> records);

/// Boost.JSON: the record's JSON form.
APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const file_record& r);
/// Boost.JSON: read as a pydantic client would.
APIQUERY_DECL boost::system::result<file_record> tag_invoke(boost::json::try_value_to_tag<file_record>,
                                                            const boost::json::value& jv);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/record.ipp>
#endif
