// Tests of profile_check.hpp: allow-lists both ways, coercions both ways, fail-closed checks of every
// node kind in every position, the tokens and files profiles with exact messages and spans, and the
// checked_filter contract (types, bindings, converted values).
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace apiquery;

namespace {

// A profile with one field of every type, every operator and function, lambdas; no aliases, no free
// fields. Variants below switch single capabilities off.
constexpr std::string_view abc[] = {"A", "B", "C"};
constexpr std::string_view xy[] = {"X", "Y"};
constexpr field_view test_fields[] = {
    {"s", value_type::string},
    {"i", value_type::int_},
    {"d", value_type::decimal},
    {"f", value_type::double_},
    {"b", value_type::boolean},
    {"nb", value_type::boolean, false, true},
    {"dt", value_type::date},
    {"ts", value_type::datetimeoffset, false, true},
    {"tsn", value_type::datetimeoffset},
    {"tod", value_type::timeofday},
    {"dur", value_type::duration},
    {"g", value_type::guid},
    {"e", value_type::enum_, false, false, true, abc, "T.E"},
    {"e2", value_type::enum_, false, false, true, xy},
    {"tags", value_type::string, true},
    {"nums", value_type::int_, true},
    {"hidden", value_type::string, false, false, false},
    {"sub/name", value_type::string},
};
constexpr profile_view typed{"typed", all_operators, all_functions, true,
                             false,   false,         test_fields,   {64, 1000}};
static_assert(validate_profile(typed).ok());

result<checked_filter, profile_error> check(std::string_view text, const profile_view& p) {
    auto ast = parse_filter(text);
    INFO("filter: " << text);
    if (!ast)
        FAIL("parse error at " << ast.error().position << ": " << ast.error().message);
    return check_filter(std::move(*ast), p);
}

void accepts(std::string_view text, const profile_view& p) {
    const auto r = check(text, p);
    INFO("filter: " << text << "  profile: " << p.name);
    if (!r)
        FAIL(to_string(r.error().code)
             << " [" << r.error().span.begin << "," << r.error().span.end << ") " << r.error().message);
    SUCCEED();
}

/// The filter is rejected with `code` at the span covering `snippet` (its first occurrence at or after
/// byte `from`); returns the message. A `|` in the snippet marks where the error's position is (the
/// refused operator keyword: `i |mod 2`); without one it is the snippet's first byte.
std::string rejects(std::string_view text, const profile_view& p, profile_errc code, std::string_view marked,
                    std::size_t from = 0) {
    const auto r = check(text, p);
    INFO("filter: " << text << "  profile: " << p.name << "  expected at: " << marked);
    REQUIRE_FALSE(r);
    const auto& e = r.error();
    INFO("error: " << to_string(e.code) << " [" << e.span.begin << "," << e.span.end << ") " << e.message);
    CHECK(e.code == code);
    const std::size_t mark = marked.find('|');
    std::string snippet(marked);
    if (mark != std::string::npos)
        snippet.erase(mark, 1);
    const std::size_t at = text.find(snippet, from);
    REQUIRE(at != std::string_view::npos);
    CHECK(e.span.begin == at + (mark == std::string::npos ? 0 : mark));
    CHECK(e.span.end == at + snippet.size());
    CHECK_FALSE(e.message.empty());
    return e.message;
}

/// The checked value of the literal whose span covers `snippet` (first occurrence at or after `from`).
typed_value value_at(const checked_filter& c, std::string_view text, std::string_view snippet,
                     std::size_t from = 0) {
    const auto at = text.find(snippet, from);
    for (node_id id : c.ast().ids()) {
        if (c.ast().kind(id) == node_kind::literal && c.ast().span(id).begin == at &&
            c.ast().span(id).end == at + snippet.size())
            return c.value(id);
    }
    FAIL("no literal at '" << snippet << "'");
    return {};
}

node_id node_at(const checked_filter& c, std::string_view text, std::string_view snippet, node_kind kind,
                std::size_t from = 0) {
    const auto at = text.find(snippet, from);
    for (node_id id : c.ast().ids())
        if (c.ast().kind(id) == kind && c.ast().span(id).begin == at &&
            c.ast().span(id).end == at + snippet.size())
            return id;
    FAIL("no " << to_string(kind) << " node at '" << snippet << "'");
    return no_node;
}

profile with_operators(operator_set ops) {
    profile p(typed);
    p.forbid(all_operators).allow(ops);
    return p;
}

} // namespace

// ---------------------------------------------------------------------------------------------------
// The tokens profile: the documented messages, with exact spans.

TEST_CASE("tokens: the three documented messages") {
    const auto& t = profiles::tokens;
    // The position is the refused operator's keyword; the span ends with its expression.
    CHECK(rejects("name eq 'a' or name eq 'b'", t, profile_errc::unsupported_operator,
                  "name eq 'a' |or name eq 'b'") ==
          "operator 'or' is not supported by this endpoint (supported: eq, ge, and)");
    CHECK(rejects("nmae eq 'x'", t, profile_errc::unknown_field, "nmae") ==
          "unknown field 'nmae' (did you mean 'name'?)");
    CHECK(rejects("personal eq 'yes'", t, profile_errc::type_mismatch, "'yes'") ==
          "field 'personal' is boolean; 'yes' is a string");
}

TEST_CASE("positions: a profile error starts at the construct the endpoint refuses") {
    const auto& t = profiles::tokens;
    // unsupported binary operators: the keyword
    for (const char* op : {"ne", "gt", "lt", "le", "has"}) {
        const std::string text = "name eq 'a' and created_at " + std::string(op) + " 2025-01-01";
        rejects(text, t, profile_errc::unsupported_operator,
                "created_at |" + std::string(op) + " 2025-01-01");
    }
    rejects("name eq 'a' and name in ('a', 'b')", t, profile_errc::unsupported_operator,
            "name |in ('a', 'b')");
    rejects("name eq 'a' and created_at add duration'P1D' ge 2025-01-01", t,
            profile_errc::unsupported_operator, "created_at |add duration'P1D'");
    rejects("name eq 'a' or name eq 'b' or name eq 'c'", t, profile_errc::unsupported_operator,
            "name eq 'a' |or name eq 'b' or name eq 'c'");
    // unary not and -: the operator
    rejects("name eq 'a' and not personal", t, profile_errc::unsupported_operator, "|not personal");
    rejects("name eq 'a' and -(1) ge 2", t, profile_errc::unsupported_operator, "|-(1)");
    // functions and lambdas: the name / the keyword
    rejects("name eq 'a' and tolower(name) eq 'x'", t, profile_errc::unsupported_function, "|tolower(name)");
    rejects("name eq 'a' and workspaces/all(w: w eq 'x')", t, profile_errc::unsupported_lambda,
            "workspaces/|all(w: w eq 'x')");
    // an unknown field: its path; a literal of the wrong type or value: the literal
    rejects("name eq 'a' and user/nickname eq 'x'", t, profile_errc::unknown_field, "|user/nickname");
    rejects("name eq 'a' and personal eq 'yes'", t, profile_errc::type_mismatch, "|'yes'");
    rejects("name eq 'a' and created_at ge '2025-13-01'", t, profile_errc::invalid_value, "|'2025-13-01'");
    // an operator that cannot apply to its operands' types: the keyword
    rejects("name eq 'a' and organization_role ge 'ADMIN'", t, profile_errc::type_mismatch,
            "organization_role |ge 'ADMIN'");
    rejects("name eq 'a' and personal ge true", t, profile_errc::type_mismatch, "personal |ge true");
    rejects("name eq 'a' and name eq personal", t, profile_errc::type_mismatch, "name |eq personal");
    // limits: the whole filter (nodes), the first node too deep (depth)
    profile small(profiles::full);
    small.set_limits({3, 100});
    rejects("not not not not a", small, profile_errc::depth_limit, "not a");
    small.set_limits({64, 5});
    rejects("a eq 1 and b eq 2", small, profile_errc::node_limit, "a eq 1 and b eq 2");
}

