// apiquery (internal): the regular expressions of `matchesPattern` (ECMAScript syntax), matched on Unicode
// code points by a Pike VM: linear in the input, no recursion while matching, no exceptions.
//
// Supported: literals, `.`, classes `[a-z]` `[^...]`, escapes `\d \D \w \W \s \S \b \B \t \n \v \f \r \0
// \cX \xHH \uHHHH` and identity escapes, anchors `^ $` (whole input), groups `(...)` `(?:...)`,
// alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (lazy `?` suffix accepted: a yes/no search does not
// depend on greediness). Not supported (compile error): backreferences, lookaround, named groups, flags.
#pragma once

#include <apiquery/value/detail/utf8.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::detail {

class ecma_regex {
public:
    /// Compiles `pattern` (UTF-8); nullopt with `error` set when it is not a supported pattern.
    static std::optional<ecma_regex> compile(std::string_view pattern, std::string& error) {
        ecma_regex re;
        parser p{re, {}, 0, {}, 0, {}};
        for (std::size_t i = 0; i < pattern.size();) {
            const auto st = utf8_decode(pattern, i);
            p.text.push_back(st.code_point);
            i += st.size;
        }
        const int root = p.alternation();
        if (p.error.empty() && p.pos != p.text.size())
            p.error = "unmatched ')'";
        if (p.error.empty()) {
            re.emit(p, root);
            re.code_.push_back({op::match});
            if (re.code_.size() > max_program)
                p.error = "pattern too large";
        }
        if (!p.error.empty()) {
            error = p.error;
            return std::nullopt;
        }
        return re;
    }

    /// True when the pattern matches somewhere in `s` (ECMAScript `RegExp.prototype.test`).
    bool search(std::string_view s) const {
        std::vector<char32_t> in;
        in.reserve(s.size());
        for (std::size_t i = 0; i < s.size();) {
            const auto st = utf8_decode(s, i);
            in.push_back(st.code_point);
            i += st.size;
        }
        const std::size_t m = code_.size();
        std::vector<std::uint32_t> cur, next, mark(m, 0xFFFFFFFFu), stack;
        std::uint32_t gen = 0;
        for (std::size_t pos = 0;; ++pos) {
            // a new thread at every position (unanchored search), then the threads carried over
            if (add(cur, mark, gen, stack, 0, in, pos))
                return true;
            if (pos == in.size())
                return false;
            ++gen;
            next.clear();
            for (std::uint32_t pc : cur) {
                const inst& k = code_[pc];
                if (k.o == op::set && classes_[k.x].contains(in[pos]) &&
                    add(next, mark, gen, stack, pc + 1, in, pos + 1))
                    return true;
            }
            std::swap(cur, next);
            // `mark` keeps generation gen for the threads now in cur; the next add() continues it
        }
    }

private:
    static constexpr std::size_t max_program = 20000;
    static constexpr std::size_t max_depth = 100;

    enum class op : std::uint8_t { set, split, jump, bol, eol, word, not_word, match };
    struct inst {
        op o;
        std::uint32_t x = 0, y = 0;
    };
    struct char_class {
        std::vector<std::pair<char32_t, char32_t>> ranges;
        bool negated = false;
        bool contains(char32_t c) const {
            bool in = false;
            for (const auto& [lo, hi] : ranges)
                if (c >= lo && c <= hi) {
                    in = true;
                    break;
                }
            return in != negated;
        }
    };
    enum class kind : std::uint8_t { empty, set, bol, eol, word, not_word, cat, alt, repeat };
    struct node {
        node(kind kk) : k(kk) {} // NOLINT: implicit, so add({kind::bol}) reads well
        kind k;
        std::uint32_t cls = 0;
        std::vector<int> kids;
        int min = 0, max = -1; ///< repeat: max -1 is unbounded
    };

