// apiquery: compiled evaluation of OData `$filter` expressions over records.
//
// A filter (a filter_ast, usually one that passed a profile) is compiled ONCE against a record model
// into a tree of small evaluation nodes; field paths are resolved while compiling, so evaluating a row
// does no name lookups for typed records (and only the object key lookups for JSON records). The same
// compiled form serves typed C++ records (through a table of field accessors, `eval::table_model`) and
// Boost.JSON objects (`eval::json_model`), and the two agree: a record and its JSON form give the same
// answer for every filter.
//
//     auto ast = apiquery::parse_filter("role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z").value();
//     auto f = apiquery::compile_filter(ast, apiquery::eval::json_object_model()).value();
//     bool keep = f.matches(json_object); // or f.matches_record(&typed_record) for a typed model
//
// Semantics (docs/listing.md, "Filter semantics", gives them with examples):
// - Two-valued logic. Every comparison is true or false, never null:
//   `eq` is true when both operands are null, or both are non-null and equal; `ne` is `not eq`
//   (so `x ne null` is the non-null test); `gt ge lt le` and `has` are false when an operand is
//   null. `x in (a, b)` is `x eq a or x eq b`: true when x is `eq` to some item, so a null x matches
//   a null item (`null in (null)` is true) and nothing else; `x in c` over a collection does the same
//   with c's items and is false when c is null or not a collection. A boolean expression whose
//   value is null (a null boolean field, a function given null) counts as false wherever a truth
//   value is needed; `and`, `or` and `not` work on those truth values. CONSEQUENCE:
//   `not (expires_at ge 2026-01-01T00:00:00Z)` is TRUE for a record whose expires_at is null (the
//   comparison is false, its negation true). This differs from SQL's NULL
//   logic, where NOT(unknown) stays unknown: the SQL translation (sql_filter.hpp) guards comparisons
//   with IS NOT NULL / IS NULL so that each is TRUE or FALSE.
// - Strings compare by Unicode code point (byte order of UTF-8), case-sensitively.
// - Numbers: int (64-bit), decimal (exact, up to 38 significant digits), double. Mixed operands are
//   promoted int -> decimal -> double; integer overflow promotes to decimal, decimal overflow to double.
// - Date-times compare as instants (offsets ignored); a date compared with a date-time is midnight UTC.
//   A string compared with a date-time, date, time of day, duration or GUID is read as one (RFC 3339
//   or an OData date for date-times); if it cannot be read, the comparison is false (`ne`: true).
// - Arithmetic and functions: null in gives null out; a type mismatch gives null.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

namespace eval {

/// The kind of an evaluated value. `structured` is an object (a complex value or a collection item
/// that is not primitive); it only takes part in `eq null` / `ne null`.
enum class kind : std::uint8_t {
    null,
    boolean,
    int_,
    decimal,
    double_,
    string,
    date,
    datetimeoffset,
    timeofday,
    duration,
    guid,
    collection,
    structured,
};

/// "null", "boolean", "int", "decimal", "double", "string", "date", "datetimeoffset", "timeofday",
/// "duration", "guid", "collection", "structured".
constexpr std::string_view to_string(kind k) noexcept {
    constexpr std::string_view names[] = {
        "null",           "boolean",   "int",      "decimal", "double",     "string",    "date",
        "datetimeoffset", "timeofday", "duration", "guid",    "collection", "structured"};
    return names[static_cast<std::size_t>(k)];
}

namespace detail {
/// The coefficient type of decimal: a 128-bit integer (a GCC and Clang extension).
__extension__ typedef __int128 int128;
} // namespace detail

/// An exact decimal number `coeff * 10^exp` with at most 38 significant digits, normalised (no trailing
/// zero in coeff; zero is {0, 0}). Operations that cannot be exact within 38 digits return nullopt and
/// the evaluator falls back to double.
struct decimal {
    detail::int128 coeff = 0;
    std::int32_t exp = 0;

    /// Parses `[+-]digits[.digits]` (the filter grammar's decimal literal and integers beyond int64).
    /// nullopt when the text is malformed or has more than 38 significant digits.
    APIQUERY_DECL static std::optional<decimal> from_text(std::string_view text) noexcept;
    static decimal from_int(std::int64_t v) noexcept { return normalized(v, 0); }
    /// Builds and normalises.
    APIQUERY_DECL static decimal normalized(detail::int128 coeff, std::int32_t exp) noexcept;