TEST_CASE("tokens: rejects ne, or, not, in, functions, lambdas, unknown fields, mismatches") {
    const auto& t = profiles::tokens;
    CHECK(rejects("name ne 'x'", t, profile_errc::unsupported_operator, "name |ne 'x'") ==
          "operator 'ne' is not supported by this endpoint (supported: eq, ge, and)");
    CHECK(rejects("created_at ge 2025-01-01 and name ne 'x'", t, profile_errc::unsupported_operator,
                  "name |ne 'x'") ==
          "operator 'ne' is not supported by this endpoint (supported: eq, ge, and)");
    // Spans of parenthesised expressions include the parentheses.
    rejects("name eq 'a' and (personal eq true or expires eq true)", t, profile_errc::unsupported_operator,
            "(personal eq true |or expires eq true)");
    rejects("not personal", t, profile_errc::unsupported_operator, "not personal");
    rejects("created_at le 2025-01-01", t, profile_errc::unsupported_operator, "created_at |le 2025-01-01");
    rejects("created_at gt 2025-01-01", t, profile_errc::unsupported_operator, "created_at |gt 2025-01-01");
    rejects("name in ('a','b')", t, profile_errc::unsupported_operator, "name |in ('a','b')");
    CHECK(rejects("contains(name,'ci')", t, profile_errc::unsupported_function, "contains(name,'ci')") ==
          "function 'contains' is not supported by this endpoint");
    CHECK(rejects("tolower(name) eq 'ci'", t, profile_errc::unsupported_function, "tolower(name)") ==
          "function 'tolower' is not supported by this endpoint");
    CHECK(rejects("startswith(user/given_name,'A') eq true", t, profile_errc::unsupported_function,
                  "startswith(user/given_name,'A')") ==
          "function 'startswith' is not supported by this endpoint");
    CHECK(rejects("year(created_at) eq 2025", t, profile_errc::unsupported_function, "year(created_at)") ==
          "function 'year' is not supported by this endpoint");
    // The leftmost capability problem (by position: the refused operator keyword, function name, ...)
    // is the one reported; on a tie the outermost.
    rejects("contains(name,'a') or name eq 'b'", t, profile_errc::unsupported_function, "contains(name,'a')");
    rejects("name eq 'b' or contains(name,'a')", t, profile_errc::unsupported_operator,
            "name eq 'b' |or contains(name,'a')");
    rejects("name eq 'b' and contains(name,'a') and not personal", t, profile_errc::unsupported_function,
            "contains(name,'a')");
    CHECK(rejects("workspaces/any(w: w/name eq 'x')", t, profile_errc::unsupported_lambda,
                  "workspaces/|any(w: w/name eq 'x')") == "lambda 'any' is not supported by this endpoint");
    CHECK(rejects("name eq @n", t, profile_errc::unsupported_alias, "@n") ==
          "parameter alias '@n' is not supported by this endpoint");
    // Unknown fields, with and without a suggestion.
    CHECK(rejects("Name eq 'x'", t, profile_errc::unknown_field, "Name") ==
          "unknown field 'Name' (did you mean 'name'?)");
    CHECK(rejects("created ge 2025-01-01", t, profile_errc::unknown_field, "created") ==
          "unknown field 'created' (did you mean 'created_at'?)");
    CHECK(rejects("expire eq true", t, profile_errc::unknown_field, "expire") ==
          "unknown field 'expire' (did you mean 'expires'?)");
    CHECK(rejects("user eq 'x'", t, profile_errc::unknown_field, "user") ==
          "unknown field 'user' (did you mean 'user/given_name'?)");
    CHECK(rejects("user/givenname eq 'x'", t, profile_errc::unknown_field, "user/givenname") ==
          "unknown field 'user/givenname' (did you mean 'user/given_name'?)");
    CHECK(rejects("workspace eq 'x'", t, profile_errc::unknown_field, "workspace") ==
          "unknown field 'workspace'");
    CHECK(rejects("xyz eq 1", t, profile_errc::unknown_field, "xyz") == "unknown field 'xyz'");
    CHECK(rejects("name eq 'a' and zz eq 1", t, profile_errc::unknown_field, "zz") == "unknown field 'zz'");
    // Not filterable: a secret; no suggestion points to it.
    CHECK(rejects("masked_token eq 'x'", t, profile_errc::field_not_filterable, "masked_token") ==
          "field 'masked_token' cannot be used in a filter");
    CHECK(rejects("masked_toke eq 'x'", t, profile_errc::unknown_field, "masked_toke") ==
          "unknown field 'masked_toke'");
    // Type mismatches, at the literal.
    CHECK(rejects("name eq 5", t, profile_errc::type_mismatch, "5") == "field 'name' is string; 5 is an int");
    CHECK(rejects("personal eq 1", t, profile_errc::type_mismatch, "1") ==
          "field 'personal' is boolean; 1 is an int");
    CHECK(rejects("expires_at ge 5", t, profile_errc::type_mismatch, "5") ==
          "field 'expires_at' is datetimeoffset; 5 is an int");
    CHECK(rejects("api_token_id eq 12", t, profile_errc::type_mismatch, "12") ==
          "field 'api_token_id' is guid; 12 is an int");
    CHECK(rejects("organization_role eq 1", t, profile_errc::type_mismatch, "1") ==
          "field 'organization_role' is enum (ADMIN, MEMBER, EXTERNAL); 1 is an int");
    CHECK(rejects("role eq true", t, profile_errc::type_mismatch, "true") ==
          "field 'role' is string; true is a boolean");
    CHECK(rejects("name eq 2025-01-01", t, profile_errc::type_mismatch, "2025-01-01") ==
          "field 'name' is string; 2025-01-01 is a date");
    CHECK(rejects("5 eq name", t, profile_errc::type_mismatch, "5") == "field 'name' is string; 5 is an int");
    CHECK(rejects("personal ge true", t, profile_errc::type_mismatch, "personal |ge true") ==
          "operator 'ge' needs ordered values; field 'personal' is boolean");
    CHECK(rejects("organization_role ge 'ADMIN'", t, profile_errc::type_mismatch,
                  "organization_role |ge 'ADMIN'") ==
          "operator 'ge' needs ordered values; field 'organization_role' is enum (ADMIN, MEMBER, EXTERNAL)");
    CHECK(rejects("name", t, profile_errc::type_mismatch, "name") ==
          "the filter must be a condition; field 'name' is string");
    CHECK(rejects("name eq 'a' and 'x'", t, profile_errc::type_mismatch, "'x'") ==
          "'and' needs conditions; 'x' is a string");
    CHECK(rejects("name eq personal", t, profile_errc::type_mismatch, "name |eq personal") ==
          "field 'name' is string; field 'personal' is boolean");
    // Values that cannot be converted, at the literal.
    CHECK(rejects("organization_role eq 'admin'", t, profile_errc::invalid_value, "'admin'") ==
          "'admin' is not a value of field 'organization_role' (ADMIN, MEMBER, EXTERNAL)");
    CHECK(rejects("organization_role eq Ns.Role'ADMIN'", t, profile_errc::invalid_value, "Ns.Role'ADMIN'") ==
          "field 'organization_role' takes its values quoted, e.g. 'ADMIN'");
    CHECK(
        rejects("created_at ge '2025-13-01'", t, profile_errc::invalid_value, "'2025-13-01'") ==
        "'2025-13-01' is not a date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): month must be 01-12");
    CHECK(rejects("api_token_id eq 'xyz'", t, profile_errc::invalid_value, "'xyz'") ==
          "'xyz' is not a UUID: invalid character: found `x` at 1");
    // null: only for nullable fields, only with eq (ne is not in this profile anyway).
    CHECK(rejects("created_at eq null", t, profile_errc::null_not_allowed, "null") ==
          "field 'created_at' is not nullable; it cannot be compared with null");
    CHECK(rejects("expires_at ge null", t, profile_errc::null_not_allowed, "null") ==
          "null can only be compared with eq or ne, not 'ge'");
}

TEST_CASE("tokens: accepts every field with the right literals") {
    const auto& t = profiles::tokens;
    for (auto f : {"name eq 'ci-token'",
                   "role eq 'admin'",
                   "organization_role eq 'EXTERNAL'",
                   "personal eq true",
                   "expires eq false",
                   "all_workspaces eq false",
                   "personal",
                   "expires_at eq null",
                   "expires_at ge 2026-01-01T00:00:00Z",
                   "expires_at ge '2026-01-01'",
                   "created_at ge 2025-11-21T00:00:00Z",
                   "created_at ge 2025-11-21",
                   "created_at ge '2025-11-21T10:30:00.123456+01:00'",
                   "created_at eq '2025-11-21T10:30Z'",
                   "api_token_id eq 550e8400-e29b-41d4-a716-446655440000",
                   "api_token_id eq '550E8400-E29B-41D4-A716-446655440000'",
                   "api_token_id eq '{550e8400-e29b-41d4-a716-446655440000}'",
                   "user/given_name eq 'Ada' and user/family_name ge 'L'",
                   "$it/name eq 'x'",
                   "name ge 'm'",
                   "name eq 'a' and name eq 'b' and (personal eq true and expires_at eq null)"})
        accepts(f, t);
}

TEST_CASE("tokens: lower-case t and z convert to the same instant as upper case") {
    struct pair {
        std::string_view lower, upper, literal_lower, literal_upper;
    };
    for (const auto& p : {pair{"created_at ge 2025-01-01t00:00:00z", "created_at ge 2025-01-01T00:00:00Z",
                               "2025-01-01t00:00:00z", "2025-01-01T00:00:00Z"},
                          pair{"created_at ge '2025-01-01t00:00:00z'", "created_at ge '2025-01-01T00:00:00Z'",
                               "'2025-01-01t00:00:00z'", "'2025-01-01T00:00:00Z'"},
                          pair{"expires_at ge 2025-01-01t01:00+01:00", "expires_at ge 2025-01-01T01:00+01:00",
                               "2025-01-01t01:00+01:00", "2025-01-01T01:00+01:00"}}) {
        INFO(p.lower);
        const auto a = check(p.lower, profiles::tokens);
        const auto b = check(p.upper, profiles::tokens);
        REQUIRE(a);
        REQUIRE(b);
        const auto va = std::get<odata_datetimeoffset>(value_at(*a, p.lower, p.literal_lower));
        const auto vb = std::get<odata_datetimeoffset>(value_at(*b, p.upper, p.literal_upper));
        CHECK(va == vb);
        CHECK(va.offset_minutes == vb.offset_minutes);
        CHECK(to_timestamp(va) == timestamp::from_unix_micros(1735689600000000));
    }
}

