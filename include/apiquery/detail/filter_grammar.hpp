// apiquery: the PEGTL grammar of OData 4.01 `$filter` expressions (internal).
//
// The rules follow the OData ABNF (`boolCommonExpr` / `commonExpr` and the literal rules) with the
// operator precedence of URL conventions §5.1.1.15, one rule per level, highest first:
//   grouping  `( )`                                   paren_expr
//   primary   member path `/`, `has`, `in`, calls     atom, primary_expr
//   unary     `-`, `not`, (`cast` is a call)          unary_expr
//   multiplicative  `mul div divby mod`               mul_expr
//   additive  `add sub`                               add_expr
//   relational `gt ge lt le` (`isof` is a call)       rel_expr
//   equality  `eq ne`                                 eq_expr
//   `and`                                             and_expr
//   `or`                                              or_expr
// Each binary level is `seq<operand, star<seq<rws, sor<op_a, op_b, ...>>>>`: no left recursion; the
// operators' actions fold to the left, and the `and` / `or` levels build one n-ary node for their
// chain. Names are scanned once by `name_atom`, which dispatches on the character after them. Every
// alternative of a `sor` starts with a short distinguishing prefix and commits after it (if_must, or the
// depth-guarded `nested`), so nothing deep is parsed twice: the only places that can give back already-built
// nodes are wrapped in `attempt` (the literal list right of `in`, and the one-argument form of cast/isof),
// and what they re-read is one literal or one name.
//
// Errors: a rule that is the target of a must<> names its error in `error_message`; the control
// (filter_errors.hpp) checks that at compile time. Hard limits: `nested` counts nesting depth
// (parentheses, `not`, unary minus, function calls, lambdas) against the state's max_depth; the
// identifier rule stops at 128 characters as the ABNF does.
//
// The input is the percent-decoded filter text: whitespace is SP or HTAB (the ABNF's `%20` / `%09`
// forms are what these decode from).
#pragma once

#include <apiquery/detail/filter_errors.hpp>
#include <apiquery/detail/unicode_identifier.hpp>
#include <apiquery/detail/utf8.hpp>
#include <apiquery/filter_ast.hpp>
#include <apiquery/filter_error.hpp>

#include <tao/pegtl/apply_mode.hpp>
#include <tao/pegtl/ascii.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>
#include <tao/pegtl/rewind_mode.hpp>
#include <tao/pegtl/rules.hpp>
#include <tao/pegtl/type_list.hpp>

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

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
// Messages

/// `(SP / HTAB)` after an operator keyword, or the end of the input (then the operand is missing).
template <fixed_string Kw>
struct space_after : pegtl::sor<pegtl::plus<pegtl::one<' ', '\t'>>, pegtl::eof> {
    static constexpr auto text = fixed_string("expected a space after '") + Kw + fixed_string("'");
    static constexpr const char* error_message = text.value;
};

/// The operand right of an operator. Derived from the operand's rule (not seq<Operand>) to save a
/// rule level per nesting level: the operand rules have no actions of their own.
template <fixed_string Kw, typename Operand>
struct operand_after : Operand {
    static constexpr auto text = fixed_string("expected an operand after '") + Kw + fixed_string("'");
    static constexpr const char* error_message = text.value;
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
struct unary_expr;
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
        return Control<path_expr>::template match<A, M, Action, Control>(in, st);
    }
};

/// ABNF: the operands of `commonExpr` (primitiveLiteral, parenExpr, methodCallExpr, castExpr,
/// isofExpr, firstMemberExpr, rootExpr, parameterAlias). Each alternative is chosen by its first
/// characters and then committed.
struct atom : pegtl::sor<paren_expr, string_literal, alias, unsupported_json, guid_literal, date_literal,
                         timeofday_literal, number_literal, inf_nan_literal, null_literal, true_literal,
                         false_literal, name_atom> {};

// ---------------------------------------------------------------------------------------------------
// `in` and `has` (primary level)

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

template <fixed_string Kw, typename Operand>
struct infix : pegtl::if_must<keyword<Kw>, space_after<Kw>, operand_after<Kw, Operand>> {
    using operand = Operand;
};

