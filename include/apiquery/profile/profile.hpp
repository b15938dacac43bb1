// apiquery: capability profiles: what one endpoint's `$filter` accepts.
//
// A profile lists the operators, functions and fields an endpoint supports, with the type of each
// field, and the size limits of a filter. check_filter() (profile_check.hpp) validates a parsed
// filter against a profile and type-checks it.
//
// The model follows the OData Capabilities vocabulary and ASP.NET Core OData's allow-lists:
//
// | apiquery                       | Org.OData.Capabilities.V1                   | ASP.NET Core OData                     |
// |--------------------------------|---------------------------------------------|----------------------------------------|
// | profile_view::operators        | FilterFunctions (operator names)            | AllowedLogicalOperators,               |
// |                                |                                             | AllowedArithmeticOperators             |
// | profile_view::functions        | FilterFunctions (function names)            | AllowedFunctions                       |
// | profile_view::lambdas          | FilterFunctions `any`, `all`                | AllowedFunctions Any, All              |
// | field_view::filterable = false | FilterRestrictions/NonFilterableProperties  | [Filter] / NotFilterable               |
// | profile_limits::max_depth      | FilterRestrictions/MaxLevels                | MaxAnyAllExpressionDepth ...           |
// | profile_limits::max_nodes      |                                             | MaxNodeCount                           |
// | the fields and their types     | the entity type of the collection           | the EDM model                          |
//
// FilterExpressionRestrictions/AllowedExpressions restricts which operators apply to one property;
// apiquery expresses the common case (an endpoint that only supports, say, `eq` and `ge`) with the
// endpoint-wide operator set and does not model per-property restrictions.
//
// Two forms, one view:
// - profile_view: constant data (string_views and spans) usable at compile time. The built-in
//   profiles (profiles::full here, an endpoint's in its folder) are `inline constexpr` views over
//   constexpr arrays; validate_profile() checks one, also in a static_assert.
// - profile: a run-time profile that owns its strings and vectors and yields the same profile_view.
//
// No PEGTL here. Documentation: docs/profile.md.
#pragma once

#include <apiquery/odata/filter_ast.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery {

// ---------------------------------------------------------------------------------------------------
// Types

/// The type of a profile field, and the static type of a filter expression.
///
/// Field types are boolean to enum_ (with a `collection` flag for collections of them). `null` and
/// `dynamic` are expression types only: `null` is the type of the `null` literal, and `dynamic` the type
/// of an expression whose type is only known at run time (a free field that no literal or function
/// gave a type, a parameter alias).
enum class value_type : std::uint8_t {
    boolean,        ///< "boolean"
    string,         ///< "string"
    int_,           ///< "int": a 64-bit signed integer
    decimal,        ///< "decimal": an exact decimal number
    double_,        ///< "double": an IEEE 754 double
    date,           ///< "date": a calendar day (Edm.Date)
    datetimeoffset, ///< "datetimeoffset": an instant with an offset (Edm.DateTimeOffset)
    timeofday,      ///< "timeofday": a time of day (Edm.TimeOfDay)
    duration,       ///< "duration": a signed day-time duration (Edm.Duration)
    guid,           ///< "guid": a UUID (Edm.Guid)
    enum_,          ///< "enum": one of a field's named values
    null,           ///< "null": the `null` literal (expressions only)
    dynamic,        ///< "dynamic": known at run time only (expressions only)
};

/// Number of value_type values.
inline constexpr std::size_t value_type_count = static_cast<std::size_t>(value_type::dynamic) + 1;

/// The type's name: "boolean", "string", "int", "decimal", "double", "date", "datetimeoffset",
/// "timeofday", "duration", "guid", "enum", "null", "dynamic".
constexpr std::string_view to_string(value_type t) noexcept {
    constexpr std::string_view names[] = {"boolean", "string",         "int",       "decimal",  "double",
                                          "date",    "datetimeoffset", "timeofday", "duration", "guid",
                                          "enum",    "null",           "dynamic"};
    const auto i = static_cast<std::size_t>(t);
    return i < value_type_count ? names[i] : std::string_view("?");
}

