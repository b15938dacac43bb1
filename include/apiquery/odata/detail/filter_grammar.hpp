// apiquery: the PEGTL grammar of OData 4.01 `$filter` expressions (internal).
//
// The rules follow the OData ABNF (`boolCommonExpr` / `commonExpr` and the literal rules) with the
// operator precedence of URL conventions §5.1.1.15, highest first:
//   grouping  `( )`                                   paren_expr
//   primary   member path `/`, `has`, `in`, calls     atom; `has`, `in` in expr
//   unary     `-`, `not`, (`cast` is a call)          expr (prefix operators)
//   multiplicative  `mul div divby mod`               expr
//   additive  `add sub`                               expr
//   relational `gt ge lt le` (`isof` is a call)       expr
//   equality  `eq ne`                                 expr
//   `and`                                             expr (n-ary)
//   `or`                                              expr (n-ary)
// The operators are read by one rule, expr: after each operand it reads the white space and the next
// operator keyword once (a table of the binary operators and their levels), and the actions fold by
// precedence on a stack (precedence climbing, shunting-yard style), so no left recursion and no
// rule per level that would re-read the same white space and keywords. Names are scanned once by
// `name_atom`, which dispatches on the character after them. Every alternative of a `sor` starts with
// a short distinguishing prefix and commits after it (if_must, or the depth-guarded `nested`), so
// nothing deep is parsed twice: the only places that can give back already-built nodes are wrapped in
// `attempt` (the literal list right of `in`, and the one-argument form of cast/isof), and what they
// re-read is one literal or one name.
//
// Errors: a rule that is the target of a must<> names its error in `error_message`; the control
// (filter_errors.hpp) checks that at compile time; expr takes its messages from its operator table.
// Hard limits: `nested` (parentheses, function calls, lambdas) and expr's prefix operators (`not`,
// unary minus) count nesting depth against the state's max_depth; the
// identifier rule stops at 128 characters as the ABNF does.
//
// The input is the percent-decoded filter text: whitespace is SP or HTAB (the ABNF's `%20` / `%09`
// forms are what these decode from).
#pragma once

#include <apiquery/odata/detail/filter_errors.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/odata/filter_error.hpp>
#include <apiquery/value/detail/unicode_identifier.hpp>
#include <apiquery/value/detail/utf8.hpp>

#include <tao/pegtl/apply_mode.hpp>
#include <tao/pegtl/ascii.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>
#include <tao/pegtl/nothing.hpp>
#include <tao/pegtl/rewind_mode.hpp>
#include <tao/pegtl/rules.hpp>
#include <tao/pegtl/type_list.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace apiquery::detail {

/// A string usable as a template argument (C++20 class NTTP): the keyword helper's spelling and the
/// compile-time error messages. Replaces TAO_PEGTL_KEYWORD (faster to compile: one template per keyword, not one per character).
template <std::size_t N>
struct fixed_string {
    char value[N]{};

    constexpr fixed_string() noexcept = default;
    constexpr fixed_string(const char (&s)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i)
            value[i] = s[i];
    }
    static constexpr std::size_t length = N - 1;
    constexpr std::string_view view() const noexcept { return {value, N - 1}; }
};

template <std::size_t A, std::size_t B>
constexpr fixed_string<A + B - 1> operator+(const fixed_string<A>& a, const fixed_string<B>& b) noexcept {
    fixed_string<A + B - 1> r;
    for (std::size_t i = 0; i + 1 < A; ++i)
        r.value[i] = a.value[i];
    for (std::size_t i = 0; i < B; ++i)
        r.value[A - 1 + i] = b.value[i];
    return r;
}

constexpr bool is_ident_first(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_ident_char(char c) noexcept {
    return is_ident_first(c) || (c >= '0' && c <= '9');
}

/// The size in bytes of the non-ASCII identifier character at p (`avail` bytes readable, p[0] >= 0x80),
/// or 0: a character of the categories the ABNF's note allows (L, Nl first; also Nd, Mn, Mc, Pc, Cf
/// after that). Out of line: the common ASCII case is tested inline by the callers.
[[gnu::noinline]] inline std::size_t non_ascii_identifier_char_size(const char* p, std::size_t avail,
                                                                    bool first) noexcept {
    const auto st = utf8_decode(std::string_view(p, avail < 4 ? avail : 4), 0);
    if (!st.valid)
        return 0;
    const int role = identifier_role(st.code_point);
    return role == 2 || (role == 1 && !first) ? st.size : 0;
}

/// The size in bytes of the identifier character at p (`avail` bytes readable), or 0 when there is
/// none: ASCII letters, `_` (and digits unless `first`), or a non-ASCII identifier character.
inline std::size_t identifier_char_size(const char* p, std::size_t avail, bool first) noexcept {
    if (avail == 0)
        return 0;
    if (static_cast<unsigned char>(p[0]) < 0x80)
        return (first ? is_ident_first(p[0]) : is_ident_char(p[0])) ? 1 : 0;
    return non_ascii_identifier_char_size(p, avail, first);
}

/// The longest odataIdentifier: `identifierLeadingCharacter *127identifierCharacter`.
inline constexpr std::size_t max_identifier_length = 128;

namespace filter_rules {

namespace pegtl = tao::pegtl;

/// What the grammar's own custom rules need from the parser state: the dialect, the depth counter,
/// and save/restore for `attempt`. The action state (filter_actions.hpp) extends it; a grammar-only
/// run (benchmarks, analysis) can use it as it is.
struct grammar_state {
    bool strict = false;        ///< parse_options::odata_4_0_strict
    std::size_t max_depth = 64; ///< parse_options::max_depth, clamped to the ceiling
    std::size_t depth = 0;

    struct checkpoint {};
    checkpoint save() const noexcept { return {}; }
    void restore(const checkpoint&) noexcept {}
};

// ---------------------------------------------------------------------------------------------------
// Custom rules

/// How a keyword compares: as the dialect says (case-insensitive in 4.01, exact in 4.0 strict mode),
/// always exactly (`null`, `$it`, `INF`: `%s"..."` in the ABNF), or always case-insensitively
/// (`true`/`false`, whose ABNF strings are case-insensitive in 4.0 too).
enum class kw_case { dialect, sensitive, insensitive };

/// A keyword: the characters of S, then no identifier character (so `order` is not `or` + `der`).
/// Value Type: none. Example: keyword<"and"> matches `and`, `AND` (4.01), not `andy`.
template <fixed_string S, kw_case C = kw_case::dialect>
struct keyword {
    using rule_t = keyword;
    using subs_t = pegtl::type_list<>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) noexcept {
        constexpr std::size_t n = S.length;
        const std::size_t avail = in.size(n + 1);
        if (avail < n)
            return false;
        const char* p = in.current();
        const bool exact = C == kw_case::sensitive || (C == kw_case::dialect && st.strict);
        for (std::size_t i = 0; i < n; ++i) {
            const char c = p[i];
            if (exact ? c != S.value[i] : ascii_lower(c) != ascii_lower(S.value[i]))
                return false;
        }
        if (avail > n && identifier_char_size(p + n, in.size(n + 4) - n, false) != 0)
            return false;
        in.bump_in_this_line(n);
        return true;
    }
};

/// odataIdentifier: `identifierLeadingCharacter *127identifierCharacter`, the leading character
/// ALPHA / "_" or a Unicode letter (L, Nl), the others also DIGIT or Nd, Mn, Mc, Pc, Cf (the ABNF's
/// note). A 129th character is an error (the ABNF cannot match such a name, and nothing else can
/// start there). Value Type: none. Example: `Name`, `_x1`, `Straße`.
struct identifier {
    using rule_t = identifier;
    using subs_t = pegtl::type_list<>;

    /// The byte length of the identifier at p (0 when none starts there); fails at a 129th character.
    /// `base` is the start of the input, for the error offset.
    static std::size_t scan(const char* p, std::size_t avail, const char* base) {
        std::size_t bytes = identifier_char_size(p, avail, true);
        if (bytes == 0)
            return 0;
        for (std::size_t chars = 1;; ++chars) {
            std::size_t next = 0;
            if (bytes < avail) {
                const char c = p[bytes];
                next = static_cast<unsigned char>(c) < 0x80
                           ? (is_ident_char(c) ? 1 : 0)
                           : non_ascii_identifier_char_size(p + bytes, avail - bytes, false);
            }
            if (next == 0)
                return bytes;
            if (chars == max_identifier_length)
                fail_at(filter_errc::syntax, static_cast<std::size_t>(p - base) + bytes,
                        "an identifier has at most 128 characters");
            bytes += next;
        }
    }

    /// A dotted name's byte length and number of parts (returned by value: no addressable locals on
    /// the recursive path).
    struct dotted {
        std::size_t end;
        std::size_t parts;
    };
    /// `identifier *( "." identifier )` at p.
    static dotted scan_dotted(const char* p, std::size_t avail, const char* base) {
        std::size_t end = scan(p, avail, base);
        std::size_t parts = end == 0 ? 0 : 1;
        while (end != 0 && end + 1 < avail && p[end] == '.') {
            const std::size_t n = scan(p + end + 1, avail - end - 1, base);
            if (n == 0)
                break;
            end += 1 + n;
            ++parts;
        }
        return {end, parts};
    }

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        const std::size_t bytes = scan(in.current(), in.size(4 * (max_identifier_length + 1)), in.begin());
        in.bump_in_this_line(bytes);
        return bytes != 0;
    }
};