/// ABNF: `hasExpr = RWS "has" RWS enumLiteral` (any primary operand is accepted; profiles check types).
struct has_op : infix<"has", atom> {};
struct in_op : infix<"in", in_operand> {};
/// Primary level: an atom followed by `has` / `in` operations, left-associative.
struct primary_expr : pegtl::seq<atom, pegtl::star<pegtl::seq<rws, pegtl::sor<has_op, in_op>>>> {
    using operand = atom;
};

// ---------------------------------------------------------------------------------------------------
// Unary and binary levels

/// `-` not directly followed by a number (`-5`, `-INF` and `-2012-01-01` are literals).
struct neg_sign : pegtl::seq<pegtl::one<'-'>,
                             pegtl::not_at<pegtl::sor<pegtl::digit, keyword<"INF", kw_case::sensitive>>>> {};
/// ABNF: `negateExpr = "-" BWS commonExpr`. Value Type: unary neg.
struct neg_expr : nested<neg_sign, bws, operand_after<"-", unary_expr>> {};
/// `not` followed by whitespace (ABNF: `notExpr = "not" RWS boolCommonExpr`) or directly by `(`.
struct not_keyword : pegtl::seq<keyword<"not">, pegtl::sor<rws, pegtl::at<pegtl::one<'('>>>> {};
/// Value Type: unary not.
struct not_expr : nested<not_keyword, operand_after<"not", unary_expr>> {};
/// Unary level.
struct unary_expr : pegtl::sor<neg_expr, not_expr, primary_expr> {};

struct mul_op : infix<"mul", unary_expr> {};
struct div_op : infix<"div", unary_expr> {};
struct divby_op : infix<"divby", unary_expr> {};
struct mod_op : infix<"mod", unary_expr> {};
/// Multiplicative level. ABNF: `mulExpr`, `divExpr`, `divbyExpr`, `modExpr`.
struct mul_expr
    : pegtl::seq<unary_expr, pegtl::star<pegtl::seq<rws, pegtl::sor<mul_op, divby_op, div_op, mod_op>>>> {
    using operand = unary_expr;
};

struct add_op : infix<"add", mul_expr> {};
struct sub_op : infix<"sub", mul_expr> {};
/// Additive level. ABNF: `addExpr`, `subExpr`.
struct add_expr : pegtl::seq<mul_expr, pegtl::star<pegtl::seq<rws, pegtl::sor<add_op, sub_op>>>> {
    using operand = mul_expr;
};

struct gt_op : infix<"gt", add_expr> {};
struct ge_op : infix<"ge", add_expr> {};
struct lt_op : infix<"lt", add_expr> {};
struct le_op : infix<"le", add_expr> {};
/// Relational level. ABNF: `gtExpr`, `geExpr`, `ltExpr`, `leExpr`.
struct rel_expr : pegtl::seq<add_expr, pegtl::star<pegtl::seq<rws, pegtl::sor<gt_op, ge_op, lt_op, le_op>>>> {
    using operand = add_expr;
};

struct eq_op : infix<"eq", rel_expr> {};
struct ne_op : infix<"ne", rel_expr> {};
/// Equality level. ABNF: `eqExpr`, `neExpr`.
struct eq_expr : pegtl::seq<rel_expr, pegtl::star<pegtl::seq<rws, pegtl::sor<eq_op, ne_op>>>> {
    using operand = rel_expr;
};

struct and_op : infix<"and", eq_expr> {};
/// ABNF: `andExpr = RWS "and" RWS boolCommonExpr`.
struct and_expr : pegtl::seq<eq_expr, pegtl::star<pegtl::seq<rws, and_op>>> {
    using operand = eq_expr;
};

struct or_op : infix<"or", and_expr> {};
/// ABNF: `orExpr = RWS "or" RWS boolCommonExpr`.
struct or_expr : pegtl::seq<and_expr, pegtl::star<pegtl::seq<rws, or_op>>> {
    using operand = and_expr;
};

/// ABNF: `commonExpr` (and `boolCommonExpr`, which is the same syntax).
struct expr : or_expr {};

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
} // namespace tao::pegtl
