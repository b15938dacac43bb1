// apiquery: the signatures of the filter functions: the overloads of each (parameter kinds, number of
// arguments, result) and their text for messages (part of profile_check.ipp).
#pragma once

#include <apiquery/odata/filter_ast.hpp>

#include <cstdint>
#include <string_view>

namespace apiquery::detail::pcheck {

/// What a parameter accepts.
enum class param : std::uint8_t {
    string,
    int_,
    numeric,
    date_or_dto,
    dto,
    dto_or_tod,
    duration,
    collection,
    geo,
    any,
    type,
};

/// What a function gives.
enum class ret : std::uint8_t {
    boolean,
    int_,
    decimal,
    double_,
    string,
    date,
    dto,
    timeofday,
    rounded,     // ceiling/floor/round: decimal for int and decimal, double for double
    first_arg,   // the first argument's type (collection overloads of concat/substring)
    cast_target, // the type_name argument's type
};

/// One overload: from min_args to max_args arguments (params[i] for the i-th), and its result.
struct overload {
    std::uint8_t min_args;
    std::uint8_t max_args;
    param params[3];
    ret result;
};

/// The overloads of one function (the first `count` of `overloads`).
struct signature {
    std::string_view text; // for messages: "(string, string) or (collection, collection)"
    overload overloads[2];
    std::uint8_t count;
};

/// The signature of `f` (no overload for a function this version does not know).
constexpr signature signature_of(function_id f) noexcept {
    using p = param;
    constexpr overload none{0, 0, {p::any, p::any, p::any}, ret::boolean};
    switch (f) {
    case function_id::concat:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::string},
                 {2, 2, {p::collection, p::collection, p::any}, ret::first_arg}},
                2};
    case function_id::contains:
    case function_id::endswith:
    case function_id::startswith:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::boolean},
                 {2, 2, {p::collection, p::collection, p::any}, ret::boolean}},
                2};
    case function_id::indexof:
        return {"(string, string) or (collection, collection)",
                {{2, 2, {p::string, p::string, p::any}, ret::int_},
                 {2, 2, {p::collection, p::collection, p::any}, ret::int_}},
                2};
    case function_id::length:
        return {"(string) or (collection)",
                {{1, 1, {p::string, p::any, p::any}, ret::int_},
                 {1, 1, {p::collection, p::any, p::any}, ret::int_}},
                2};
    case function_id::substring:
        return {"(string, int[, int]) or (collection, int[, int])",
                {{2, 3, {p::string, p::int_, p::int_}, ret::string},
                 {2, 3, {p::collection, p::int_, p::int_}, ret::first_arg}},
                2};
    case function_id::hassubset:
    case function_id::hassubsequence:
        return {"(collection, collection)",
                {{2, 2, {p::collection, p::collection, p::any}, ret::boolean}, none},
                1};
    case function_id::matchespattern:
        return {"(string, string)", {{2, 2, {p::string, p::string, p::any}, ret::boolean}, none}, 1};
    case function_id::tolower:
    case function_id::toupper:
    case function_id::trim:
        return {"(string)", {{1, 1, {p::string, p::any, p::any}, ret::string}, none}, 1};
    case function_id::date:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::date}, none}, 1};
    case function_id::day:
    case function_id::month:
    case function_id::year:
        return {"(date) or (datetimeoffset)", {{1, 1, {p::date_or_dto, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::hour:
    case function_id::minute:
    case function_id::second:
        return {
            "(datetimeoffset) or (timeofday)", {{1, 1, {p::dto_or_tod, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::fractionalseconds:
        return {"(datetimeoffset) or (timeofday)",
                {{1, 1, {p::dto_or_tod, p::any, p::any}, ret::decimal}, none},
                1};
    case function_id::maxdatetime:
    case function_id::mindatetime:
    case function_id::now:
        return {"()", {{0, 0, {p::any, p::any, p::any}, ret::dto}, none}, 1};
    case function_id::time:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::timeofday}, none}, 1};
    case function_id::totaloffsetminutes:
        return {"(datetimeoffset)", {{1, 1, {p::dto, p::any, p::any}, ret::int_}, none}, 1};
    case function_id::totalseconds:
        return {"(duration)", {{1, 1, {p::duration, p::any, p::any}, ret::decimal}, none}, 1};
    case function_id::ceiling:
    case function_id::floor:
    case function_id::round:
        return {"(number)", {{1, 1, {p::numeric, p::any, p::any}, ret::rounded}, none}, 1};
    case function_id::cast:
        return {"(expression, type)", {{2, 2, {p::any, p::type, p::any}, ret::cast_target}, none}, 1};
    case function_id::isof:
        return {"(expression, type)", {{2, 2, {p::any, p::type, p::any}, ret::boolean}, none}, 1};
    case function_id::geo_distance:
        return {"(geography, geography)", {{2, 2, {p::geo, p::geo, p::any}, ret::double_}, none}, 1};
    case function_id::geo_intersects:
        return {"(geography, geography)", {{2, 2, {p::geo, p::geo, p::any}, ret::boolean}, none}, 1};
    case function_id::geo_length:
        return {"(geography)", {{1, 1, {p::geo, p::any, p::any}, ret::double_}, none}, 1};
    }
    return {"", {none, none}, 0}; // unknown function: no overload matches
}

} // namespace apiquery::detail::pcheck