TEST_CASE("tokens: depth and node limits") {
    std::string many = "name eq 'x'";
    for (int k = 0; k < 24; ++k)
        many += " and name eq 'x'"; // 25 clauses: 3 * 25 + 1 = 76 nodes
    accepts(many, profiles::tokens);
    for (int k = 0; k < 8; ++k)
        many += " and name eq 'x'"; // 33 clauses: 100 nodes
    accepts(many, profiles::tokens);
    many += " and personal"; // 101 nodes
    CHECK(rejects(many, profiles::tokens, profile_errc::node_limit, many) ==
          "the filter has 101 nodes; this endpoint accepts at most 100");

    profile shallow(typed);
    shallow.set_limits({3, 1000});
    accepts("i add 1 eq 2", shallow); // eq(add(i, 1), 2): 3 levels
    CHECK(rejects("i add 1 add 1 eq 2", shallow, profile_errc::depth_limit, "i") ==
          "the filter is 4 levels deep; this endpoint accepts at most 3");
    CHECK(rejects("b and (i add 1 add 1 eq 2)", shallow, profile_errc::depth_limit, "i add 1") ==
          "the filter is 5 levels deep; this endpoint accepts at most 3");
}

// ---------------------------------------------------------------------------------------------------
// The files profile: the documented example.

TEST_CASE("files: the documented example passes, free fields typed by their literal") {
    const std::string_view text = "category eq 'news' and published_date ge '2025-01-01'";
    const auto r = check(text, profiles::files);
    REQUIRE(r);
    const auto cat = node_at(*r, text, "category", node_kind::path);
    CHECK(r->binding(cat).kind == binding_kind::free);
    CHECK(r->binding(cat).path == "category");
    CHECK(r->field(cat) == nullptr);
    CHECK(r->type(cat).type == value_type::string);
    CHECK(r->type(cat).nullable);
    const auto pub = node_at(*r, text, "published_date", node_kind::path);
    CHECK(r->type(pub).type == value_type::string); // compared with a string: typed string
    CHECK(std::get<std::string_view>(value_at(*r, text, "'2025-01-01'")) == "2025-01-01");

    for (auto f : {"published_date ge 2025-01-01", "metadata/author eq 'x'", "flag", "flag eq true",
                   "size ge 1.5", "a eq b", "x eq null", "x eq 'a' and x eq 1"})
        accepts(f, profiles::files);
    rejects("category eq 'news' or category eq 'x'", profiles::files, profile_errc::unsupported_operator,
            "category eq 'news' |or category eq 'x'");
    rejects("contains(category,'n')", profiles::files, profile_errc::unsupported_function,
            "contains(category,'n')");
    rejects("size add 1 eq 2", profiles::files, profile_errc::unsupported_operator, "size |add 1");
    rejects("tags/any(t: t eq 'x')", profiles::files, profile_errc::unsupported_lambda,
            "tags/|any(t: t eq 'x')");
    rejects("'a' eq 1", profiles::files, profile_errc::type_mismatch, "1");
    rejects("x ge null", profiles::files, profile_errc::null_not_allowed, "null");
    rejects("$root/x eq 1", profiles::files, profile_errc::unsupported_expression, "$root/x");
}

// ---------------------------------------------------------------------------------------------------
// Allow-lists, both ways.

TEST_CASE("allow-list: every operator, allowed and not") {
    struct sample {
        filter_operator op;
        const char* text;
        const char* node;  // the span of the operator's node
        operator_set also; // what the sample needs besides op
    };
    const operator_set eq{filter_operator::eq};
    const sample samples[] = {
        {filter_operator::eq, "i eq 1", "i |eq 1", {}},
        {filter_operator::ne, "i ne 1", "i |ne 1", {}},
        {filter_operator::gt, "i gt 1", "i |gt 1", {}},
        {filter_operator::ge, "i ge 1", "i |ge 1", {}},
        {filter_operator::lt, "i lt 1", "i |lt 1", {}},
        {filter_operator::le, "i le 1", "i |le 1", {}},
        {filter_operator::has, "e has 'A'", "e |has 'A'", {}},
        {filter_operator::in, "i in (1, 2)", "i |in (1, 2)", {}},
        {filter_operator::and_, "b and nb", "b |and nb", {}},
        {filter_operator::or_, "b or nb", "b |or nb", {}},
        {filter_operator::not_, "not b", "not b", {}},
        {filter_operator::add, "i add 1 eq 2", "i |add 1", eq},
        {filter_operator::sub, "i sub 1 eq 2", "i |sub 1", eq},
        {filter_operator::mul, "i mul 2 eq 2", "i |mul 2", eq},
        {filter_operator::div, "i div 2 eq 2", "i |div 2", eq},
        {filter_operator::divby, "i divby 2 eq 2", "i |divby 2", eq},
        {filter_operator::mod, "i mod 2 eq 0", "i |mod 2", eq},
        {filter_operator::neg, "-i eq 2", "-i", eq},
    };
    REQUIRE(std::size(samples) == filter_operator_count);
    for (std::size_t k = 0; k < filter_operator_count; ++k) {
        const auto& s = samples[k];
        REQUIRE(static_cast<std::size_t>(s.op) == k);
        const auto allowed = with_operators(operator_set{s.op} | s.also);
        accepts(s.text, allowed);
        const auto denied = with_operators(all_operators.without(s.op));
        const auto message = rejects(s.text, denied, profile_errc::unsupported_operator, s.node);
        CHECK(message.find("operator '" + std::string(to_string(s.op)) +
                           "' is not supported by this endpoint") == 0);
        CHECK(message.find("(supported: ") != std::string::npos);
    }
    CHECK(rejects("i eq 1", with_operators({}), profile_errc::unsupported_operator, "i |eq 1") ==
          "operator 'eq' is not supported by this endpoint (supported: none)");
    CHECK(rejects("-i eq 1", with_operators(all_operators.without(filter_operator::neg)),
                  profile_errc::unsupported_operator, "-i") ==
          "operator '-' is not supported by this endpoint (supported: eq, ne, gt, ge, lt, le, has, in, and, "
          "or, "
          "not, add, sub, mul, div, divby, mod)");
}

TEST_CASE("allow-list: every function, allowed and not") {
    struct sample {
        function_id f;
        const char* text;
        const char* call;
    };
    const sample samples[] = {
        {function_id::concat, "concat(s,'x') eq 'y'", "concat(s,'x')"},
        {function_id::contains, "contains(s,'x')", "contains(s,'x')"},
        {function_id::endswith, "endswith(s,'x')", "endswith(s,'x')"},
        {function_id::indexof, "indexof(s,'x') eq 1", "indexof(s,'x')"},
        {function_id::length, "length(s) eq 1", "length(s)"},
        {function_id::startswith, "startswith(s,'x')", "startswith(s,'x')"},
        {function_id::substring, "substring(s,1) eq 'x'", "substring(s,1)"},
        {function_id::hassubset, "hassubset(tags,tags)", "hassubset(tags,tags)"},
        {function_id::hassubsequence, "hassubsequence(nums,nums)", "hassubsequence(nums,nums)"},
        {function_id::matchespattern, "matchesPattern(s,'^a')", "matchesPattern(s,'^a')"},
        {function_id::tolower, "tolower(s) eq 'x'", "tolower(s)"},
        {function_id::toupper, "toupper(s) eq 'X'", "toupper(s)"},
        {function_id::trim, "trim(s) eq 'x'", "trim(s)"},
        {function_id::date, "date(ts) eq 2025-01-01", "date(ts)"},
        {function_id::day, "day(dt) eq 1", "day(dt)"},
        {function_id::fractionalseconds, "fractionalseconds(ts) lt 0.5", "fractionalseconds(ts)"},
        {function_id::hour, "hour(tod) eq 1", "hour(tod)"},
        {function_id::maxdatetime, "ts lt maxdatetime()", "maxdatetime()"},
        {function_id::mindatetime, "ts gt mindatetime()", "mindatetime()"},
        {function_id::minute, "minute(ts) eq 1", "minute(ts)"},
        {function_id::month, "month(ts) eq 1", "month(ts)"},
        {function_id::now, "ts lt now()", "now()"},
        {function_id::second, "second(ts) eq 1", "second(ts)"},
        {function_id::time, "time(ts) eq 10:00:00", "time(ts)"},
        {function_id::totaloffsetminutes, "totaloffsetminutes(ts) eq 60", "totaloffsetminutes(ts)"},
        {function_id::totalseconds, "totalseconds(dur) gt 1.5", "totalseconds(dur)"},
        {function_id::year, "year(dt) eq 2025", "year(dt)"},
        {function_id::ceiling, "ceiling(d) eq 1", "ceiling(d)"},
        {function_id::floor, "floor(f) eq 1", "floor(f)"},
        {function_id::round, "round(i) eq 1", "round(i)"},
        {function_id::cast, "cast(i,Edm.String) eq '1'", "cast(i,Edm.String)"},
        {function_id::isof, "isof(s,Edm.String)", "isof(s,Edm.String)"},
        {function_id::geo_distance, "geo.distance(loc,here) lt 10.0", "geo.distance(loc,here)"},
        {function_id::geo_intersects, "geo.intersects(loc,area)", "geo.intersects(loc,area)"},
        {function_id::geo_length, "geo.length(route) gt 1.0", "geo.length(route)"},
    };
    REQUIRE(std::size(samples) == function_count);
    for (std::size_t k = 0; k < function_count; ++k) {
        const auto& s = samples[k];
        REQUIRE(static_cast<std::size_t>(s.f) == k);
        profile allowed(typed);
        allowed.forbid(all_functions).allow(s.f).allow_free_fields(); // free: the geo samples' fields
        accepts(s.text, allowed);
        profile denied(typed);
        denied.forbid(s.f).allow_free_fields();
        CHECK(rejects(s.text, denied, profile_errc::unsupported_function, s.call) ==
              "function '" + std::string(to_string(s.f)) + "' is not supported by this endpoint");
    }
}

