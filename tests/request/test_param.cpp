#include <apiquery/request/param.hpp>

#include <catch2/catch.hpp>

#include <apiquery/value/json_text.hpp>

#include <array>
#include <string>

namespace {
using apiquery::check_param;
using apiquery::param_error_code;
using apiquery::param_spec;
using apiquery::param_type;

constexpr std::array<std::string_view, 2> orders{"ASC", "DESC"};
constexpr param_spec limit{.name = "limit", .type = param_type::integer, .le = 100, .default_text = "10"};
constexpr param_spec page{.name = "page_number", .type = param_type::integer, .nullable = true, .ge = 1};
constexpr param_spec bounded{.name = "n", .type = param_type::integer, .lt = 5, .gt = -5};
constexpr param_spec id{.name = "before", .type = param_type::uuid, .nullable = true};
constexpr param_spec order{.name = "order", .type = param_type::literal, .literals = orders};
constexpr param_spec name{.name = "name", .type = param_type::string, .min_length = 2, .max_length = 3};
constexpr param_spec path_name{.name = "workspace_name", .in = apiquery::param_location::path};

// Validating literal inputs at compile time.
static_assert(check_param(limit, "100").ok());
static_assert(check_param(limit, " +04_2.0 ").integer.to_int64() == 42);
static_assert(check_param(limit, "-99999999999999999999").ok()); // no minimum
static_assert(check_param(limit, "101").code == param_error_code::less_than_equal);
static_assert(check_param(limit, "9223372036854775808").code == param_error_code::less_than_equal);
static_assert(check_param(limit, "").code == param_error_code::int_parsing);
static_assert(check_param(page, "0").code == param_error_code::greater_than_equal);
static_assert(check_param(page, "-0").code == param_error_code::greater_than_equal);
static_assert(check_param(page, "0-5").code == param_error_code::greater_than_equal);
static_assert(check_param(page, "99999999999999999999999").ok());
static_assert(check_param(bounded, "5").code == param_error_code::less_than);
static_assert(check_param(bounded, "-5").code == param_error_code::greater_than);
static_assert(check_param(bounded, "4").ok() && check_param(bounded, "-4").ok());
static_assert(check_param(id, "550E8400-E29B-41D4-A716-446655440000").ok());
static_assert(check_param(id, "").code == param_error_code::uuid_parsing);
static_assert(check_param(id, "").uuid_problem.code == apiquery::uuid_error::kind::simple_length);
static_assert(check_param(order, "DESC").literal_index == 1);
static_assert(check_param(order, "desc").code == param_error_code::literal_error);
static_assert(check_param(order, " ASC").code == param_error_code::literal_error);
static_assert(check_param(name, "\xF0\x9F\x98\x80\xF0\x9F\x98\x80").ok()); // 2 code points, 8 bytes
static_assert(check_param(name, "a").code == param_error_code::string_too_short);
static_assert(check_param(name, "abcd").code == param_error_code::string_too_long);
static_assert(check_param(path_name, "").ok());
static_assert(apiquery::error_type(param_error_code::literal_error) == "literal_error");

std::string error_text(const param_spec& spec, std::string_view raw) {
    const auto c = check_param(spec, raw);
    REQUIRE_FALSE(c.ok());
    std::string s;
    apiquery::append_json_text(s, apiquery::make_param_error(spec, raw, c));
    return s;
}
} // namespace

TEST_CASE("param: pydantic error elements", "[param]") {
    CHECK(error_text(limit, "101") ==
          R"({"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less )"
          R"(than or equal to 100","input":"101","ctx":{"le":100}})");
    CHECK(error_text(limit, "x") ==
          R"({"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid )"
          R"(integer, unable to parse string as an integer","input":"x"})");
    CHECK(error_text(limit, std::string(4301, '9')).find(R"("type":"int_parsing_size")") !=
          std::string::npos);
    CHECK(error_text(page, "0") ==
          R"({"type":"greater_than_equal","loc":["query","page_number"],"msg":"Input )"
          R"(should be greater than or equal to 1","input":"0","ctx":{"ge":1}})");
    CHECK(error_text(bounded, "5") ==
          R"({"type":"less_than","loc":["query","n"],"msg":"Input should be less )"
          R"(than 5","input":"5","ctx":{"lt":5}})");
    CHECK(error_text(bounded, "-7") == R"({"type":"greater_than","loc":["query","n"],"msg":"Input should be )"
                                       R"(greater than -5","input":"-7","ctx":{"gt":-5}})");
    CHECK(error_text(id, "zz") ==
          R"({"type":"uuid_parsing","loc":["query","before"],"msg":"Input should be a )"
          R"(valid UUID, invalid character: found `z` at 1","input":"zz","ctx":{"error":)"
          R"("invalid character: found `z` at 1"}})");
    CHECK(error_text(order, "asc") ==
          R"({"type":"literal_error","loc":["query","order"],"msg":"Input should be )"
          R"('ASC' or 'DESC'","input":"asc","ctx":{"expected":"'ASC' or 'DESC'"}})");
    CHECK(error_text(name, "a") ==
          R"({"type":"string_too_short","loc":["query","name"],"msg":"String should )"
          R"(have at least 2 characters","input":"a","ctx":{"min_length":2}})");
    CHECK(error_text(name, "abcd") ==
          R"({"type":"string_too_long","loc":["query","name"],"msg":"String should )"
          R"(have at most 3 characters","input":"abcd","ctx":{"max_length":3}})");
    constexpr param_spec one{.name = "s", .type = param_type::string, .min_length = 1, .max_length = 1};
    CHECK(error_text(one, "").find("at least 1 character\"") != std::string::npos);
    CHECK(error_text(one, "ab").find("at most 1 character\"") != std::string::npos);
    apiquery::param_check missing;
    missing.code = param_error_code::missing;
    std::string s;
    apiquery::append_json_text(s, apiquery::make_param_error(path_name, "", missing));
    CHECK(s == R"({"type":"missing","loc":["path","workspace_name"],"msg":"Field required","input":null})");
}

TEST_CASE("param: Literal expected text uses Python repr", "[param]") {
    constexpr std::array<std::string_view, 4> fields{"name", "role", "created_at", "expires_at"};
    CHECK(apiquery::literal_expected(fields) == "'name', 'role', 'created_at' or 'expires_at'");
    constexpr std::array<std::string_view, 1> only{"only"};
    CHECK(apiquery::literal_expected(only) == "'only'");
    constexpr std::array<std::string_view, 3> quoted{"it's", "a\"b", "c\\d"};
    CHECK(apiquery::literal_expected(quoted) == R"("it's", 'a"b' or 'c\\d')");
    CHECK(apiquery::python_repr("a'\"b") == R"('a\'"b')");
    CHECK(apiquery::python_repr("\t\n\x01\x7f\xC2\xA0\xC3\xA9") == "'\\t\\n\\x01\\x7f\\xa0\xC3\xA9'");
}
