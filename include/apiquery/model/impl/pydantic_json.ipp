// apiquery: implementation of pydantic_json.hpp (a reader that follows jiter step by step).
#pragma once

#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>

namespace apiquery {
namespace detail {

// jiter's messages (serde_json's words), errors.rs.
inline constexpr std::string_view jm_eof_list = "EOF while parsing a list";
inline constexpr std::string_view jm_eof_object = "EOF while parsing an object";
inline constexpr std::string_view jm_eof_string = "EOF while parsing a string";
inline constexpr std::string_view jm_eof_value = "EOF while parsing a value";
inline constexpr std::string_view jm_expected_colon = "expected `:`";
inline constexpr std::string_view jm_list_comma_or_end = "expected `,` or `]`";
inline constexpr std::string_view jm_object_comma_or_end = "expected `,` or `}`";
inline constexpr std::string_view jm_expected_ident = "expected ident";
inline constexpr std::string_view jm_expected_value = "expected value";
inline constexpr std::string_view jm_invalid_escape = "invalid escape";
inline constexpr std::string_view jm_invalid_number = "invalid number";
inline constexpr std::string_view jm_number_out_of_range = "number out of range";
inline constexpr std::string_view jm_invalid_code_point = "invalid unicode code point";
inline constexpr std::string_view jm_control_char =
    "control character (\\u0000-\\u001F) found while parsing a string";
inline constexpr std::string_view jm_key_must_be_string = "key must be a string";
inline constexpr std::string_view jm_lone_surrogate = "lone leading surrogate in hex escape";
inline constexpr std::string_view jm_trailing_comma = "trailing comma";
inline constexpr std::string_view jm_trailing_characters = "trailing characters";
inline constexpr std::string_view jm_end_of_hex_escape = "unexpected end of hex escape";
inline constexpr std::string_view jm_recursion_limit = "recursion limit exceeded";

/// jiter's `LinePosition::find`, quirks included.
inline json_syntax_error make_syntax_error(std::string_view data, std::string_view message,
                                           std::size_t find) {
    json_syntax_error e;
    e.message = message;
    e.index = find;
    std::size_t line = 1, line_start = 0, i = 0;
    for (; i < data.size(); ++i) {
        if (data[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
        if (i == find) {
            e.line = line;
            e.column = i + 1 - line_start;
            return e;
        }
    }
    e.line = line;
    e.column = i >= line_start ? i - line_start : 0;
    return e;
}

/// Length of the longest well-formed UTF-8 prefix (Rust's `Utf8Error::valid_up_to`).
inline std::size_t utf8_valid_up_to(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto st = utf8_decode(s, i);
        if (!st.valid)
            return i;
        i += st.size;
    }
    return i;
}

/// Writes the UTF-8 form of a Unicode scalar value; returns its length.
inline std::size_t utf8_encode(char32_t cp, char* out) noexcept {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

struct json_reader {
    json_reader(std::string_view text, json_document& d) : data(text.data()), len(text.size()), doc(d) {
        doc.nodes_.reserve(len / 8 + 4);
    }

    const char* data;
    std::size_t len;
    json_document& doc;
    std::size_t i = 0;
    std::string_view err_message;
    std::size_t err_index = 0;

    bool fail(std::string_view m, std::size_t at) {
        err_message = m;
        err_index = at;
        return false;
    }

    int eat_whitespace() noexcept {
        while (i < len) {
            const char c = data[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                ++i;
            else
                return static_cast<unsigned char>(c);
        }
        return -1;
    }

    std::uint32_t add_node(json_kind k) {
        doc.nodes_.emplace_back();
        doc.nodes_.back().kind = k;
        return static_cast<std::uint32_t>(doc.nodes_.size() - 1);
    }
    void close_node(std::uint32_t n) { doc.nodes_[n].next = static_cast<std::uint32_t>(doc.nodes_.size()); }

    /// consume_ident: data[i] is the first letter, `rest` the letters after it.
    bool ident(std::string_view rest) {
        if (len - i > rest.size()) {
            std::size_t k = 0;
            while (k < rest.size() && data[i + 1 + k] == rest[k])
                ++k;
            if (k == rest.size()) {
                i += rest.size() + 1;
                return true;
            }
        }
        std::size_t k = i + 1;
        for (char c : rest) {
            if (k >= len)
                break;
            if (data[k] != c)
                return fail(jm_expected_ident, k);
            ++k;
        }
        return fail(jm_eof_value, k);
    }

    static bool is_hex(char c) noexcept {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    static unsigned hex_digit(char c) noexcept {
        return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
    }

    /// parse_u4: `k` is at the `u`; on success `k` is at the last hex digit.
    bool parse_u4(std::size_t& k, unsigned& n) {
        if (k + 5 > len)
            return fail(jm_eof_string, len);
        n = 0;
        for (int d = 0; d < 4; ++d) {
            ++k;
            if (!is_hex(data[k]))
                return fail(jm_invalid_escape, k);
            n = (n << 4) | hex_digit(data[k]);
        }
        return true;
    }

    /// parse_escape: `k` is at the `u`; on success `k` is at the last hex digit used.
    bool parse_escape(std::size_t& k, char32_t& cp) {
        unsigned n = 0;
        if (!parse_u4(k, n))
            return false;
        if (n >= 0xDC00 && n <= 0xDFFF)
            return fail(jm_lone_surrogate, k);
        if (n >= 0xD800 && n <= 0xDBFF) {
            if (k + 3 <= len) { // data.get(k+1..k+3) exists
                if (data[k + 1] == '\\' && data[k + 2] == 'u') {
                    std::size_t k2 = k + 2;
                    unsigned n2 = 0;
                    if (!parse_u4(k2, n2))
                        return false;
                    if (n2 < 0xDC00 || n2 > 0xDFFF)
                        return fail(jm_lone_surrogate, k2);
                    cp = static_cast<char32_t>((((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x10000);
                    k = k2;
                    return true;
                }
                if (data[k + 1] == '\\')
                    return fail(jm_end_of_hex_escape, k + 2);
                return fail(jm_end_of_hex_escape, k + 1);
            }
            if (k + 1 >= len || data[k + 1] == '\\')
                return fail(jm_eof_string, len);
            return fail(jm_end_of_hex_escape, k + 1);
        }
        cp = static_cast<char32_t>(n);
        return true;
    }

    /// jiter's `decode_chunk`: moves k to the next `"` or backslash of a string; a control character or
    /// the end of the input is an error; a byte >= 0x80 clears `ascii`. Eight bytes at a time while
    /// none of them is special.
    bool scan_chunk(std::size_t& k, bool& ascii) {
        constexpr std::uint64_t ones = 0x0101010101010101ull;
        constexpr std::uint64_t highs = 0x8080808080808080ull;
        while (k + 8 <= len) {
            std::uint64_t w = 0;
            std::memcpy(&w, data + k, 8);
            const std::uint64_t quote = w ^ (ones * '"');
            const std::uint64_t backslash = w ^ (ones * '\\');
            const std::uint64_t special =
                ((w - ones * 0x20) | (quote - ones) | (backslash - ones)) & ~w & highs;
            if (special == 0 && (w & highs) == 0) {
                k += 8;
                continue;
            }
            break; // something in these 8 bytes: look at them one by one
        }
        for (;; ++k) {
            if (k >= len)
                return fail(jm_eof_string, k);
            const auto c = static_cast<unsigned char>(data[k]);
            if (c == '"' || c == '\\')
                return true;
            if (c < 0x20)
                return fail(jm_control_char, k);
            if (c >= 0x80)
                ascii = false;
        }
    }

    /// A string; data[i] is the opening quote. On success i is past the closing quote.
    bool string(const char*& out, std::uint32_t& out_len) {
        const std::size_t start = i + 1;
        std::size_t k = start;
        bool ascii = true;
        if (!scan_chunk(k, ascii))
            return false;
        if (data[k] == '"') {
            const std::string_view s(data + start, k - start);
            if (!ascii) {
                const auto ok = utf8_valid_up_to(s);
                if (ok != s.size())
                    return fail(jm_invalid_code_point, start + ok + 1);
            }
            out = s.data();
            out_len = static_cast<std::uint32_t>(s.size());
            i = k + 1;
            return true;
        }
        // With escapes: decode into the arena. Decoded text is never longer than its source, so
        // reserving what is left of the input keeps every pointer into the arena valid.
        auto& arena = doc.arena_;
        if (arena.capacity() - arena.size() < len - start)
            arena.reserve(arena.size() + (len - start));
        const std::size_t tape = arena.size();
        arena.insert(arena.end(), data + start, data + k);
        for (;;) {
            // data[k] is a backslash
            ++k;
            if (k >= len)
                return fail(jm_eof_string, k);
            switch (data[k]) {
            case '"':
            case '\\':
            case '/':
                arena.push_back(data[k]);
                break;
            case 'b':
                arena.push_back('\b');
                break;
            case 'f':
                arena.push_back('\f');
                break;
            case 'n':
                arena.push_back('\n');
                break;
            case 'r':
                arena.push_back('\r');
                break;
            case 't':
                arena.push_back('\t');
                break;
            case 'u': {
                char32_t cp = 0;
                if (!parse_escape(k, cp))
                    return false;
                ascii = false;
                char buf[4];
                arena.insert(arena.end(), buf, buf + utf8_encode(cp, buf));
                break;
            }
            default:
                return fail(jm_invalid_escape, k);
            }
            ++k;
            const std::size_t chunk = k;
            if (!scan_chunk(k, ascii))
                return false;
            arena.insert(arena.end(), data + chunk, data + k);
            if (data[k] == '"')
                break;
        }
        const std::string_view s(arena.data() + tape, arena.size() - tape);
        if (!ascii) {
            const auto ok = utf8_valid_up_to(s);
            if (ok != s.size())
                return fail(jm_invalid_code_point, start + ok + 1);
        }
        out = s.data();
        out_len = static_cast<std::uint32_t>(s.size());
        i = k + 1;
        return true;
    }

    static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

    /// The JSON float grammar after the integer digits (NumberRange's consume_decimal / consume_exponential).
    bool float_tail(std::size_t& k) {
        if (data[k] == '.') {
            ++k;
            if (k >= len)
                return fail(jm_eof_value, k);
            if (!is_digit(data[k]))
                return fail(jm_invalid_number, k);
            while (k < len && is_digit(data[k]))
                ++k;
            if (k >= len || (data[k] != 'e' && data[k] != 'E'))
                return true;
        }
        // data[k] is 'e' or 'E'
        ++k;
        if (k >= len)
            return fail(jm_eof_value, k);
        if (data[k] == '+' || data[k] == '-') {
            ++k;
        } else if (!is_digit(data[k])) {
            return fail(jm_invalid_number, k);
        }
        if (k >= len)
            return fail(jm_eof_value, k);
        if (!is_digit(data[k]))
            return fail(jm_invalid_number, k);
        while (k < len && is_digit(data[k]))
            ++k;
        return true;
    }

    /// The double of a JSON number text, correctly rounded; out of range gives +-inf or +-0 as jiter's
    /// float parser does.
    static double to_double(std::string_view t) noexcept {
        double d = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), d);
        if (r.ec == std::errc())
            return d;
        // Out of range: decide overflow or underflow from the decimal exponent of the first significant
        // digit.
        const bool negative = !t.empty() && t.front() == '-';
        std::size_t p = negative ? 1 : 0;
        long long e10 = 0;
        bool seen = false, in_fraction = false;
        long long int_digits = 0, lead_frac_zeros = 0;
        for (; p < t.size() && t[p] != 'e' && t[p] != 'E'; ++p) {
            if (t[p] == '.') {
                in_fraction = true;
                continue;
            }
            if (!in_fraction) {
                if (seen || t[p] != '0') {
                    seen = true;
                    ++int_digits;
                }
            } else if (!seen) {
                if (t[p] == '0')
                    ++lead_frac_zeros;
                else
                    seen = true;
            }
        }
        e10 = int_digits > 0 ? int_digits - 1 : -(lead_frac_zeros + 1);
        long long ex = 0;
        bool ex_negative = false;
        if (p < t.size()) {
            ++p;
            if (p < t.size() && (t[p] == '+' || t[p] == '-'))
                ex_negative = t[p++] == '-';
            for (; p < t.size(); ++p)
                if (ex < 1000000000)
                    ex = ex * 10 + (t[p] - '0');
        }
        e10 += ex_negative ? -ex : ex;
        const double mag = e10 > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -mag : mag;
    }

    /// A number, or a value starting with something else than `t f n " [ {` (jiter's fall-through).
    bool number(int peek) {
        const std::size_t start = i;
        const char first = static_cast<char>(peek);
        if (!(is_digit(first) || first == '-' || first == 'I' || first == 'N'))
            return fail(jm_expected_value, start);
        if (first == 'N') {
            if (!ident("aN"))
                return false;
            const auto n = add_node(json_kind::number);
            doc.nodes_[n].number = std::numeric_limits<double>::quiet_NaN();
            close_node(n);
            return true;
        }
        const bool negative = first == '-';
        std::size_t k = negative ? start + 1 : start;
        if (k >= len)
            return fail(jm_eof_value, k);
        const char c = data[k];
        if (c == 'I') {
            i = k;
            if (!ident("nfinity"))
                return false;
            const auto n = add_node(json_kind::number);
            doc.nodes_[n].number =
                negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
            close_node(n);
            return true;
        }
        bool is_float = false;
        if (c == '0') {
            ++k;
            if (k < len && (data[k] == '.' || data[k] == 'e' || data[k] == 'E'))
                is_float = true;
            else if (k < len && is_digit(data[k]))
                return fail(jm_invalid_number, k);
            if (!is_float) {
                const auto n = add_node(json_kind::integer);
                doc.nodes_[n].integer = 0;
                close_node(n);
                i = k;
                return true;
            }
        } else if (c >= '1' && c <= '9') {
            const std::size_t digits_start = k;
            std::int64_t value = 0;
            while (k < len && is_digit(data[k])) {
                if (k - digits_start < 18)
                    value = value * 10 + (data[k] - '0');
                ++k;
            }
            const std::size_t ndigits = k - digits_start;
            if (ndigits > 18 && k - start > 4300)
                return fail(jm_number_out_of_range, start + 4301);
            if (k < len && (data[k] == '.' || data[k] == 'e' || data[k] == 'E')) {
                is_float = true;
            } else if (ndigits <= 18) {
                const auto n = add_node(json_kind::integer);
                doc.nodes_[n].integer = negative ? -value : value;
                close_node(n);
                i = k;
                return true;
            } else {
                const auto n = add_node(json_kind::big_integer);
                doc.nodes_[n].text = data + start;
                doc.nodes_[n].count = static_cast<std::uint32_t>(k - start);
                close_node(n);
                i = k;
                return true;
            }
        } else {
            return fail(jm_invalid_number, k);
        }
        // is_float: data[k] is '.', 'e' or 'E'
        if (!float_tail(k))
            return false;
        const auto n = add_node(json_kind::number);
        doc.nodes_[n].number = to_double(std::string_view(data + start, k - start));
        close_node(n);
        i = k;
        return true;
    }

    /// A value starting at data[i] == peek. `open`: how many containers enclose it.
    bool value(int peek, std::size_t open) {
        switch (peek) {
        case 't':
        case 'f': {
            if (!ident(peek == 't' ? std::string_view("rue") : std::string_view("alse")))
                return false;
            const auto n = add_node(json_kind::boolean);
            doc.nodes_[n].boolean = peek == 't';
            close_node(n);
            return true;
        }
        case 'n': {
            if (!ident("ull"))
                return false;
            close_node(add_node(json_kind::null));
            return true;
        }
        case '"': {
            const char* p = nullptr;
            std::uint32_t n_len = 0;
            if (!string(p, n_len))
                return false;
            const auto n = add_node(json_kind::string);
            doc.nodes_[n].text = p;
            doc.nodes_[n].count = n_len;
            close_node(n);
            return true;
        }
        case '[':
            return array(open);
        case '{':
            return object(open);
        default:
            return number(peek);
        }
    }

    bool array(std::size_t open) {
        const auto n = add_node(json_kind::array);
        ++i;
        int c = eat_whitespace();
        if (c < 0)
            return fail(jm_eof_list, i);
        if (c == ']') {
            ++i;
            close_node(n);
            return true;
        }
        if (open >= pydantic_json_recursion_limit)
            return fail(jm_recursion_limit, i);
        std::uint32_t count = 0;
        for (;;) {
            if (!value(c, open + 1))
                return false;
            ++count;
            c = eat_whitespace();
            if (c < 0)
                return fail(jm_eof_list, i);
            if (c == ',') {
                ++i;
                c = eat_whitespace();
                if (c < 0)
                    return fail(jm_eof_value, i);
                if (c == ']')
                    return fail(jm_trailing_comma, i);
                continue;
            }
            if (c == ']') {
                ++i;
                break;
            }
            return fail(jm_list_comma_or_end, i);
        }
        doc.nodes_[n].count = count;
        close_node(n);
        return true;
    }

    /// An object key and its colon; data[i] is the key's opening quote.
    bool key() {
        const char* p = nullptr;
        std::uint32_t n_len = 0;
        if (!string(p, n_len))
            return false;
        const auto n = add_node(json_kind::string);
        doc.nodes_[n].text = p;
        doc.nodes_[n].count = n_len;
        close_node(n);
        const int c = eat_whitespace();
        if (c < 0)
            return fail(jm_eof_object, i);
        if (c != ':')
            return fail(jm_expected_colon, i);
        ++i;
        return true;
    }

    bool object(std::size_t open) {
        const auto n = add_node(json_kind::object);
        ++i;
        int c = eat_whitespace();
        if (c < 0)
            return fail(jm_eof_object, i);
        if (c == '}') {
            ++i;
            close_node(n);
            return true;
        }
        if (c != '"')
            return fail(jm_key_must_be_string, i);
        if (!key())
            return false;
        c = eat_whitespace();
        if (c < 0)
            return fail(jm_eof_value, i);
        if (open >= pydantic_json_recursion_limit)
            return fail(jm_recursion_limit, i);
        std::uint32_t count = 0;
        for (;;) {
            if (!value(c, open + 1))
                return false;
            ++count;
            c = eat_whitespace();
            if (c < 0)
                return fail(jm_eof_object, i);
            if (c == ',') {
                ++i;
                c = eat_whitespace();
                if (c == '"') {
                    if (!key())
                        return false;
                    c = eat_whitespace();
                    if (c < 0)
                        return fail(jm_eof_value, i);
                    continue;
                }
                if (c == '}')
                    return fail(jm_trailing_comma, i);
                if (c < 0)
                    return fail(jm_eof_value, i);
                return fail(jm_key_must_be_string, i);
            }
            if (c == '}') {
                ++i;
                break;
            }
            return fail(jm_object_comma_or_end, i);
        }
        doc.nodes_[n].count = count;
        close_node(n);
        return true;
    }

    bool document() {
        int c = eat_whitespace();
        if (c < 0)
            return fail(jm_eof_value, i);
        if (!value(c, 0))
            return false;
        if (eat_whitespace() >= 0)
            return fail(jm_trailing_characters, i);
        return true;
    }
};

struct json_from_value {
    json_document& doc;
    bool too_deep = false;

    const char* own(std::string s) {
        doc.owned_.push_back(std::move(s));
        return doc.owned_.back().data();
    }

    /// `open`: how many containers enclose v (the rule of json_reader::array/object).
    void add(const boost::json::value& v, std::size_t open) {
        if (open >= pydantic_json_recursion_limit &&
            ((v.is_array() && !v.get_array().empty()) || (v.is_object() && !v.get_object().empty()))) {
            too_deep = true;
            doc.nodes_.emplace_back();
            doc.nodes_.back().next = static_cast<std::uint32_t>(doc.nodes_.size());
            return;
        }
        doc.nodes_.emplace_back();
        const auto n = static_cast<std::uint32_t>(doc.nodes_.size() - 1);
        auto node = [&]() -> json_node& { return doc.nodes_[n]; };
        switch (v.kind()) {
        case boost::json::kind::null:
            node().kind = json_kind::null;
            break;
        case boost::json::kind::bool_:
            node().kind = json_kind::boolean;
            node().boolean = v.get_bool();
            break;
        case boost::json::kind::int64: {
            const std::int64_t x = v.get_int64();
            constexpr std::int64_t limit = 1000000000000000000; // 10^18: 19 digits from here
            if (x < limit && x > -limit) {
                node().kind = json_kind::integer;
                node().integer = x;
            } else {
                const std::string s = std::to_string(x);
                node().kind = json_kind::big_integer;
                node().count = static_cast<std::uint32_t>(s.size());
                node().text = own(s);
            }
            break;
        }
        case boost::json::kind::uint64: {
            const std::uint64_t x = v.get_uint64();
            if (x < 1000000000000000000ull) {
                node().kind = json_kind::integer;
                node().integer = static_cast<std::int64_t>(x);
            } else {
                const std::string s = std::to_string(x);
                node().kind = json_kind::big_integer;
                node().count = static_cast<std::uint32_t>(s.size());
                node().text = own(s);
            }
            break;
        }
        case boost::json::kind::double_:
            node().kind = json_kind::number;
            node().number = v.get_double();
            break;
        case boost::json::kind::string:
            node().kind = json_kind::string;
            node().text = v.get_string().data();
            node().count = static_cast<std::uint32_t>(v.get_string().size());
            break;
        case boost::json::kind::array:
            node().kind = json_kind::array;
            node().count = static_cast<std::uint32_t>(v.get_array().size());
            for (const auto& e : v.get_array())
                add(e, open + 1);
            break;
        case boost::json::kind::object:
            node().kind = json_kind::object;
            node().count = static_cast<std::uint32_t>(v.get_object().size());
            for (const auto& kv : v.get_object()) {
                doc.nodes_.emplace_back();
                auto& k = doc.nodes_.back();
                k.kind = json_kind::string;
                k.text = kv.key().data();
                k.count = static_cast<std::uint32_t>(kv.key().size());
                k.next = static_cast<std::uint32_t>(doc.nodes_.size());
                add(kv.value(), open + 1);
            }
            break;
        }
        doc.nodes_[n].next = static_cast<std::uint32_t>(doc.nodes_.size());
    }
};

inline boost::json::value big_integer_value(std::string_view digits) {
    std::int64_t i = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), i);
    if (r.ec == std::errc() && r.ptr == digits.data() + digits.size())
        return boost::json::value(i);
    std::uint64_t u = 0;
    r = std::from_chars(digits.data(), digits.data() + digits.size(), u);
    if (r.ec == std::errc() && r.ptr == digits.data() + digits.size())
        return boost::json::value(u);
    return boost::json::value(json_reader::to_double(digits));
}

} // namespace detail

APIQUERY_DECL result<json_document, json_syntax_error> parse_pydantic_json(std::string_view text) {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max())
        return unexpected{json_syntax_error{"input too large", 0, 1, 0}};
    json_document doc;
    detail::json_reader r(text, doc);
    if (!r.document())
        return unexpected{detail::make_syntax_error(text, r.err_message, r.err_index)};
    return doc;
}

APIQUERY_DECL result<json_document, json_syntax_error> json_document_from_value(const boost::json::value& v) {
    json_document doc;
    detail::json_from_value b{doc};
    b.add(v, 0);
    if (b.too_deep)
        return unexpected{json_syntax_error{detail::jm_recursion_limit, 0, 0, 0}};
    return doc;
}

APIQUERY_DECL boost::json::value to_value(json_view v) {
    switch (v.kind()) {
    case json_kind::null:
        return nullptr;
    case json_kind::boolean:
        return v.get_bool();
    case json_kind::integer:
        return v.get_int();
    case json_kind::big_integer:
        return detail::big_integer_value(v.get_string());
    case json_kind::number:
        return v.get_double();
    case json_kind::string:
        return boost::json::string(v.get_string());
    case json_kind::array: {
        boost::json::array a;
        a.reserve(v.size());
        v.for_each_element([&](json_view e) { a.push_back(to_value(e)); });
        return a;
    }
    case json_kind::object: {
        boost::json::object o;
        o.reserve(v.size());
        v.for_each_member([&](std::string_view k, json_view e) {
            const boost::json::string_view key(k.data(), k.size());
            if (auto* existing = o.if_contains(key))
                *existing = to_value(e);
            else
                o.emplace(key, to_value(e));
        });
        return o;
    }
    }
    return nullptr;
}

APIQUERY_DECL result<boost::json::value, json_syntax_error> parse_json_value(std::string_view text) {
    auto doc = parse_pydantic_json(text);
    if (!doc)
        return unexpected{doc.error()};
    return to_value(doc->root());
}

APIQUERY_DECL validation_error json_invalid_error(std::string_view text, const json_syntax_error& e) {
    validation_error err;
    const std::string d = e.line == 0 ? std::string(e.message) : e.description(); // line 0: a value, no text
    err.type = "json_invalid";
    err.msg = "Invalid JSON: " + d;
    if (e.line == 0)
        err.input = nullptr;
    else
        err.input = boost::json::string(text);
    boost::json::object ctx;
    ctx.emplace("error", d);
    err.ctx = std::move(ctx);
    return err;
}

} // namespace apiquery
