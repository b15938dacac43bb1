// apiquery: implementation of param.hpp.
#pragma once

#include <apiquery/request/param.hpp>

#include <string>

namespace apiquery {

APIQUERY_DECL std::string python_repr(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    const bool dq = s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos;
    const char quote = dq ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < s.size();) {
        const auto st = detail::utf8_decode(s, i);
        const char32_t c = st.code_point;
        i += st.size;
        if (c == '\\' || c == static_cast<char32_t>(quote)) {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\t') {
            out.append("\\t");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) {
            out.append("\\x");
            out.push_back(hex[(c >> 4) & 0xF]);
            out.push_back(hex[c & 0xF]);
        } else if (c == 0x2028 || c == 0x2029) {
            out.append(c == 0x2028 ? "\\u2028" : "\\u2029");
        } else {
            detail::utf8_append(out, c);
        }
    }
    out.push_back(quote);
    return out;
}

APIQUERY_DECL std::string literal_expected(std::span<const std::string_view> values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out.append(i + 1 == values.size() ? " or " : ", ");
        out.append(python_repr(values[i]));
    }
    return out;
}

APIQUERY_DECL validation_error make_param_error(const param_spec& spec, std::string_view raw,
                                                const param_check& check) {
    validation_error e;
    e.type = std::string(error_type(check.code));
    e.loc.reserve(2);
    e.loc.emplace_back(std::string(spec.in == param_location::path ? "path" : "query"));
    e.loc.emplace_back(std::string(spec.name));
    e.input = boost::json::value(boost::json::string_view(raw.data(), raw.size()));
    const auto bound = [&](const char* key, std::int64_t v, const char* text) {
        e.msg = std::string(text) + std::to_string(v);
        e.ctx = boost::json::object{{key, v}};
    };
    switch (check.code) {
    case param_error_code::none:
        break;
    case param_error_code::missing:
        e.msg = "Field required";
        e.input = nullptr;
        break;
    case param_error_code::int_parsing:
        e.msg = std::string(error_message(int_error::int_parsing));
        break;
    case param_error_code::int_parsing_size:
        e.msg = std::string(error_message(int_error::int_parsing_size));
        break;
    case param_error_code::less_than_equal:
        bound("le", *spec.le, "Input should be less than or equal to ");
        break;
    case param_error_code::less_than:
        bound("lt", *spec.lt, "Input should be less than ");
        break;
    case param_error_code::greater_than_equal:
        bound("ge", *spec.ge, "Input should be greater than or equal to ");
        break;
    case param_error_code::greater_than:
        bound("gt", *spec.gt, "Input should be greater than ");
        break;
    case param_error_code::uuid_parsing: {
        std::string m = check.uuid_problem.message();
        e.msg = "Input should be a valid UUID, " + m;
        e.ctx = boost::json::object{{"error", m}};
        break;
    }
    case param_error_code::literal_error: {
        std::string expected = literal_expected(spec.literals);
        e.msg = "Input should be " + expected;
        e.ctx = boost::json::object{{"expected", expected}};
        break;
    }
    case param_error_code::string_too_short:
        e.msg = "String should have at least " + std::to_string(*spec.min_length) + " character" +
                (*spec.min_length == 1 ? "" : "s");
        e.ctx = boost::json::object{{"min_length", *spec.min_length}};
        break;
    case param_error_code::string_too_long:
        e.msg = "String should have at most " + std::to_string(*spec.max_length) + " character" +
                (*spec.max_length == 1 ? "" : "s");
        e.ctx = boost::json::object{{"max_length", *spec.max_length}};
        break;
    }
    return e;
}

} // namespace apiquery
