// A reader for the YAML subset of the OASIS ABNF test-case file (odata-abnf-testcases.yaml) and of the
// project's own case files in the same format:
//
//   TestCases:
//     - Name: some text            # plain scalar, may continue on more-indented lines
//       Rule: commonExpr
//       FailAt: 12                 # optional
//       Input: "double-quoted"     # or 'single-quoted' ('' is a quote), or plain
//       Expect:                    # optional block sequence (kept as a list of strings)
//         - collectionNavigationExpr:/Sales.Manager/any()
//       Reason: >-                 # block scalars: > (folded) or | (literal), chomping - or +
//         text on more-indented lines
//
// Other top-level keys (Constraints) are skipped. Scalars follow YAML 1.2 folding: a line break inside a
// scalar becomes a space, n empty lines become n line feeds; double-quoted scalars know the usual
// backslash escapes, including an escaped line break. All values are kept as strings (no typing: `true`
// stays the text "true"). Errors (a shape this reader does not know) throw std::runtime_error with the
// line number, so a change of format fails the test instead of silently dropping cases.
#pragma once

#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/uuid.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::test {

struct yaml_case {
    std::size_t line = 0; ///< line of the `- Name:` item, 1-based
    std::map<std::string, std::string> fields;
    std::vector<std::string> expect;

    const std::string* get(const std::string& key) const {
        auto it = fields.find(key);
        return it == fields.end() ? nullptr : &it->second;
    }
    std::string name() const { return value_or("Name", ""); }
    std::string rule() const { return value_or("Rule", ""); }
    std::string input() const { return value_or("Input", ""); }
    std::optional<std::size_t> fail_at() const {
        const auto* v = get("FailAt");
        if (v == nullptr)
            return std::nullopt;
        return static_cast<std::size_t>(std::stoul(*v));
    }
    std::string value_or(const std::string& key, std::string fallback) const {
        const auto* v = get(key);
        return v ? *v : fallback;
    }
};

namespace yaml_detail {

inline std::size_t indent_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ')
        ++i;
    return i;
}

inline bool blank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// Strips a comment (` #...`) from a plain scalar's line.
inline std::string_view strip_comment(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
            return trim(s.substr(0, i));
    return s;
}

class reader {
public:
    explicit reader(std::vector<std::string> lines) : lines_(std::move(lines)) {}

    std::vector<yaml_case> cases() {
        std::vector<yaml_case> out;
        // Find `TestCases:` at column 0; skip everything else at top level.
        while (pos_ < lines_.size()) {
            std::string_view l = lines_[pos_];
            if (l.rfind("TestCases:", 0) == 0) {
                ++pos_;
                break;
            }
            ++pos_;
        }
        std::size_t item_indent = std::string::npos;
        while (pos_ < lines_.size()) {
            std::string_view l = lines_[pos_];
            if (blank(l) || trim(l).front() == '#') {
                ++pos_;
                continue;
            }
            const auto ind = indent_of(l);
            if (ind == 0)
                break; // next top-level key
            if (l.substr(ind, 2) != "- ")
                fail("expected a `- ` sequence item");
            if (item_indent == std::string::npos)
                item_indent = ind;
            if (ind != item_indent)
                fail("inconsistent indentation of sequence items");
            yaml_case c;
            c.line = pos_ + 1;
            // The item's first key is on the dash line; the following keys are indented to match it.
            const std::size_t key_indent = ind + 2;
            read_key_value(c, key_indent, std::string_view(lines_[pos_]).substr(key_indent));
            while (pos_ < lines_.size()) {
                std::string_view k = lines_[pos_];
                if (blank(k) || trim(k).front() == '#') {
                    ++pos_;
                    continue;
                }
                if (indent_of(k) != key_indent)
                    break;
                read_key_value(c, key_indent, k.substr(key_indent));
            }
            out.push_back(std::move(c));
        }
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("yaml line " + std::to_string(pos_ + 1) + ": " + what);
    }