TEST_CASE("allow-list: lambdas, aliases, free fields, filterable fields") {
    profile p(typed);
    accepts("tags/any(t: t eq 'x')", p);
    accepts("tags/all(t: t ge 'a')", p);
    accepts("tags/any()", p);
    p.allow_lambdas(false);
    CHECK(rejects("tags/any(t: t eq 'x')", p, profile_errc::unsupported_lambda, "tags/|any(t: t eq 'x')") ==
          "lambda 'any' is not supported by this endpoint");
    CHECK(rejects("tags/all(t: t eq 'x')", p, profile_errc::unsupported_lambda, "tags/|all(t: t eq 'x')") ==
          "lambda 'all' is not supported by this endpoint");
    rejects("tags/any()", p, profile_errc::unsupported_lambda, "tags/|any()");

    profile q(typed);
    rejects("i eq @p", q, profile_errc::unsupported_alias, "@p");
    q.allow_aliases();
    accepts("i eq @p", q);
    accepts("@flag", q);

    profile r(typed);
    rejects("other eq 1", r, profile_errc::unknown_field, "other");
    r.allow_free_fields();
    accepts("other eq 1", r);
    rejects("i eq 'x'", r, profile_errc::type_mismatch, "'x'"); // listed fields keep their type
    rejects("hidden eq 'x'", r, profile_errc::field_not_filterable, "hidden"); // and their restrictions

    for (const auto& f : profiles::tokens.fields) {
        profile t(profiles::tokens);
        const std::string text = std::string(f.path) + " eq null";
        if (f.filterable) {
            CHECK(t.set_filterable(f.path, false));
            rejects(text, t, profile_errc::field_not_filterable, f.path);
        } else {
            CHECK(t.set_filterable(f.path, true));
            rejects(text, t, profile_errc::null_not_allowed, "null"); // now usable: reaches the type check
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Coercions, both ways.

TEST_CASE("coercion: string fields take strings only") {
    const std::string_view text = "s eq 'O''Neil'";
    const auto r = check(text, typed);
    REQUIRE(r);
    CHECK(std::get<std::string_view>(value_at(*r, text, "'O''Neil'")) == "O'Neil");
    CHECK(rejects("s eq 1", typed, profile_errc::type_mismatch, "1") == "field 's' is string; 1 is an int");
    CHECK(rejects("s eq 1.5", typed, profile_errc::type_mismatch, "1.5") ==
          "field 's' is string; 1.5 is a decimal");
    CHECK(rejects("s eq 1e5", typed, profile_errc::type_mismatch, "1e5") ==
          "field 's' is string; 1e5 is a double");
    CHECK(rejects("s eq true", typed, profile_errc::type_mismatch, "true") ==
          "field 's' is string; true is a boolean");
    CHECK(rejects("s eq 2025-01-01T00:00:00Z", typed, profile_errc::type_mismatch, "2025-01-01T00:00:00Z") ==
          "field 's' is string; 2025-01-01T00:00:00Z is a datetimeoffset");
    CHECK(rejects("s eq 550e8400-e29b-41d4-a716-446655440000", typed, profile_errc::type_mismatch,
                  "550e8400-e29b-41d4-a716-446655440000") ==
          "field 's' is string; 550e8400-e29b-41d4-a716-446655440000 is a guid");
    CHECK(rejects("s eq T.E'A'", typed, profile_errc::type_mismatch, "T.E'A'") ==
          "field 's' is string; T.E'A' is an enum");
    CHECK(rejects("s eq duration'P1D'", typed, profile_errc::type_mismatch, "duration'P1D'") ==
          "field 's' is string; duration'P1D' is a duration");
    CHECK(rejects("s eq 10:00", typed, profile_errc::type_mismatch, "10:00") ==
          "field 's' is string; 10:00 is a timeofday");
    rejects("s eq null", typed, profile_errc::null_not_allowed, "null");
}

TEST_CASE("coercion: numbers promote int -> decimal -> double") {
    {
        const std::string_view text = "i eq 5";
        const auto r = check(text, typed);
        REQUIRE(r);
        CHECK(std::get<std::int64_t>(value_at(*r, text, "5")) == 5);
        CHECK(r->operand_type(r->root()) == value_type::int_);
    }
    {
        const std::string_view text = "i eq -9223372036854775808";
        const auto r = check(text, typed);
        REQUIRE(r);
        CHECK(std::get<std::int64_t>(value_at(*r, text, "-9223372036854775808")) == INT64_MIN);
    }
    {
        const std::string_view text = "i lt 5.5";
        const auto r = check(text, typed);
        REQUIRE(r);
        CHECK(r->operand_type(r->root()) == value_type::decimal); // the field is promoted
        CHECK(std::get<decimal_value>(value_at(*r, text, "5.5")).text == "5.5");
    }
    {
        const std::string_view text = "d eq 5";
        const auto r = check(text, typed);
        REQUIRE(r);
        const auto v = std::get<decimal_value>(value_at(*r, text, "5"));
        CHECK(v.text == "5");
        CHECK(v.approx == 5.0);
        CHECK(r->type(node_at(*r, text, "5", node_kind::literal)).type == value_type::decimal);
    }
    {
        const std::string_view text = "d eq 99999999999999999999.50";
        const auto r = check(text, typed);
        REQUIRE(r);
        const auto v = std::get<decimal_value>(value_at(*r, text, "99999999999999999999.50"));
        CHECK(v.text == "99999999999999999999.50");
        CHECK(v.approx == Approx(1e20));
    }
    {
        const std::string_view text = "f eq 5 or f eq 2.5 or f eq 1e-3 or f eq INF or f eq -INF or f eq NaN";
        const auto r = check(text, typed);
        REQUIRE(r);
        CHECK(std::get<double>(value_at(*r, text, "5")) == 5.0);
        CHECK(std::get<double>(value_at(*r, text, "2.5")) == 2.5);
        CHECK(std::get<double>(value_at(*r, text, "1e-3")) == 0.001);
        CHECK(std::get<double>(value_at(*r, text, "-INF")) == -INFINITY);
        CHECK(std::isnan(std::get<double>(value_at(*r, text, "NaN"))));
    }
    {
        const std::string_view text = "i gt 1e3";
        const auto r = check(text, typed);
        REQUIRE(r);
        CHECK(r->operand_type(r->root()) == value_type::double_);
        CHECK(std::get<double>(value_at(*r, text, "1e3")) == 1000.0);
    }
    CHECK(rejects("i eq '5'", typed, profile_errc::type_mismatch, "'5'") ==
          "field 'i' is int; '5' is a string");
    CHECK(rejects("d eq true", typed, profile_errc::type_mismatch, "true") ==
          "field 'd' is decimal; true is a boolean");
    CHECK(rejects("f eq '1.5'", typed, profile_errc::type_mismatch, "'1.5'") ==
          "field 'f' is double; '1.5' is a string");
    CHECK(rejects("f eq 2025-01-01", typed, profile_errc::type_mismatch, "2025-01-01") ==
          "field 'f' is double; 2025-01-01 is a date");
}

TEST_CASE("coercion: booleans") {
    const std::string_view text = "b eq true and nb eq false and nb eq null";
    const auto r = check(text, typed);
    REQUIRE(r);
    CHECK(std::get<bool>(value_at(*r, text, "true")) == true);
    CHECK(std::holds_alternative<std::monostate>(value_at(*r, text, "null")));
    CHECK(r->type(node_at(*r, text, "null", node_kind::literal)).type == value_type::boolean);
    CHECK(rejects("b eq 'true'", typed, profile_errc::type_mismatch, "'true'") ==
          "field 'b' is boolean; 'true' is a string");
    CHECK(rejects("b eq 0", typed, profile_errc::type_mismatch, "0") == "field 'b' is boolean; 0 is an int");
    CHECK(rejects("b eq null", typed, profile_errc::null_not_allowed, "null") ==
          "field 'b' is not nullable; it cannot be compared with null");
    CHECK(rejects("b gt false", typed, profile_errc::type_mismatch, "b |gt false") ==
          "operator 'gt' needs ordered values; field 'b' is boolean");
}

TEST_CASE("coercion: dates") {
    const std::string_view text = "dt eq 2025-03-01 and dt ge '2024-02-29'";
    const auto r = check(text, typed);
    REQUIRE(r);
    CHECK(std::get<odata_date>(value_at(*r, text, "2025-03-01")) == parse_odata_date("2025-03-01").value());
    CHECK(std::get<odata_date>(value_at(*r, text, "'2024-02-29'")) == parse_odata_date("2024-02-29").value());
    {
        // A date compared with a date-time: both as date-times (the date at midnight UTC).
        const std::string_view t2 = "dt lt 2025-03-01T12:00:00Z";
        const auto r2 = check(t2, typed);
        REQUIRE(r2);
        CHECK(r2->operand_type(r2->root()) == value_type::datetimeoffset);
    }
    CHECK(rejects("dt eq '2025-02-29'", typed, profile_errc::invalid_value, "'2025-02-29'") ==
          "'2025-02-29' is not a date (YYYY-MM-DD): day out of range for the month");
    CHECK(rejects("dt eq '2025-03-01T00:00:00Z'", typed, profile_errc::invalid_value,
                  "'2025-03-01T00:00:00Z'") ==
          "'2025-03-01T00:00:00Z' is not a date (YYYY-MM-DD): unexpected character after the date");
    CHECK(rejects("dt eq 'soon'", typed, profile_errc::invalid_value, "'soon'") ==
          "'soon' is not a date (YYYY-MM-DD): expected a year (digits)");
    CHECK(rejects("dt eq 20250301", typed, profile_errc::type_mismatch, "20250301") ==
          "field 'dt' is date; 20250301 is an int");
}

TEST_CASE("coercion: date-times accept date-time and date literals and quoted ISO 8601") {
    const std::string_view text =
        "tsn ge 2025-01-01T01:00:00+01:00 and tsn ge 2025-01-01 and tsn ge '2025-01-01' and "
        "tsn ge '2025-06-30T23:59:60Z' and tsn ge '2025-01-01T10:00-05:30' and "
        "tsn ge '2025-01-01T10:00:00.123456789012Z'";
    const auto r = check(text, typed);
    REQUIRE(r);
    const auto midnight = parse_odata_datetimeoffset("2025-01-01T00:00:00Z").value();
    const auto v1 = std::get<odata_datetimeoffset>(value_at(*r, text, "2025-01-01T01:00:00+01:00"));
    CHECK(v1 == midnight);
    CHECK(v1.offset_minutes == 60);
    CHECK(std::get<odata_datetimeoffset>(value_at(*r, text, "2025-01-01", text.find("and tsn ge 2025"))) ==
          midnight);
    CHECK(std::get<odata_datetimeoffset>(value_at(*r, text, "'2025-01-01'")) == midnight);
    CHECK(std::get<odata_datetimeoffset>(value_at(*r, text, "'2025-06-30T23:59:60Z'")).leap_second);
    CHECK(std::get<odata_datetimeoffset>(value_at(*r, text, "'2025-01-01T10:00-05:30'")).offset_minutes ==
          -330);
    CHECK(std::get<odata_datetimeoffset>(value_at(*r, text, "'2025-01-01T10:00:00.123456789012Z'"))
              .sub_micro_ps == 789012);
    const auto lit = node_at(*r, text, "'2025-01-01'", node_kind::literal);
    CHECK(r->type(lit).type == value_type::datetimeoffset);
    CHECK(to_timestamp(std::get<odata_datetimeoffset>(r->value(lit))) ==
          timestamp::from_unix_micros(1735689600000000));

    const char* expected = "(YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ): ";
    CHECK(rejects("tsn ge '2025-01-01T10:00:00'", typed, profile_errc::invalid_value,
                  "'2025-01-01T10:00:00'") ==
          std::string("'2025-01-01T10:00:00' is not a date or date-time ") + expected +
              "expected 'Z', '+' or '-' (a time zone offset)");
    rejects("tsn ge '2025-01-01 10:00:00Z'", typed, profile_errc::invalid_value, "'2025-01-01 10:00:00Z'");
    rejects("tsn ge '2025-01-01u10:00:00Z'", typed, profile_errc::invalid_value, "'2025-01-01u10:00:00Z'");
    {
        // Lower-case t and z, quoted (as RFC 3339 section 5.6 and parse_timestamp allow) or not (the
        // ABNF's "T" and "Z" are case-insensitive): the same instant as the upper-case form.
        const std::string_view t2 =
            "tsn ge '2025-01-01t10:00:00.123456789012z' and tsn ge 2025-01-01t10:00+01:00";
        const auto r2 = check(t2, typed);
        REQUIRE(r2);
        const auto quoted_value =
            std::get<odata_datetimeoffset>(value_at(*r2, t2, "'2025-01-01t10:00:00.123456789012z'"));
        CHECK(quoted_value == parse_odata_datetimeoffset("2025-01-01T10:00:00.123456789012Z").value());
        CHECK(quoted_value.sub_micro_ps == 789012);
        const auto bare = std::get<odata_datetimeoffset>(value_at(*r2, t2, "2025-01-01t10:00+01:00"));
        CHECK(bare == parse_odata_datetimeoffset("2025-01-01T09:00:00Z").value());
        CHECK(bare.offset_minutes == 60);
    }
    rejects("tsn ge '2025-01-01T24:00:00Z'", typed, profile_errc::invalid_value, "'2025-01-01T24:00:00Z'");
    rejects("tsn ge '1735689600'", typed, profile_errc::invalid_value, "'1735689600'");
    rejects("tsn ge ''", typed, profile_errc::invalid_value, "''");
    rejects("tsn ge 'yesterday'", typed, profile_errc::invalid_value, "'yesterday'");
    CHECK(rejects("tsn ge 1735689600", typed, profile_errc::type_mismatch, "1735689600") ==
          "field 'tsn' is datetimeoffset; 1735689600 is an int");
    CHECK(rejects("tsn ge 10:00:00", typed, profile_errc::type_mismatch, "10:00:00") ==
          "field 'tsn' is datetimeoffset; 10:00:00 is a timeofday");
    rejects("tsn eq null", typed, profile_errc::null_not_allowed, "null");
    accepts("ts eq null", typed);
    accepts("ts ne null", typed);
}

TEST_CASE("coercion: GUIDs accept GUID literals and quoted UUIDs") {
    const std::string_view text =
        "g eq 550e8400-e29b-41d4-a716-446655440000 or g eq '550E8400E29B41D4A716446655440000' "
        "or g eq 'urn:uuid:550e8400-e29b-41d4-a716-446655440000'";
    const auto r = check(text, typed);
    REQUIRE(r);
    const auto id = parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    CHECK(std::get<uuid>(value_at(*r, text, "550e8400-e29b-41d4-a716-446655440000")) == id);
    CHECK(std::get<uuid>(value_at(*r, text, "'550E8400E29B41D4A716446655440000'")) == id);
    CHECK(std::get<uuid>(value_at(*r, text, "'urn:uuid:550e8400-e29b-41d4-a716-446655440000'")) == id);
    CHECK(rejects("g eq '550e8400-e29b-41d4-a716-44665544000g'", typed, profile_errc::invalid_value,
                  "'550e8400-e29b-41d4-a716-44665544000g'") ==
          "'550e8400-e29b-41d4-a716-44665544000g' is not a UUID: invalid character: found `g` at 36");
    rejects("g eq ' 550e8400-e29b-41d4-a716-446655440000'", typed, profile_errc::invalid_value,
            "' 550e8400-e29b-41d4-a716-446655440000'");
    CHECK(rejects("g eq 5", typed, profile_errc::type_mismatch, "5") == "field 'g' is guid; 5 is an int");
    accepts("g ge '00000000-0000-0000-0000-000000000000'", typed);
}

TEST_CASE("coercion: enums accept their members quoted (exact case) and the qualified form") {
    const std::string_view text = "e eq 'B' or e eq T.E'C' or e has 'A' or e in ('A', T.E'B') or e2 eq 'Y'";
    const auto r = check(text, typed);
    REQUIRE(r);
    CHECK(std::get<enum_value>(value_at(*r, text, "'B'")) == enum_value{1, "B"});
    CHECK(std::get<enum_value>(value_at(*r, text, "T.E'C'")) == enum_value{2, "C"});
    CHECK(std::get<enum_value>(value_at(*r, text, "'A'")) == enum_value{0, "A"});
    CHECK(std::get<enum_value>(value_at(*r, text, "T.E'B'")) == enum_value{1, "B"});
    CHECK(std::get<enum_value>(value_at(*r, text, "'Y'")) == enum_value{1, "Y"});
    const auto lit = node_at(*r, text, "'B'", node_kind::literal);
    CHECK(r->type(lit).enum_field == typed.find_field("e"));
    CHECK(rejects("e eq 'b'", typed, profile_errc::invalid_value, "'b'") ==
          "'b' is not a value of field 'e' (A, B, C)");
    CHECK(rejects("e eq Other.E'A'", typed, profile_errc::invalid_value, "Other.E'A'") ==
          "Other.E'A' is not of field 'e''s type 'T.E'");
    CHECK(rejects("e eq T.E'D'", typed, profile_errc::invalid_value, "T.E'D'") ==
          "'D' is not a value of field 'e' (A, B, C)");
    CHECK(rejects("e2 eq X.Y'X'", typed, profile_errc::invalid_value, "X.Y'X'") ==
          "field 'e2' takes its values quoted, e.g. 'X'");
    CHECK(rejects("e eq 0", typed, profile_errc::type_mismatch, "0") ==
          "field 'e' is enum (A, B, C); 0 is an int");
    CHECK(rejects("e eq e2", typed, profile_errc::type_mismatch, "e |eq e2") ==
          "field 'e' is enum (A, B, C); field 'e2' is enum (X, Y)");
    CHECK(rejects("e has 1", typed, profile_errc::type_mismatch, "1") ==
          "field 'e' is enum (A, B, C); 1 is an int");
    CHECK(rejects("s has 'A'", typed, profile_errc::type_mismatch, "s") ==
          "'has' needs an enum on its left; field 's' is string");
    rejects("e in ('A', 'Z')", typed, profile_errc::invalid_value, "'Z'");
    rejects("e lt 'B'", typed, profile_errc::type_mismatch, "e |lt 'B'");
}

TEST_CASE("coercion: times of day and durations take their own literals only") {
    accepts("tod lt 12:00 and dur gt duration'PT1H' and dur gt duration'-P1DT2H'", typed);
    CHECK(rejects("tod lt '12:00'", typed, profile_errc::type_mismatch, "'12:00'") ==
          "field 'tod' is timeofday; '12:00' is a string");
    CHECK(rejects("dur eq 'PT1H'", typed, profile_errc::type_mismatch, "'PT1H'") ==
          "field 'dur' is duration; 'PT1H' is a string");
    const std::string_view text = "dur eq duration'PT1.5S'";
    const auto r = check(text, typed);
    REQUIRE(r);
    CHECK(std::get<odata_duration>(value_at(*r, text, "duration'PT1.5S'")).micros == 1500000);
}

TEST_CASE("coercion: collections") {
    accepts("'x' in tags and 3 in nums and tags/any(t: t eq 'x') and nums/all(n: n ge 0)", typed);
    CHECK(rejects("tags eq 'x'", typed, profile_errc::type_mismatch, "tags") ==
          "field 'tags' is collection(string); compare its items with any or all, or use 'in'");
    CHECK(rejects("1 in tags", typed, profile_errc::type_mismatch, "1") ==
          "1 is an int; the items of field 'tags' are string");
    CHECK(rejects("tags/any(t: t eq 1)", typed, profile_errc::type_mismatch, "1") ==
          "'t' is string; 1 is an int");
    CHECK(rejects("s/any(t: t eq 'x')", typed, profile_errc::type_mismatch, "s") ==
          "field 's' is string; 'any' needs a collection");
    CHECK(rejects("i in s", typed, profile_errc::type_mismatch, "s") ==
          "'in' needs a list or a collection on its right; field 's' is string");
    CHECK(rejects("tags in ('a')", typed, profile_errc::type_mismatch, "tags") ==
          "field 'tags' is collection(string); 'in' needs a single value on its left");
    CHECK(rejects("hassubset(tags, nums)", typed, profile_errc::type_mismatch, "nums") ==
          "function 'hassubset' needs two collections of the same type; field 'tags' is collection(string), "
          "field "
          "'nums' is collection(int)");
}

TEST_CASE("literal against literal, field against field") {
    accepts("1 eq 1", typed);
    accepts("1 lt 2.5", typed);
    accepts("'a' eq 'b'", typed);
    accepts("null eq null", typed);
    accepts("2025-01-01 lt 2025-01-01T10:00:00Z", typed);
    accepts("'2025-01-01' lt 2025-01-02", typed); // a quoted string takes the other side's type
    CHECK(rejects("1 eq 'a'", typed, profile_errc::type_mismatch, "'a'") == "1 is an int; 'a' is a string");
    CHECK(rejects("true eq 1", typed, profile_errc::type_mismatch, "1") == "true is a boolean; 1 is an int");
    accepts("i eq d and i lt f and tsn ge dt and ts eq tsn and s eq sub/name", typed);
    CHECK(rejects("i eq s", typed, profile_errc::type_mismatch, "i |eq s") ==
          "field 'i' is int; field 's' is string");
    CHECK(rejects("ts eq g", typed, profile_errc::type_mismatch, "ts |eq g") ==
          "field 'ts' is datetimeoffset; field 'g' is guid");
}

// ---------------------------------------------------------------------------------------------------
// Fail closed: every node kind, in every position.

TEST_CASE("fail closed: an unknown field in every position") {
    const char* const positions[] = {
        "nope",
        "nope eq 1",
        "1 eq nope",
        "nope in (1, 2)",
        "1 in nope",
        "nope has 'A'",
        "contains(nope,'x')",
        "contains(s,nope)",
        "substring(s,nope) eq 'x'",
        "length(nope) eq 1",
        "cast(nope,Edm.String) eq 'x'",
        "isof(nope,Edm.String)",
        "tags/any(t: nope eq 1)",
        "tags/any(t: t eq 'a' and nope)",
        "nope/any(t: t eq 1)",
        "tags/any(t: nums/all(n: n eq nope))",
        "i add nope eq 1",
        "nope mul 2 eq 1",
        "-nope eq 1",
        "not nope",
        "b and nope",
        "b or (b and not (i eq 1 and nope eq 2))",
        "concat(concat(s, nope), 'x') eq 'y'",
        "year(nope) eq 2025",
    };
    for (const char* text : positions)
        rejects(text, typed, profile_errc::unknown_field, "nope");
    // A range variable is not visible outside its lambda; its items are not collections.
    rejects("tags/any(t: t eq 'x') and t eq 'x'", typed, profile_errc::unknown_field, "t", 26);
    CHECK(rejects("tags/any(t: t/any(u: u eq 'x'))", typed, profile_errc::type_mismatch, "t", 12) ==
          "'t' is string; 'any' needs a collection");
    rejects("tags/any(t: t/len eq 1)", typed, profile_errc::unknown_field, "t/len");
}

TEST_CASE("fail closed: a disallowed operator in every position") {
    const auto no_mod = with_operators(all_operators.without(filter_operator::mod));
    for (auto [text, node] : std::initializer_list<std::pair<const char*, const char*>>{
             {"i mod 2 eq 0", "i |mod 2"},
             {"i in (1, 2) and i mod 2 eq 0", "i |mod 2"},
             {"substring(s, i mod 2) eq 'x'", "i |mod 2"},
             {"length(concat(s, cast(i mod 2, Edm.String))) eq 1", "i |mod 2"},
             {"nums/any(n: n mod 2 eq 0)", "n |mod 2"},
             {"nums/any(n: tags/all(t: length(t) mod 2 eq n))", "length(t) |mod 2"},
             {"i add (i mod 2) eq 1", "(i |mod 2)"},
             {"-(i mod 2) eq 1", "(i |mod 2)"},
             {"not (i mod 2 eq 0)", "i |mod 2"},
             {"(i mod 2) in (1, 2)", "(i |mod 2)"},
         })
        rejects(text, no_mod, profile_errc::unsupported_operator, node);
    const auto no_in = with_operators(all_operators.without(filter_operator::in));
    rejects("nums/any(n: n in (1, 2))", no_in, profile_errc::unsupported_operator, "n |in (1, 2)");
    rejects("b and not ('x' in tags)", no_in, profile_errc::unsupported_operator, "('x' |in tags)");
    const auto no_has = with_operators(all_operators.without(filter_operator::has));
    rejects("b or e has 'A'", no_has, profile_errc::unsupported_operator, "e |has 'A'");
    const auto no_not = with_operators(all_operators.without(filter_operator::not_));
    rejects("tags/any(t: not (t eq 'x'))", no_not, profile_errc::unsupported_operator, "not (t eq 'x')");
    const auto no_neg = with_operators(all_operators.without(filter_operator::neg));
    rejects("nums/any(n: -n eq 1)", no_neg, profile_errc::unsupported_operator, "-n");
    rejects("substring(s, -i) eq 'x'", no_neg, profile_errc::unsupported_operator, "-i");
    const auto no_or = with_operators(all_operators.without(filter_operator::or_));
    rejects("tags/any(t: t eq 'a' or t eq 'b')", no_or, profile_errc::unsupported_operator,
            "t eq 'a' |or t eq 'b'");
    const auto no_ne = with_operators(all_operators.without(filter_operator::ne));
    rejects("nums/all(n: n ne 0)", no_ne, profile_errc::unsupported_operator, "n |ne 0");
}

TEST_CASE("fail closed: a disallowed function in every position") {
    profile p(typed);
    p.forbid(function_id::tolower);
    for (auto text : {"tolower(s) eq 'x'", "'x' eq tolower(s)", "tolower(s) in ('a', 'b')",
                      "contains(tolower(s), 'x')", "length(tolower(s)) add 1 eq 2",
                      "tags/any(t: tolower(t) eq 'x')", "tags/any(t: nums/all(n: tolower(t) eq 'x'))",
                      "not (tolower(s) eq 'x')", "cast(tolower(s), Edm.Int32) eq 1"})
        rejects(text, p, profile_errc::unsupported_function,
                std::string_view(text).find("tolower(t)") != std::string_view::npos ? "tolower(t)"
                                                                                    : "tolower(s)");
}

TEST_CASE("fail closed: literal problems inside in-lists, arguments, lambda bodies and arithmetic") {
    rejects("tsn in ('2025-01-01', 'bad')", typed, profile_errc::invalid_value, "'bad'");
    rejects("s in ('a', 1)", typed, profile_errc::type_mismatch, "1");
    rejects("tsn in (2025-01-01, null)", typed, profile_errc::null_not_allowed, "null");
    accepts("ts in (2025-01-01, null)", typed);
    rejects("e in ('A', 'Z')", typed, profile_errc::invalid_value, "'Z'");
    rejects("g in ('550e8400-e29b-41d4-a716-446655440000', 'nope')", typed, profile_errc::invalid_value,
            "'nope'");
    CHECK(rejects("tolower(1) eq 'a'", typed, profile_errc::type_mismatch, "1") ==
          "function 'tolower' takes (string); argument 1, 1 is an int");
    CHECK(rejects("day('2025-01-01') eq 1", typed, profile_errc::type_mismatch, "'2025-01-01'") ==
          "function 'day' takes (date) or (datetimeoffset); argument 1, '2025-01-01' is a string");
    CHECK(rejects("contains(tags, 'a')", typed, profile_errc::type_mismatch, "'a'") ==
          "function 'contains' takes (string, string) or (collection, collection); argument 2, 'a' is a "
          "string");
    CHECK(rejects("substring(s, 1.5) eq 'x'", typed, profile_errc::type_mismatch, "1.5") ==
          "function 'substring' takes (string, int[, int]) or (collection, int[, int]); argument 2, 1.5 is a "
          "decimal");
    CHECK(rejects("length(null) eq 1", typed, profile_errc::null_not_allowed, "null") ==
          "function 'length' does not accept null (argument 1)");
    CHECK(rejects("geo.length(s) gt 1.0", typed, profile_errc::type_mismatch, "s") ==
          "function 'geo.length' takes (geography); argument 1, field 's' is string");
    rejects("nums/any(n: n eq 'x')", typed, profile_errc::type_mismatch, "'x'");
    rejects("tags/any(t: contains(t, 1))", typed, profile_errc::type_mismatch, "1");
    CHECK(rejects("tags/any(t: t)", typed, profile_errc::type_mismatch, "t", 12) ==
          "the body of 'any' must be a condition; 't' is string");
    CHECK(rejects("i add 'x' eq 1", typed, profile_errc::type_mismatch, "'x'") ==
          "operator 'add' needs numbers, dates, date-times or durations; 'x' is a string");
    CHECK(rejects("i mul tsn eq 1", typed, profile_errc::type_mismatch, "tsn") ==
          "operator 'mul' needs numbers; field 'tsn' is datetimeoffset");
    CHECK(rejects("i add null eq 1", typed, profile_errc::null_not_allowed, "null") ==
          "null is not allowed in arithmetic");
    CHECK(rejects("s add 1 eq 1", typed, profile_errc::type_mismatch, "s") ==
          "operator 'add' needs numbers, dates, date-times or durations; field 's' is string");
    CHECK(rejects("tsn add tsn eq tsn", typed, profile_errc::type_mismatch, "tsn |add tsn") ==
          "operator 'add' cannot combine datetimeoffset and datetimeoffset");
    CHECK(rejects("-s eq 'x'", typed, profile_errc::type_mismatch, "s") ==
          "'-' needs a number or a duration; field 's' is string");
    CHECK(rejects("not s", typed, profile_errc::type_mismatch, "s") ==
          "'not' needs a condition; field 's' is string");
    CHECK(rejects("b and 1", typed, profile_errc::type_mismatch, "1") ==
          "'and' needs conditions; 1 is an int");
    CHECK(rejects("b or null", typed, profile_errc::null_not_allowed, "null") ==
          "'or' needs conditions; null is not a condition");
    CHECK(rejects("tags/all(t: length(t))", typed, profile_errc::type_mismatch, "length(t)") ==
          "the body of 'all' must be a condition; length(...) is int");
    CHECK(rejects("cast(b, Edm.Date) eq 2025-01-01", typed, profile_errc::type_mismatch, "b") ==
          "cannot cast field 'b' (boolean) to 'Edm.Date'");
    CHECK(rejects("isof(s, Edm.Binary)", typed, profile_errc::unsupported_expression, "Edm.Binary") ==
          "type 'Edm.Binary' is not supported (use an Edm primitive type such as Edm.String, or an enum type "
          "of "
          "this endpoint)");
    accepts("cast(e, T.E) eq 'A' and cast(i, Edm.Decimal) lt 1.5 and cast(s, Edm.DateTimeOffset) lt now()",
            typed);
}

TEST_CASE("fail closed: constructs no profile with type checking supports") {
    // profiles::full has no type checking and accepts these (test_profile_full.cpp); a copy of it with
    // type checking refuses them.
    profile strict(profiles::full);
    strict.set_strict_types(true);
    const profile_view& full = strict;
    CHECK(rejects("$root/x eq 1", full, profile_errc::unsupported_expression, "$root/x") ==
          "'$root' is not supported by this endpoint");
    rejects("tags/any(t: $root/x eq t)", full, profile_errc::unsupported_expression, "$root/x");
    CHECK(rejects("$this eq 1", full, profile_errc::unsupported_expression, "$this") ==
          "'$this' is not supported by this endpoint");
    CHECK(rejects("$it eq 1", full, profile_errc::unsupported_expression, "$it") ==
          "'$it' alone is not a value; write '$it/field' or just 'field'");
    CHECK(rejects("isof(Edm.String)", full, profile_errc::unsupported_expression, "isof(Edm.String)") ==
          "'isof' with one argument (the whole record) is not supported; write isof(expression, type)");
    rejects("cast(Edm.Int32) eq 1", full, profile_errc::unsupported_expression, "cast(Edm.Int32)");
    accepts("$it/name eq 'x'", full);
}

// Trees the parser never produces (hand-built, or with operator values from a newer version): the
// validator rejects what it does not know instead of letting it through.
TEST_CASE("fail closed: hand-built trees with unknown kinds and misplaced nodes") {
    const auto expect = [](filter_ast ast, profile_errc code, source_span span) {
        const auto r = check_filter(std::move(ast), profiles::full);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == code);
        CHECK(r.error().span == span);
        INFO(r.error().message);
    };
    {
        filter_ast_builder b;
        const auto x = b.path("x", {0, 1});
        const auto lit = b.text_literal(static_cast<literal_kind>(99), "?", {5, 6});
        expect(b.finish(b.binary(binary_op::eq, x, lit, {0, 6})), profile_errc::unsupported_expression,
               {5, 6});
    }
    {
        filter_ast_builder b;
        const auto x = b.path("x", {0, 1});
        const auto y = b.path("y", {6, 7});
        expect(b.finish(b.binary(static_cast<binary_op>(77), x, y, {0, 7})),
               profile_errc::unsupported_expression, {0, 7});
    }
    {
        filter_ast_builder b;
        const auto x = b.path("x", {4, 5});
        expect(b.finish(b.unary(static_cast<unary_op>(9), x, {0, 5})), profile_errc::unsupported_expression,
               {0, 5});
    }
    {
        filter_ast_builder b;
        const node_id ops[] = {b.path("x", {0, 1}), b.path("y", {6, 7})};
        expect(b.finish(b.logical(static_cast<logical_op>(5), ops, {0, 7})),
               profile_errc::unsupported_expression, {0, 7});
    }
    {
        filter_ast_builder b;
        const node_id args[] = {b.path("x", {2, 3})};
        expect(b.finish(b.call(static_cast<function_id>(200), args, {0, 4})),
               profile_errc::unsupported_expression, {0, 4});
    }
    {
        filter_ast_builder b;
        const auto p = b.path("tags", {0, 4});
        const auto t = b.path("t", {14, 15});
        expect(b.finish(b.lambda(static_cast<lambda_op>(7), p, "t", t, {0, 16})),
               profile_errc::unsupported_expression, {0, 16});
    }
    {
        // A list outside `in`: at the root, as an operand, as a function argument.
        filter_ast_builder b;
        const node_id items[] = {b.int_literal(1, {1, 2})};
        expect(b.finish(b.list(items, {0, 3})), profile_errc::unsupported_expression, {0, 3});
        filter_ast_builder c;
        const node_id items2[] = {c.int_literal(1, {6, 7})};
        const auto l = c.list(items2, {5, 8});
        expect(c.finish(c.binary(binary_op::eq, c.path("x", {0, 1}), l, {0, 8})),
               profile_errc::unsupported_expression, {5, 8});
        filter_ast_builder d;
        const node_id items3[] = {d.int_literal(1, {8, 9})};
        const node_id args[] = {d.list(items3, {7, 10})};
        expect(d.finish(d.call(function_id::length, args, {0, 11})), profile_errc::unsupported_expression,
               {7, 10});
    }
    {
        // A non-literal inside an `in` list.
        filter_ast_builder b;
        const node_id items[] = {b.int_literal(1, {6, 7}), b.path("y", {9, 10})};
        const auto l = b.list(items, {5, 11});
        expect(b.finish(b.in(b.path("x", {0, 1}), l, {0, 11})), profile_errc::unsupported_expression,
               {9, 10});
    }
    {
        // A type name outside cast/isof, and cast without a type name.
        filter_ast_builder b;
        const auto t = b.type_name("Edm.String", {5, 15});
        expect(b.finish(b.binary(binary_op::eq, b.path("x", {0, 1}), t, {0, 15})),
               profile_errc::unsupported_expression, {5, 15});
        filter_ast_builder c;
        const node_id args[] = {c.path("x", {5, 6}), c.path("y", {8, 9})};
        expect(c.finish(c.binary(binary_op::eq, c.call(function_id::cast, args, {0, 10}),
                                 c.int_literal(1, {14, 15}), {0, 15})),
               profile_errc::unsupported_expression, {8, 9});
        filter_ast_builder d;
        const node_id args2[] = {d.type_name("Edm.String", {7, 17})};
        expect(d.finish(d.call(function_id::length, args2, {0, 18})), profile_errc::unsupported_expression,
               {7, 17});
    }
    {
        // A lambda over something that is not a path, and `all` without a body.
        filter_ast_builder b;
        const auto lit = b.int_literal(1, {0, 1});
        expect(b.finish(b.lambda(lambda_op::any, lit, "", no_node, {0, 8})),
               profile_errc::unsupported_expression, {0, 8});
        filter_ast_builder c;
        expect(c.finish(c.lambda(lambda_op::all, c.path("tags", {0, 4}), "", no_node, {0, 10})),
               profile_errc::unsupported_expression, {0, 10});
    }
    {
        // Wrong arity (the parser checks it; the validator does too).
        filter_ast_builder b;
        const node_id args[] = {b.path("x", {7, 8})};
        expect(b.finish(b.call(function_id::contains, args, {0, 9})), profile_errc::unsupported_expression,
               {0, 9});
    }
    {
        // An empty tree.
        const auto r = check_filter(filter_ast{}, profiles::full);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == profile_errc::malformed_tree);
    }
}

TEST_CASE("fail closed: a profile whose fields cannot be trusted") {
    constexpr static field_view broken_fields[] = {{"e", value_type::enum_}, {"n", value_type::null}};
    constexpr profile_view broken{"broken", all_operators, {}, false, false, false, broken_fields, {8, 100}};
    rejects("e eq 'A'", broken, profile_errc::invalid_profile, "e");
    rejects("n eq null", broken, profile_errc::invalid_profile, "n");
}

// ---------------------------------------------------------------------------------------------------
// The checked_filter contract.

TEST_CASE("checked_filter: types, bindings and values for the engine and the SQL translator") {
    const std::string_view text = "created_at ge '2025-01-01' and organization_role eq 'MEMBER' and "
                                  "user/given_name eq 'Ada' and expires_at eq null and personal";
    const auto r = check(text, profiles::tokens);
    REQUIRE(r);
    const auto& c = *r;
    CHECK(c.profile().name == "tokens");
    CHECK(c.type(c.root()) == expr_type{value_type::boolean, false, false, no_field});

    const auto created = node_at(c, text, "created_at", node_kind::path);
    CHECK(c.binding(created) == path_binding{binding_kind::field, 6, no_node, {}});
    REQUIRE(c.field(created) != nullptr);
    CHECK(c.field(created)->path == "created_at");
    CHECK(c.type(created) == expr_type{value_type::datetimeoffset, false, false, no_field});
    const auto ge = node_at(c, text, "created_at ge '2025-01-01'", node_kind::binary);
    CHECK(c.type(ge).type == value_type::boolean);
    CHECK(c.operand_type(ge) == value_type::datetimeoffset);
    CHECK(std::get<odata_datetimeoffset>(value_at(c, text, "'2025-01-01'")).utc_micros == 1735689600000000);

    const auto role = node_at(c, text, "organization_role", node_kind::path);
    CHECK(c.type(role).enum_field == static_cast<std::uint32_t>(token_field::organization_role));
    CHECK(std::get<enum_value>(value_at(c, text, "'MEMBER'")) == enum_value{1, "MEMBER"});

    const auto given = node_at(c, text, "user/given_name", node_kind::path);
    CHECK(c.binding(given).field == static_cast<std::uint32_t>(token_field::user_given_name));

    const auto null_lit = node_at(c, text, "null", node_kind::literal);
    CHECK(std::holds_alternative<std::monostate>(c.value(null_lit)));
    CHECK(c.type(null_lit) == expr_type{value_type::datetimeoffset, false, true, no_field});
    const auto expires = node_at(c, text, "expires_at", node_kind::path);
    CHECK(c.type(expires).nullable);

    const auto personal = node_at(c, text, "personal", node_kind::path);
    CHECK(c.type(personal).type == value_type::boolean);
    CHECK(c.binding(personal).field == static_cast<std::uint32_t>(token_field::personal));

    // Non-literal nodes have no value; non-path nodes no binding.
    CHECK(std::holds_alternative<std::monostate>(c.value(ge)));
    CHECK(c.binding(ge).kind == binding_kind::none);

    // Copies share the data; values stay valid after the original is gone.
    checked_filter copy;
    CHECK(copy.empty());
    {
        auto tmp = check(text, profiles::tokens);
        REQUIRE(tmp);
        copy = *tmp;
    }
    CHECK(std::get<std::string_view>(value_at(copy, text, "'Ada'")) == "Ada");
}

TEST_CASE("checked_filter: lambdas, variables, in-lists, arithmetic and functions") {
    const std::string_view text = "tags/any(t: startswith(t, 'a')) and i in (1, 2.5, 3) and i add 1 gt 2 and "
                                  "i divby 2 gt 1 and tsn sub dt gt duration'P1D' and length(s) eq 3";
    const auto r = check(text, typed);
    REQUIRE(r);
    const auto& c = *r;
    const auto lam = node_at(c, text, "tags/any(t: startswith(t, 'a'))", node_kind::lambda);
    CHECK(c.type(lam).type == value_type::boolean);
    CHECK(c.operand_type(lam) == value_type::string);
    CHECK(c.variable_type(lam) == expr_type{value_type::string, false, false, no_field});
    const auto t = node_at(c, text, "t", node_kind::path, text.find("(t, 'a')") + 1);
    CHECK(c.binding(t).kind == binding_kind::variable);
    CHECK(c.binding(t).lambda == lam);
    CHECK(c.binding(t).path.empty());
    CHECK(c.type(t).type == value_type::string);

    const auto in = node_at(c, text, "i in (1, 2.5, 3)", node_kind::in);
    CHECK(c.operand_type(in) == value_type::decimal);
    CHECK(std::get<decimal_value>(value_at(c, text, "1")).text == "1");
    CHECK(std::get<decimal_value>(value_at(c, text, "2.5")).text == "2.5");
    const auto list = node_at(c, text, "(1, 2.5, 3)", node_kind::list);
    CHECK(c.type(list) == expr_type{value_type::decimal, true, false, no_field});

    const auto add = node_at(c, text, "i add 1", node_kind::binary);
    CHECK(c.type(add).type == value_type::int_);
    CHECK(c.operand_type(add) == value_type::int_);
    const auto divby = node_at(c, text, "i divby 2", node_kind::binary);
    CHECK(c.type(divby).type == value_type::decimal);
    CHECK(std::get<decimal_value>(value_at(c, text, "2", text.find("divby 2") + 6)).text == "2");
    const auto sub = node_at(c, text, "tsn sub dt", node_kind::binary);
    CHECK(c.type(sub).type == value_type::duration);
    CHECK(c.operand_type(sub) == value_type::datetimeoffset);
    const auto len = node_at(c, text, "length(s)", node_kind::call);
    CHECK(c.type(len).type == value_type::int_);
}

TEST_CASE("checked_filter: free fields, variables of free collections and aliases") {
    const std::string_view text =
        "items/any(i: i/price gt 5 and i/tags/all(t: t ne 'x')) and @p eq 1 and 'a' in list";
    const auto r = check(text, profiles::full);
    REQUIRE(r);
    const auto& c = *r;
    const auto items = node_at(c, text, "items", node_kind::path);
    CHECK(c.binding(items).kind == binding_kind::free);
    CHECK(c.type(items).collection);
    const auto price = node_at(c, text, "i/price", node_kind::path);
    CHECK(c.binding(price).kind == binding_kind::variable);
    CHECK(c.binding(price).path == "price");
    CHECK(c.type(price).type == value_type::int_);
    const auto alias = node_at(c, text, "@p", node_kind::alias);
    CHECK(c.binding(alias) == path_binding{binding_kind::alias, no_field, no_node, "@p"});
    CHECK(c.type(alias).type == value_type::int_);
    const auto list = node_at(c, text, "list", node_kind::path);
    CHECK(c.type(list) == expr_type{value_type::string, true, true, no_field});
    // A free field that nothing types stays dynamic.
    const std::string_view t2 = "a eq b";
    const auto r2 = check(t2, profiles::full);
    REQUIRE(r2);
    CHECK(r2->type(node_at(*r2, t2, "a", node_kind::path)).type == value_type::dynamic);
    CHECK(r2->operand_type(r2->root()) == value_type::dynamic);
}

TEST_CASE("checked_filter: enum literals without an enum field keep their member name") {
    const std::string_view text = "x has 'A' and Ns.T'B' eq 'B'";
    const auto r = check(text, profiles::full);
    REQUIRE(r);
    const auto x = node_at(*r, text, "x", node_kind::path);
    CHECK(r->type(x) == expr_type{value_type::enum_, false, true, no_field});
    CHECK(std::get<enum_value>(value_at(*r, text, "'A'")) == enum_value{no_field, "A"});
    CHECK(std::get<enum_value>(value_at(*r, text, "Ns.T'B'")) == enum_value{no_field, "B"});
    CHECK(std::get<enum_value>(value_at(*r, text, "'B'", text.find("eq"))) == enum_value{no_field, "B"});
    profile strict(profiles::full);
    strict.set_strict_types(true);
    CHECK(rejects("x has 1", strict, profile_errc::type_mismatch, "1") ==
          "'has' needs an enum value on its right; 1 is an int");
}

// check_filter uses no recursion: trees far deeper than any parser limit are checked with a small,
// constant stack (hand-built here: 200,000 nested `not` and a left-deep chain of 100,000 `add`).
TEST_CASE("large trees: any depth, no recursion") {
    filter_ast_builder b;
    node_id cond = b.path("flag", {0, 4});
    for (int k = 0; k < 200000; ++k)
        cond = b.unary(unary_op::not_, cond, {0, 4});
    node_id sum = b.path("x", {0, 1});
    for (int k = 0; k < 100000; ++k)
        sum = b.binary(binary_op::add, sum, b.int_literal(1, {0, 1}), {0, 1});
    const node_id ops[] = {cond, b.binary(binary_op::gt, sum, b.int_literal(5, {0, 1}), {0, 1})};
    const auto ast = b.finish(b.logical(logical_op::and_, ops, {0, 4}));
    const auto r = check_filter(ast, profiles::full);
    REQUIRE(r);
    CHECK(r->type(r->root()).type == value_type::boolean);
    const auto limited = check_filter(ast, profiles::tokens);
    REQUIRE_FALSE(limited);
    CHECK(limited.error().code == profile_errc::node_limit);
    profile deep(profiles::full);
    deep.set_limits({1000, unlimited});
    const auto too_deep = check_filter(ast, deep);
    REQUIRE_FALSE(too_deep);
    CHECK(too_deep.error().code == profile_errc::depth_limit);
    CHECK(too_deep.error().message == "the filter is 200002 levels deep; this endpoint accepts at most 1000");
}