/// A single-quoted text with `''` standing for one quote: the stringLiteral of the ABNF, also used
/// for the bodies of `duration'...'`. An unclosed quote is an error at the opening quote.
/// Value Type: none (the action unescapes). Example: `'O''Neil'`.
template <fixed_string Unterminated>
struct quoted {
    using rule_t = quoted;
    using subs_t = pegtl::type_list<>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        const char* start = in.current();
        const char* end = in.end();
        if (start == end || *start != '\'')
            return false;
        const char* p = start + 1;
        for (;;) {
            const void* q = std::memchr(p, '\'', static_cast<std::size_t>(end - p));
            if (q == nullptr)
                fail_at(filter_errc::syntax, static_cast<std::size_t>(start - in.begin()),
                        Unterminated.value);
            p = static_cast<const char*>(q) + 1;
            if (p == end || *p != '\'')
                break;
            ++p; // '' is an escaped quote
        }
        in.bump(static_cast<std::size_t>(p - start));
        return true;
    }
};

[[noreturn, gnu::noinline, gnu::cold]] inline void fail_depth(std::size_t position, std::size_t max_depth) {
    fail_at(filter_errc::depth_limit, position,
            "nesting depth limit " + std::to_string(max_depth) + " exceeded");
}

/// `Prefix` then `Rest...`, committed after Prefix (like if_must), one nesting level deeper: at
/// the state's max_depth it fails with depth_limit at the start of Prefix. The one recursion
/// entry of the grammar: parentheses, `not`, unary minus, function calls and lambdas use it.
template <typename Prefix, typename... Rest>
struct nested {
    using rule_t = nested;
    using subs_t = pegtl::type_list<Prefix, pegtl::must<Rest...>>;

    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        const char* start = in.current();
        if (!Control<Prefix>::template match<A, M, Action, Control>(in, st))
            return false;
        if (st.depth >= st.max_depth)
            fail_depth(static_cast<std::size_t>(start - in.begin()), st.max_depth);
        ++st.depth;
        (void)Control<pegtl::must<Rest...>>::template match<A, pegtl::rewind_mode::dontcare, Action, Control>(
            in, st);
        --st.depth;
        return true;
    }
};

/// Tries R; when it fails, rewinds the input and also the parser state (nodes built by R's actions
/// are dropped): for the few alternatives that can only be told apart after a literal or a name.
template <typename R>
struct attempt {
    using rule_t = attempt;
    using subs_t = pegtl::type_list<R>;

    template <pegtl::apply_mode A, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        const auto saved = st.save();
        const auto position = in.iterator();
        if (Control<R>::template match<A, pegtl::rewind_mode::active, Action, Control>(in, st))
            return true;
        st.restore(saved);
        in.iterator() = position;
        return false;
    }
};

/// When Cond matches here, fails with `Code` and `Message` at the start of the match (AtEnd:
/// at its end). For valid OData outside apiquery's scope, and for mistakes worth a precise message.
template <typename Cond, filter_errc Code, fixed_string Message, bool AtEnd = false>
struct reject {
    using rule_t = reject;
    using subs_t = pegtl::type_list<Cond>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        const auto start = in.iterator();
        if (!Control<Cond>::template match<pegtl::apply_mode::nothing, pegtl::rewind_mode::active, Action,
                                           Control>(in, st)) {
            in.iterator() = start;
            return false;
        }
        fail_at(Code, static_cast<std::size_t>((AtEnd ? in.current() : start) - in.begin()), Message.value);
    }
};

/// Fails with a message when the expression starts with whitespace (the ABNF has none there).
struct no_leading_space {
    using rule_t = no_leading_space;
    using subs_t = pegtl::type_list<>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        if (!in.empty() && (in.peek_char() == ' ' || in.peek_char() == '\t'))
            fail_at(filter_errc::syntax, 0, "unexpected whitespace at the start of the expression");
        return true;
    }
};

/// The end of the input, or an error that says what is wrong with the rest.
struct expression_end {
    using rule_t = expression_end;
    using subs_t = pegtl::type_list<>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        if (in.empty())
            return true;
        const char* p = in.current();
        const char* end = in.end();
        const char* q = p;
        while (q != end && (*q == ' ' || *q == '\t'))
            ++q;
        if (q == end)
            fail_at(filter_errc::syntax, static_cast<std::size_t>(p - in.begin()),
                    "unexpected whitespace at the end of the expression");
        const auto pos = static_cast<std::size_t>(q - in.begin());
        if (*q == ')')
            fail_at(filter_errc::syntax, pos, "unmatched ')'");
        if (q == p)
            fail_at(filter_errc::syntax, pos, "expected an operator or the end of the expression");
        fail_at(filter_errc::syntax, pos,
                "expected an operator (eq, ne, gt, ge, lt, le, has, in, add, sub, mul, "
                "div, divby, mod, and, or) or the end of the expression");
    }
};

// ---------------------------------------------------------------------------------------------------
// Whitespace and names

/// ABNF: `RWS = 1*( SP / HTAB / "%20" / "%09" )` (decoded: SP or HTAB).
struct rws : pegtl::plus<pegtl::one<' ', '\t'>> {};
/// ABNF: `BWS = *( SP / HTAB / "%20" / "%09" )`.
struct bws : pegtl::star<pegtl::one<' ', '\t'>> {};

