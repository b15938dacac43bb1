// apiquery: implementation of json_instant.hpp.
#pragma once

#include <apiquery/value/json_instant.hpp>

#include <cstddef>

namespace apiquery {

namespace detail {

constexpr bool json_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

constexpr std::int64_t json_digits(std::string_view s, std::size_t at, std::size_t n) noexcept {
    std::int64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v = v * 10 + (s[at + i] - '0');
    return v;
}

/// Days since 1970-01-01 of a proleptic Gregorian date, year 0 to 9999 (the arithmetic the SQL writes).
constexpr std::int64_t json_days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) noexcept {
    const std::int64_t yy = y - (m <= 2 ? 1 : 0) + 400; // >= 399: divisions are floors
    const std::int64_t era = yy / 400;
    const std::int64_t yoe = yy - era * 400;
    const std::int64_t doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 - 146097;
}

constexpr std::int64_t json_days_in_month(std::int64_t y, std::int64_t m) noexcept {
    if (m == 4 || m == 6 || m == 9 || m == 11)
        return 30;
    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return 31;
}

} // namespace detail

APIQUERY_DECL std::optional<json_instant> parse_json_instant(std::string_view s) noexcept {
    using detail::json_digit;
    using detail::json_digits;
    const auto digits_at = [&](std::size_t at, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            if (!json_digit(s[at + i]))
                return false;
        return true;
    };
    if (s.size() < 10 || !digits_at(0, 4) || s[4] != '-' || !digits_at(5, 2) || s[7] != '-' ||
        !digits_at(8, 2))
        return std::nullopt;
    const std::int64_t y = json_digits(s, 0, 4), mo = json_digits(s, 5, 2), d = json_digits(s, 8, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > detail::json_days_in_month(y, mo))
        return std::nullopt;
    std::int64_t sec = detail::json_days_from_civil(y, mo, d) * 86400;
    std::int64_t ps = 0;
    if (s.size() > 10) {
        if (s.size() < 19 || s[10] != 'T' || !digits_at(11, 2) || s[13] != ':' || !digits_at(14, 2) ||
            s[16] != ':' || !digits_at(17, 2))
            return std::nullopt;
        const std::int64_t hh = json_digits(s, 11, 2), mi = json_digits(s, 14, 2), ss = json_digits(s, 17, 2);
        if (hh > 23 || mi > 59 || ss > 59)
            return std::nullopt;
        sec += hh * 3600 + mi * 60 + ss;
        std::size_t i = 19;
        if (i < s.size() && s[i] == '.') {
            std::size_t n = 0;
            ++i;
            while (i < s.size() && json_digit(s[i])) {
                if (n < 12)
                    ps = ps * 10 + (s[i] - '0');
                ++n;
                ++i;
            }
            if (n < 1 || n > 9)
                return std::nullopt;
            for (std::size_t k = n; k < 12; ++k)
                ps *= 10;
        }
        if (i < s.size() && s[i] == 'Z') {
            ++i;
        } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            if (s.size() - i != 6 || !digits_at(i + 1, 2) || s[i + 3] != ':' || !digits_at(i + 4, 2))
                return std::nullopt;
            const std::int64_t oh = json_digits(s, i + 1, 2), om = json_digits(s, i + 4, 2);
            if (oh > 23 || om > 59)
                return std::nullopt;
            const std::int64_t off = oh * 3600 + om * 60;
            sec -= s[i] == '-' ? -off : off;
            i += 6;
        }
        if (i != s.size())
            return std::nullopt;
    }
    return json_instant{sec, ps};
}

} // namespace apiquery
