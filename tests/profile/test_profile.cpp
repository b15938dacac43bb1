// Tests of profile.hpp: the built-in profiles as constant data (static_assert), operator and function
// sets, validate_profile, and run-time profiles (views stay valid across copies and moves).
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/profile/profile.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace apiquery;

// ---------------------------------------------------------------------------------------------------
// Compile time: the built-in profiles are constant data.

// Well formed.
static_assert(validate_profile(profiles::tokens).ok());
static_assert(validate_profile(profiles::files).ok());
static_assert(validate_profile(profiles::full).ok());

// Names.
static_assert(profiles::tokens.name == "tokens" && profiles::files.name == "files" &&
              profiles::full.name == "full");

// tokens: eq, ge, and; nothing else.
static_assert(profiles::tokens.operators ==
              operator_set{filter_operator::eq, filter_operator::ge, filter_operator::and_});
static_assert(profiles::tokens.operators.contains(filter_operator::eq));
static_assert(profiles::tokens.operators.contains(filter_operator::ge));
static_assert(profiles::tokens.operators.contains(filter_operator::and_));
static_assert(!profiles::tokens.operators.contains(filter_operator::or_));
static_assert(!profiles::tokens.operators.contains(filter_operator::ne));
static_assert(!profiles::tokens.operators.contains(filter_operator::in));
static_assert(!profiles::tokens.operators.contains(filter_operator::not_));
static_assert(profiles::tokens.functions.empty());
static_assert(!profiles::tokens.lambdas && !profiles::tokens.aliases && !profiles::tokens.free_fields);
static_assert(profiles::tokens.limits == profile_limits{8, 100});

// tokens: the fields of API-NOTES.md, with their types, at the indices token_field names.
constexpr bool token_field_is(token_field f, std::string_view path, value_type t, bool nullable = false,
                              bool filterable = true) {
    const auto i = static_cast<std::uint32_t>(f);
    const auto& fv = profiles::tokens.fields[i];
    return profiles::tokens.find_field(path) == i && fv.path == path && fv.type == t && !fv.collection &&
           fv.nullable == nullable && fv.filterable == filterable;
}
static_assert(profiles::tokens.fields.size() == 12);
static_assert(token_field_is(token_field::name, "name", value_type::string));
static_assert(token_field_is(token_field::role, "role", value_type::string));
static_assert(token_field_is(token_field::organization_role, "organization_role", value_type::enum_));
static_assert(token_field_is(token_field::personal, "personal", value_type::boolean));
static_assert(token_field_is(token_field::expires, "expires", value_type::boolean));
static_assert(token_field_is(token_field::expires_at, "expires_at", value_type::datetimeoffset, true));
static_assert(token_field_is(token_field::created_at, "created_at", value_type::datetimeoffset));
static_assert(token_field_is(token_field::api_token_id, "api_token_id", value_type::guid));
static_assert(token_field_is(token_field::all_workspaces, "all_workspaces", value_type::boolean));
static_assert(token_field_is(token_field::user_given_name, "user/given_name", value_type::string));
static_assert(token_field_is(token_field::user_family_name, "user/family_name", value_type::string));
static_assert(token_field_is(token_field::masked_token, "masked_token", value_type::string, false, false));
static_assert(profiles::tokens.find_field("user") == no_field);
static_assert(profiles::tokens.find_field("Name") == no_field);

// The organization role enum: exact members, exact (case-sensitive) lookup.
constexpr const field_view& org_role = profiles::tokens.fields[2];
static_assert(org_role.enum_members.size() == 3);
static_assert(org_role.find_member("ADMIN") == 0);
static_assert(org_role.find_member("MEMBER") == 1);
static_assert(org_role.find_member("EXTERNAL") == 2);
static_assert(org_role.find_member("admin") == no_field);
static_assert(org_role.enum_type.empty());

// files: eq, ge, and over free fields.
static_assert(profiles::files.operators == profiles::tokens.operators);
static_assert(profiles::files.free_fields && profiles::files.fields.empty());
static_assert(profiles::files.functions.empty() && !profiles::files.lambdas && !profiles::files.aliases);

// full: everything.
static_assert(profiles::full.operators == all_operators);
static_assert(profiles::full.functions == all_functions);
static_assert(profiles::full.lambdas && profiles::full.aliases && profiles::full.free_fields);
static_assert(profiles::full.limits.max_depth == unlimited && profiles::full.limits.max_nodes == unlimited);

// Operator and function sets.
static_assert(all_operators.bits() == (1u << filter_operator_count) - 1);
static_assert(
    (comparison_operators | logical_operators | arithmetic_operators).without(filter_operator::eq) ==
    all_operators - operator_set{filter_operator::eq, filter_operator::has, filter_operator::in});