    // `text` starts at the key; pos_ is the key's line. Consumes the value's lines.
    void read_key_value(yaml_case& c, std::size_t key_indent, std::string_view text) {
        const auto colon = text.find(':');
        if (colon == std::string_view::npos || colon == 0)
            fail("expected `key: value`");
        const std::string key(text.substr(0, colon));
        std::string_view rest = text.substr(colon + 1);
        if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t' && rest.front() != '\r')
            fail("expected a space after the key's colon");
        rest = trim(rest);
        ++pos_;
        if (rest.empty()) {
            // The value starts on the next non-blank line: a block sequence or a scalar.
            std::size_t p = pos_;
            while (p < lines_.size() && blank(lines_[p]))
                ++p;
            if (p < lines_.size() && indent_of(lines_[p]) > key_indent) {
                std::string_view first = lines_[p];
                const auto ind = indent_of(first);
                pos_ = p;
                if (first.substr(ind, 2) == "- " || first.substr(ind) == "-") {
                    read_sequence(c, ind);
                    return;
                }
                c.fields[key] = read_scalar(trim(first), key_indent, true);
                return;
            }
            c.fields[key] = "";
            return;
        }
        // Value on the key's line: read it from there.
        --pos_;
        c.fields[key] = read_scalar(rest, key_indent, false);
    }

    void read_sequence(yaml_case& c, std::size_t ind) {
        while (pos_ < lines_.size()) {
            std::string_view l = lines_[pos_];
            if (blank(l)) {
                ++pos_;
                continue;
            }
            if (indent_of(l) != ind || l.substr(ind, 1) != "-")
                break;
            c.expect.emplace_back(strip_comment(trim(l.substr(ind + 1))));
            ++pos_;
        }
    }

    // `first` is the scalar's first line (trimmed), at lines_[pos_]. Continuation lines must be
    // indented more than `key_indent`. On return pos_ is past the scalar.
    std::string read_scalar(std::string_view first, std::size_t key_indent, bool /*own_line*/) {
        if (first.front() == '"')
            return read_quoted(first, '"');
        if (first.front() == '\'')
            return read_quoted(first, '\'');
        if (first.front() == '|' || first.front() == '>')
            return read_block(first, key_indent);
        if (first.front() == '[' || first.front() == '{' || first.front() == '&' || first.front() == '*' ||
            first.front() == '!')
            fail("unsupported YAML scalar style");
        // Plain scalar: fold continuation lines.
        std::string out(strip_comment(first));
        ++pos_;
        std::size_t empty_lines = 0;
        while (pos_ < lines_.size()) {
            std::string_view l = lines_[pos_];
            if (blank(l)) {
                ++empty_lines;
                ++pos_;
                continue;
            }
            if (indent_of(l) <= key_indent)
                break;
            std::string_view t = trim(l);
            if (t.front() == '#')
                break;
            if (empty_lines == 0)
                out.push_back(' ');
            else
                out.append(empty_lines, '\n');
            empty_lines = 0;
            out.append(strip_comment(t));
            ++pos_;
        }
        // Trailing empty lines belong to no scalar: give them back.
        return out;
    }

