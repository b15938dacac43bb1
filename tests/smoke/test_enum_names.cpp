// Every public enum of the library has a constexpr to_string (names as the JSON forms and docs write them).
#include <apiquery.hpp>

#include <catch2/catch.hpp>

using namespace apiquery;

static_assert(to_string(binding_kind::variable) == "variable" && to_string(binding_kind::alias) == "alias");
static_assert(to_string(int_error::int_parsing_size) == "int_parsing_size");
static_assert(to_string(json_kind::big_integer) == "big_integer" && to_string(json_kind::object) == "object");
static_assert(to_string(param_location::path) == "path" && to_string(param_location::query) == "query");
static_assert(to_string(param_type::literal) == "literal" && to_string(param_type::string) == "string");
static_assert(to_string(param_error_code::less_than_equal) == "less_than_equal" &&
              to_string(param_error_code::none).empty());
static_assert(to_string(cursor_direction::before) == "before" && to_string(cursor_direction::none) == "none");
static_assert(to_string(token_field::user_family_name) == "user/family_name" &&
              to_string(token_field::masked_token) == "masked_token");
static_assert(to_string(token_sort_field::expires_at) == "expires_at" &&
              to_string(sort_order::desc) == "DESC");
static_assert(to_string(value_type::datetimeoffset) == "datetimeoffset");
static_assert(to_string(sql::dialect::postgresql) == "postgresql" &&
              to_string(sql::column_type::uuid) == "uuid");

TEST_CASE("enum names: every token_field names its profile field, in order") {
    for (std::size_t i = 0; i < profiles::tokens.fields.size(); ++i)
        CHECK(to_string(static_cast<token_field>(i)) == profiles::tokens.fields[i].path);
}
