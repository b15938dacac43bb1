// apiquery: implementation of json_text.hpp.
#pragma once

#include <apiquery/value/detail/json_escape.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/json_text.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

namespace apiquery {

APIQUERY_DECL void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size();) {
        // Eight bytes at a time while none of them needs a look: below 0x20, '"', '\\' or 0x80 and up.
        while (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (detail::needs_json_escape(w))
                break;
            i += 8;
        }
        if (i >= s.size())
            break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const auto st = detail::utf8_decode(s, i);
            if (st.valid) {
                i += st.size;
                continue;
            }
            out.append(s.data() + run, i - run);
            out.append("\xEF\xBF\xBD");
            i += st.size;
            run = i;
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default: {
            const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0x0F]};
            out.append(esc, 6);
        }
        }
        ++i;
        run = i;
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

APIQUERY_DECL void append_json_double(std::string& out, double v) {
    if (std::isnan(v)) {
        out.append("NaN");
        return;
    }
    if (std::isinf(v)) {
        out.append(v < 0 ? "-Infinity" : "Infinity");
        return;
    }
    // Shortest round-trip digits in scientific form, e.g. "-1.2345e+02", then laid out as Python does.
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
    bool negative = false;
    if (!sci.empty() && sci.front() == '-') {
        negative = true;
        sci.remove_prefix(1);
    }
    const auto epos = sci.find('e');
    const std::string_view mant = sci.substr(0, epos);
    const int exp10 = std::atoi(std::string(sci.substr(epos + 1)).c_str());
    std::string digits;
    for (char c : mant)
        if (c != '.')
            digits.push_back(c);
    if (negative)
        out.push_back('-');
    const int n = static_cast<int>(digits.size());
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 < 0) {
            out.append("0.");
            out.append(static_cast<std::size_t>(-exp10 - 1), '0');
            out.append(digits);
        } else if (exp10 + 1 >= n) {
            out.append(digits);
            out.append(static_cast<std::size_t>(exp10 + 1 - n), '0');
            out.append(".0");
        } else {
            out.append(digits, 0, static_cast<std::size_t>(exp10 + 1));
            out.push_back('.');
            out.append(digits, static_cast<std::size_t>(exp10 + 1));
        }
        return;
    }
    out.push_back(digits[0]);
    if (n > 1) {
        out.push_back('.');
        out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(exp10 < 0 ? '-' : '+');
    const int a = exp10 < 0 ? -exp10 : exp10;
    if (a < 10)
        out.push_back('0');
    out.append(std::to_string(a));
}

APIQUERY_DECL void append_json_text(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::null:
        out.append("null");
        break;
    case boost::json::kind::bool_:
        out.append(v.get_bool() ? "true" : "false");
        break;
    case boost::json::kind::int64:
        out.append(std::to_string(v.get_int64()));
        break;
    case boost::json::kind::uint64:
        out.append(std::to_string(v.get_uint64()));
        break;
    case boost::json::kind::double_:
        append_json_double(out, v.get_double());
        break;
    case boost::json::kind::string:
        append_json_string(out, std::string_view(v.get_string().data(), v.get_string().size()));
        break;
    case boost::json::kind::array: {
        out.push_back('[');
        bool first = true;
        for (const auto& e : v.get_array()) {
            if (!first)
                out.push_back(',');
            first = false;
            append_json_text(out, e);
        }
        out.push_back(']');
        break;
    }
    case boost::json::kind::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& kv : v.get_object()) {
            if (!first)
                out.push_back(',');
            first = false;
            append_json_string(out, std::string_view(kv.key().data(), kv.key().size()));
            out.push_back(':');
            append_json_text(out, kv.value());
        }
        out.push_back('}');
        break;
    }
    }
}

APIQUERY_DECL std::string json_text(const boost::json::value& v) {
    std::string out;
    append_json_text(out, v);
    return out;
}

} // namespace apiquery
