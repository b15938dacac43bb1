// apiquery: errors and the PEGTL control of the `$filter` grammar (internal).
//
// - filter_failure is the one exception type of the parser: a code, a byte offset and a message.
//   Rules, actions and the control throw it; parse_filter() catches it and returns it as a
//   filter_parse_error. It never crosses the public API.
// - filter_control<Rule> is the PEGTL control: its raise() requires, at compile time, that every
//   rule used as the target of a must<> / if_must<> names its error in a
//   `static constexpr const char* error_message` (the PEGTL 4 convention), and throws a
//   filter_failure at the current offset. Its apply() turns any other exception thrown by an action
//   into a filter_failure at the start of the action's input, as taoJSON's errors<Rule>::apply does.
#pragma once

#include <apiquery/odata/filter_error.hpp>

#include <tao/pegtl/apply_mode.hpp>
#include <tao/pegtl/normal.hpp>
#include <tao/pegtl/nothing.hpp>
#include <tao/pegtl/rewind_mode.hpp>
#include <tao/pegtl/rules.hpp>

#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apiquery::detail {

/// The parser's internal exception: what parse_filter() returns as filter_parse_error.
struct filter_failure {
    filter_errc code;
    std::size_t position;
    std::string message;
};

/// Throws a filter_failure. Out of line and cold: the parser recurses once per nesting level, and
/// callers on that path must not carry the message's std::string in their stack frames (which
/// matters in unoptimised and sanitizer builds, see parse_options::max_depth_ceiling).
[[noreturn, gnu::noinline, gnu::cold]] inline void fail_at(filter_errc code, std::size_t position,
                                                           const char* message) {
    throw filter_failure{code, position, std::string(message)};
}
[[noreturn, gnu::noinline, gnu::cold]] inline void fail_at(filter_errc code, std::size_t position,
                                                           std::string&& message) {
    throw filter_failure{code, position, std::move(message)};
}

/// True for rules that cannot fail (`opt<...>`, `star<...>`, and rules derived from them such as BWS):
/// as must<> targets they never raise, so they need no message.
template <typename RuleT>
inline constexpr bool infallible_v = false;
template <typename... R>
inline constexpr bool infallible_v<tao::pegtl::internal::opt<R...>> = true;
template <typename R, typename... Rs>
inline constexpr bool infallible_v<tao::pegtl::internal::star<R, Rs...>> = true;

/// True when Rule has a `static constexpr const char* error_message`.
template <typename Rule>
concept has_error_message = requires {
    { Rule::error_message } -> std::convertible_to<const char*>;
};

/// The error code of a must<> target: Rule::error_code when it has one, else filter_errc::syntax.
template <typename Rule>
constexpr filter_errc error_code_of() noexcept {
    if constexpr (requires { Rule::error_code; })
        return Rule::error_code;
    else
        return filter_errc::syntax;
}

/// The control of the `$filter` grammar (see the file comment).
template <typename Rule>
struct filter_control : tao::pegtl::normal<Rule> {
    template <typename ParseInput, typename... States>
    [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
        static_assert(
            has_error_message<Rule> || infallible_v<typename Rule::rule_t>,
            "a rule used as a must<>/if_must<> target needs static constexpr const char* error_message");
        if constexpr (has_error_message<Rule>)
            fail_at(error_code_of<Rule>(), static_cast<std::size_t>(in.current() - in.begin()),
                    Rule::error_message);
        else
            fail_at(filter_errc::syntax, static_cast<std::size_t>(in.current() - in.begin()),
                    "internal error");
    }

    /// Matches Rule with less machinery than tao::pegtl::normal, to keep the stack small on the
    /// parser's recursive path (each level of `(`, `not`, a call or a lambda goes through a dozen
    /// rules, and unoptimised or sanitizer builds give every frame with an addressable local extra
    /// space):
    /// - where PEGTL asks for rewinding (rewind_mode::required), the position is copied into a plain
    ///   local and restored on failure, and the rule is matched with rewind_mode::active, so PEGTL's
    ///   own rules never create their marker objects;
    /// - must<> targets (rules with an error_message, matched with rewind_mode::dontcare) are
    ///   rewound the same way, so that an error points where the expected thing should start;
    /// - a rule without an action is matched directly; a rule with one is matched and then its
    ///   action applied to the input from the start position (no start/success/failure calls, which
    ///   this control does not use).
    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        using tao::pegtl::rewind_mode;
        constexpr bool has_action = A == tao::pegtl::apply_mode::action &&
                                    !std::is_base_of_v<tao::pegtl::nothing<Rule>, Action<Rule>>;
        if constexpr (has_action || M == rewind_mode::required ||
                      (M == rewind_mode::dontcare && has_error_message<Rule>)) {
            const auto start = in.iterator();
            if (!match_rule<A, rewind_mode::active, Action, Control>(in, st...)) {
                in.iterator() = start;
                return false;
            }
            if constexpr (has_action)
                Control<Rule>::template apply<Action>(start, static_cast<const ParseInput&>(in), st...);
            return true;
        } else {
            return match_rule<A, M, Action, Control>(in, st...);
        }
    }

    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard, gnu::always_inline]] static inline bool match_rule(ParseInput& in, States&&... st) {
        if constexpr (requires { Rule::template match<A, M, Action, Control>(in, st...); })
            return Rule::template match<A, M, Action, Control>(in, st...);
        else
            return Rule::match(in);
    }

    /// Applies the action. Actions of rules that contain other expressions (operators, calls,
    /// parentheses, lambdas) are applied out of line, so that their locals (the action input, the
    /// exception handling) stay out of the frames of the parser's recursive path; actions marked
    /// `static constexpr bool leaf = true` (literals, names) are applied inline.
    template <template <typename...> class Action, typename Iterator, typename ParseInput, typename... States>
    static void apply(const Iterator& begin, const ParseInput& in, States&&... st) {
        if constexpr (requires { Action<Rule>::leaf; })
            apply_here<Action>(begin, in, st...);
        else
            apply_out_of_line<Action>(begin, in, st...);
    }

    template <template <typename...> class Action, typename Iterator, typename ParseInput, typename... States>
    [[gnu::noinline]] static void apply_out_of_line(const Iterator& begin, const ParseInput& in,
                                                    States&&... st) {
        apply_here<Action>(begin, in, st...);
    }

    template <template <typename...> class Action, typename Iterator, typename ParseInput, typename... States>
    static void apply_here(const Iterator& begin, const ParseInput& in, States&&... st) {
        try {
            tao::pegtl::normal<Rule>::template apply<Action>(begin, in, st...);
        } catch (const filter_failure&) {
            throw;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& e) {
            fail_at(filter_errc::syntax, static_cast<std::size_t>(begin - in.begin()), e.what());
        }
    }
};

} // namespace apiquery::detail
