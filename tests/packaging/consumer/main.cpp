// A program that uses apiquery the way a user of the installed package does.
#include <apiquery.hpp>

#include <iostream>

int main() {
    std::cout << "apiquery " << APIQUERY_VERSION_STRING << "\n";
    return apiquery::packaging_smoke_check() ? 0 : 1;
}
