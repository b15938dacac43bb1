// apiquery: check a parsed `$filter` against a capability profile, and type it.
//
//     auto ast = apiquery::parse_filter(text);                      // filter.hpp
//     if (!ast) { /* syntax error */ }
//     auto checked = apiquery::check_filter(std::move(*ast), my_profile);
//     if (!checked) {
//         const auto& e = checked.error();  // e.code, e.span.begin, e.span.end, e.message
//     }
//
// check_filter() is an exhaustive visit that fails closed: every node of the tree is checked in every
// position (inside `in` lists, function arguments, lambda bodies, arithmetic), and a node kind, literal
// kind or operator it does not know is rejected. On success it returns a checked_filter: the tree plus,
// for every node, its static type, the field a path is bound to, and the converted value of every
// literal. The listing engine and the SQL translator consume a checked_filter and never look at
// literal text again. The rules are in docs/profile.md; the contract is documented on checked_filter.
//
// No PEGTL here.
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/uuid.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apiquery {

// ---------------------------------------------------------------------------------------------------
// Errors

/// Why check_filter() rejected a filter; to_string() gives the JSON form's `code`.
enum class profile_errc : std::uint8_t {
    unsupported_operator,   ///< "unsupported_operator": an operator the profile does not allow
    unsupported_function,   ///< "unsupported_function": a function the profile does not allow
    unsupported_lambda,     ///< "unsupported_lambda": `any`/`all` where the profile has no lambdas
    unsupported_alias,      ///< "unsupported_alias": a parameter alias where the profile has none
    unsupported_expression, ///< "unsupported_expression": a construct no profile supports here
                            ///< (a list outside `in`, a malformed tree, ...) or that profiles with type
                            ///< checking refuse (`$root`, `$it` alone, one-argument cast/isof)
    unknown_field,          ///< "unknown_field": a path that is not a field of the profile
    field_not_filterable,   ///< "field_not_filterable": a field the profile lists as not filterable
    type_mismatch,          ///< "type_mismatch": operands or arguments of incompatible types
    invalid_value,          ///< "invalid_value": a literal that cannot be converted to the type it
                            ///< is compared with (`'2025-13-01'` for a date-time, an unknown enum value)
    null_not_allowed,       ///< "null_not_allowed": `null` where it cannot be (non-nullable field, `ge`)
    depth_limit,            ///< "depth_limit": profile_limits::max_depth exceeded
    node_limit,             ///< "node_limit": profile_limits::max_nodes exceeded
    invalid_profile,        ///< "invalid_profile": the profile is not well formed (validate_profile)
    malformed_tree,         ///< "malformed_tree": the tree breaks filter_ast's invariants
};

/// The code's name: "unsupported_operator", ..., "malformed_tree".
constexpr std::string_view to_string(profile_errc c) noexcept {
    constexpr std::string_view names[] = {
        "unsupported_operator",   "unsupported_function", "unsupported_lambda",   "unsupported_alias",
        "unsupported_expression", "unknown_field",        "field_not_filterable", "type_mismatch",
        "invalid_value",          "null_not_allowed",     "depth_limit",          "node_limit",
        "invalid_profile",        "malformed_tree"};
    const auto i = static_cast<std::size_t>(c);
    return i < std::size(names) ? names[i] : std::string_view("?");
}

/// A rejection by check_filter(): a code, the byte span [begin, end) of the offending node in the
/// filter text (the literal for a value that cannot be converted, the operator's whole expression
/// for an unsupported operator, the path for an unknown field), and a message for people, e.g.
/// `operator 'or' is not supported by this endpoint (supported: eq, ge, and)`,
/// `unknown field 'nmae' (did you mean 'name'?)`, `field 'personal' is boolean; 'yes' is a string`.
struct profile_error {
    profile_errc code = profile_errc::unsupported_expression;
    source_span span;
    std::string message;

    friend bool operator==(const profile_error&, const profile_error&) = default;
};

// ---------------------------------------------------------------------------------------------------
// Static types and values

/// The static type of an expression.
struct expr_type {
    /// The (item) type. value_type::dynamic: only known at run time (see checked_filter).
    value_type type = value_type::dynamic;
    /// A collection of `type`.
    bool collection = false;
    /// The value can be null at run time (a nullable field, a free field, arithmetic or a function on
    /// one, a cast). Comparisons, `in`, `has`, logical operators and lambdas are never null.
    bool nullable = false;
    /// enum_: the profile field whose enum_members define the values, or no_field for an enum literal
    /// that is not compared with an enum field (its value then has no index).
    std::uint32_t enum_field = no_field;

    friend constexpr bool operator==(const expr_type&, const expr_type&) = default;
};

/// A decimal value: the text of the literal as written (`1.50`, `-0.5`, an integer beyond int64 such as
/// `99999999999999999999`, or the decimal form of an int literal: `5`), and its nearest double.
struct decimal_value {
    std::string_view text;
    double approx = 0;
    friend bool operator==(const decimal_value& a, const decimal_value& b) noexcept {
        return a.text == b.text;
    }
};

/// An enum value: its index in the field's enum_members (no_field when not bound to a field), and
/// its name.
struct enum_value {
    std::uint32_t index = no_field;
    std::string_view member;
    friend constexpr bool operator==(const enum_value&, const enum_value&) = default;
};

/// A literal's value, converted to the type it is compared with. The alternative matches the literal
/// node's checked type (checked_filter::type(id).type):
///
/// | type           | alternative            | notes                                                  |
/// |----------------|------------------------|--------------------------------------------------------|
/// | null           | std::monostate         | the `null` literal (its type is the other operand's)   |
/// | boolean        | bool                   |                                                        |
/// | int_           | std::int64_t           |                                                        |
/// | decimal        | decimal_value          | exact text + nearest double                            |
/// | double_        | double                 | INF, -INF and NaN included                             |
/// | string         | std::string_view       | unescaped (`'O''Neil'` is `O'Neil`)                    |
/// | date           | odata_date             | days since 1970-01-01                                  |
/// | datetimeoffset | odata_datetimeoffset   | exact instant + written offset; to_timestamp(), compare() in odata_time.hpp |
/// | timeofday      | odata_timeofday        |                                                        |
/// | duration       | odata_duration         |                                                        |
/// | guid           | uuid                   |                                                        |
/// | enum_          | enum_value             | index into the field's enum_members                    |
///
/// A null literal compared with a nullable field has the field's type and holds std::monostate:
/// test `std::holds_alternative<std::monostate>(v)` for null. String views point into the
/// checked_filter's own storage and live as long as it (or a copy of it) does.
using typed_value =
    std::variant<std::monostate, bool, std::int64_t, decimal_value, double, std::string_view, odata_date,
                 odata_datetimeoffset, odata_timeofday, odata_duration, uuid, enum_value>;

/// What a path (or alias) node refers to.
enum class binding_kind : std::uint8_t {
    none,     ///< not a path or alias node
    field,    ///< a profile field: path_binding::field
    free,     ///< a free field (profiles with free_fields): path_binding::path is its path
    variable, ///< a lambda range variable: path_binding::lambda, and path_binding::path for a member
              ///< of it (free collections only; empty for the item itself)
    alias,    ///< a parameter alias: path_binding::path is its name with the `@`
};

/// The binding kind's name: "none", "field", "free", "variable", "alias".
constexpr std::string_view to_string(binding_kind k) noexcept {
    constexpr std::string_view names[] = {"none", "field", "free", "variable", "alias"};
    return names[static_cast<std::size_t>(k)];
}

/// How a path or alias node is bound. `$it/` at the start of a path is removed before binding.
struct path_binding {
    binding_kind kind = binding_kind::none;
    /// kind field: the index in profile().fields.
    std::uint32_t field = no_field;
    /// kind variable: the lambda node that declares the range variable.
    node_id lambda = no_node;
    /// kind free: the path (`metadata/category`); kind variable: the member path after the variable
    /// (`price` in `i/price`), empty for the variable itself; kind alias: `@name`.
    std::string_view path;

    friend constexpr bool operator==(const path_binding&, const path_binding&) = default;
};

namespace detail {
struct checked_access;
struct checked_node {
    expr_type type;
    value_type operand = value_type::dynamic;
    path_binding binding;
    std::uint32_t value = no_field; // index into checked_data::values for literals
};
struct checked_data {
    filter_ast ast;
    std::vector<checked_node> nodes;
    std::vector<typed_value> values;
    std::vector<std::unique_ptr<char[]>> texts; // generated decimal texts (stable addresses)
};
} // namespace detail

/// A filter that passed check_filter(): the syntax tree, the profile it was checked against, and what
/// the check found out about every node. This is the input of the listing engine and the SQL
/// translator; its guarantees:
///
/// - Every node kind, operator, function and field in the tree is allowed by the profile, and the
///   tree is within the profile's limits.
/// - The root has type boolean (or dynamic, for a free field or alias standing alone), when the
///   profile checks types (profile_view::strict_types; every profile but `full`). See "Without type
///   checking" below for `full`.
/// - **type(id)** is the static type of every node. Comparison, `in`, `has`, logical, `not` and lambda
///   nodes are boolean and never null.
/// - **operand_type(id)**: for a comparison (eq ne gt ge lt le) and for `in`, the common type both
///   sides are compared in; for `has`, enum_; for arithmetic, the type the operands are computed in
///   (see below); for a lambda, the item type of its collection; otherwise the node's own type.
///   Evaluators convert a non-literal operand to it (numbers: int -> decimal -> double; a date to
///   midnight UTC for datetimeoffset). Literals are already converted.
/// - **binding(id)** for path and alias nodes (binding_kind), **field(id)** for paths bound to a profile
///   field (nullptr otherwise).
/// - **value(id)** for literal nodes: the converted value (typed_value) matching type(id).type.
///   `'2025-01-01'` compared with a datetimeoffset field is an odata_datetimeoffset at midnight UTC;
///   `'ADMIN'` compared with an enum field is enum_value{0, "ADMIN"}; `5` compared with a double field
///   is the double 5.0; the items of an `in` list are converted to the operand_type of the `in`.
/// - Arithmetic: operand_type is the common numeric type for numbers (`div` of two ints is integer
///   division, `divby` is decimal division: its operand type is decimal or double); for date and time
///   arithmetic (`datetimeoffset add duration`, `date sub date`, ...) it is the left operand's type.
///   type(id) is the result type.
/// - Functions: type(id) is the result type; arguments keep their own types (a string or collection
///   overload is told apart by the first argument's `collection` flag). The last argument of cast and
///   isof is a type_name node whose type(id) is the target type.
/// - dynamic: a node of type dynamic (free fields with nothing to type them, aliases, arithmetic on
///   them) must be checked at run time. For a free field, type(id) is the type it was given by what
///   it is compared with (the `files` profile types `category` as string in `category eq 'news'`):
///   evaluators convert the record's value to that type or treat the comparison as false.
/// - **Without type checking** (profile_view::strict_types false: profiles::full, or a run-time
///   profile with set_strict_types(false)), every tree parse_filter produces passes if the profile's
///   capabilities and limits allow it; a node whose type rules fail is typed instead of refused:
///   comparisons, `has`, `in`, `and`/`or`/`not`, lambdas and boolean functions stay boolean (never
///   null), anything else (arithmetic, other functions, one-argument cast) is dynamic and nullable; its
///   operand_type is dynamic (`1 eq 'a'` is boolean with operand type dynamic, its literals keep their
///   own types and values). A literal whose value could not be converted is dynamic with no value
///   (std::monostate): evaluators read its text. `$root/...`, `$this` and `$it` alone are bound as
///   binding_kind::free with the whole path as written (`$root/Products/x`, `$it`), typed like free
///   fields. One-argument `cast(T)` / `isof(T)` (the whole record) have their type_name as the only
///   argument. The root and the operands of `and`/`or`/`not` and lambda bodies may then be of any
///   type: evaluators decide at run time (a value that is not true does not match) or refuse.
///
/// A checked_filter shares its data: copies are cheap and all views (string_view values, the tree)
/// stay valid while any copy lives. The profile_view is copied, but what it points to (field paths,
/// enum members) must outlive the checked_filter: built-in profiles always do; a run-time `profile`
/// must not be modified or destroyed while checked filters of it are in use.
class checked_filter {
public:
    /// An empty filter (no tree); only assignment and empty() may be used on it.
    checked_filter() = default;

    bool empty() const noexcept { return !data_; }
    /// The checked tree.
    const filter_ast& ast() const noexcept { return data_->ast; }
    /// The profile it was checked against (a copy of the view; the storage it points to is the
    /// caller's).
    const profile_view& profile() const noexcept { return profile_; }
    /// The root node of the tree.
    node_id root() const noexcept { return data_->ast.root(); }

    /// The static type of any node.
    const expr_type& type(node_id id) const noexcept { return at(id).type; }
    /// The common type of a comparison's, `in`'s or arithmetic's operands; a lambda's item type; the
    /// node's own type otherwise.
    value_type operand_type(node_id id) const noexcept { return at(id).operand; }
    /// The binding of a path or alias node (kind none for other nodes).
    const path_binding& binding(node_id id) const noexcept { return at(id).binding; }
    /// The profile field a path node is bound to, or nullptr (free fields, variables, other nodes).
    const field_view* field(node_id id) const noexcept {
        const auto& b = at(id).binding;
        return b.kind == binding_kind::field ? &profile_.fields[b.field] : nullptr;
    }
    /// The converted value of a literal node (std::monostate for other nodes).
    const typed_value& value(node_id id) const noexcept {
        static const typed_value none;
        const auto v = at(id).value;
        return v == no_field ? none : data_->values[v];
    }
    /// The static type of a lambda's range variable (its collection's item type).
    expr_type variable_type(node_id lambda) const noexcept {
        expr_type t = type(ast().lambda_path(lambda));
        t.collection = false;
        return t;
    }

private:
    friend struct detail::checked_access;
    const detail::checked_node& at(node_id id) const noexcept {
        return data_->nodes[static_cast<std::size_t>(id)];
    }
    std::shared_ptr<const detail::checked_data> data_;
    profile_view profile_;
};

/// Checks a parsed filter against a profile: capabilities (operators, functions, lambdas, aliases,
/// fields, limits) and types, converting literals to the types they are compared with. Fails closed;
/// the first problem found is returned (capability and structure problems first, leftmost first;
/// then field and type problems, bottom-up from the left). Never throws (except std::bad_alloc).
///
/// The profile's storage must outlive the result. The tree is moved into the result (or copied, for the
/// const& overload).
///
/// @par Example
/// A profile with operators `eq`, `ge`, `and`, a string field `name` and a datetimeoffset field
/// `created_at`: `name eq 'ci' and created_at ge '2025-01-01'` passes (the string is converted to
/// 2025-01-01T00:00:00Z); `name eq 'a' or name eq 'b'` fails with unsupported_operator,
/// `operator 'or' is not supported by this endpoint (supported: eq, ge, and)`, span [0, 26).
/// @par Specification
/// OData Capabilities vocabulary (FilterFunctions, FilterRestrictions); OData 4.01 URL Conventions
/// §5.1.1 (operators, functions, literals); docs/profile.md (coercions and decisions).
APIQUERY_DECL result<checked_filter, profile_error> check_filter(filter_ast&& ast,
                                                                 const profile_view& profile);
/// Same, copying the tree.
APIQUERY_DECL result<checked_filter, profile_error> check_filter(const filter_ast& ast,
                                                                 const profile_view& profile);

namespace detail {
/// Builds checked_filter objects (used by the implementation).
struct checked_access {
    static checked_filter make(std::shared_ptr<const checked_data> d, const profile_view& p) {
        checked_filter f;
        f.data_ = std::move(d);
        f.profile_ = p;
        return f;
    }
};
} // namespace detail

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/profile/impl/profile_check.ipp>
#endif
