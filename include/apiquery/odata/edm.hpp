// apiquery: the Edm primitive types that `cast` and `isof` name, with their qualified names
// (OData CSDL 4.01 "Primitive Types"). No dependencies; constexpr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace apiquery {

/// An Edm primitive type that a filter can name. `unknown`: a name that is none of them (a
/// geography type, an enum or structured type of a model).
enum class edm_type : std::uint8_t {
    unknown,
    string,
    boolean,
    byte,
    sbyte,
    int16,
    int32,
    int64,
    decimal,
    double_,
    single,
    date,
    datetimeoffset,
    timeofday,
    duration,
    guid,
};

/// The qualified name: "Edm.String", "Edm.Int32", ...; empty for unknown.
constexpr std::string_view to_string(edm_type t) noexcept {
    constexpr std::string_view names[] = {
        "",           "Edm.String", "Edm.Boolean",        "Edm.Byte",      "Edm.SByte",
        "Edm.Int16",  "Edm.Int32",  "Edm.Int64",          "Edm.Decimal",   "Edm.Double",
        "Edm.Single", "Edm.Date",   "Edm.DateTimeOffset", "Edm.TimeOfDay", "Edm.Duration",
        "Edm.Guid"};
    return names[static_cast<std::size_t>(t)];
}

/// The type a qualified name names, exactly as written (`Edm.Int32`; names are case-sensitive), or
/// edm_type::unknown.
constexpr edm_type find_edm_type(std::string_view name) noexcept {
    for (std::size_t i = 1; i <= static_cast<std::size_t>(edm_type::guid); ++i)
        if (to_string(static_cast<edm_type>(i)) == name)
            return static_cast<edm_type>(i);
    return edm_type::unknown;
}

} // namespace apiquery