    /// The nearest double (through the decimal text, so 3.14 gives the same double as the literal 3.14).
    APIQUERY_DECL double to_double() const;
    /// Plain decimal text: `-12.34`, `500`, `0.001`.
    APIQUERY_DECL std::string to_string() const;
    /// True when the value has no fractional part.
    bool is_integral() const noexcept { return exp >= 0; }

    friend bool operator==(const decimal&, const decimal&) = default;
    APIQUERY_DECL friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept;
};

class record_model;

/// How the evaluator walks a collection value (a JSON array, a std::vector of typed items, ...).
struct collection_ops {
    std::size_t (*size)(const void* collection);
    const void* (*item)(const void* collection, std::size_t index);
    /// The model of the items (their fields for lambda range variables, their own value for `$this`).
    const record_model* item_model;
};

/// One evaluated value. Strings, collections and structured values point into the record (or into
/// the compiled filter's constants, or the evaluation's scratch space): a value lives no longer than
/// the evaluation that produced it.
struct value {
    kind k = kind::null;
    std::int16_t offset_minutes = 0; ///< datetimeoffset: the written offset
    std::int32_t ps = 0;  ///< datetimeoffset, duration: picoseconds beyond the microsecond (0-999999)
    std::int32_t exp = 0; ///< decimal: the exponent
    union payload {
        bool b;
        std::int64_t i; ///< int_; date (days since 1970-01-01); datetimeoffset, duration (microseconds);
                        ///< timeofday (picoseconds since midnight)
        double d;
        detail::int128 coeff; ///< decimal
        struct {
            const char* p;
            std::size_t n;
        } s;
        std::array<std::uint8_t, 16> g; ///< guid bytes
        struct {
            const void* p;
            const collection_ops* ops; ///< collection; nullptr for structured
            const record_model* model; ///< structured: its model
        } c;
    } u{.i = 0};

    static value null() noexcept { return {}; }
    static value boolean(bool b) noexcept {
        value v;
        v.k = kind::boolean;
        v.u.b = b;
        return v;
    }
    static value integer(std::int64_t i) noexcept {
        value v;
        v.k = kind::int_;
        v.u.i = i;
        return v;
    }
    static value dec(const decimal& d) noexcept {
        value v;
        v.k = kind::decimal;
        v.u.coeff = d.coeff;
        v.exp = d.exp;
        return v;
    }
    static value dbl(double d) noexcept {
        value v;
        v.k = kind::double_;
        v.u.d = d;
        return v;
    }
    static value string(std::string_view s) noexcept {
        value v;
        v.k = kind::string;
        v.u.s.p = s.data();
        v.u.s.n = s.size();
        return v;
    }
    static value date(std::int64_t days) noexcept {
        value v;
        v.k = kind::date;
        v.u.i = days;
        return v;
    }
    static value datetime(std::int64_t utc_micros, std::int32_t sub_micro_ps = 0, int offset = 0) noexcept {
        value v;
        v.k = kind::datetimeoffset;
        v.u.i = utc_micros;
        v.ps = sub_micro_ps;
        v.offset_minutes = static_cast<std::int16_t>(offset);
        return v;
    }
    static value datetime(const timestamp& t) noexcept {
        return datetime(t.unix_micros(), 0, t.offset_minutes());
    }
    static value time_of_day(std::int64_t picoseconds) noexcept {
        value v;
        v.k = kind::timeofday;
        v.u.i = picoseconds;
        return v;
    }
    static value duration(std::int64_t micros, std::int32_t sub_micro_ps = 0) noexcept {
        value v;
        v.k = kind::duration;
        v.u.i = micros;
        v.ps = sub_micro_ps;
        return v;
    }
    static value guid(const uuid& id) noexcept {
        value v;
        v.k = kind::guid;
        v.u.g = id.bytes();
        return v;
    }
    static value collection(const void* p, const collection_ops* ops) noexcept {
        value v;
        v.k = kind::collection;
        v.u.c = {p, ops, ops ? ops->item_model : nullptr};
        return v;
    }
    static value structured(const void* p, const record_model* model) noexcept {
        value v;
        v.k = kind::structured;
        v.u.c = {p, nullptr, model};
        return v;
    }

