#include <apiquery.hpp>

int odr_b() {
    return apiquery::packaging_smoke_check() ? 1 : 0;
}