    static bool is_word(char32_t c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /// Follows the empty transitions from pc at pos into `list`; true when a match is reached.
    bool add(std::vector<std::uint32_t>& list, std::vector<std::uint32_t>& mark, std::uint32_t gen,
             std::vector<std::uint32_t>& stack, std::uint32_t start, const std::vector<char32_t>& in,
             std::size_t pos) const {
        stack.clear();
        stack.push_back(start);
        while (!stack.empty()) {
            const std::uint32_t pc = stack.back();
            stack.pop_back();
            if (mark[pc] == gen)
                continue;
            mark[pc] = gen;
            const inst& k = code_[pc];
            switch (k.o) {
            case op::set:
                list.push_back(pc);
                break;
            case op::split:
                stack.push_back(k.y);
                stack.push_back(k.x);
                break;
            case op::jump:
                stack.push_back(k.x);
                break;
            case op::bol:
                if (pos == 0)
                    stack.push_back(pc + 1);
                break;
            case op::eol:
                if (pos == in.size())
                    stack.push_back(pc + 1);
                break;
            case op::word:
            case op::not_word: {
                const bool before = pos > 0 && is_word(in[pos - 1]);
                const bool after = pos < in.size() && is_word(in[pos]);
                if ((before != after) == (k.o == op::word))
                    stack.push_back(pc + 1);
                break;
            }
            case op::match:
                return true;
            }
        }
        return false;
    }

    struct parser {
        ecma_regex& re;
        std::vector<char32_t> text;
        std::size_t pos;
        std::string error;
        std::size_t depth;
        std::vector<node> nodes;

        bool at_end() const { return pos >= text.size(); }
        char32_t peek() const { return text[pos]; }
        int add(node n) {
            nodes.push_back(std::move(n));
            return static_cast<int>(nodes.size() - 1);
        }
        int fail(std::string message) {
            if (error.empty())
                error = std::move(message);
            return add({kind::empty});
        }
        int set(char_class c) {
            re.classes_.push_back(std::move(c));
            node n{kind::set};
            n.cls = static_cast<std::uint32_t>(re.classes_.size() - 1);
            return add(std::move(n));
        }

        int alternation() {
            if (++depth > max_depth)
                return fail("pattern nested too deeply");
            node alt{kind::alt};
            alt.kids.push_back(sequence());
            while (error.empty() && !at_end() && peek() == '|') {
                ++pos;
                alt.kids.push_back(sequence());
            }
            --depth;
            return alt.kids.size() == 1 ? alt.kids[0] : add(std::move(alt));
        }

        int sequence() {
            node cat{kind::cat};
            while (error.empty() && !at_end() && peek() != '|' && peek() != ')')
                cat.kids.push_back(quantified());
            return add(std::move(cat));
        }

        bool read_int(int& out) {
            const std::size_t start = pos;
            long v = 0;
            while (!at_end() && peek() >= '0' && peek() <= '9') {
                v = v * 10 + static_cast<long>(peek() - '0');
                if (v > 1000)
                    v = 1001;
                ++pos;
            }
            out = static_cast<int>(v);
            return pos > start;
        }

        /// `{n}`, `{n,}`, `{n,m}` at pos; false (pos unchanged) when it is not one (then `{` is a literal).
        bool brace(int& lo, int& hi) {
            const std::size_t save = pos;
            ++pos;
            if (!read_int(lo)) {
                pos = save;
                return false;
            }
            hi = lo;
            if (!at_end() && peek() == ',') {
                ++pos;
                if (!read_int(hi))
                    hi = -1;
            }
            if (at_end() || peek() != '}') {
                pos = save;
                return false;
            }
            ++pos;
            return true;
        }

        int quantified() {
            int a = atom();
            while (error.empty() && !at_end()) {
                int lo = 0, hi = -1;
                const char32_t c = peek();
                if (c == '*') {
                    ++pos;
                } else if (c == '+') {
                    lo = 1;
                    ++pos;
                } else if (c == '?') {
                    hi = 1;
                    ++pos;
                } else if (c == '{' && brace(lo, hi)) {
                    if (lo > 1000 || hi > 1000 || (hi >= 0 && hi < lo))
                        return fail("bad repetition count");
                } else {
                    break;
                }
                if (!at_end() && peek() == '?')
                    ++pos; // lazy: the same answer for a search
                const kind ak = nodes[static_cast<std::size_t>(a)].k;
                if (ak == kind::bol || ak == kind::eol || ak == kind::word || ak == kind::not_word)
                    return fail("nothing to repeat");
                node r{kind::repeat};
                r.kids.push_back(a);
                r.min = lo;
                r.max = hi;
                a = add(std::move(r));
            }
            return a;
        }

        static void add_digit(char_class& c) { c.ranges.push_back({'0', '9'}); }
        static void add_word(char_class& c) {
            c.ranges.insert(c.ranges.end(), {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}});
        }
        static void add_space(char_class& c) {
            c.ranges.insert(c.ranges.end(), {{0x09, 0x0D},
                                             {0x20, 0x20},
                                             {0xA0, 0xA0},
                                             {0x1680, 0x1680},
                                             {0x2000, 0x200A},
                                             {0x2028, 0x2029},
                                             {0x202F, 0x202F},
                                             {0x205F, 0x205F},
                                             {0x3000, 0x3000},
                                             {0xFEFF, 0xFEFF}});
        }
        /// The complement of a class's ranges (for \D \W \S inside brackets).
        static std::vector<std::pair<char32_t, char32_t>> complement(const char_class& c) {
            auto r = c.ranges;
            std::sort(r.begin(), r.end());
            std::vector<std::pair<char32_t, char32_t>> out;
            char32_t next = 0;
            for (const auto& [lo, hi] : r) {
                if (lo > next)
                    out.push_back({next, lo - 1});
                if (hi + 1 > next)
                    next = hi + 1;
            }
            if (next <= 0x10FFFF)
                out.push_back({next, 0x10FFFF});
            return out;
        }

        std::optional<char32_t> hex(std::size_t digits) {
            if (pos + digits > text.size())
                return std::nullopt;
            char32_t v = 0;
            for (std::size_t k = 0; k < digits; ++k) {
                const char32_t c = text[pos + k];
                int d = c >= '0' && c <= '9'   ? static_cast<int>(c - '0')
                        : c >= 'a' && c <= 'f' ? static_cast<int>(c - 'a' + 10)
                        : c >= 'A' && c <= 'F' ? static_cast<int>(c - 'A' + 10)
                                               : -1;
                if (d < 0)
                    return std::nullopt;
                v = v * 16 + static_cast<char32_t>(d);
            }
            pos += digits;
            return v;
        }

        /// An escape after `\` (pos at the escaped character). Class escapes fill `cls` and return
        /// nullopt; others return the character. `in_class`: `\b` is a backspace.
        std::optional<char32_t> escape(char_class& cls, bool in_class, bool& is_class) {
            is_class = false;
            if (at_end()) {
                error = "'\\' at the end of the pattern";
                return std::nullopt;
            }
            const char32_t c = text[pos++];
            switch (c) {
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S': {
                char_class k;
                if (c == 'd' || c == 'D')
                    add_digit(k);
                else if (c == 'w' || c == 'W')
                    add_word(k);
                else
                    add_space(k);
                if (c == 'D' || c == 'W' || c == 'S')
                    k.ranges = complement(k);
                cls.ranges.insert(cls.ranges.end(), k.ranges.begin(), k.ranges.end());
                is_class = true;
                return std::nullopt;
            }
            case 't':
                return U'\t';
            case 'n':
                return U'\n';
            case 'v':
                return U'\v';
            case 'f':
                return U'\f';
            case 'r':
                return U'\r';
            case 'b':
                return in_class ? std::optional<char32_t>(U'\b') : std::nullopt;
            case '0':
                if (!at_end() && peek() >= '0' && peek() <= '9') {
                    error = "backreferences are not supported";
                    return std::nullopt;
                }
                return U'\0';
            case 'c':
                if (!at_end() && ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z')))
                    return static_cast<char32_t>(text[pos++] % 32);
                --pos;
                return U'\\';
            case 'x':
                if (auto v = hex(2))
                    return v;
                return U'x';
            case 'u':
                if (auto v = hex(4))
                    return v;
                return U'u';
            default:
                if (c >= '1' && c <= '9') {
                    error = "backreferences are not supported";
                    return std::nullopt;
                }
                return c; // identity escape
            }
        }

        int bracket() {
            ++pos; // '['
            char_class cls;
            if (!at_end() && peek() == '^') {
                cls.negated = true;
                ++pos;
            }
            while (error.empty()) {
                if (at_end())
                    return fail("missing ']'");
                if (peek() == ']') {
                    ++pos;
                    break;
                }
                bool is_class = false;
                std::optional<char32_t> lo;
                if (peek() == '\\') {
                    ++pos;
                    lo = escape(cls, true, is_class);
                } else {
                    lo = text[pos++];
                }
                if (is_class || !lo)
                    continue;
                if (pos + 1 < text.size() && peek() == '-' && text[pos + 1] != ']') {
                    ++pos;
                    std::optional<char32_t> hi;
                    bool hi_class = false;
                    if (peek() == '\\') {
                        ++pos;
                        char_class scratch;
                        hi = escape(scratch, true, hi_class);
                    } else {
                        hi = text[pos++];
                    }
                    if (hi_class || !hi)
                        return fail("bad character range");
                    if (*hi < *lo)
                        return fail("character range out of order");
                    cls.ranges.push_back({*lo, *hi});
                } else {
                    cls.ranges.push_back({*lo, *lo});
                }
            }
            return set(std::move(cls));
        }

        int atom() {
            const char32_t c = peek();
            switch (c) {
            case '(': {
                ++pos;
                if (!at_end() && peek() == '?') {
                    if (pos + 1 < text.size() && text[pos + 1] == ':')
                        pos += 2;
                    else
                        return fail("lookaround and named groups are not supported");
                }
                const int inner = alternation();
                if (at_end() || peek() != ')')
                    return fail("missing ')'");
                ++pos;
                return inner;
            }
            case '[':
                return bracket();
            case '.': {
                ++pos;
                char_class any;
                any.negated = true;
                any.ranges = {{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}};
                return set(std::move(any));
            }
            case '^':
                ++pos;
                return add({kind::bol});
            case '$':
                ++pos;
                return add({kind::eol});
            case '*':
            case '+':
            case '?':
                return fail("nothing to repeat");
            case '\\': {
                ++pos;
                if (!at_end() && (peek() == 'b' || peek() == 'B')) {
                    const bool w = peek() == 'b';
                    ++pos;
                    return add({w ? kind::word : kind::not_word});
                }
                char_class cls;
                bool is_class = false;
                const auto ch = escape(cls, false, is_class);
                if (is_class)
                    return set(std::move(cls));
                if (!ch)
                    return fail(error.empty() ? "bad escape" : error);
                char_class one;
                one.ranges = {{*ch, *ch}};
                return set(std::move(one));
            }
            default: {
                ++pos;
                char_class one;
                one.ranges = {{c, c}};
                return set(std::move(one));
            }
            }
        }
    };