    bool is_null() const noexcept { return k == kind::null; }
    bool is_true() const noexcept { return k == kind::boolean && u.b; }
    std::string_view str() const noexcept { return {u.s.p, u.s.n}; }
    decimal as_decimal() const noexcept { return {u.coeff, exp}; }
    uuid as_guid() const noexcept { return uuid(u.g); }
};

/// What a path resolves to: how to read one field from a record. Built by a record_model while
/// compiling; the evaluator calls `read` per row (or a fast path when the model offers one).
struct field_reader {
    /// Reads the field (required).
    value (*read)(const void* record, const field_reader& self) = nullptr;
    /// Fast path for a non-nullable string field: its text.
    std::string_view (*read_string)(const void* record) = nullptr;
    /// Fast path for a date-time field: sets microseconds since the epoch, false when null.
    bool (*read_micros)(const void* record, std::int64_t& utc_micros) = nullptr;
    /// The declared type (kind::null when not known: JSON without a schema). Used to coerce literals
    /// while compiling (a string literal compared with a date-time field becomes a date-time).
    kind type = kind::null;
    /// Model data: the JSON keys to follow, a table entry, ...
    std::vector<std::string> keys;
    const void* entry = nullptr;
    kind hint = kind::null; ///< JSON: kind::structured when the record is a json::object
    /// Collection-valued fields: the model of the items (for lambda range variables).
    const record_model* item_model = nullptr;
};

/// How to read the fields of one shape of record. Implementations: table_model (typed records),
/// json_model (Boost.JSON).
class record_model {
public:
    virtual ~record_model() = default;
    /// Resolves a path (one or more segments, `$it`/range variables already removed) below a record of
    /// this model. Returns false when the path names no field.
    virtual bool resolve(std::span<const std::string_view> segments, field_reader& out) const = 0;
    /// The value of a record itself (a range variable or `$this` used alone).
    virtual value self(const void* record) const = 0;
};

/// One field of a typed record, for table_model. The functions receive a pointer to the record.
struct field_entry {
    std::string_view path; ///< `name`, `user/given_name`
    kind type;             ///< declared type (collection for collection-valued fields)
    value (*read)(const void* record);
    std::string_view (*read_string)(const void* record) = nullptr;       ///< optional fast path
    bool (*read_micros)(const void* record, std::int64_t& us) = nullptr; ///< optional fast path
    const record_model* item_model = nullptr; ///< collection fields: the model of the items
};

/// A record model from a constant table of fields: every path is one table entry (nested paths such
/// as `user/given_name` are entries of their own). The table must outlive the model.
class table_model final : public record_model {
public:
    constexpr explicit table_model(std::span<const field_entry> fields) noexcept : fields_(fields) {}
    APIQUERY_DECL bool resolve(std::span<const std::string_view> segments, field_reader& out) const override;
    value self(const void* record) const override { return value::structured(record, this); }
    std::span<const field_entry> fields() const noexcept { return fields_; }

private:
    std::span<const field_entry> fields_;
};

/// A declared type for a JSON path (json_model's optional schema).
struct json_field_type {
    std::string_view path;
    kind type;
};

/// Boost.JSON records: a path `a/b/c` follows object keys (a missing key, or a non-object on the way,
/// reads as null). Values map as: null, bool, int64 (uint64 beyond int64 as decimal), double, string,
/// array (a collection), object (structured). With a schema, a string at a path declared as a
/// date-time, date, time of day, duration or GUID is read as that type (a string that does not parse
/// stays a string); integers at a path declared decimal or double are read as such.
class json_model final : public record_model {
public:
    /// `records_are_objects`: records are `boost::json::object` (true) or `boost::json::value` (false).
    constexpr explicit json_model(bool records_are_objects,
                                  std::span<const json_field_type> schema = {}) noexcept
        : objects_(records_are_objects), schema_(schema) {}
    APIQUERY_DECL bool resolve(std::span<const std::string_view> segments, field_reader& out) const override;
    APIQUERY_DECL value self(const void* record) const override;

private:
    bool objects_;
    std::span<const json_field_type> schema_;
};

/// The model of `boost::json::object` records without a schema.
APIQUERY_DECL const json_model& json_object_model() noexcept;
/// The model of `boost::json::value` records (collection items) without a schema.
APIQUERY_DECL const json_model& json_value_model() noexcept;

/// Converts a JSON value as json_model reads it (`hint`: a declared type, or kind::null).
APIQUERY_DECL value from_json(const boost::json::value& v, kind hint = kind::null);

/// The three-way order of two values under the filter semantics: -1, 0, 1, or nullopt when they are
/// not comparable (a null operand, NaN, different kinds that do not convert).
APIQUERY_DECL std::optional<int> compare(const value& a, const value& b);
/// `a eq b` under the filter semantics (both null: true).
APIQUERY_DECL bool equal(const value& a, const value& b);

/// A readable rendering, `kind:text` (`int:5`, `string:abc`, `datetimeoffset:2025-01-01T00:00:00.000Z`,
/// `null`), for tests and diagnostics.
APIQUERY_DECL std::string describe(const value& v);

namespace detail {
class node;
struct compiled_filter_access;
} // namespace detail

} // namespace eval