static_assert(operator_set{}.empty() && !operator_set{filter_operator::neg}.empty());
static_assert(operator_set{}.with(filter_operator::mod).contains(filter_operator::mod));
static_assert((operator_set{filter_operator::eq, filter_operator::ne} & comparison_operators).bits() == 3u);
static_assert(all_functions.contains(function_id::geo_length) && all_functions.contains(function_id::concat));
static_assert(function_set{function_id::cast}.with(function_id::isof).without(function_id::cast) ==
              function_set{function_id::isof});
static_assert((string_functions | date_functions | math_functions).contains(function_id::round));
static_assert(!(string_functions | date_functions | math_functions).contains(function_id::cast));

// Operator names and mappings from the syntax tree's operators.
static_assert(to_string(filter_operator::and_) == "and" && to_string(filter_operator::neg) == "-");
static_assert(to_operator(binary_op::divby) == filter_operator::divby);
static_assert(to_operator(logical_op::or_) == filter_operator::or_);
static_assert(to_operator(unary_op::neg) == filter_operator::neg);
static_assert(to_string(value_type::datetimeoffset) == "datetimeoffset" &&
              to_string(value_type::int_) == "int");
static_assert(is_field_type(value_type::enum_) && !is_field_type(value_type::null) &&
              !is_field_type(value_type::dynamic));

// A user-written constexpr profile, and the defects validate_profile finds in bad ones.
namespace {
constexpr std::string_view colours[] = {"RED", "GREEN"};
constexpr std::string_view duplicate_members[] = {"A", "A"};
constexpr field_view good_fields[] = {
    {"id", value_type::int_},
    {"colour", value_type::enum_, false, false, true, colours, "Paint.Colour"},
    {"tags", value_type::string, true},
    {"address/city", value_type::string, false, true},
};
constexpr profile_view good{"paint", comparison_operators, {}, false, false, false, good_fields, {4, 40}};
static_assert(validate_profile(good).ok());

constexpr profile_defect defect_of(std::span<const field_view> fields, profile_limits limits = {}) {
    return validate_profile(profile_view{"bad", {}, {}, false, false, false, fields, limits});
}
constexpr field_view empty_path[] = {{"", value_type::int_}};
constexpr field_view dollar_path[] = {{"$it", value_type::int_}};
constexpr field_view double_slash[] = {{"a//b", value_type::int_}};
constexpr field_view trailing_slash[] = {{"a/", value_type::int_}};
constexpr field_view quote_path[] = {{"a'b", value_type::int_}};
constexpr field_view null_type[] = {{"a", value_type::null}};
constexpr field_view dynamic_type[] = {{"a", value_type::dynamic}};
constexpr field_view enum_without_members[] = {{"a", value_type::enum_}};
constexpr field_view enum_duplicates[] = {{"a", value_type::enum_, false, false, true, duplicate_members}};
constexpr field_view members_on_string[] = {{"a", value_type::string, false, false, true, colours}};
constexpr field_view duplicate_paths[] = {{"a", value_type::int_}, {"a", value_type::string}};
constexpr field_view prefix_paths[] = {{"user", value_type::string}, {"user/name", value_type::string}};
static_assert(defect_of(empty_path).field == 0 && !defect_of(empty_path).ok());
static_assert(!defect_of(dollar_path).ok());
static_assert(!defect_of(double_slash).ok());
static_assert(!defect_of(trailing_slash).ok());
static_assert(!defect_of(quote_path).ok());
static_assert(defect_of(null_type).message == "a field's type cannot be null or dynamic");
static_assert(defect_of(dynamic_type).message == "a field's type cannot be null or dynamic");
static_assert(defect_of(enum_without_members).message == "an enum field needs at least one member");
static_assert(defect_of(enum_duplicates).message == "duplicate enum member");
static_assert(defect_of(members_on_string).message == "only enum fields have members or an enum type");
static_assert(defect_of(duplicate_paths).message == "duplicate field path" &&
              defect_of(duplicate_paths).field == 1);
static_assert(defect_of(prefix_paths).message == "a field path cannot be a prefix of another field's path");
static_assert(defect_of({}, {0, 5}).message == "limits must be at least 1");
static_assert(defect_of({}, {5, 0}).message == "limits must be at least 1");
} // namespace

// ---------------------------------------------------------------------------------------------------
// Run time