/// `namespace "." name`: at least two identifiers joined by dots (`Sales.Pattern`, `geo.distance`).
struct qualified_name : pegtl::seq<identifier, pegtl::plus<pegtl::one<'.'>, identifier>> {};
/// An identifier or a qualified name.
struct dotted_name : pegtl::seq<identifier, pegtl::star<pegtl::one<'.'>, identifier>> {};

struct expr;
struct atom;

// ---------------------------------------------------------------------------------------------------
// Literals (OData ABNF section 7)

/// ABNF: `null = %s"null"`. Value Type: literal null.
struct null_literal : keyword<"null", kw_case::sensitive> {};
/// ABNF: `boolean = "true" / "false"` (case-insensitive). Value Type: literal boolean.
struct true_literal : keyword<"true", kw_case::insensitive> {};
struct false_literal : keyword<"false", kw_case::insensitive> {};

/// ABNF: `nanInfinity = %s"NaN" / %s"-INF" / %s"INF"`. Value Type: literal double_ (text as written).
struct inf_nan_literal
    : pegtl::sor<pegtl::seq<pegtl::opt<pegtl::one<'-'>>, keyword<"INF", kw_case::sensitive>>,
                 keyword<"NaN", kw_case::sensitive>> {};

/// The digits after a decimal point.
struct fraction_digits : pegtl::plus<pegtl::digit> {
    static constexpr const char* error_message = "expected a digit after '.'";
};
/// The exponent's digits after `e` and its optional sign.
struct exponent_digits : pegtl::plus<pegtl::digit> {
    static constexpr const char* error_message = "expected the exponent's digits after 'e'";
};
/// ABNF: `decimalLiteral = [ SIGN ] 1*DIGIT [ "." 1*DIGIT ] [ "e" [ SIGN ] 1*DIGIT ]` (also int64Literal).
/// Value Type: literal int_ (integer in int64 range), decimal (`.` without exponent, or a larger
/// integer) or double_ (with exponent). Example: `-5`, `3.14`, `-0.314e1`.
struct number_literal
    : pegtl::seq<pegtl::opt<pegtl::one<'+', '-'>>, pegtl::plus<pegtl::digit>,
                 pegtl::opt<pegtl::if_must<pegtl::one<'.'>, fraction_digits>>,
                 pegtl::opt<pegtl::if_must<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>,
                                           exponent_digits>>> {
    using sign = pegtl::one<'+', '-'>;
};

/// Exactly N hexadecimal digits, committed: a shorter group is an error at the first character that
/// is not a hexadecimal digit (where the input stops making sense), not at the start of the group.
template <std::size_t N>
struct hex_group {
    using rule_t = hex_group;
    using subs_t = pegtl::type_list<>;
    static constexpr const char* error_message = "expected a hexadecimal digit in the GUID";

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        const std::size_t avail = in.size(N);
        const char* p = in.current();
        std::size_t n = 0;
        while (n < N && n < avail &&
               ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'f') || (p[n] >= 'A' && p[n] <= 'F')))
            ++n;
        if (n < N)
            fail_at(filter_errc::syntax, static_cast<std::size_t>(p - in.begin()) + n,
                    "expected a hexadecimal digit in the GUID");
        in.bump_in_this_line(N);
        return true;
    }
};
struct guid_group4 : hex_group<4> {};
struct guid_dash : pegtl::one<'-'> {
    static constexpr const char* error_message = "expected '-' in the GUID";
};
struct guid_group12 : hex_group<12> {};
struct guid_end : pegtl::not_at<pegtl::ranges<'0', '9', 'a', 'z', 'A', 'Z', '_', '_', '-', '-'>> {
    static constexpr const char* error_message = "unexpected character after the GUID";
};
/// ABNF: `guid = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`, committed after
/// `8HEXDIG "-" 4HEXDIG "-"` (no date, number or name starts so). Value Type: literal guid.
/// Example: `01234567-89ab-cdef-0123-456789abcdef`.
struct guid_literal : pegtl::if_must<pegtl::seq<pegtl::rep<8, pegtl::xdigit>, pegtl::one<'-'>,
                                                pegtl::rep<4, pegtl::xdigit>, pegtl::one<'-'>>,
                                     guid_group4, guid_dash, guid_group4, guid_dash, guid_group12, guid_end> {
};

/// The extent of a date or dateTimeOffset after `[-]digits-`: checked by odata_time.hpp's parsers.
/// `T` and `Z` in either case: the ABNF writes them as quoted strings (case-insensitive, RFC 5234), in
/// 4.0 as in 4.01.
struct date_rest
    : pegtl::seq<
          pegtl::star<pegtl::ranges<'0', '9', '-', '-'>>,
          pegtl::opt<pegtl::one<'T', 't'>, pegtl::star<pegtl::ranges<'0', '9', ':', ':', '.', '.'>>,
                     pegtl::opt<pegtl::sor<pegtl::one<'Z', 'z'>,
                                           pegtl::seq<pegtl::one<'+', '-'>,
                                                      pegtl::star<pegtl::ranges<'0', '9', ':', ':'>>>>>>> {
    static constexpr const char* error_message = "expected a date";
};
/// ABNF: `date = year "-" month "-" day` and
/// `dateTimeOffsetLiteral = date "T" timeOfDayLiteral ( "Z" / SIGN hour COLON minute )`, committed
/// after `[-]1*DIGIT "-"`; the values are checked for real (days per month, leap years, `24:00`
/// rejected, leap second `:60` accepted). Value Type: literal date / datetimeoffset (as written).
/// Example: `2012-09-03`, `2012-09-03T13:52Z`, `2012-09-03t13:52z`, `-10000-04-01`.
struct date_literal
    : pegtl::if_must<pegtl::seq<pegtl::opt<pegtl::one<'-'>>, pegtl::plus<pegtl::digit>, pegtl::one<'-'>>,
                     date_rest> {};

struct time_rest : pegtl::star<pegtl::ranges<'0', '9', ':', ':', '.', '.'>> {
    static constexpr const char* error_message = "expected a time of day";
};
/// ABNF: `timeOfDayLiteral = hour COLON minute [ COLON second [ "." fractionalSeconds ] ]`, committed
/// after `2DIGIT ":"`. Value Type: literal timeofday (as written). Example: `11:22:33.4444444`.
struct timeofday_literal
    : pegtl::if_must<pegtl::seq<pegtl::digit, pegtl::digit, pegtl::one<':'>>, time_rest> {};

/// ABNF: `stringLiteral = SQUOTE *( SQUOTE-in-string / pchar-no-SQUOTE ) SQUOTE`.
/// Value Type: literal string (unescaped). Example: `'O''Neil'` is `O'Neil`.
struct string_literal : quoted<"unterminated string literal"> {};

struct duration_body : quoted<"unterminated duration literal"> {
    static constexpr const char* error_message = "expected a quote after 'duration'";
};
/// ABNF: `durationLiteral = [ "duration" ] SQUOTE durationValue SQUOTE` (the prefixed form; a bare
/// quoted duration is a string literal, to be read as a duration where a duration is expected).
/// Value Type: literal duration (the text between the quotes, checked; its letters in either case, as
/// written). Example: `duration'P1DT2H'`, `duration'p1dt2h'`.
struct duration_literal
    : pegtl::if_must<pegtl::seq<keyword<"duration">, pegtl::at<pegtl::one<'\''>>>, duration_body> {};

