// apiquery: JSON text read exactly as a pydantic v2 client reads it (`Model.model_validate_json`).
//
// pydantic-core parses JSON with jiter before it validates anything. What jiter accepts, how it
// represents numbers, and the error it reports for a broken text all show up in pydantic's errors
// (`json_invalid`, and the `input` echoed by every other error), so a client-side checker that wants
// pydantic's exact errors needs jiter's reading of the text, not a generic JSON parser's:
//
// - `NaN`, `Infinity` and `-Infinity` are accepted (pydantic-core calls jiter with allow_inf_nan);
//   `1e400` is a float infinity, `1e-400` is 0.0.
// - Integers of at most 18 digits are 64-bit ints; longer ones (19 digits and more, even when they fit
//   in 64 bits: a jiter quirk that pydantic exposes) are big integers, up to 4300 characters.
// - Duplicate keys are all kept; a model field reads the LAST one; turned into a Python dict (the
//   `input` of an error) a duplicate keeps the position of its first occurrence and the last value.
// - Nesting deeper than jiter's recursion limit (200 open containers below the top one) is an error.
// - Errors carry jiter's message (serde_json's words) and its index, rendered as
//   `<message> at line L column C` with jiter's line/column rules.
//
// Reference: pydantic/jiter crates/jiter/src/{parse,value,number_decoder,string_decoder,errors}.rs
// (0.11 to 0.16 behave the same), checked against pydantic 2.13.4 / pydantic-core 2.46.4.
// Documentation: docs/models.md.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/request/validation_error.hpp>
#include <apiquery/value/result.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// The kinds of JSON value jiter distinguishes (pydantic validates each differently).
enum class json_kind : std::uint8_t {
    null,
    boolean,
    integer,     ///< at most 18 digits: a 64-bit int (jiter `JsonValue::Int`)
    big_integer, ///< 19 to 4300 characters: jiter `JsonValue::BigInt` (pydantic's rules differ from Int)
    number,      ///< anything with `.`, an exponent, `NaN` or `Infinity`: a double (jiter `Float`)
    string,
    array,
    object,
};

/// The kind's name: "null", "boolean", "integer", "big_integer", "number", "string", "array", "object".
constexpr std::string_view to_string(json_kind k) noexcept {
    constexpr std::string_view names[] = {"null",   "boolean", "integer", "big_integer",
                                          "number", "string",  "array",   "object"};
    return names[static_cast<std::size_t>(k)];
}

/// A JSON text that jiter rejects: its message, the byte index jiter reports, and jiter's line and
/// column for that index (1-based line; the column counts bytes from the line start and is 0 at a
/// newline or at the end of a text that ends with one; these are jiter's rules, kept as they are).
struct json_syntax_error {
    std::string_view message; ///< e.g. "expected `,` or `}`" (a string literal)
    std::size_t index = 0;
    std::size_t line = 1;
    std::size_t column = 0;

    /// `"<message> at line <line> column <column>"`, the text pydantic puts in `json_invalid`.
    [[nodiscard]] std::string description() const {
        return std::string(message) + " at line " + std::to_string(line) + " column " +
               std::to_string(column);
    }
    friend bool operator==(const json_syntax_error&, const json_syntax_error&) = default;
};

namespace detail {
struct json_reader;
struct json_from_value;

/// One node of a json_document, in document (pre-)order. Containers are followed by their children;
/// an object's children alternate key (a string node) and value.
struct json_node {
    json_kind kind = json_kind::null;
    bool boolean = false;
    std::uint32_t count = 0; ///< string/big_integer: length in bytes; array: elements; object: members
    std::uint32_t next = 0;  ///< index of the node after this one's subtree
    union {
        std::int64_t integer;
        double number;
        const char* text; ///< string and big_integer characters
    };
    json_node() noexcept : integer(0) {}
};
} // namespace detail

class json_document;

/// A read-only view of one value of a json_document (cheap to copy; valid while the document lives).
class json_view {
public:
    json_view() noexcept = default;
    json_view(const json_document* doc, std::uint32_t index) noexcept : doc_(doc), index_(index) {}

    [[nodiscard]] bool valid() const noexcept { return doc_ != nullptr; }
    [[nodiscard]] json_kind kind() const noexcept { return node().kind; }
    [[nodiscard]] bool is_null() const noexcept { return kind() == json_kind::null; }
    [[nodiscard]] bool get_bool() const noexcept { return node().boolean; }
    [[nodiscard]] std::int64_t get_int() const noexcept { return node().integer; }
    [[nodiscard]] double get_double() const noexcept { return node().number; }
    /// A string's UTF-8 text (always well-formed: jiter rejects anything else), or a big integer's
    /// decimal digits with their sign.
    [[nodiscard]] std::string_view get_string() const noexcept { return {node().text, node().count}; }
    /// Elements of an array, members of an object.
    [[nodiscard]] std::size_t size() const noexcept { return node().count; }

