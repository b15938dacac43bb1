// apiquery: build configuration macros.
//
// apiquery is header-only by default: including a header brings its implementation in, as inline
// functions. A program that includes the parsers from many translation units can compile them once
// instead: define APIQUERY_SEPARATE_COMPILATION for the whole program and include <apiquery/src.hpp>
// in exactly one source file (the same model as Boost.JSON's src.hpp).
#pragma once

#define APIQUERY_VERSION_MAJOR 0
#define APIQUERY_VERSION_MINOR 1
#define APIQUERY_VERSION_PATCH 0
#define APIQUERY_VERSION_STRING "0.1.0"

#if defined(APIQUERY_SEPARATE_COMPILATION)
/// Marks a non-template function whose definition lives in an `impl/*.ipp` file.
#define APIQUERY_DECL
#else
#define APIQUERY_DECL inline
#define APIQUERY_HEADER_ONLY 1
#endif