struct enum_member
    : pegtl::sor<identifier, pegtl::seq<pegtl::opt<pegtl::one<'+', '-'>>, pegtl::plus<pegtl::digit>>> {
    static constexpr const char* error_message = "expected an enumeration member name or number";
};
struct enum_close : pegtl::one<'\''> {
    static constexpr const char* error_message = "expected ''' to end the enumeration literal";
};
/// ABNF: `enumLiteral = [ qualifiedEnumTypeName ] SQUOTE singleEnumLiteral *( COMMA singleEnumLiteral )
/// SQUOTE` with the type name (the unqualified form is a string literal). Value Type: literal enum_.
/// Example: `Sales.Pattern'Yellow'`, `Sales.Pattern'Red,Blue'`, `Sales.Pattern'32'`.
struct enum_literal : pegtl::if_must<pegtl::seq<qualified_name, pegtl::one<'\''>>, enum_member,
                                     pegtl::star<pegtl::one<','>, enum_member>, enum_close> {
    using type = qualified_name;
    using member = enum_member;
};

/// Literals with a prefix apiquery does not support: `binary'...'`, `geography'...'`, `geometry'...'`.
struct unsupported_literal : reject<pegtl::seq<pegtl::sor<keyword<"binary", kw_case::insensitive>,
                                                          keyword<"geography", kw_case::insensitive>,
                                                          keyword<"geometry", kw_case::insensitive>>,
                                               pegtl::one<'\''>>,
                                    filter_errc::unsupported, "binary and geo literals are not supported"> {};

/// JSON arrays and objects (`["a","b"]`, `{...}`) are out of scope.
struct unsupported_json : reject<pegtl::one<'[', '{'>, filter_errc::unsupported,
                                 "JSON array and object literals are not supported"> {};

/// Any primitive literal: what an `in (...)` list may hold. ABNF: `primitiveLiteral` (without binary
/// and geo literals).
struct primitive_literal
    : pegtl::sor<string_literal, guid_literal, date_literal, timeofday_literal, number_literal,
                 inf_nan_literal, null_literal, true_literal, false_literal, duration_literal, enum_literal> {
};

// ---------------------------------------------------------------------------------------------------
// Primary expressions

struct paren_open : pegtl::one<'('> {};
template <typename Expr> // a template, so that it can derive from the (not yet complete) expr
struct paren_body_t : Expr {
    static constexpr const char* error_message = "expected an expression after '('";
};
using paren_body = paren_body_t<expr>;
struct paren_close : pegtl::one<')'> {
    static constexpr const char* error_message = "expected an operator or ')'";
};
/// ABNF: `parenExpr = OPEN BWS commonExpr BWS CLOSE`. Value Type: the inner node (its span
/// widened to the parentheses). Example: `(4 add 5)`.
struct paren_expr : nested<paren_open, bws, paren_body, bws, paren_close> {
    using open = paren_open;
    using body = paren_body;
    using close = paren_close;
};

struct alias_name : identifier {
    static constexpr const char* error_message = "expected a parameter alias name after '@'";
};
/// ABNF: `parameterAlias = AT odataIdentifier`. Value Type: alias. Example: `@p1`.
struct alias : pegtl::if_must<pegtl::one<'@'>, alias_name> {};

// -- member paths

struct root_slash : pegtl::at<pegtl::one<'/'>> {
    static constexpr const char* error_message = "expected '/' after $root";
};
/// `$it`, `$this`, `$root/` (implicitVariableExpr, rootExpr); another `$name` is an error.
struct dollar_segment
    : pegtl::sor<
          keyword<"$it", kw_case::sensitive>, keyword<"$this", kw_case::sensitive>,
          pegtl::if_must<keyword<"$root", kw_case::sensitive>, root_slash>,
          reject<pegtl::seq<pegtl::one<'$'>, pegtl::opt<identifier>>, filter_errc::unsupported,
                 "only $it, $this and $root may start a path ($count, $filter and other $-segments are "
                 "not supported)">> {};
/// A path segment: a property name, or a qualified type name followed by `/` (a type-cast segment,
/// `Address/Model.HomeAddress/Street`); `name(` (a key predicate or a bound function) is out of
/// scope. One scan of the name. ABNF: the names of `memberExpr` / `propertyPathExpr`.
struct member_segment {
    using rule_t = member_segment;
    using subs_t = pegtl::type_list<>;

    template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
              template <typename...> class, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& /*st*/) {
        const char* p = in.current();
        const std::size_t avail = in.size(0);
        const auto name = identifier::scan_dotted(p, avail, in.begin());
        std::size_t end = name.end;
        const std::size_t parts = name.parts;
        if (end == 0)
            return false;
        if (parts > 1 && !(end < avail && p[end] == '/'))
            end = identifier::scan(p, avail, in.begin()); // only the first name: the '.' is an error later
        if (parts == 1 && end < avail && p[end] == '(')
            fail_at(filter_errc::unsupported, static_cast<std::size_t>(p - in.begin()) + end,
                    "key predicates and bound function calls in paths are not supported");
        in.bump_in_this_line(end);
        return true;
    }
};
struct first_segment : pegtl::sor<dollar_segment, member_segment> {};

struct lambda_any_head : pegtl::seq<keyword<"any">, pegtl::one<'('>> {};
struct lambda_all_head : pegtl::seq<keyword<"all">, pegtl::one<'('>> {};
struct lambda_head : pegtl::sor<lambda_any_head, lambda_all_head> {};

struct path_step : pegtl::sor<reject<pegtl::sor<pegtl::one<'$'>, pegtl::one<'@'>>, filter_errc::unsupported,
                                     "$count, $filter and annotation segments are not supported">,
                              member_segment> {
    static constexpr const char* error_message = "expected a property name after '/'";
};
/// The segments of a member path: `Address/Street`, `$it/Name`, `$root/Employees`.
/// ABNF: `firstMemberExpr`, `memberExpr`, `propertyPathExpr` (without keys, functions, annotations).
struct path_prefix
    : pegtl::seq<
          first_segment,
          pegtl::star<pegtl::if_must<pegtl::seq<pegtl::one<'/'>, pegtl::not_at<lambda_head>>, path_step>>> {};

struct lambda_variable : identifier {};
struct lambda_colon : pegtl::one<':'> {
    static constexpr const char* error_message = "expected ':' after the lambda variable";
};
template <typename Expr>
struct lambda_predicate_t : Expr {
    static constexpr const char* error_message = "expected a predicate after ':'";
};
using lambda_predicate = lambda_predicate_t<expr>;
/// `p:predicate` inside any( ) / all( ).
struct lambda_binding : pegtl::if_must<lambda_variable, bws, lambda_colon, bws, lambda_predicate> {};
struct lambda_binding_required : pegtl::seq<lambda_binding> {
    static constexpr const char* error_message =
        "all() needs a lambda variable and a predicate, e.g. Items/all(i:i/Quantity gt 0)";
};
struct lambda_close : pegtl::one<')'> {
    static constexpr const char* error_message = "expected ')' to end the lambda expression";
};
/// ABNF: `anyExpr = "any" OPEN BWS [ lambdaVariableExpr BWS COLON BWS lambdaPredicateExpr ] BWS CLOSE`.
struct lambda_any : nested<lambda_any_head, bws, pegtl::opt<lambda_binding>, bws, lambda_close> {};
/// ABNF: `allExpr = "all" OPEN BWS lambdaVariableExpr BWS COLON BWS lambdaPredicateExpr BWS CLOSE`.
struct lambda_all : nested<lambda_all_head, bws, lambda_binding_required, bws, lambda_close> {};