/// True for the types a profile field can have (everything but null and dynamic).
constexpr bool is_field_type(value_type t) noexcept {
    return static_cast<std::size_t>(t) <= static_cast<std::size_t>(value_type::enum_);
}

/// True for int_, decimal and double_.
constexpr bool is_numeric(value_type t) noexcept {
    return t == value_type::int_ || t == value_type::decimal || t == value_type::double_;
}

// ---------------------------------------------------------------------------------------------------
// Operators and functions

/// Every operator of the `$filter` language, for allow-lists. `neg` is arithmetic negation `-x`
/// (a negative number literal such as `-5` is a literal, not a negation).
enum class filter_operator : std::uint8_t {
    eq,
    ne,
    gt,
    ge,
    lt,
    le,  // comparison
    has, // enum flags
    in,  // membership
    and_,
    or_,
    not_, // logical
    add,
    sub,
    mul,
    div,
    divby,
    mod,
    neg, // arithmetic
};

/// Number of filter_operator values.
inline constexpr std::size_t filter_operator_count = static_cast<std::size_t>(filter_operator::neg) + 1;

/// The operator as written in a filter: "eq", ..., "and", "or", "not", ..., "mod", and "-" for neg.
constexpr std::string_view to_string(filter_operator op) noexcept {
    constexpr std::string_view names[] = {"eq", "ne",  "gt",  "ge",  "lt",  "le",  "has",   "in",  "and",
                                          "or", "not", "add", "sub", "mul", "div", "divby", "mod", "-"};
    const auto i = static_cast<std::size_t>(op);
    return i < filter_operator_count ? names[i] : std::string_view("?");
}

/// The profile operator of a binary node's operator.
constexpr filter_operator to_operator(binary_op op) noexcept {
    switch (op) {
    case binary_op::eq:
        return filter_operator::eq;
    case binary_op::ne:
        return filter_operator::ne;
    case binary_op::gt:
        return filter_operator::gt;
    case binary_op::ge:
        return filter_operator::ge;
    case binary_op::lt:
        return filter_operator::lt;
    case binary_op::le:
        return filter_operator::le;
    case binary_op::has:
        return filter_operator::has;
    case binary_op::add:
        return filter_operator::add;
    case binary_op::sub:
        return filter_operator::sub;
    case binary_op::mul:
        return filter_operator::mul;
    case binary_op::div:
        return filter_operator::div;
    case binary_op::divby:
        return filter_operator::divby;
    case binary_op::mod:
        return filter_operator::mod;
    }
    return filter_operator::eq; // unreachable for valid values; check_filter rejects invalid ones first
}

/// The profile operator of a logical node's operator.
constexpr filter_operator to_operator(logical_op op) noexcept {
    return op == logical_op::or_ ? filter_operator::or_ : filter_operator::and_;
}

/// The profile operator of a unary node's operator.
constexpr filter_operator to_operator(unary_op op) noexcept {
    return op == unary_op::neg ? filter_operator::neg : filter_operator::not_;
}

/// Looks an operator up by its keyword ("eq", "and", ..., "-" or "neg" for negation); exact, lower case.
constexpr bool find_operator(std::string_view name, filter_operator& out) noexcept {
    if (name == "neg") {
        out = filter_operator::neg;
        return true;
    }
    for (std::size_t i = 0; i < filter_operator_count; ++i) {
        if (to_string(static_cast<filter_operator>(i)) == name) {
            out = static_cast<filter_operator>(i);
            return true;
        }
    }
    return false;
}

