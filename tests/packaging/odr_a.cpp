// Two translation units that include the umbrella header in header-only mode link into one program.
#include <apiquery.hpp>

#include <string>

std::string odr_b();

int main() {
    auto a = apiquery::parse_filter("a eq 1");
    return (a && apiquery::to_odata(*a) == odr_b()) ? 0 : 1;
}
