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

#include <apiquery/filter_error.hpp>

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

/// Throws a filter_failure.
[[noreturn]] inline void fail_at(filter_errc code, std::size_t position, std::string message) {
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

    /// Rules without an action are matched directly, without PEGTL's per-rule bookkeeping (markers and
    /// the no-op start/success/failure calls): fewer stack frames per nesting level in unoptimised
    /// builds, where each level of `(`, `not` or a call goes through a dozen rules.
    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        if constexpr (has_error_message<Rule> && M == tao::pegtl::rewind_mode::dontcare) {
            // A must<> target: PEGTL matches it without rewinding, so a partial match would move the
            // error position; rewind it so that errors point where the expected thing should start.
            auto m = in.template mark<tao::pegtl::rewind_mode::required>();
            return m(match<A, tao::pegtl::rewind_mode::active, Action, Control>(in, st...));
        } else if constexpr (A == tao::pegtl::apply_mode::nothing ||
                             std::is_base_of_v<tao::pegtl::nothing<Rule>, Action<Rule>>) {
            if constexpr (requires { Rule::template match<A, M, Action, Control>(in, st...); })
                return Rule::template match<A, M, Action, Control>(in, st...);
            else
                return Rule::match(in);
        } else {
            return tao::pegtl::normal<Rule>::template match<A, M, Action, Control>(in, st...);
        }
    }

    template <template <typename...> class Action, typename Iterator, typename ParseInput, typename... States>
    static auto apply(const Iterator& begin, const ParseInput& in, States&&... st)
        -> decltype(tao::pegtl::normal<Rule>::template apply<Action>(begin, in, st...)) {
        try {
            return tao::pegtl::normal<Rule>::template apply<Action>(begin, in, st...);
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