/// A member path, optionally ending in a lambda: `Items/any(d:d/Quantity gt 100)`.
/// Value Type: path, or lambda (with the path as its first child).
struct path_expr : pegtl::seq<path_prefix, pegtl::opt<pegtl::one<'/'>, pegtl::sor<lambda_any, lambda_all>>> {
    using segments = path_prefix;
};

// -- function calls

struct call_arg : pegtl::seq<expr> {};
struct call_next_arg : pegtl::seq<call_arg> {
    static constexpr const char* error_message = "expected an argument after ','";
};
struct call_close : pegtl::one<')'> {
    static constexpr const char* error_message = "expected ',' or ')' in the argument list";
};
/// `name(`: the action looks the name up (unknown names are an error at the parenthesis).
struct call_head : pegtl::seq<dotted_name, pegtl::one<'('>> {};
/// ABNF: `methodCallExpr` / `boolMethodCallExpr` (§5.1.1.5 to §5.1.1.11): a built-in function and
/// its arguments (any commonExpr). Value Type: call. Example: `contains(Name,'x')`, `geo.length(L)`.
struct function_call
    : nested<call_head, bws,
             pegtl::opt<call_arg,
                        pegtl::star<pegtl::if_must<pegtl::seq<bws, pegtl::one<','>>, bws, call_next_arg>>>,
             bws, call_close> {};

/// ABNF: `optionallyQualifiedTypeName`: a (qualified) type name or `Collection(...)` of one.
struct type_arg : pegtl::sor<pegtl::seq<keyword<"Collection", kw_case::sensitive>, pegtl::one<'('>,
                                        dotted_name, pegtl::one<')'>>,
                             dotted_name> {};
struct type_arg_required : pegtl::seq<type_arg> {
    static constexpr const char* error_message = "expected a type name";
};
struct type_comma : pegtl::one<','> {
    static constexpr const char* error_message = "expected ',' and a type name";
};
/// `cast(Type)` / `isof(Type)`.
struct type_only : pegtl::seq<type_arg, bws, pegtl::at<pegtl::one<')'>>> {};
/// `cast(expr, Type)` / `isof(expr, Type)`, committed after the expression.
struct type_with_expr : pegtl::if_must<call_arg, bws, type_comma, bws, type_arg_required> {};
struct type_args : pegtl::sor<attempt<type_only>, type_with_expr> {
    static constexpr const char* error_message = "expected an expression or a type name";
};
struct type_call_head : pegtl::seq<pegtl::sor<keyword<"cast">, keyword<"isof">>, pegtl::one<'('>> {};
/// ABNF: `castExpr` / `isofExpr`: `"cast" OPEN BWS [ commonExpr BWS COMMA BWS ]
/// optionallyQualifiedTypeName BWS CLOSE`. Value Type: call with a type_name last argument.
struct type_call : nested<type_call_head, bws, type_args, bws, call_close> {};

/// A qualified name followed by none of `'` `(` `/`: nothing in the language is written so.
struct dangling_qualified_name
    : reject<pegtl::seq<qualified_name, pegtl::not_at<pegtl::one<'\'', '(', '/'>>>, filter_errc::syntax,
             "expected ''' (an enumeration literal), '(' (a function call) or '/' after the qualified name",
             true> {};
/// A name directly followed by a quote (only `duration` and qualified enum type names may be).
struct name_before_quote : reject<pegtl::seq<identifier, pegtl::at<pegtl::one<'\''>>>, filter_errc::syntax,
                                  "unexpected ''' after a name (an enumeration literal needs its qualified "
                                  "type: Namespace.Type'Member')",
                                  true> {};

/// Everything that starts with a name: prefixed literals, calls, paths, lambdas. The name is scanned
/// once and the character after it chooses the rule (a taoJSON-style switch: identifiers were the
/// parser's hottest spot when each alternative re-read them):
///   `'` after `duration` / `binary` / `geography` / `geometry` or a qualified name: a prefixed literal;
///   `(`: `cast`/`isof` or a function call;  otherwise: a member path (a qualified name only before `/`).
struct name_atom {
    using rule_t = name_atom;
    using subs_t = pegtl::type_list<duration_literal, unsupported_literal, type_call, enum_literal,
                                    function_call, dangling_qualified_name, name_before_quote, path_expr>;
    using quoted_forms = pegtl::sor<duration_literal, unsupported_literal, name_before_quote>;

    /// A keyword compared as keyword<> compares (ASCII case-insensitive unless 4.0-strict).
    static bool is_keyword(std::string_view word, std::string_view kw, bool strict) noexcept {
        return strict ? word == kw : iequals(word, kw);
    }

    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        const char* p = in.current();
        const std::size_t avail = in.size(0);
        if (avail == 0)
            return false;
        if (p[0] == '$')
            return Control<path_expr>::template match<A, M, Action, Control>(in, st);
        const auto name = identifier::scan_dotted(p, avail, in.begin());
        if (name.end == 0)
            return false;
        const char next = name.end < avail ? p[name.end] : '\0';
        if (next == '\'')
            return name.parts > 1 ? Control<enum_literal>::template match<A, M, Action, Control>(in, st)
                                  : Control<quoted_forms>::template match<A, M, Action, Control>(in, st);
        if (next == '(') {
            const std::string_view word(p, name.end);
            if (is_keyword(word, "cast", st.strict) || is_keyword(word, "isof", st.strict))
                return Control<type_call>::template match<A, M, Action, Control>(in, st);
            return Control<function_call>::template match<A, M, Action, Control>(in, st);
        }
        const std::size_t parts = name.parts;
        if (parts > 1 && next != '/')
            return Control<dangling_qualified_name>::template match<A, M, Action, Control>(in, st);
        if (next != '/') {
            // A one-segment path (the common case): what path_expr would match, without reading the
            // name again.
            const auto start = in.iterator();
            in.bump_in_this_line(name.end);
            if constexpr (A == pegtl::apply_mode::action &&
                          !std::is_base_of_v<pegtl::nothing<path_prefix>, Action<path_prefix>>)
                Control<path_prefix>::template apply<Action>(start, in, st);
            return true;
        }
        return Control<path_expr>::template match<A, M, Action, Control>(in, st);
    }
};