    /// Calls f(json_view element) for each element of an array, in order.
    template <class F>
    void for_each_element(F&& f) const {
        std::uint32_t i = index_ + 1;
        for (std::uint32_t k = 0; k < node().count; ++k) {
            f(json_view(doc_, i));
            i = node_at(i).next;
        }
    }
    /// Calls f(std::string_view key, json_view value) for each member of an object, duplicates
    /// included, in document order.
    template <class F>
    void for_each_member(F&& f) const {
        std::uint32_t i = index_ + 1;
        for (std::uint32_t k = 0; k < node().count; ++k) {
            const auto& key = node_at(i);
            f(std::string_view(key.text, key.count), json_view(doc_, i + 1));
            i = node_at(i + 1).next;
        }
    }
    /// The value of the LAST member named `key` (what a pydantic model field reads), or an invalid view.
    [[nodiscard]] json_view find(std::string_view key) const noexcept {
        json_view found;
        for_each_member([&](std::string_view k, json_view v) {
            if (k == key)
                found = v;
        });
        return found;
    }

    [[nodiscard]] const json_document* document() const noexcept { return doc_; }
    [[nodiscard]] std::uint32_t index() const noexcept { return index_; }

private:
    [[nodiscard]] const detail::json_node& node() const noexcept { return node_at(index_); }
    [[nodiscard]] const detail::json_node& node_at(std::uint32_t i) const noexcept;

    const json_document* doc_ = nullptr;
    std::uint32_t index_ = 0;
};

/// A parsed JSON text, in jiter's representation (see the top of this header).
///
/// Strings without escapes and big integers point into the parsed text: keep the text alive (and
/// unchanged) as long as the document. Move-only.
class json_document {
public:
    json_document() = default;
    json_document(json_document&&) noexcept = default;
    json_document& operator=(json_document&&) noexcept = default;
    json_document(const json_document&) = delete;
    json_document& operator=(const json_document&) = delete;

    /// The top-level value (a null for a default-constructed document).
    [[nodiscard]] json_view root() const noexcept { return json_view(this, 0); }
    [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }

private:
    friend class json_view;
    friend struct detail::json_reader;
    friend struct detail::json_from_value;
    std::vector<detail::json_node> nodes_;
    std::vector<char> arena_; ///< decoded strings; reserved once, so pointers stay put (and survive moves)
    std::deque<std::string> owned_; ///< strings made by json_document_from_value (a deque: stable addresses)
};

inline const detail::json_node& json_view::node_at(std::uint32_t i) const noexcept {
    return doc_->nodes_[i];
}

/// jiter's recursion limit as pydantic-core uses it: more than this many containers open below the
/// top-level one is `recursion limit exceeded`.
inline constexpr std::size_t pydantic_json_recursion_limit = 200;

/// Parses `text` as pydantic's `model_validate_json` does (jiter, allow_inf_nan, no partial mode).
/// On failure the error is exactly jiter's (message, index, line, column). Texts of 4 GiB or more are
/// refused with the message "input too large" (an apiquery limit; jiter has none).
///
/// @par Example
/// @code
/// auto doc = apiquery::parse_pydantic_json(R"({"total": 1, "total": "x"})").value();
/// assert(doc.root().find("total").get_string() == "x");   // last duplicate wins
/// auto err = apiquery::parse_pydantic_json("[1,]").error();
/// assert(err.description() == "trailing comma at line 1 column 4");
/// @endcode
APIQUERY_DECL result<json_document, json_syntax_error> parse_pydantic_json(std::string_view text);

/// A document holding a Boost.JSON value, read as jiter would have read its JSON text: int64 values
/// are `integer` when they have at most 18 digits and `big_integer` otherwise, uint64 values are
/// `big_integer` (or `integer`), doubles are `number`. Strings point into `v`: keep it alive.
///
/// A value nested deeper than jiter's recursion limit is refused as its text would be, with the message
/// "recursion limit exceeded"; a value has no text, so index, line and column are 0 (json_invalid_error
/// then writes the message without a position, and `input` null).
APIQUERY_DECL result<json_document, json_syntax_error> json_document_from_value(const boost::json::value& v);

/// The value as pydantic echoes it in an error's `input` (a Python object written by json.dumps):
/// objects keep the first position and the last value of a duplicated key; big integers become int64 or
/// uint64 when they fit, otherwise a double (pydantic would echo the exact Python int: a documented
/// apiquery difference for integers beyond 2^64).
APIQUERY_DECL boost::json::value to_value(json_view v);

/// A JSON text read into a Boost.JSON value as Python's json module and jiter read it: numbers are
/// correctly rounded (out of range: +-inf or +-0), big integers as in to_value, the last value of a
/// duplicated key kept. Use it, not boost::json::parse, for any text whose numbers must come back
/// unchanged: Boost.JSON 1.81's parser reads `0e309` as NaN and is one unit in the last place off on
/// some doubles (`1.3927926388013963e-143` reads as `...965e-143`).
APIQUERY_DECL result<boost::json::value, json_syntax_error> parse_json_value(std::string_view text);

/// pydantic's `json_invalid` error for a text jiter rejected (see json_document_from_value for a value):
/// `{"type":"json_invalid","loc":[],"msg":"Invalid JSON: <description>","input":"<text>",
///   "ctx":{"error":"<description>"}}`. `input` is the whole text (ill-formed UTF-8 replaced by U+FFFD
/// when it is written, as Python's bytes.decode(errors="replace") would).
APIQUERY_DECL validation_error json_invalid_error(std::string_view text, const json_syntax_error& e);

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/model/impl/pydantic_json.ipp>
#endif
