// Randomized robustness of check_filter: random token soup and randomly generated expressions are
// parsed; every tree the parser accepts is validated against the three built-in profiles, and the
// invariants of the result are checked (spans inside the input, no internal error codes, every literal
// value of its node's type, every path bound, monotonicity between profiles, determinism).
//
// APIQUERY_PROFILE_RANDOM_COUNT=N in the environment runs N inputs of each kind instead of 20,000.
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <apiquery/odata/filter.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace apiquery;

namespace {

std::size_t iterations() {
    if (const char* n = std::getenv("APIQUERY_PROFILE_RANDOM_COUNT"))
        return static_cast<std::size_t>(std::strtoull(n, nullptr, 10));
    return 20000;
}

const std::vector<std::string_view> paths = {"name",
                                             "role",
                                             "organization_role",
                                             "personal",
                                             "expires",
                                             "expires_at",
                                             "created_at",
                                             "api_token_id",
                                             "all_workspaces",
                                             "user/given_name",
                                             "user/family_name",
                                             "masked_token",
                                             "nmae",
                                             "category",
                                             "tags",
                                             "items",
                                             "i/price",
                                             "t",
                                             "x",
                                             "$it/name",
                                             "$root/x",
                                             "$it",
                                             "$this",
                                             "@p",
                                             "workspaces"};
const std::vector<std::string_view> literals = {"'x'",
                                                "'ADMIN'",
                                                "'admin'",
                                                "'2025-01-01'",
                                                "'2025-13-01'",
                                                "'yes'",
                                                "1",
                                                "-5",
                                                "0",
                                                "1.5",
                                                "99999999999999999999",
                                                "1e3",
                                                "1e400",
                                                "INF",
                                                "-INF",
                                                "NaN",
                                                "true",
                                                "false",
                                                "null",
                                                "2025-01-01",
                                                "2025-01-01T00:00:00Z",
                                                "2025-02-29",
                                                "10:00",
                                                "duration'P1D'",
                                                "550e8400-e29b-41d4-a716-446655440000",
                                                "'550e8400-e29b-41d4-a716-446655440000'",
                                                "Ns.Role'ADMIN'",
                                                "''",
                                                "'2025-01-01T10:00:00+01:00'"};
const std::vector<std::string_view> binary_ops = {"eq",  "ne",  "gt",  "ge",  "lt",    "le", "has",
                                                  "add", "sub", "mul", "div", "divby", "mod"};
const std::vector<std::string_view> functions = {"contains",
                                                 "startswith",
                                                 "endswith",
                                                 "length",
                                                 "tolower",
                                                 "toupper",
                                                 "trim",
                                                 "concat",
                                                 "substring",
                                                 "indexof",
                                                 "year",
                                                 "month",
                                                 "day",
                                                 "hour",
                                                 "date",
                                                 "time",
                                                 "totaloffsetminutes",
                                                 "totalseconds",
                                                 "round",
                                                 "floor",
                                                 "ceiling",
                                                 "now",
                                                 "mindatetime",
                                                 "maxdatetime",
                                                 "hassubset",
                                                 "hassubsequence",
                                                 "matchesPattern",
                                                 "geo.distance",
                                                 "geo.length",
                                                 "geo.intersects",
                                                 "fractionalseconds",
                                                 "second",
                                                 "minute"};
const std::vector<std::string_view> soup_extra = {"and",
                                                  "or",
                                                  "not",
                                                  "in",
                                                  "-",
                                                  "(",
                                                  ")",
                                                  ",",
                                                  ":",
                                                  "/any(",
                                                  "/all(",
                                                  "any(",
                                                  "all(",
                                                  "t:",
                                                  "cast(",
                                                  "isof(",
                                                  "Edm.String",
                                                  "Edm.Int32",
                                                  "Edm.DateTimeOffset",
                                                  "(1,2)",
                                                  "('a','b')",
                                                  "()",
                                                  "now()"};

template <class V>
std::string_view pick(std::mt19937& rng, const V& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

std::string soup(std::mt19937& rng) {
    std::string s;
    const auto n = std::uniform_int_distribution<int>(1, 14)(rng);
    for (int k = 0; k < n; ++k) {
        if (!s.empty() && rng() % 5 != 0)
            s += ' ';
        switch (rng() % 6) {
        case 0:
            s += pick(rng, paths);
            break;
        case 1:
            s += pick(rng, literals);
            break;
        case 2:
            s += pick(rng, binary_ops);
            break;
        case 3:
            s += pick(rng, functions);
            s += '(';
            break;
        default:
            s += pick(rng, soup_extra);
            break;
        }
    }
    return s;
}

/// A random expression that is mostly well-formed (so that most inputs reach the validator). Every
/// random draw is its own statement, so that a seed gives the same inputs whatever the compiler's
/// order of evaluation.
std::string expression(std::mt19937& rng, int depth, bool in_lambda) {
    const auto leaf = [&]() -> std::string {
        if (in_lambda && rng() % 3 == 0)
            return rng() % 2 ? "t" : "t/price";
        if (rng() % 2)
            return std::string(pick(rng, paths));
        return std::string(pick(rng, literals));
    };
    // Appended, not `" " + std::string(...)`: GCC 12 at -O3 warns -Wrestrict on that (a false positive,
    // GCC PR 105651) and -Werror stops the Release build.
    const auto op = [&] {
        std::string r = " ";
        r += pick(rng, binary_ops);
        r += ' ';
        return r;
    };
    if (depth <= 0)
        return leaf();
    std::string s;
    switch (rng() % 11) {
    case 0:
    case 1:
        s = leaf();
        s += op();
        s += leaf();
        return s;
    case 2:
        s = expression(rng, depth - 1, in_lambda);
        s += rng() % 2 ? " and " : " or ";
        s += expression(rng, depth - 1, in_lambda);
        return s;
    case 3:
        return "not (" + expression(rng, depth - 1, in_lambda) + ")";
    case 4:
        s = "(" + expression(rng, depth - 1, in_lambda) + ")";
        s += op();
        s += leaf();
        return s;
    case 5: {
        s = leaf() + " in (";
        const auto n = rng() % 4;
        for (unsigned k = 0; k < n; ++k)
            s += (k ? "," : "") + std::string(pick(rng, literals));
        return s + ")";
    }
    case 6:
        s = pick(rng, paths);
        s += rng() % 2 ? "/any(t: " : "/all(t: ";
        s += expression(rng, depth - 1, true);
        return s + ")";
    case 7:
        s = pick(rng, functions);
        s += "(";
        s += leaf();
        if (rng() % 2)
            s += "," + leaf();
        s += ")";
        s += op();
        s += leaf();
        return s;
    case 8:
        s = "cast(" + leaf();
        s += rng() % 2 ? ",Edm.String) eq " : ",Edm.Int32) eq ";
        s += leaf();
        return s;
    case 9:
        s = "-" + leaf();
        s += op();
        s += leaf();
        return s;
    default:
        s = leaf();
        s += " in ";
        s += pick(rng, paths);
        return s;
    }
}

bool value_matches(const checked_filter& c, node_id id) {
    const auto& v = c.value(id);
    const auto& t = c.type(id);
    const auto natural = c.ast().literal_type(id);
    if (std::holds_alternative<std::monostate>(v)) // null, or a literal left to run time (full)
        return (natural == literal_kind::null && t.nullable) ||
               (t.type == value_type::dynamic && !c.profile().strict_types);
    if (natural == literal_kind::null)
        return false;
    switch (t.type) {
    case value_type::boolean:
        return std::holds_alternative<bool>(v);
    case value_type::int_:
        return std::holds_alternative<std::int64_t>(v);
    case value_type::decimal:
        return std::holds_alternative<decimal_value>(v);
    case value_type::double_:
        return std::holds_alternative<double>(v);
    case value_type::string:
        return std::holds_alternative<std::string_view>(v);
    case value_type::date:
        return std::holds_alternative<odata_date>(v);
    case value_type::datetimeoffset:
        return std::holds_alternative<odata_datetimeoffset>(v);
    case value_type::timeofday:
        return std::holds_alternative<odata_timeofday>(v);
    case value_type::duration:
        return std::holds_alternative<odata_duration>(v);
    case value_type::guid:
        return std::holds_alternative<uuid>(v);
    case value_type::enum_: {
        const auto* e = std::get_if<enum_value>(&v);
        if (!e)
            return false;
        if (t.enum_field == no_field)
            return e->index == no_field;
        const auto& f = c.profile().fields[t.enum_field];
        return e->index < f.enum_members.size() && f.enum_members[e->index] == e->member;
    }
    case value_type::null:
    case value_type::dynamic:
        return false;
    }
    return false;
}

struct stats {
    std::size_t parsed = 0;
    std::size_t accepted[3] = {0, 0, 0};
};

void check_invariants(std::string_view text, const filter_ast& ast, stats& st) {
    bool ok[3] = {false, false, false};
    for (std::size_t k = 0; k < 3; ++k) {
        const profile_view* const all[] = {&profiles::tokens, &profiles::files, &profiles::full};
        const auto& profile = *all[k];
        const auto r = check_filter(ast, profile);
        const auto again = check_filter(filter_ast(ast), profile);
        INFO("filter: " << text << "  profile: " << profile.name);
        REQUIRE(r.has_value() == again.has_value());
        if (!r) {
            const auto& e = r.error();
            INFO(to_string(e.code) << " [" << e.span.begin << "," << e.span.end << ") " << e.message);
            REQUIRE(e.span.begin <= e.span.end);
            REQUIRE(e.span.end <= text.size());
            REQUIRE_FALSE(e.message.empty());
            REQUIRE(e.code != profile_errc::malformed_tree);
            REQUIRE(e.code != profile_errc::invalid_profile);
            REQUIRE(again.error() == e);
            continue;
        }
        ok[k] = true;
        ++st.accepted[k];
        const auto& c = *r;
        if (profile.strict_types) { // without type checking (full) the filter may be any expression
            REQUIRE(c.type(c.root()).type == value_type::boolean);
            REQUIRE_FALSE(c.type(c.root()).collection);
        }
        for (node_id id : c.ast().ids()) {
            const auto kind = c.ast().kind(id);
            const auto& t = c.type(id);
            if (kind == node_kind::literal)
                REQUIRE(value_matches(c, id));
            if (kind == node_kind::path) {
                const auto& b = c.binding(id);
                REQUIRE(b.kind != binding_kind::none);
                REQUIRE(b.kind != binding_kind::alias);
                if (b.kind == binding_kind::field) {
                    REQUIRE(b.field < profile.fields.size());
                    REQUIRE(profile.fields[b.field].filterable);
                    REQUIRE(c.field(id) == &profile.fields[b.field]);
                }
                if (b.kind == binding_kind::variable)
                    REQUIRE(c.ast().kind(b.lambda) == node_kind::lambda);
                if (b.kind == binding_kind::free)
                    REQUIRE(profile.free_fields);
            }
            if (kind == node_kind::binary || kind == node_kind::logical || kind == node_kind::in ||
                kind == node_kind::lambda) {
                const bool predicate =
                    kind != node_kind::binary || c.ast().binary_operator(id) <= binary_op::has;
                if (predicate)
                    REQUIRE(t == expr_type{value_type::boolean, false, false, no_field});
            }
            if (t.type == value_type::enum_ && t.enum_field != no_field)
                REQUIRE(profile.fields[t.enum_field].type == value_type::enum_);
            // A profile without free fields or aliases never leaves a type to run time.
            if (!profile.free_fields && !profile.aliases)
                REQUIRE(t.type != value_type::dynamic);
        }
    }
    // The full profile accepts every filter parse_filter accepts (so every filter the narrower
    // profiles accept).
    INFO("filter: " << text);
    REQUIRE(ok[2]);
}

void run(std::string (*make)(std::mt19937&), std::uint32_t seed, stats& st) {
    std::mt19937 rng(seed);
    const auto n = iterations();
    for (std::size_t k = 0; k < n; ++k) {
        const auto text = make(rng);
        const auto ast = parse_filter(text);
        if (!ast)
            continue;
        ++st.parsed;
        check_invariants(text, *ast, st);
    }
}

} // namespace

TEST_CASE("random token soup: the validator never fails its invariants") {
    stats st;
    run(soup, 4242, st);
    WARN("token soup: " << iterations() << " inputs, " << st.parsed << " parsed; accepted by tokens "
                        << st.accepted[0] << ", files " << st.accepted[1] << ", full " << st.accepted[2]);
    CHECK(st.parsed > 0);
}

TEST_CASE("random expressions: the validator never fails its invariants") {
    stats st;
    run([](std::mt19937& rng) { return expression(rng, static_cast<int>(rng() % 4), false); }, 777, st);
    WARN("expressions: " << iterations() << " inputs, " << st.parsed << " parsed; accepted by tokens "
                         << st.accepted[0] << ", files " << st.accepted[1] << ", full " << st.accepted[2]);
    CHECK(st.parsed > iterations() / 4);
    CHECK(st.accepted[0] > 0);
    CHECK(st.accepted[1] > 0);
    CHECK(st.accepted[2] > st.accepted[1]);
}
