// Tests of edm.hpp: the Edm primitive type names, both ways.
#include <apiquery/odata/edm.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace apiquery;

static_assert(find_edm_type("Edm.Int32") == edm_type::int32);
static_assert(find_edm_type("Edm.DateTimeOffset") == edm_type::datetimeoffset);
static_assert(find_edm_type("edm.int32") == edm_type::unknown); // qualified names are case-sensitive
static_assert(find_edm_type("") == edm_type::unknown);
static_assert(to_string(edm_type::guid) == "Edm.Guid");
static_assert(to_string(edm_type::unknown).empty());

TEST_CASE("edm: every type's name finds the type, and nothing else does") {
    for (std::size_t i = 1; i <= static_cast<std::size_t>(edm_type::guid); ++i) {
        const auto t = static_cast<edm_type>(i);
        const std::string name(to_string(t));
        INFO(name);
        CHECK(name.starts_with("Edm."));
        CHECK(find_edm_type(name) == t);
        CHECK(find_edm_type(name + " ") == edm_type::unknown);
        CHECK(find_edm_type(name.substr(4)) == edm_type::unknown);
    }
    for (const char* other :
         {"Edm.Geography", "Edm.Stream", "Edm.Untyped", "Sales.Color", "Collection(Edm.Int32)"})
        CHECK(find_edm_type(other) == edm_type::unknown);
}
