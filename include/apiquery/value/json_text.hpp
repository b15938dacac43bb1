// apiquery: JSON text byte-identical to Starlette's JSONResponse.
//
// Starlette renders a response body with
//   json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
// and encodes it as UTF-8. This header writes Boost.JSON values the same way, so that every JSON text
// apiquery prints for a FastAPI-compatible body (422 bodies, normalised requests, listings) matches the
// server's bytes.
#pragma once

#include <apiquery/config.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace apiquery {

/// Appends a JSON string literal (with its quotes) as CPython's json encoder writes it with
/// ensure_ascii=False:
/// - `"` and `\` are escaped with a backslash; `\b \f \n \r \t` use their two-character escapes;
/// - every other U+0000 to U+001F is written `\u00XX` with lower-case hex;
/// - everything else, `/`, DEL (0x7f), U+2028/U+2029 and all non-ASCII characters included, is written
///   raw as UTF-8.
///
/// Python strings are always well-formed, so the input is expected to be UTF-8; an ill-formed byte
/// sequence is written as U+FFFD per maximal subpart (Python's errors='replace'), so the output is
/// always well-formed UTF-8.
APIQUERY_DECL void append_json_string(std::string& out, std::string_view utf8);

/// Appends a number as Python's `repr(float)` (which is what json.dumps writes for a float):
/// the shortest digits that round-trip; positional notation with at least one fractional digit
/// (`100.0`, `0.0001`, `-0.0`) when the decimal exponent is in [-4, 16), otherwise `d[.ddd]e±XX`
/// with at least two exponent digits (`1e+16`, `1e-05`, `1.5e+300`). Not-a-number and the infinities
/// cannot occur in a Starlette body (allow_nan=False raises); they are written as Python's
/// allow_nan=True would (`NaN`, `Infinity`, `-Infinity`) so that nothing is silently lost.
APIQUERY_DECL void append_json_double(std::string& out, double v);

/// Appends any Boost.JSON value: compact separators (`,` and `:`), object keys in insertion order,
/// integers in decimal (int64 and uint64 exactly), doubles as append_json_double, strings as
/// append_json_string.
APIQUERY_DECL void append_json_text(std::string& out, const boost::json::value& v);

/// The JSON text of a value, as Starlette's JSONResponse body.
APIQUERY_DECL std::string json_text(const boost::json::value& v);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/value/impl/json_text.ipp>
#endif
