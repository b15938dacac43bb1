// Tests of filter_ast.hpp: the builder, canonical form, equality, visitor and walk.
#include <apiquery/odata/filter_ast.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace apiquery;

namespace {

// name eq 'O''Neil' and (a and b)  -> and(eq(name,'O'Neil'), a, b)
filter_ast sample(bool nested) {
    filter_ast_builder b;
    const auto name = b.path("name", {0, 4});
    const auto str = b.text_literal(literal_kind::string, "O'Neil", {8, 17});
    const auto eq = b.binary(binary_op::eq, name, str, {0, 17});
    const auto a = b.path("a");
    const auto bb = b.path("b");
    if (nested) {
        const node_id inner_ops[] = {a, bb};
        const auto inner = b.logical(logical_op::and_, inner_ops);
        const node_id ops[] = {eq, inner};
        return b.finish(b.logical(logical_op::and_, ops));
    }
    const node_id ops[] = {eq, a, bb};
    return b.finish(b.logical(logical_op::and_, ops));
}

} // namespace

TEST_CASE("builder: canonical post-order, flattening, equality ignoring spans") {
    const auto flat = sample(false);
    const auto nested = sample(true);
    CHECK(flat == nested);
    REQUIRE(flat.size() == 6);
    const auto root = flat.root();
    CHECK(flat.kind(root) == node_kind::logical);
    CHECK(flat.logical_operator(root) == logical_op::and_);
    REQUIRE(flat.children(root).size() == 3);
    const auto eq = flat.children(root)[0];
    CHECK(flat.kind(eq) == node_kind::binary);
    CHECK(flat.binary_operator(eq) == binary_op::eq);
    CHECK(flat.span(eq) == source_span{0, 17});
    CHECK(flat.text(flat.children(eq)[1]) == "O'Neil");
    // post-order: every child id is smaller than its parent's
    for (node_id id : flat.ids())
        for (node_id c : flat.children(id))
            CHECK(static_cast<std::uint32_t>(c) < static_cast<std::uint32_t>(id));
}

TEST_CASE("builder: different trees compare unequal") {
    filter_ast_builder b1, b2;
    const auto t1 = b1.finish(b1.int_literal(1));
    const auto t2 = b2.finish(b2.int_literal(2));
    CHECK_FALSE(t1 == t2);
    filter_ast_builder b3;
    const auto t3 = b3.finish(b3.text_literal(literal_kind::decimal, "1"));
    CHECK_FALSE(t1 == t3);
    CHECK(filter_ast{} == filter_ast{});
    CHECK(filter_ast{}.root() == no_node);
}

TEST_CASE("builder: unreachable nodes are dropped") {
    filter_ast_builder b;
    b.path("garbage");
    const auto x = b.path("x");
    const auto ast = b.finish(b.unary(unary_op::not_, x));
    REQUIRE(ast.size() == 2);
    CHECK(ast.text(ast.children(ast.root())[0]) == "x");
}

TEST_CASE("literal payloads, paths, enums, lambdas") {
    filter_ast_builder b;
    const auto p = b.path("$it/Address/Street");
    const auto e = b.enum_literal("Sales.Pattern", "Yellow");
    const auto has = b.binary(binary_op::has, p, e);
    const auto coll = b.path("Products");
    const auto var = b.path("p/Price");
    const auto big = b.int_literal(-9223372036854775807LL - 1);
    const auto body = b.binary(binary_op::lt, var, big);
    const auto lam = b.lambda(lambda_op::any, coll, "p", body);
    const auto coll2 = b.path("Tags");
    const auto lam2 = b.lambda(lambda_op::any, coll2, "", no_node);
    const node_id ops[] = {has, lam, lam2};
    const auto ast = b.finish(b.logical(logical_op::or_, ops));
    const auto kids = ast.children(ast.root());
    REQUIRE(kids.size() == 3);
    const auto path = ast.children(kids[0])[0];
    std::vector<std::string> segs;
    for (auto s : ast.segments(path))
        segs.emplace_back(s);
    CHECK(segs == std::vector<std::string>{"$it", "Address", "Street"});
    CHECK(ast.segments(path).size() == 3);
    const auto en = ast.children(kids[0])[1];
    CHECK(ast.literal_type(en) == literal_kind::enum_);
    CHECK(ast.enum_type(en) == "Sales.Pattern");
    CHECK(ast.text(en) == "Yellow");
    CHECK(ast.lambda_operator(kids[1]) == lambda_op::any);
    CHECK(ast.has_lambda_variable(kids[1]));
    CHECK(ast.text(kids[1]) == "p");
    CHECK(ast.int_value(ast.children(ast.lambda_body(kids[1]))[1]) == -9223372036854775807LL - 1);
    CHECK_FALSE(ast.has_lambda_variable(kids[2]));
    CHECK(ast.lambda_body(kids[2]) == no_node);
    CHECK(ast.text(ast.lambda_path(kids[2])) == "Tags");
}

TEST_CASE("function table and names") {
    function_id f{};
    CHECK(find_function("MATCHESPATTERN", false, f));
    CHECK(f == function_id::matchespattern);
    CHECK(to_string(f) == "matchesPattern");
    CHECK_FALSE(find_function("MATCHESPATTERN", true, f));
    CHECK(find_function("geo.distance", true, f));
    CHECK(info(f).min_args == 2);
    CHECK(info(function_id::substring).max_args == 3);
    CHECK(to_string(literal_kind::int_) == "int");
    CHECK(to_string(literal_kind::enum_) == "enum");
    CHECK(to_string(binary_op::divby) == "divby");
    CHECK(to_string(unary_op::neg) == "neg");
}

