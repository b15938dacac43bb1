// Compiles the apiquery implementation once, for the programs of this tree (see CMakeLists.txt).
#include <apiquery/src.hpp>