/// A set of values of an enumeration whose values are 0 to N - 1 (a bit set held in `Bits`), usable in
/// constant expressions. Values outside that range are never members.
template <class Enum, class Bits, std::size_t N>
class enum_set {
    static_assert(N <= sizeof(Bits) * 8);

public:
    constexpr enum_set() noexcept = default;
    constexpr enum_set(std::initializer_list<Enum> values) noexcept {
        for (auto v : values)
            bits_ |= bit(v);
    }
    constexpr bool contains(Enum v) const noexcept { return (bits_ & bit(v)) != 0; }
    constexpr bool empty() const noexcept { return bits_ == 0; }
    constexpr enum_set with(Enum v) const noexcept { return from_bits(bits_ | bit(v)); }
    constexpr enum_set without(Enum v) const noexcept { return from_bits(bits_ & ~bit(v)); }
    constexpr Bits bits() const noexcept { return bits_; }
    static constexpr enum_set from_bits(Bits b) noexcept {
        enum_set s;
        s.bits_ = b & all_bits;
        return s;
    }
    friend constexpr enum_set operator|(enum_set a, enum_set b) noexcept {
        return from_bits(a.bits_ | b.bits_);
    }
    friend constexpr enum_set operator&(enum_set a, enum_set b) noexcept {
        return from_bits(a.bits_ & b.bits_);
    }
    friend constexpr enum_set operator-(enum_set a, enum_set b) noexcept {
        return from_bits(a.bits_ & ~b.bits_);
    }
    friend constexpr bool operator==(enum_set, enum_set) noexcept = default;

private:
    static constexpr Bits all_bits =
        N >= sizeof(Bits) * 8 ? static_cast<Bits>(~Bits{0}) : static_cast<Bits>((Bits{1} << N) - 1);
    static constexpr Bits bit(Enum v) noexcept {
        const auto i = static_cast<std::size_t>(v);
        return i < N ? static_cast<Bits>(Bits{1} << i) : Bits{0};
    }
    Bits bits_ = 0;
};

/// A set of operators (ASP.NET Core OData's AllowedLogicalOperators and AllowedArithmeticOperators).
using operator_set = enum_set<filter_operator, std::uint32_t, filter_operator_count>;

/// eq ne gt ge lt le
inline constexpr operator_set comparison_operators{filter_operator::eq, filter_operator::ne,
                                                   filter_operator::gt, filter_operator::ge,
                                                   filter_operator::lt, filter_operator::le};
/// and or not
inline constexpr operator_set logical_operators{filter_operator::and_, filter_operator::or_,
                                                filter_operator::not_};
/// add sub mul div divby mod and negation
inline constexpr operator_set arithmetic_operators{
    filter_operator::add,   filter_operator::sub, filter_operator::mul, filter_operator::div,
    filter_operator::divby, filter_operator::mod, filter_operator::neg};
/// Every operator.
inline constexpr operator_set all_operators = comparison_operators | logical_operators |
                                              arithmetic_operators |
                                              operator_set{filter_operator::has, filter_operator::in};

/// A set of built-in functions (function_id, from filter_ast.hpp): ASP.NET Core OData's AllowedFunctions.
using function_set = enum_set<function_id, std::uint64_t, function_count>;

/// Every built-in function.
inline constexpr function_set all_functions = function_set::from_bits(~std::uint64_t{0});
/// contains endswith startswith indexof length substring concat matchesPattern tolower toupper trim
inline constexpr function_set string_functions{
    function_id::concat,  function_id::contains,   function_id::endswith,  function_id::indexof,
    function_id::length,  function_id::startswith, function_id::substring, function_id::matchespattern,
    function_id::tolower, function_id::toupper,    function_id::trim};
/// date day fractionalseconds hour maxdatetime mindatetime minute month now second time
/// totaloffsetminutes totalseconds year
inline constexpr function_set date_functions{
    function_id::date,         function_id::day,         function_id::fractionalseconds,
    function_id::hour,         function_id::maxdatetime, function_id::mindatetime,
    function_id::minute,       function_id::month,       function_id::now,
    function_id::second,       function_id::time,        function_id::totaloffsetminutes,
    function_id::totalseconds, function_id::year};
/// ceiling floor round
inline constexpr function_set math_functions{function_id::ceiling, function_id::floor, function_id::round};

// ---------------------------------------------------------------------------------------------------
// Fields and profiles

/// "No field": the field index of paths that are not bound to a profile field.
inline constexpr std::uint32_t no_field = 0xFFFFFFFFu;