    // A block scalar: `|` (literal) or `>` (folded), with chomping `-` (strip), `+` (keep) or none
    // (clip: one final line feed). The content lines are those indented more than `key_indent`.
    std::string read_block(std::string_view header, std::size_t key_indent) {
        const bool folded = header.front() == '>';
        char chomp = ' ';
        for (char ch : strip_comment(header.substr(1))) {
            if (ch == '-' || ch == '+')
                chomp = ch;
            else
                fail("unsupported block scalar header");
        }
        ++pos_;
        std::vector<std::string_view> body;
        std::size_t indent = std::string::npos;
        while (pos_ < lines_.size()) {
            std::string_view l = lines_[pos_];
            if (blank(l)) {
                body.push_back({});
                ++pos_;
                continue;
            }
            const auto ind = indent_of(l);
            if (ind <= key_indent)
                break;
            if (indent == std::string::npos)
                indent = ind;
            if (ind < indent)
                fail("block scalar line indented less than its first line");
            body.push_back(l.substr(indent));
            ++pos_;
        }
        std::size_t trailing = 0;
        while (!body.empty() && body.back().empty()) {
            body.pop_back();
            ++trailing;
        }
        std::string out;
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (i > 0) {
                const bool join = folded && !body[i].empty() && !body[i - 1].empty() &&
                                  body[i].front() != ' ' && body[i - 1].front() != ' ';
                if (join)
                    out.push_back(' ');
                else if (!(folded && !body[i - 1].empty() && body[i].empty()))
                    out.push_back('\n');
            }
            out.append(body[i]);
        }
        if (chomp != '-' && !body.empty())
            out.push_back('\n');
        if (chomp == '+')
            out.append(trailing, '\n');
        return out;
    }

    // A quoted scalar starting at `first` (which begins with the quote) on line pos_.
    std::string read_quoted(std::string_view first, char quote) {
        std::string out;
        std::string_view cur = first.substr(1);
        bool continued = false; // the previous line ended with an escaped line break
        for (;;) {
            std::size_t i = 0;
            std::size_t trailing_ws_start = std::string::npos; // unescaped whitespace run at line end
            while (i < cur.size()) {
                const char ch = cur[i];
                if (ch == quote) {
                    if (quote == '\'' && i + 1 < cur.size() && cur[i + 1] == '\'') {
                        out.push_back('\'');
                        i += 2;
                        trailing_ws_start = std::string::npos;
                        continue;
                    }
                    // End of the scalar; the rest of the line must be blank or a comment.
                    std::string_view after = trim(cur.substr(i + 1));
                    if (!after.empty() && after.front() != '#')
                        fail("text after a closing quote");
                    ++pos_;
                    return out;
                }
                if (quote == '"' && ch == '\\') {
                    if (i + 1 >= cur.size() || (i + 2 == cur.size() && cur[i + 1] == '\r')) {
                        continued = true; // escaped line break
                        i = cur.size();
                        trailing_ws_start = std::string::npos;
                        break;
                    }
                    i = escape(out, cur, i + 1);
                    trailing_ws_start = std::string::npos;
                    continue;
                }
                if (ch == ' ' || ch == '\t' || ch == '\r') {
                    if (trailing_ws_start == std::string::npos)
                        trailing_ws_start = out.size();
                } else {
                    trailing_ws_start = std::string::npos;
                }
                out.push_back(ch);
                ++i;
            }
            // Line break inside the quotes.
            if (!continued && trailing_ws_start != std::string::npos)
                out.resize(trailing_ws_start); // trailing white space before a line break is dropped
            ++pos_;
            std::size_t empty_lines = 0;
            while (pos_ < lines_.size() && blank(lines_[pos_])) {
                ++empty_lines;
                ++pos_;
            }
            if (pos_ >= lines_.size())
                fail("unterminated quoted scalar");
            if (continued) {
                out.append(empty_lines, '\n');
            } else if (empty_lines == 0) {
                out.push_back(' ');
            } else {
                out.append(empty_lines, '\n');
            }
            continued = false;
            std::string_view next = lines_[pos_];
            std::size_t s = 0;
            while (s < next.size() && (next[s] == ' ' || next[s] == '\t'))
                ++s;
            cur = next.substr(s);
        }
    }

    // Handles the escape whose letter is at cur[i]; returns the index after it.
    std::size_t escape(std::string& out, std::string_view cur, std::size_t i) {
        const char e = cur[i];
        auto hex = [&](std::size_t digits) {
            if (i + digits >= cur.size())
                fail("short \\x/\\u escape");
            char32_t v = 0;
            for (std::size_t k = 1; k <= digits; ++k) {
                const int h = apiquery::detail::hex_value(cur[i + k]);
                if (h < 0)
                    fail("bad hex digit in escape");
                v = (v << 4) | static_cast<char32_t>(h);
            }
            apiquery::detail::utf8_append(out, v);
            return i + 1 + digits;
        };
        switch (e) {
        case '0':
            out.push_back('\0');
            break;
        case 'a':
            out.push_back('\a');
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 't':
        case '\t':
            out.push_back('\t');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'v':
            out.push_back('\v');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 'e':
            out.push_back('\x1b');
            break;
        case ' ':
            out.push_back(' ');
            break;
        case '"':
            out.push_back('"');
            break;
        case '/':
            out.push_back('/');
            break;
        case '\\':
            out.push_back('\\');
            break;
        case 'N':
            apiquery::detail::utf8_append(out, U'\x85');
            break;
        case '_':
            apiquery::detail::utf8_append(out, 0xA0);
            break;
        case 'L':
            apiquery::detail::utf8_append(out, 0x2028);
            break;
        case 'P':
            apiquery::detail::utf8_append(out, 0x2029);
            break;
        case 'x':
            return hex(2);
        case 'u':
            return hex(4);
        case 'U':
            return hex(8);
        default:
            fail(std::string("unknown escape \\") + e);
        }
        return i + 1;
    }

    std::vector<std::string> lines_;
    std::size_t pos_ = 0;
};

} // namespace yaml_detail

/// Parses the text of a case file.
inline std::vector<yaml_case> parse_yaml_cases(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < text.size())
                lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return yaml_detail::reader(std::move(lines)).cases();
}

/// Reads and parses a case file; throws std::runtime_error when it cannot be read.
inline std::vector<yaml_case> read_yaml_cases(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_yaml_cases(ss.str());
}

} // namespace apiquery::test
