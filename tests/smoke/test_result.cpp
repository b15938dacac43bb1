#include <apiquery/value/result.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace {

// result<T, E> is copyable, movable and assignable, trivially or not, and noexcept, exactly when
// std::variant<T, E> (its former storage) is.
template <class T, class E>
constexpr bool same_traits_as_variant() {
    using R = apiquery::result<T, E>;
    using V = std::variant<T, E>;
    return std::is_copy_constructible_v<R> == std::is_copy_constructible_v<V> &&
           std::is_move_constructible_v<R> == std::is_move_constructible_v<V> &&
           std::is_copy_assignable_v<R> == std::is_copy_assignable_v<V> &&
           std::is_move_assignable_v<R> == std::is_move_assignable_v<V> &&
           std::is_trivially_copyable_v<R> == std::is_trivially_copyable_v<V> &&
           std::is_trivially_destructible_v<R> == std::is_trivially_destructible_v<V> &&
           std::is_nothrow_move_constructible_v<R> == std::is_nothrow_move_constructible_v<V> &&
           std::is_nothrow_move_assignable_v<R> == std::is_nothrow_move_assignable_v<V>;
}

struct plain {
    int a;
    std::string_view b;
};

struct move_only {
    std::unique_ptr<int> p;
};

constexpr apiquery::result<plain, int> make(bool ok) {
    if (ok)
        return plain{1, "x"};
    return apiquery::unexpected{3};
}

constexpr int copy_and_assign() {
    auto a = make(true);
    auto b = make(false);
    const int e = b.error();
    b = a;
    return b->a + e;
}

} // namespace

static_assert(same_traits_as_variant<int, std::string>());
static_assert(same_traits_as_variant<plain, int>());
static_assert(same_traits_as_variant<move_only, std::string>());
static_assert(same_traits_as_variant<std::vector<int>, std::string>());
static_assert(std::is_trivially_copyable_v<apiquery::result<plain, int>>);
static_assert(copy_and_assign() == 4);

TEST_CASE("result holds a value or an error", "[result]") {
    apiquery::result<int, std::string> ok = 42;
    REQUIRE(ok.has_value());
    CHECK(*ok == 42);
    CHECK_THROWS_AS(ok.error(), apiquery::bad_result_access);

    apiquery::result<int, std::string> bad = apiquery::unexpected{std::string("boom")};
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == "boom");
    CHECK(bad.value_or(7) == 7);
    CHECK_THROWS_AS(bad.value(), apiquery::bad_result_access);
}

TEST_CASE("result: copies, moves and assignments switch between value and error", "[result]") {
    apiquery::result<std::string, std::vector<int>> v = std::string("value");
    apiquery::result<std::string, std::vector<int>> e = apiquery::unexpected{std::vector<int>{1, 2}};
    auto copy = v;
    copy = e;
    REQUIRE(copy.has_error());
    CHECK(copy.error() == std::vector<int>{1, 2});
    copy = v;
    REQUIRE(copy.has_value());
    CHECK(*copy == "value");
    copy = std::move(e);
    CHECK(copy.error().size() == 2);
    CHECK(std::move(copy).error() == std::vector<int>{1, 2});

    std::vector<apiquery::result<move_only, std::string>> items;
    for (int i = 0; i < 20; ++i)
        items.push_back(move_only{std::make_unique<int>(i)});
    CHECK(*items[19]->p == 19);
}