/// Options of compile_filter.
struct compile_options {
    /// The instant `now()` returns (one instant for the whole compiled filter, so a listing sees one
    /// consistent "now"). Default: the system clock when compiling.
    std::optional<timestamp> now;
};

/// Why a filter cannot be compiled against a model: an unknown field, a parameter alias, a geo
/// function, ... with the span of the offending node.
struct filter_compile_error {
    std::string message;
    source_span span;
    friend bool operator==(const filter_compile_error&, const filter_compile_error&) = default;
};

/// A filter compiled against one record model. Evaluating is thread-safe (const, no shared state).
class compiled_filter {
public:
    APIQUERY_DECL compiled_filter();
    APIQUERY_DECL compiled_filter(compiled_filter&&) noexcept;
    APIQUERY_DECL compiled_filter& operator=(compiled_filter&&) noexcept;
    APIQUERY_DECL ~compiled_filter();

    /// True when the record (of the model this filter was compiled for) satisfies the filter. A filter
    /// whose value is not a boolean true (null, a number, ...) does not match.
    APIQUERY_DECL bool matches_record(const void* record) const;
    bool matches(const boost::json::object& record) const { return matches_record(&record); }

    /// Evaluates the expression and renders its value with eval::describe (for tests and tools; an
    /// expression need not be boolean here: `length(name)` gives `int:5`).
    APIQUERY_DECL std::string evaluate_to_string(const void* record) const;

    /// The model the filter was compiled against.
    const eval::record_model* model() const noexcept { return model_; }

private:
    friend struct eval::detail::compiled_filter_access;

    std::unique_ptr<eval::detail::node> root_;
    std::vector<std::unique_ptr<std::string>> constants_;
    const eval::record_model* model_ = nullptr;
    std::size_t frames_ = 1;
};

/// Compiles a filter that passed check_filter() (profile_check.hpp): the way a server uses this header.
/// Literals take the values the check converted them to (`'2025-01-01'` compared with a date-time
/// field is that instant, `'ADMIN'` compared with an enum field its member), and a JSON model without
/// a schema reads a path as the type the check gave it (a string at a date-time path is read as a
/// date-time). Otherwise as the overload below; the compiled filter does not refer to `checked`.
APIQUERY_DECL result<compiled_filter, filter_compile_error>
compile_filter(const checked_filter& checked, const eval::record_model& model,
               const compile_options& options = {});

/// Compiles a filter (any tree parse_filter accepts; normally one a profile has validated) against a
/// record model. Errors: a path the model does not know, `$root` paths, parameter aliases (no values
/// are bound), geo functions (no record has geo values), lambdas nested more than 15 deep.
///
/// @par Example
/// @code
/// auto f = apiquery::compile_filter(apiquery::parse_filter("length(name) gt 3").value(),
///                                   apiquery::eval::json_object_model());
/// @endcode
APIQUERY_DECL result<compiled_filter, filter_compile_error>
compile_filter(const filter_ast& ast, const eval::record_model& model, const compile_options& options = {});

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/eval/impl/filter_eval.ipp>
#endif