TEST_CASE("profile: built at run time, yields a view like a constexpr one") {
    profile p("invoices");
    p.allow(comparison_operators)
        .allow(filter_operator::and_)
        .allow(function_id::startswith)
        .add_field("number", value_type::string)
        .add_field("total", value_type::decimal)
        .add_field("due", value_type::date, {.nullable = true})
        .add_field("lines", value_type::int_, {.collection = true})
        .add_field("secret", value_type::string, {.filterable = false})
        .add_enum_field("status", {"DRAFT", "SENT", "PAID"}, {.enum_type = "Billing.Status"});
    CHECK(p.defect().ok());
    const profile_view& v = p;
    CHECK(v.name == "invoices");
    CHECK(v.operators == (comparison_operators | operator_set{filter_operator::and_}));
    CHECK(v.functions == function_set{function_id::startswith});
    REQUIRE(v.fields.size() == 6);
    CHECK(v.find_field("due") == 2);
    CHECK(v.fields[2].nullable);
    CHECK(v.fields[3].collection);
    CHECK_FALSE(v.fields[4].filterable);
    CHECK(v.fields[5].type == value_type::enum_);
    CHECK(v.fields[5].enum_type == "Billing.Status");
    CHECK(v.fields[5].find_member("PAID") == 2);

    SECTION("forbid, limits, flags") {
        p.forbid(filter_operator::ne).forbid(function_id::startswith).set_limits({3, 7});
        p.allow_lambdas().allow_aliases().allow_free_fields();
        CHECK_FALSE(p.view().operators.contains(filter_operator::ne));
        CHECK(p.view().functions.empty());
        CHECK(p.view().limits == profile_limits{3, 7});
        CHECK((p.view().lambdas && p.view().aliases && p.view().free_fields));
        p.allow_lambdas(false);
        CHECK_FALSE(p.view().lambdas);
    }
    SECTION("set_filterable (NonFilterableProperties)") {
        CHECK(p.set_filterable("total", false));
        CHECK_FALSE(p.view().fields[1].filterable);
        CHECK_FALSE(p.set_filterable("nope", false));
    }
    SECTION("copies and moves keep every view valid") {
        // Short strings live inside the string objects: a copy or move must re-point the views.
        const profile copy = p;
        profile moved = std::move(p);
        for (const profile_view* w : {&copy.view(), &moved.view()}) {
            CHECK(w->name == "invoices");
            REQUIRE(w->fields.size() == 6);
            CHECK(w->fields[0].path == "number");
            CHECK(w->fields[5].enum_members[1] == "SENT");
            CHECK(w->fields[5].enum_type == "Billing.Status");
        }
        CHECK(p.view().fields.empty()); // NOLINT(bugprone-use-after-move): moved-from state is defined
        profile assigned("x");
        assigned = copy;
        CHECK(assigned.view().fields[5].enum_members[2] == "PAID");
        profile move_assigned("y");
        move_assigned = std::move(assigned);
        CHECK(move_assigned.view().name == "invoices");
        CHECK(move_assigned.view().fields[0].path == "number");
        std::vector<profile> many;
        for (int i = 0; i < 20; ++i)
            many.push_back(copy); // reallocations move profiles around
        for (const auto& m : many)
            CHECK(m.view().fields[5].enum_members[0] == "DRAFT");
    }
}

TEST_CASE("profile: a copy of a built-in profile, extended") {
    profile p(profiles::tokens);
    CHECK(p.view().name == "tokens");
    CHECK(p.view().fields.size() == profiles::tokens.fields.size());
    CHECK(p.view().operators == profiles::tokens.operators);
    CHECK(p.view().fields[2].enum_members[2] == "EXTERNAL");
    p.allow(filter_operator::or_).add_field("note", value_type::string);
    CHECK(p.defect().ok());
    CHECK(p.view().find_field("note") == 12);
    CHECK(profiles::tokens.fields.size() == 12); // the built-in is untouched
}

TEST_CASE("profile: allow_name takes Capabilities FilterFunctions entries") {
    profile p;
    for (auto name :
         {"eq", "and", "in", "has", "neg", "-", "contains", "matchesPattern", "geo.distance", "any"})
        CHECK(p.allow_name(name));
    CHECK(p.view().operators == operator_set{filter_operator::eq, filter_operator::and_, filter_operator::in,
                                             filter_operator::has, filter_operator::neg});
    CHECK(p.view().functions ==
          function_set{function_id::contains, function_id::matchespattern, function_id::geo_distance});
    CHECK(p.view().lambdas);
    for (auto name : {"", "EQ", "matchespattern", "substringof", "xor"})
        CHECK_FALSE(p.allow_name(name));
    CHECK(p.view().operators.bits() ==
          (operator_set{filter_operator::eq, filter_operator::and_, filter_operator::in, filter_operator::has,
                        filter_operator::neg})
              .bits());
}

TEST_CASE("profile: defects of run-time definitions") {
    CHECK(profile("p").add_field("a", value_type::int_).add_field("a", value_type::int_).defect().message ==
          "duplicate field path");
    CHECK(profile("p").add_enum_field("e", {}).defect().message == "an enum field needs at least one member");
    CHECK(profile("p").add_field("x", value_type::null).defect().field == 0);
    CHECK(profile("p").add_field("x", value_type::string, {.enum_type = "T"}).defect().message ==
          "only enum fields have members or an enum type");
    CHECK(profile("p").set_limits({0, 1}).defect().message == "limits must be at least 1");
    CHECK(profile("p").defect().ok());
}