/// ABNF: the operands of `commonExpr` (primitiveLiteral, parenExpr, methodCallExpr, castExpr,
/// isofExpr, firstMemberExpr, rootExpr, parameterAlias). Each alternative is chosen by its first
/// characters and then committed. The same as
/// `sor<paren_expr, string_literal, alias, unsupported_json, guid_literal, date_literal,
/// timeofday_literal, number_literal, inf_nan_literal, null_literal, true_literal, false_literal,
/// name_atom>` (the order of the alternatives is kept), but only the alternatives that can start with
/// the first character are tried (a taoJSON-style switch).
struct atom {
    using rule_t = atom;
    using subs_t = pegtl::type_list<paren_expr, string_literal, alias, unsupported_json, guid_literal,
                                    date_literal, timeofday_literal, number_literal, inf_nan_literal,
                                    null_literal, true_literal, false_literal, name_atom>;

    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        if (in.empty())
            return false;
        switch (in.peek_char()) {
        case '(':
            return try_rule<paren_expr, A, Action, Control>(in, st);
        case '\'':
            return try_rule<string_literal, A, Action, Control>(in, st);
        case '@':
            return try_rule<alias, A, Action, Control>(in, st);
        case '[':
        case '{':
            return try_rule<unsupported_json, A, Action, Control>(in, st);
        case '+':
            return try_rule<number_literal, A, Action, Control>(in, st);
        case '-':
            return try_rule<date_literal, A, Action, Control>(in, st) ||
                   try_rule<number_literal, A, Action, Control>(in, st) ||
                   try_rule<inf_nan_literal, A, Action, Control>(in, st);
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
            return try_rule<guid_literal, A, Action, Control>(in, st) ||
                   try_rule<date_literal, A, Action, Control>(in, st) ||
                   try_rule<timeofday_literal, A, Action, Control>(in, st) ||
                   try_rule<number_literal, A, Action, Control>(in, st);
        case 'a':
        case 'b':
        case 'c':
        case 'd':
        case 'e':
        case 'A':
        case 'B':
        case 'C':
        case 'D':
        case 'E':
            return try_rule<guid_literal, A, Action, Control>(in, st) ||
                   try_rule<name_atom, A, Action, Control>(in, st);
        case 'f':
        case 'F':
            return try_rule<guid_literal, A, Action, Control>(in, st) ||
                   try_rule<false_literal, A, Action, Control>(in, st) ||
                   try_rule<name_atom, A, Action, Control>(in, st);
        case 'I':
        case 'N':
            return try_rule<inf_nan_literal, A, Action, Control>(in, st) ||
                   try_rule<name_atom, A, Action, Control>(in, st);
        case 'n':
            return try_rule<null_literal, A, Action, Control>(in, st) ||
                   try_rule<name_atom, A, Action, Control>(in, st);
        case 't':
        case 'T':
            return try_rule<true_literal, A, Action, Control>(in, st) ||
                   try_rule<name_atom, A, Action, Control>(in, st);
        default: // other letters, `_`, `$`, non-ASCII: a name; anything else: no operand
            return try_rule<name_atom, A, Action, Control>(in, st);
        }
    }

private:
    template <typename R, pegtl::apply_mode A, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    static bool try_rule(ParseInput& in, State& st) {
        return Control<R>::template match<A, pegtl::rewind_mode::required, Action, Control>(in, st);
    }
};

// ---------------------------------------------------------------------------------------------------
// The right operand of `in`

struct list_open : pegtl::one<'('> {};
/// One literal of an `in` list (the action counts them against max_in_list_items).
struct list_item : primitive_literal {};
struct list_next_item : pegtl::seq<list_item> {
    static constexpr const char* error_message = "expected a literal (an 'in' list holds literals only)";
};
struct list_close : pegtl::one<')'> {
    static constexpr const char* error_message = "expected ',' or ')' in the 'in' list";
};
/// After `( literal`, a comma proves the list: committed from there.
struct list_more
    : pegtl::if_must<pegtl::one<','>, bws, list_next_item, bws,
                     pegtl::star<pegtl::if_must<pegtl::one<','>, bws, list_next_item, bws>>, list_close> {};
/// ABNF: `listExpr = OPEN BWS [ primitiveLiteral BWS *( COMMA BWS primitiveLiteral BWS ) ] CLOSE`.
/// Value Type: list. Example: `('Milk','Cheese')`, `()`, `(1)`.
struct literal_list
    : pegtl::seq<
          list_open, bws,
          pegtl::sor<pegtl::one<')'>, pegtl::seq<list_item, bws, pegtl::sor<pegtl::one<')'>, list_more>>>> {};
/// ABNF: `inExpr = RWS "in" RWS ( listExpr / commonExpr )`: a literal list, else an operand of the
/// primary level (parenthesised or not) that denotes a collection.
struct in_operand : pegtl::sor<attempt<literal_list>, atom> {};

// ---------------------------------------------------------------------------------------------------
// Operators: one rule reads the operators and folds them by precedence

/// `-` not directly followed by a number (`-5`, `-INF` and `-2012-01-01` are literals).
struct neg_sign : pegtl::seq<pegtl::one<'-'>,
                             pegtl::not_at<pegtl::sor<pegtl::digit, keyword<"INF", kw_case::sensitive>>>> {};
/// `not` followed by whitespace (ABNF: `notExpr = "not" RWS boolCommonExpr`) or directly by `(`.
struct not_keyword : pegtl::seq<keyword<"not">, pegtl::sor<rws, pegtl::at<pegtl::one<'('>>>> {};

/// The operators of expressions: the binary ones (and `in`) and the two prefix ones.
enum class expr_op : std::uint8_t {
    or_,
    and_,
    eq,
    ne,
    gt,
    ge,
    lt,
    le,
    add,
    sub,
    mul,
    div,
    divby,
    mod,
    has,
    in,
    neg,
    not_
};

/// The precedence levels of URL conventions §5.1.1.15, lowest first; binary operators are
/// left-associative, `and`/`or` build one n-ary node per chain.
enum class expr_level : std::uint8_t {
    or_ = 1,
    and_,
    equality,
    relational,
    additive,
    multiplicative,
    unary,
    primary
};

/// The messages of an operator: what is missing after it.
template <fixed_string Kw>
struct operator_messages {
    static constexpr auto space = fixed_string("expected a space after '") + Kw + fixed_string("'");
    static constexpr auto operand = fixed_string("expected an operand after '") + Kw + fixed_string("'");
};

/// One row of the operator table.
struct expr_op_info {
    std::string_view keyword;
    expr_level level;
    const char* space_message;   ///< a binary keyword not followed by SP / HTAB / the end
    const char* operand_message; ///< no operand after the operator
};

template <fixed_string Kw>
constexpr expr_op_info op_row(expr_level level) noexcept {
    return {Kw.view(), level, operator_messages<Kw>::space.value, operator_messages<Kw>::operand.value};
}

/// The operator table, indexed by expr_op.
inline constexpr expr_op_info expr_ops[] = {
    op_row<"or">(expr_level::or_),
    op_row<"and">(expr_level::and_),
    op_row<"eq">(expr_level::equality),
    op_row<"ne">(expr_level::equality),
    op_row<"gt">(expr_level::relational),
    op_row<"ge">(expr_level::relational),
    op_row<"lt">(expr_level::relational),
    op_row<"le">(expr_level::relational),
    op_row<"add">(expr_level::additive),
    op_row<"sub">(expr_level::additive),
    op_row<"mul">(expr_level::multiplicative),
    op_row<"div">(expr_level::multiplicative),
    op_row<"divby">(expr_level::multiplicative),
    op_row<"mod">(expr_level::multiplicative),
    op_row<"has">(expr_level::primary),
    op_row<"in">(expr_level::primary),
    op_row<"-">(expr_level::unary),
    op_row<"not">(expr_level::unary),
};
constexpr const expr_op_info& op_info(expr_op op) noexcept {
    return expr_ops[static_cast<std::size_t>(op)];
}

