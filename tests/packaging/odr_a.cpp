// Two translation units that include the umbrella header in header-only mode link into one program.
#include <apiquery.hpp>

int odr_b();

int main() {
    return (apiquery::packaging_smoke_check() && odr_b() == 1) ? 0 : 1;
}