TEST_CASE("visit dispatches on kind, and walk is iterative") {
    filter_ast_builder b;
    node_id cur = b.path("x");
    for (int i = 0; i < 100000; ++i)
        cur = b.unary(unary_op::not_, cur);
    const auto ast = b.finish(cur);
    CHECK(ast.size() == 100001);
    std::size_t max_depth = 0, entered = 0, left = 0;
    walk(
        ast, ast.root(),
        [&](node_id, std::size_t d) {
            ++entered;
            max_depth = std::max(max_depth, d);
            return true;
        },
        [&](node_id, std::size_t) { ++left; });
    CHECK(entered == 100001);
    CHECK(left == 100001);
    CHECK(max_depth == 100000);
    const auto name = visit(ast, ast.root(),
                            overloaded{[](unary_node n) { return std::string(to_string(n.op())); },
                                       [](path_node n) { return std::string(n.joined()); },
                                       [](auto) { return std::string("other"); }});
    CHECK(name == "not");
    CHECK(visit(ast, node_id{0},
                overloaded{[](path_node n) { return std::string(n.joined()); },
                           [](auto) { return std::string("other"); }}) == "x");
}

TEST_CASE("operator_position: where the operator is written; equality ignores it") {
    filter_ast_builder b;
    const auto x = b.path("x", {0, 1});
    const auto one = b.int_literal(1, {6, 7});
    const auto eq = b.binary(binary_op::eq, x, one, {0, 7});
    // Hand-built: the span's begin unless set.
    const auto plain = filter_ast_builder(b).finish(eq);
    CHECK(plain.operator_position(plain.root()) == 0);
    b.set_operator_position(eq, 2);
    const auto ast = b.finish(eq);
    CHECK(ast.operator_position(ast.root()) == 2);
    CHECK(ast.operator_position(node_id{0}) == 0); // a leaf: its span's begin
    CHECK(ast.operator_position(node_id{1}) == 6);
    CHECK(ast == plain);

    // Flattening keeps the first keyword of the chain.
    filter_ast_builder c;
    const auto a = c.path("a", {1, 2});
    const auto bb = c.path("b", {6, 7});
    const node_id inner_ops[] = {a, bb};
    const auto inner = c.logical(logical_op::or_, inner_ops, {0, 8});
    c.set_operator_position(inner, 3);
    const auto cc = c.path("c", {12, 13});
    const node_id outer_ops[] = {inner, cc};
    const auto outer = c.logical(logical_op::or_, outer_ops, {0, 13});
    c.set_operator_position(outer, 9);
    const auto flat = c.finish(outer); // (a or b) or c
    REQUIRE(flat.children(flat.root()).size() == 3);
    CHECK(flat.operator_position(flat.root()) == 3);
}

static_assert(is_comparison(binary_op::le) && !is_comparison(binary_op::has) &&
              !is_comparison(binary_op::add));
static_assert(is_ordering(binary_op::gt) && !is_ordering(binary_op::eq) && !is_ordering(binary_op::ne));
static_assert(converse(binary_op::lt) == binary_op::gt && converse(binary_op::ge) == binary_op::le &&
              converse(binary_op::eq) == binary_op::eq && converse(binary_op::sub) == binary_op::sub);

namespace {

/// A canonical chain and(eq(f0,'v0'), eq(f1,'v1'), ...) of `clauses` comparisons (3 * clauses + 1 nodes),
/// built in `b` after reserving room for `reserve` nodes.
filter_ast big_chain(filter_ast_builder& b, std::size_t clauses, std::size_t reserve) {
    b.reserve(reserve);
    std::vector<node_id> ops;
    for (std::size_t i = 0; i < clauses; ++i) {
        const auto at = static_cast<std::uint32_t>(10 * i);
        // (append, not operator+: GCC 12's -Werror=restrict false positive at -O3, GCC bug 105329)
        const auto f = b.path(std::string("f").append(std::to_string(i)), {at, at + 2});
        const auto v = b.text_literal(literal_kind::string, std::string("v").append(std::to_string(i)),
                                      {at + 6, at + 9});
        const auto eq = b.binary(binary_op::eq, f, v, {at, at + 9});
        b.set_operator_position(eq, at + 3);
        ops.push_back(eq);
    }
    return b.finish(b.logical(logical_op::and_, ops, {0, static_cast<std::uint32_t>(10 * clauses)}));
}

std::string positions(const filter_ast& t) {
    std::string out;
    for (node_id id : t.ids()) {
        out.append(std::to_string(t.span(id).begin)).append(1, '-').append(std::to_string(t.span(id).end));
        out.append(1, '@').append(std::to_string(t.operator_position(id))).append(1, ' ');
    }
    return out;
}

} // namespace

TEST_CASE("finish: a large canonical tree takes over the builder's node memory, equal to a copied one") {
    filter_ast_builder roomy;   // reserved room: the node block is handed over with children and text
    filter_ast_builder tight;   // grown by doubling, no room for the children: copied
    filter_ast_builder small_b; // under 4,096 nodes: always copied
    const auto a = big_chain(roomy, 5000, 30000);
    const auto b = big_chain(tight, 5000, 0);
    CHECK(a.size() == 15001);
    CHECK(a == b);
    CHECK(positions(a) == positions(b));
    CHECK(a.text(a.children(a.root())[4999]) == b.text(b.children(b.root())[4999]));
    const filter_ast copy = a; // copies what the tree uses, not the spare room
    CHECK(copy == a);
    CHECK(positions(copy) == positions(a));
    // The builders work on afterwards (roomy without memory now).
    const auto again = big_chain(roomy, 5000, 0);
    CHECK(again == a);
    CHECK(big_chain(small_b, 10, 0) == big_chain(roomy, 10, 0));
}