/// The binary operator keyword at p (`avail` bytes readable): its operator and length, length 0
/// when there is none. A keyword is its letters (ASCII case-insensitive, or exact in 4.0-strict
/// mode) not followed by an identifier character, as keyword<> reads it: `order`, `eqx`, `in_x` and
/// `andé` are names, `eq(` is `eq`.
struct infix_keyword {
    expr_op op;
    std::size_t length;
};
/// Up to 8 bytes as one integer, the first byte lowest: the operator table's keys.
constexpr std::uint64_t keyword_key(std::string_view s) noexcept {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < s.size() && i < 8; ++i)
        k |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    return k;
}
inline infix_keyword read_infix_keyword(const char* p, std::size_t avail, bool strict) noexcept {
    // The letters (at most 6: no keyword is longer than 5), lower-cased unless 4.0-strict, as one key.
    std::uint64_t key = 0;
    std::size_t n = 0;
    const std::size_t limit = avail < 6 ? avail : 6;
    for (; n < limit; ++n) {
        const auto c = static_cast<unsigned char>(p[n]);
        const auto lower = static_cast<unsigned char>(c | 0x20);
        if (lower < 'a' || lower > 'z')
            break;
        key |= std::uint64_t{strict ? c : lower} << (8 * n);
    }
    constexpr infix_keyword none{expr_op::or_, 0};
    if (n < 2 || n > 5)
        return none;
    if (n < avail) { // a keyword ends where no identifier character follows (`eqx`, `in_`, `or1` are names)
        const auto c = static_cast<unsigned char>(p[n]);
        if (c < 0x80 ? (c == '_' || (c >= '0' && c <= '9'))
                     : non_ascii_identifier_char_size(p + n, avail - n, false) != 0)
            return none;
    }
    switch (key) {
    case keyword_key("or"):
        return {expr_op::or_, 2};
    case keyword_key("and"):
        return {expr_op::and_, 3};
    case keyword_key("eq"):
        return {expr_op::eq, 2};
    case keyword_key("ne"):
        return {expr_op::ne, 2};
    case keyword_key("gt"):
        return {expr_op::gt, 2};
    case keyword_key("ge"):
        return {expr_op::ge, 2};
    case keyword_key("lt"):
        return {expr_op::lt, 2};
    case keyword_key("le"):
        return {expr_op::le, 2};
    case keyword_key("add"):
        return {expr_op::add, 3};
    case keyword_key("sub"):
        return {expr_op::sub, 3};
    case keyword_key("mul"):
        return {expr_op::mul, 3};
    case keyword_key("div"):
        return {expr_op::div, 3};
    case keyword_key("divby"):
        return {expr_op::divby, 5};
    case keyword_key("mod"):
        return {expr_op::mod, 3};
    case keyword_key("has"):
        return {expr_op::has, 3};
    case keyword_key("in"):
        return {expr_op::in, 2};
    default:
        return none;
    }
}

/// Not a rule: the name under which the actions receive expr's events (see expr). With an action
/// class that has no `filter_action<expr_events>::open`, expr only recognises its input (the
/// grammar-only runs of the benchmarks and tests).
struct expr_events {};

/// ABNF: `commonExpr` (and `boolCommonExpr`, the same syntax): operands (atom), prefix operators
/// (`-`, `not`) and binary operators (`or` ... `mul`, `has`, `in`), with the precedence of URL
/// conventions §5.1.1.15. Value Type: the expression's node.
///
/// One rule, not one rule per level: after each operand the white space and the next operator
/// keyword are read once (read_infix_keyword), and the actions fold the operators by precedence on
/// their own stack (shunting-yard: a binary operator first folds the pending operators of its level
/// and above, left-associative; `and`/`or` extend their pending chain; a prefix operator waits
/// for the operators of its operand that bind tighter, `has` and `in`). So `not a eq b` is
/// `eq(not a, b)` and `- a has b` is `neg(has(a, b))`. Commits like the per-level rules it replaces
/// (if_must after each keyword): an operator keyword followed by neither white space nor the end is
/// "expected a space after 'eq'" there, a missing operand "expected an operand after 'eq'" where it
/// should start. Prefix operators count against max_depth like `nested` (depth_limit at the
/// operator) until they are folded; the rule itself does not recurse (parentheses, calls and
/// lambdas in its operands do, through `nested`). The right operand of `has` is an atom, of `in` a
/// literal list or an atom (no prefix operators there, as in the ABNF).
///
/// Events for the actions (Action<expr_events>, when it has them): `open(st)` returns a mark;
/// `prefix(st, op, position)`; `infix(st, mark, op, position)` before the operator's right operand,
/// with the keyword's offset; `close(st, mark)` at the end, which folds everything down to the mark.
struct expr {
    using rule_t = expr;
    using subs_t = pegtl::type_list<neg_sign, not_keyword, atom, in_operand>;

    /// Where the loop is: the operator the next operand follows (an expr_op, or -1 at the start), and
    /// the prefix operators not yet folded (each holds one level of depth).
    struct step {
        int after;
        std::uint32_t prefixes;
    };

    template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename State>
    [[nodiscard]] static bool match(ParseInput& in, State& st) {
        // This frame is live while an operand recurses (parentheses, calls, lambdas), so everything
        // but the loop is out of line (read_prefixes, read_infix, finish): the stack per nesting level
        // stays small in unoptimised and sanitizer builds too.
        [[maybe_unused]] std::size_t mark = 0;
        if constexpr (builds<A, Action, State>())
            mark = Action<expr_events>::open(st);
        step s{-1, 0};
        for (;;) {
            if (s.after != static_cast<int>(expr_op::has) && s.after != static_cast<int>(expr_op::in) &&
                !in.empty() && (in.peek_char() == '-' || in.peek_char() == 'n' || in.peek_char() == 'N'))
                s = read_prefixes<A, Action, Control>(in, st, s);
            const bool operand =
                s.after == static_cast<int>(expr_op::in)
                    ? Control<in_operand>::template match<A, pegtl::rewind_mode::required, Action, Control>(
                          in, st)
                    : Control<atom>::template match<A, pegtl::rewind_mode::required, Action, Control>(in, st);
            if (!operand) {
                if (s.after < 0)
                    return false; // nothing read
                fail_at(filter_errc::syntax, static_cast<std::size_t>(in.current() - in.begin()),
                        expr_ops[static_cast<std::size_t>(s.after)].operand_message);
            }
            const step next = read_infix<A, Action>(in, st, mark, s);
            if (next.after < 0)
                break;
            s = next;
        }
        finish<A, Action>(st, mark, s.prefixes);
        return true;
    }

private:
    template <pegtl::apply_mode A, template <typename...> class Action, typename State>
    static constexpr bool builds() noexcept {
        return A == pegtl::apply_mode::action && requires(State & st) {
            Action<expr_events>::open(st);
        };
    }

    template <typename ParseInput>
    static void skip_space(ParseInput& in) noexcept {
        const char* p = in.current();
        const char* end = in.end();
        const char* q = p;
        while (q != end && (*q == ' ' || *q == '\t'))
            ++q;
        in.bump_in_this_line(static_cast<std::size_t>(q - p));
    }