/// One field of a profile.
struct field_view {
    /// The path as written in filters, segments separated by '/': `name`, `user/given_name`.
    /// Matched exactly (case-sensitive), as the API matches field names.
    std::string_view path;
    /// The type; for a collection, the type of its items.
    value_type type = value_type::string;
    /// A collection of `type` (usable with any/all, `in`, and the collection functions).
    bool collection = false;
    /// The field can be null (`field eq null` is accepted only for nullable fields).
    bool nullable = false;
    /// False for Capabilities' NonFilterableProperties: the field is known but may not be used.
    bool filterable = true;
    /// enum_ only: the values, in declaration order (an enum value's index is its position here).
    /// Matched exactly (case-sensitive).
    std::span<const std::string_view> enum_members = {};
    /// enum_ only, optional: the qualified type name accepted in enum literals `Ns.Type'Member'`.
    /// Empty: only the quoted form `'Member'` is accepted.
    std::string_view enum_type = {};

    /// The index of `member` in enum_members, or no_field.
    constexpr std::uint32_t find_member(std::string_view member) const noexcept {
        for (std::size_t i = 0; i < enum_members.size(); ++i)
            if (enum_members[i] == member)
                return static_cast<std::uint32_t>(i);
        return no_field;
    }
};

/// Size limits of a filter, checked on the syntax tree (after parsing, which has limits of its own:
/// parse_options).
struct profile_limits {
    /// Most levels of the tree (the root is level 1; `name eq 'x'` has 2, `a eq 1 and b eq 2` has 3).
    /// Capabilities' FilterRestrictions/MaxLevels.
    std::uint32_t max_depth = 32;
    /// Most nodes in the tree (`name eq 'x'` has 3). ASP.NET Core OData's MaxNodeCount (default 100).
    std::uint32_t max_nodes = 100;

    friend constexpr bool operator==(const profile_limits&, const profile_limits&) = default;
};

/// "No limit" for profile_limits (the parser's own limits still apply).
inline constexpr std::uint32_t unlimited = 0xFFFFFFFFu;

/// What one endpoint accepts. A view: the strings and spans point to storage that must outlive it
/// (constexpr arrays for the built-in profiles, a `profile` object for run-time profiles).
struct profile_view {
    /// A name for messages and tools: "invoices".
    std::string_view name;
    /// The operators allowed (comparison, has, in, logical, arithmetic).
    operator_set operators;
    /// The built-in functions allowed (cast and isof included).
    function_set functions;
    /// Lambda operators `any` / `all` allowed.
    bool lambdas = false;
    /// Parameter aliases `@p` allowed (their values come from elsewhere; their type is dynamic).
    bool aliases = false;
    /// Free fields: any path that is not a listed field is accepted, with its type taken from what it
    /// is compared with (a literal, a function's parameter); listed fields keep their declared type.
    bool free_fields = false;
    /// The fields (at most 2^32 - 2). A field's index here is how checked_filter refers to it.
    std::span<const field_view> fields;
    /// Size limits.
    profile_limits limits;
    /// Static type checking (true for every profile but `full`). When true, check_filter refuses
    /// operands of incompatible types, `null` where it cannot be, literals that cannot be converted,
    /// non-boolean conditions, `$root`, `$this`, `$it` alone and one-argument cast/isof. When false,
    /// check_filter accepts every tree parse_filter produces that the capabilities (operators,
    /// functions, lambdas, aliases, fields) and limits allow: what it cannot type statically it types
    /// value_type::dynamic, and evaluators decide at run time (see checked_filter). Unknown fields and
    /// fields that are not filterable are refused either way.
    bool strict_types = true;

    /// The index of the field with exactly this path, or no_field.
    constexpr std::uint32_t find_field(std::string_view path) const noexcept {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].path == path)
                return static_cast<std::uint32_t>(i);
        return no_field;
    }
};

/// The first problem of a profile definition, from validate_profile().
struct profile_defect {
    /// Empty when the profile is well formed; otherwise a sentence (a string literal).
    std::string_view message;
    /// The field concerned, or no_field.
    std::uint32_t field = no_field;

