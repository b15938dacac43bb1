// command_line: an apiquery command line read with CLI11 (see command_line.hpp).
//
// How the order of the arguments is kept: every option is declared with trigger_on_parse, so that its
// handler runs as soon as CLI11 has read it, and CLI11 reads from `rest` (the arguments not read yet,
// last first), so that the handler knows where the option ends. Operands are what lies between the
// options; CLI11 keeps them as extras (allow_extras), and they are handed to the command's operand
// handler, in order, before the option that follows them and at the end.
#include "command_line.hpp"

#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <ostream>
#include <utility>
#include <vector>

namespace apiquery::cli {
namespace {

struct help_request {};

struct stop_request {
    int status;
};

/// Appended to every argument `--name=…` before CLI11 reads it, and taken off what CLI11 gives back.
/// CLI11 2.1 reads `--name=` as `--name` and then takes the next argument as the value, and it lets a
/// flag take the values `true` and `{}` (`--lines=true`); with the mark, the value of `--name=` is not
/// empty and no flag accepts a value. A command-line argument cannot hold a NUL, so the mark is never
/// confused with what was typed.
constexpr char value_mark = '\0';

std::string_view without_mark(std::string_view s) {
    if (!s.empty() && s.back() == value_mark)
        s.remove_suffix(1);
    return s;
}

} // namespace

struct command_line::state {
    CLI::App app;
    std::string help;
    std::function<std::string(std::string_view)> unexpected;
    std::function<void(std::string_view, operand_place)> on_operand;
    /// The value options and the message for each when it is the last argument.
    std::vector<std::pair<std::string, std::function<std::string()>>> missing;

    std::span<const std::string_view> args;
    std::vector<std::string> rest; ///< what CLI11 has not read yet, the last argument first
    std::size_t next = 0;          ///< the arguments before this one have been handled
    bool after_end_of_options = false;

    /// How many arguments CLI11 has read.
    std::size_t read() const { return args.size() - rest.size(); }

    /// Hands the arguments from `next` to `end` (none of them an option) to the operand handler.
    void operands_before(std::size_t end) {
        for (; next < end; ++next) {
            const std::string_view a = args[next];
            operand_place place = operand_place::before_end_of_options;
            if (after_end_of_options) {
                place = operand_place::after_end_of_options;
            } else if (a == "--") { // CLI11 stops reading options at the first `--` that is no value
                place = operand_place::end_of_options;
                after_end_of_options = true;
            }
            if (!on_operand)
                throw usage_error{unexpected(a)};
            on_operand(a, place);
        }
    }
};

command_line::command_line(std::string help_text,
                           std::function<std::string(std::string_view argument)> unexpected)
    : state_(std::make_unique<state>()) {
    state_->help = std::move(help_text);
    state_->unexpected = std::move(unexpected);
    state_->app.allow_extras();
    state_->app.set_help_flag(); // replaced by a flag that keeps the order of the arguments
    flag("--help", [] { command_line::help(); });
}

command_line::~command_line() = default;

void command_line::flag(std::string_view name, std::function<void()> on) {
    state* s = state_.get();
    s->app
        .add_flag_callback(std::string(name),
                           [s, on = std::move(on)] {
                               const std::size_t end = s->read();
                               s->operands_before(end - 1);
                               on();
                               s->next = end;
                           })
        ->trigger_on_parse()
        ->disable_flag_override();
}

void command_line::option(std::string_view name,
                          std::function<void(std::string_view value, std::string_view argument)> on,
                          std::function<std::string()> missing) {
    state* s = state_.get();
    const std::size_t name_size = name.size();
    s->app
        .add_option(std::string(name),
                    [s, name_size, on = std::move(on)](const CLI::results_t& results) {
                        const std::size_t end = s->read();
                        const std::string_view last = s->args[end - 1];
                        // `--name=VALUE` is one argument and CLI11's value is only its end; `--name VALUE`
                        // is two, and the value the whole second one.
                        const bool one = without_mark(results.front()) != last;
                        const std::size_t begin = one ? end - 1 : end - 2;
                        s->operands_before(begin);
                        on(one ? last.substr(name_size + 1) : last, s->args[begin]);
                        s->next = end;
                        return true;
                    })
        ->expected(1)
        ->trigger_on_parse();
    s->missing.emplace_back(std::string(name), std::move(missing));
}

void command_line::operands(std::function<void(std::string_view argument, operand_place place)> on) {
    state_->on_operand = std::move(on);
}

void command_line::stop_at_first_operand() {
    state_->app.prefix_command();
}

void command_line::help() {
    throw help_request{};
}

void command_line::stop(int status) {
    throw stop_request{status};
}

std::optional<int> command_line::parse(std::span<const std::string_view> args, io streams) {
    state& s = *state_;
    s.args = args;
    s.next = 0;
    s.after_end_of_options = false;
    s.rest.clear();
    for (auto a = args.rbegin(); a != args.rend(); ++a) {
        std::string text(*a);
        if (text.starts_with("--") && text.find('=') != std::string::npos)
            text += value_mark;
        s.rest.push_back(std::move(text));
    }
    try {
        try {
            s.app.parse(s.rest);
        } catch (const CLI::ParseError&) {
            // CLI11 gives up at the argument it has just read: an option whose value is missing (it is the
            // last argument) or a flag given a value.
            if (s.read() == 0)
                throw;
            const std::size_t at = s.read() - 1;
            s.operands_before(at);
            for (const auto& [name, missing] : s.missing)
                if (args[at] == name && missing)
                    throw usage_error{missing()};
            throw usage_error{s.unexpected(args[at])};
        }
        s.operands_before(args.size());
    } catch (const usage_error& e) {
        streams.err << e.message;
        return exit_usage;
    } catch (const help_request&) {
        streams.out << s.help;
        return exit_ok;
    } catch (const stop_request& r) {
        return r.status;
    }
    return std::nullopt;
}

} // namespace apiquery::cli