    /// Prefix operators (`-`, `not`) before an operand: each takes one level of depth (depth_limit
    /// at the operator, as `nested`).
    template <pegtl::apply_mode A, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename State>
    [[gnu::noinline]] static step read_prefixes(ParseInput& in, State& st, step s) {
        for (;;) {
            const char* p = in.current();
            if (in.empty() || (*p != '-' && *p != 'n' && *p != 'N'))
                return s;
            expr_op op;
            if (*p == '-' &&
                Control<neg_sign>::template match<pegtl::apply_mode::nothing, pegtl::rewind_mode::required,
                                                  Action, Control>(in, st))
                op = expr_op::neg;
            else if (*p != '-' &&
                     Control<not_keyword>::template match<pegtl::apply_mode::nothing,
                                                          pegtl::rewind_mode::required, Action, Control>(in,
                                                                                                         st))
                op = expr_op::not_;
            else
                return s;
            if (st.depth >= st.max_depth)
                fail_depth(static_cast<std::size_t>(p - in.begin()), st.max_depth);
            ++st.depth;
            ++s.prefixes;
            if constexpr (builds<A, Action, State>())
                Action<expr_events>::prefix(st, op, static_cast<std::uint32_t>(p - in.begin()));
            if (op == expr_op::neg)
                skip_space(in);
            s.after = static_cast<int>(op);
        }
    }

    /// The operator after an operand, read once: white space, then a binary operator keyword
    /// (read_infix_keyword), then the white space its operand needs. None: after -1, nothing read.
    template <pegtl::apply_mode A, template <typename...> class Action, typename ParseInput, typename State>
    [[gnu::noinline]] static step read_infix(ParseInput& in, State& st, [[maybe_unused]] std::size_t mark,
                                             step s) {
        const char* p = in.current();
        const char* end = in.end();
        const char* q = p;
        while (q != end && (*q == ' ' || *q == '\t'))
            ++q;
        if (q == p || q == end)
            return {-1, s.prefixes};
        const auto kw = read_infix_keyword(q, static_cast<std::size_t>(end - q), st.strict);
        if (kw.length == 0)
            return {-1, s.prefixes};
        if (op_info(kw.op).level < expr_level::unary) { // folds the pending prefix operators
            st.depth -= s.prefixes;
            s.prefixes = 0;
        }
        if constexpr (builds<A, Action, State>())
            Action<expr_events>::infix(st, mark, kw.op, static_cast<std::uint32_t>(q - in.begin()));
        in.bump_in_this_line(static_cast<std::size_t>(q - p) + kw.length);
        if (!in.empty() && in.peek_char() != ' ' && in.peek_char() != '\t')
            fail_at(filter_errc::syntax, static_cast<std::size_t>(in.current() - in.begin()),
                    op_info(kw.op).space_message);
        skip_space(in);
        return {static_cast<int>(kw.op), s.prefixes};
    }

    /// The end of the expression: the prefix operators give their depth back, everything is folded.
    template <pegtl::apply_mode A, template <typename...> class Action, typename State>
    [[gnu::noinline]] static void finish(State& st, [[maybe_unused]] std::size_t mark,
                                         std::uint32_t prefixes) {
        st.depth -= prefixes;
        if constexpr (builds<A, Action, State>())
            Action<expr_events>::close(st, mark);
    }
};

struct top_expr : expr {
    static constexpr const char* error_message = "expected an expression";
};

/// A whole `$filter` value: `boolCommonExpr` and nothing else (no surrounding whitespace).
struct grammar : pegtl::seq<no_leading_space, pegtl::must<top_expr>, expression_end> {};

} // namespace filter_rules
} // namespace apiquery::detail

// analyze() support for the custom rules.
namespace tao::pegtl {
template <typename Name, apiquery::detail::fixed_string S, apiquery::detail::filter_rules::kw_case C>
struct analyze_traits<Name, apiquery::detail::filter_rules::keyword<S, C>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::identifier> : analyze_any_traits<> {};
template <typename Name, std::size_t N>
struct analyze_traits<Name, apiquery::detail::filter_rules::hex_group<N>> : analyze_any_traits<> {};
template <typename Name, apiquery::detail::fixed_string S>
struct analyze_traits<Name, apiquery::detail::filter_rules::quoted<S>> : analyze_any_traits<> {};
template <typename Name, typename Prefix, typename... Rest>
struct analyze_traits<Name, apiquery::detail::filter_rules::nested<Prefix, Rest...>>
    : analyze_traits<Name, typename seq<Prefix, must<Rest...>>::rule_t> {};
template <typename Name, typename R>
struct analyze_traits<Name, apiquery::detail::filter_rules::attempt<R>>
    : analyze_traits<Name, typename seq<R>::rule_t> {};
template <typename Name, typename Cond, apiquery::filter_errc Code, apiquery::detail::fixed_string M, bool E>
struct analyze_traits<Name, apiquery::detail::filter_rules::reject<Cond, Code, M, E>>
    : analyze_traits<Name, typename seq<Cond>::rule_t> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::no_leading_space> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::member_segment> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::name_atom>
    : analyze_traits<Name, typename sor<apiquery::detail::filter_rules::duration_literal,
                                        apiquery::detail::filter_rules::unsupported_literal,
                                        apiquery::detail::filter_rules::type_call,
                                        apiquery::detail::filter_rules::enum_literal,
                                        apiquery::detail::filter_rules::function_call,
                                        apiquery::detail::filter_rules::dangling_qualified_name,
                                        apiquery::detail::filter_rules::name_before_quote,
                                        apiquery::detail::filter_rules::path_expr>::rule_t> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::expression_end> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::atom>
    : analyze_traits<
          Name,
          typename sor<
              apiquery::detail::filter_rules::paren_expr, apiquery::detail::filter_rules::string_literal,
              apiquery::detail::filter_rules::alias, apiquery::detail::filter_rules::unsupported_json,
              apiquery::detail::filter_rules::guid_literal, apiquery::detail::filter_rules::date_literal,
              apiquery::detail::filter_rules::timeofday_literal,
              apiquery::detail::filter_rules::number_literal, apiquery::detail::filter_rules::inf_nan_literal,
              apiquery::detail::filter_rules::null_literal, apiquery::detail::filter_rules::true_literal,
              apiquery::detail::filter_rules::false_literal,
              apiquery::detail::filter_rules::name_atom>::rule_t> {};
// expr reads: operand *( RWS operator-keyword ( RWS / end ) operand ), an operand being
// *( prefix-operator ) ( atom / in-operand ).
template <typename Name>
struct analyze_traits<Name, apiquery::detail::filter_rules::expr>
    : analyze_traits<
          Name,
          typename seq<
              star<sor<seq<apiquery::detail::filter_rules::neg_sign, apiquery::detail::filter_rules::bws>,
                       apiquery::detail::filter_rules::not_keyword>>,
              sor<apiquery::detail::filter_rules::in_operand, apiquery::detail::filter_rules::atom>,
              star<
                  apiquery::detail::filter_rules::rws, apiquery::detail::filter_rules::keyword<"eq">,
                  sor<apiquery::detail::filter_rules::rws, eof>,
                  star<sor<seq<apiquery::detail::filter_rules::neg_sign, apiquery::detail::filter_rules::bws>,
                           apiquery::detail::filter_rules::not_keyword>>,
                  sor<apiquery::detail::filter_rules::in_operand, apiquery::detail::filter_rules::atom>>>::
              rule_t> {};
} // namespace tao::pegtl
