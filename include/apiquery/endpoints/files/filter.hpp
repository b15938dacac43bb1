// apiquery: the `filter` of List Files: an OData filter over the file's metadata, checked against the
// `files` profile and compiled for JSON objects with the semantics of eval/json_filter.hpp.
//
// Documentation: docs/files.md ("Filters over metadata").
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/eval/json_filter.hpp>
#include <apiquery/value/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace apiquery {

/// Why a List Files `filter` is refused: a message and the byte offset in the filter text where the
/// problem starts.
struct files_filter_problem {
    std::string message;
    std::size_t position = 0;
    friend bool operator==(const files_filter_problem&, const files_filter_problem&) = default;
};

/// The most keys in a metadata path (`a/b/c` has 3). Deeper paths are refused whatever the storage, so
/// that every backend gives the same answer: SQLite, which reads one level per joined table, joins at most
/// 64 tables.
inline constexpr std::size_t files_max_path_keys = 64;

/// Parses a non-empty filter (parse_filter), checks it against profiles::files (`eq`, `ge`, `and` over
/// free metadata paths) and compiles it for metadata objects (compile_json_filter). The problem is the
/// first of: a parse error, a profile refusal (at the start of the refused node), a path of more than
/// files_max_path_keys keys (at the path), a construct the metadata semantics refuse (a GUID, duration
/// or time-of-day literal; two paths compared).
/// Thread-safe.
APIQUERY_DECL result<json_filter, files_filter_problem> prepare_files_filter(std::string_view filter);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/endpoints/files/impl/filter.ipp>
#endif
