#include <apiquery.hpp>

#include <string>

std::string odr_b() {
    auto b = apiquery::parse_filter("a  eq  1");
    return b ? apiquery::to_odata(*b) : std::string();
}