    constexpr bool ok() const noexcept { return message.empty(); }
    friend constexpr bool operator==(const profile_defect&, const profile_defect&) = default;
};

namespace detail {
constexpr bool valid_field_path(std::string_view p) noexcept {
    if (p.empty() || p.front() == '/' || p.back() == '/' || p.front() == '$' || p.front() == '@')
        return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '/' && p[i + 1] == '/')
            return false;
        if (c == ' ' || c == '\'' || c == '(' || c == ')' || c == ',' || static_cast<unsigned char>(c) < 0x20)
            return false;
    }
    return true;
}
constexpr bool is_path_prefix(std::string_view prefix, std::string_view path) noexcept {
    return path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix &&
           path[prefix.size()] == '/';
}
} // namespace detail

/// Checks a profile definition: every field has a well-formed path (non-empty segments separated by
/// single '/', not starting with '$' or '@', no spaces, quotes, parentheses or commas), a field type
/// (not null or dynamic), unique paths, no path that is a prefix of another (`user` and
/// `user/given_name`), enum fields with at least one member, unique non-empty members, no members or
/// enum type on other fields; fewer than 2^32 - 1 fields; limits of at least 1. Usable in
/// static_assert.
///
/// @par Example
/// `static_assert(apiquery::validate_profile(apiquery::profiles::full).ok());`
constexpr profile_defect validate_profile(const profile_view& p) noexcept {
    if (p.fields.size() >= no_field)
        return {"too many fields", no_field};
    if (p.limits.max_depth < 1 || p.limits.max_nodes < 1)
        return {"limits must be at least 1", no_field};
    for (std::size_t i = 0; i < p.fields.size(); ++i) {
        const auto& f = p.fields[i];
        const auto idx = static_cast<std::uint32_t>(i);
        if (!detail::valid_field_path(f.path))
            return {"a field path must be segments separated by '/' (no '$' or '@' at the start, no spaces, "
                    "quotes, parentheses or commas)",
                    idx};
        if (!is_field_type(f.type))
            return {"a field's type cannot be null or dynamic", idx};
        if (f.type == value_type::enum_) {
            if (f.enum_members.empty())
                return {"an enum field needs at least one member", idx};
            for (std::size_t m = 0; m < f.enum_members.size(); ++m) {
                if (f.enum_members[m].empty())
                    return {"an enum member cannot be empty", idx};
                for (std::size_t n = 0; n < m; ++n)
                    if (f.enum_members[n] == f.enum_members[m])
                        return {"duplicate enum member", idx};
            }
        } else if (!f.enum_members.empty() || !f.enum_type.empty()) {
            return {"only enum fields have members or an enum type", idx};
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (p.fields[j].path == f.path)
                return {"duplicate field path", idx};
            if (detail::is_path_prefix(p.fields[j].path, f.path) ||
                detail::is_path_prefix(f.path, p.fields[j].path))
                return {"a field path cannot be a prefix of another field's path", idx};
        }
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------
// The generic built-in profile (an endpoint declares its own profile in its folder)

/// The built-in profiles. Each is a constexpr profile_view; see docs/profile.md for a table. Endpoints
/// add theirs to this namespace in their own folders (endpoints/NAME/profile.hpp).
namespace profiles {

/// Everything the grammar accepts: every operator and function, lambdas, aliases, free
/// fields, no limits beyond the parser's own, and no static type checking (strict_types false): every
/// filter parse_filter accepts passes check_filter, with the nodes whose type is not known statically
/// typed value_type::dynamic (`1 eq 'a'`, `$root/x`, `$it`, `cast(Edm.Int32)`, `null add 1`).
inline constexpr profile_view full{
    "full", all_operators, all_functions, true, true, true, {}, profile_limits{unlimited, unlimited},
    false, // strict_types
};

} // namespace profiles

// ---------------------------------------------------------------------------------------------------
// Run-time profiles

/// Options of profile::add_field.
struct field_options {
    bool collection = false;
    bool nullable = false;
    bool filterable = true;
    /// enum fields only: the qualified type name accepted in `Ns.Type'Member'` literals.
    std::string_view enum_type = {};
};

/// A profile built at run time. It owns its strings and yields a profile_view (view(), or the implicit
/// conversion) that stays valid until the profile is modified, assigned or destroyed.
///
/// @par Example
/// @code
/// apiquery::profile p("invoices");
/// p.allow(apiquery::comparison_operators).allow(apiquery::filter_operator::and_)
///  .allow(apiquery::function_id::startswith)
///  .add_field("number", apiquery::value_type::string)
///  .add_field("total", apiquery::value_type::decimal)
///  .add_field("due", apiquery::value_type::date, {.nullable = true})
///  .add_enum_field("status", {"DRAFT", "SENT", "PAID"}, {.enum_type = "Billing.Status"});
/// assert(p.defect().ok());
/// auto checked = apiquery::check_filter(ast, p);
/// @endcode
/// Building never fails; a definition problem (duplicate path, enum without members, ...) is reported
/// by defect(), and check_filter rejects filters against a profile whose fields it cannot trust.
class profile {
public:
    /// An empty profile: no operators, functions or fields; default limits.
    explicit profile(std::string_view name = {}) : name_(name) { rebuild(); }
    /// A copy of another profile (for example a built-in one) to extend or restrict.
    explicit profile(const profile_view& base) : name_(base.name) {
        view_.operators = base.operators;
        view_.functions = base.functions;
        view_.lambdas = base.lambdas;
        view_.aliases = base.aliases;
        view_.free_fields = base.free_fields;
        view_.limits = base.limits;
        view_.strict_types = base.strict_types;
        for (const auto& f : base.fields) {
            field_data d;
            d.path = f.path;
            d.type = f.type;
            d.collection = f.collection;
            d.nullable = f.nullable;
            d.filterable = f.filterable;
            d.members.assign(f.enum_members.begin(), f.enum_members.end());
            d.enum_type = f.enum_type;
            fields_.push_back(std::move(d));
        }
        rebuild();
    }
    profile(const profile& other) : name_(other.name_), fields_(other.fields_), view_(other.view_) {
        rebuild();
    }
    profile(profile&& other) noexcept
        : name_(std::move(other.name_)), fields_(std::move(other.fields_)),
          member_views_(std::move(other.member_views_)), field_views_(std::move(other.field_views_)),
          view_(other.view_) {
        // Moving the vectors keeps their elements in place, so the views into them stay valid; only
        // the name may have moved (short strings live inside the string object).
        view_.name = name_;
        other.reset();
    }
    profile& operator=(const profile& other) {
        if (this != &other) {
            name_ = other.name_;
            fields_ = other.fields_;
            view_ = other.view_;
            rebuild();
        }
        return *this;
    }
    profile& operator=(profile&& other) noexcept {
        if (this != &other) {
            name_ = std::move(other.name_);
            fields_ = std::move(other.fields_);
            member_views_ = std::move(other.member_views_);
            field_views_ = std::move(other.field_views_);
            view_ = other.view_;
            view_.name = name_;
            other.reset();
        }
        return *this;
    }
    ~profile() = default;

    profile& allow(filter_operator op) noexcept { return view_.operators = view_.operators.with(op), *this; }
    profile& allow(operator_set ops) noexcept { return view_.operators = view_.operators | ops, *this; }
    profile& forbid(filter_operator op) noexcept {
        return view_.operators = view_.operators.without(op), *this;
    }
    profile& forbid(operator_set ops) noexcept { return view_.operators = view_.operators - ops, *this; }
    profile& allow(function_id f) noexcept { return view_.functions = view_.functions.with(f), *this; }
    profile& allow(function_set fs) noexcept { return view_.functions = view_.functions | fs, *this; }
    profile& forbid(function_id f) noexcept { return view_.functions = view_.functions.without(f), *this; }
    profile& forbid(function_set fs) noexcept { return view_.functions = view_.functions - fs, *this; }
    profile& allow_lambdas(bool on = true) noexcept { return view_.lambdas = on, *this; }
    profile& allow_aliases(bool on = true) noexcept { return view_.aliases = on, *this; }
    profile& allow_free_fields(bool on = true) noexcept { return view_.free_fields = on, *this; }
    profile& set_limits(profile_limits l) noexcept { return view_.limits = l, *this; }
    /// Turns static type checking on (the default) or off (profile_view::strict_types).
    profile& set_strict_types(bool on = true) noexcept { return view_.strict_types = on, *this; }

    /// Allows one entry of a Capabilities FilterFunctions list: an operator keyword ("eq", "and",
    /// "has", "in", "neg", ...), "any" or "all" (lambdas), or a function name as the specification
    /// spells it ("contains", "matchesPattern", "geo.distance", ...). Returns false, changing nothing,
    /// for any other name.
    bool allow_name(std::string_view name) noexcept {
        filter_operator op{};
        function_id f{};
        if (find_operator(name, op))
            return allow(op), true;
        if (name == "any" || name == "all")
            return allow_lambdas(), true;
        if (find_function(name, true, f))
            return allow(f), true;
        return false;
    }

    /// Adds a field of a non-enum type (for enums use add_enum_field).
    profile& add_field(std::string_view path, value_type type, const field_options& options = {}) {
        field_data d;
        d.path = path;
        d.type = type;
        d.collection = options.collection;
        d.nullable = options.nullable;
        d.filterable = options.filterable;
        d.enum_type = options.enum_type;
        fields_.push_back(std::move(d));
        rebuild();
        return *this;
    }
    /// Adds an enum field with its members in declaration order.
    profile& add_enum_field(std::string_view path, std::span<const std::string_view> members,
                            const field_options& options = {}) {
        add_field(path, value_type::enum_, options);
        fields_.back().members.assign(members.begin(), members.end());
        rebuild();
        return *this;
    }
    profile& add_enum_field(std::string_view path, std::initializer_list<std::string_view> members,
                            const field_options& options = {}) {
        return add_enum_field(path, std::span<const std::string_view>(members.begin(), members.size()),
                              options);
    }
    /// Marks a field filterable or not (Capabilities' NonFilterableProperties). Returns false when no
    /// field has this path.
    bool set_filterable(std::string_view path, bool filterable) {
        for (auto& f : fields_) {
            if (f.path == path) {
                f.filterable = filterable;
                rebuild();
                return true;
            }
        }
        return false;
    }

    /// The profile as a view; valid until this profile is modified, assigned or destroyed.
    const profile_view& view() const noexcept { return view_; }
    operator const profile_view&() const noexcept { return view_; }

    /// The first problem of the definition (validate_profile), ok() when there is none.
    profile_defect defect() const noexcept { return validate_profile(view_); }

private:
    struct field_data {
        std::string path;
        value_type type = value_type::string;
        bool collection = false;
        bool nullable = false;
        bool filterable = true;
        std::vector<std::string> members;
        std::string enum_type;
    };

    void rebuild() {
        member_views_.clear();
        std::size_t total = 0;
        for (const auto& f : fields_)
            total += f.members.size();
        member_views_.reserve(total);
        field_views_.clear();
        field_views_.reserve(fields_.size());
        for (const auto& f : fields_) {
            const auto first = member_views_.size();
            for (const auto& m : f.members)
                member_views_.emplace_back(m);
            field_view v;
            v.path = f.path;
            v.type = f.type;
            v.collection = f.collection;
            v.nullable = f.nullable;
            v.filterable = f.filterable;
            v.enum_members =
                std::span<const std::string_view>(member_views_.data() + first, f.members.size());
            v.enum_type = f.enum_type;
            field_views_.push_back(v);
        }
        view_.name = name_;
        view_.fields = field_views_;
    }
    // The state of a moved-from profile: no fields, views consistent.
    void reset() noexcept {
        fields_.clear();
        member_views_.clear();
        field_views_.clear();
        view_.name = name_;
        view_.fields = {};
    }

    std::string name_;
    std::vector<field_data> fields_;
    std::vector<std::string_view> member_views_;
    std::vector<field_view> field_views_;
    profile_view view_;
};

} // namespace apiquery