    std::uint32_t here() const { return static_cast<std::uint32_t>(code_.size()); }

    void emit(const parser& p, int id) {
        if (code_.size() > max_program)
            return;
        const node& n = p.nodes[static_cast<std::size_t>(id)];
        switch (n.k) {
        case kind::empty:
            break;
        case kind::set:
            code_.push_back({op::set, n.cls, 0});
            break;
        case kind::bol:
            code_.push_back({op::bol});
            break;
        case kind::eol:
            code_.push_back({op::eol});
            break;
        case kind::word:
            code_.push_back({op::word});
            break;
        case kind::not_word:
            code_.push_back({op::not_word});
            break;
        case kind::cat:
            for (int k : n.kids)
                emit(p, k);
            break;
        case kind::alt: {
            std::vector<std::uint32_t> jumps;
            for (std::size_t i = 0; i < n.kids.size(); ++i) {
                if (i + 1 < n.kids.size()) {
                    const std::uint32_t split = here();
                    code_.push_back({op::split, split + 1, 0});
                    emit(p, n.kids[i]);
                    jumps.push_back(here());
                    code_.push_back({op::jump});
                    code_[split].y = here();
                } else {
                    emit(p, n.kids[i]);
                }
            }
            for (auto j : jumps)
                code_[j].x = here();
            break;
        }
        case kind::repeat: {
            for (int k = 0; k < n.min && code_.size() <= max_program; ++k)
                emit(p, n.kids[0]);
            if (n.max < 0) {
                const std::uint32_t split = here();
                code_.push_back({op::split, split + 1, 0});
                emit(p, n.kids[0]);
                code_.push_back({op::jump, split, 0});
                code_[split].y = here();
            } else {
                std::vector<std::uint32_t> splits;
                for (int k = n.min; k < n.max && code_.size() <= max_program; ++k) {
                    splits.push_back(here());
                    code_.push_back({op::split, here() + 1, 0});
                    emit(p, n.kids[0]);
                }
                for (auto s : splits)
                    code_[s].y = here();
            }
            break;
        }
        }
    }

    std::vector<inst> code_;
    std::vector<char_class> classes_;
};

} // namespace apiquery::detail
