// The command line of an apiquery command, read with CLI11 (command_line.cpp is the only file that
// includes it).
//
// CLI11 recognises the options a command declares: flags (`--lines`), options with a value
// (`--format json` or `--format=json`; the value is the next argument, whatever it is), `--help`, and
// `--`, after which nothing is an option. Every other argument is an operand (EXPR, TEXT, FILE, TARGET,
// a misspelt option) and the command judges it with its own rule, because apiquery's rules are not
// CLI11's: `-x` and `-5 eq x` are filter expressions, `-5` is not a validate target, and `--` is a bad
// argument to a command that has no use for it.
//
// Arguments are handled in command-line order and the first bad one ends the reading: its message goes
// to standard error and the command exits with exit_usage. `--help` prints the command's help on
// standard output (exit_ok) unless an argument before it was bad.
#pragma once

#include "command.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace apiquery::cli {

/// Thrown by a handler of a command_line: the command line is bad; `message` (with its newline) goes to
/// standard error as it is.
struct usage_error {
    std::string message;
};

/// "usage: <usage_line>\n": what `--help` prints, and the usage part of some messages.
inline std::string usage_text(std::string_view usage_line) {
    return "usage: " + std::string(usage_line) + "\n";
}

/// Where an operand stands relative to the first `--` of the command line.
enum class operand_place {
    before_end_of_options,
    end_of_options, ///< the first `--` itself
    after_end_of_options,
};

class command_line {
public:
    /// `help_text`: what `--help` prints on standard output. `unexpected(argument)`: the message for an
    /// argument the command does not take (a flag given a value, an option without its value).
    command_line(std::string help_text, std::function<std::string(std::string_view argument)> unexpected);
    ~command_line();
    command_line(const command_line&) = delete;
    command_line& operator=(const command_line&) = delete;

    /// `name` (`--lines`), any number of times: `on` runs at each. `--lines=…` is unexpected.
    void flag(std::string_view name, std::function<void()> on);

    /// `name VALUE` or `name=VALUE` (`name=` gives the empty value), any number of times: `on(value,
    /// argument)` runs at each, `argument` being the option as written (`--data` or `--data=FILE`).
    /// `missing()`: the message when `name` is the last argument (unexpected(name) when not given).
    void option(std::string_view name,
                std::function<void(std::string_view value, std::string_view argument)> on,
                std::function<std::string()> missing = {});

    /// `on(argument, place)` runs for every argument that is not an option (the first `--` included),
    /// and judges it: keeps it, or throws usage_error. Without it, every such argument is unexpected.
    void operands(std::function<void(std::string_view argument, operand_place place)> on);

    /// The first operand ends the reading: it and every argument after it are given to the operand
    /// handler as they are (the program's command word and the command's own arguments).
    void stop_at_first_operand();

    /// From a handler: stops the reading; parse prints the help and returns exit_ok.
    [[noreturn]] static void help();
    /// From a handler: stops the reading; parse returns `status` (the handler printed what it had to).
    [[noreturn]] static void stop(int status);

    /// Reads `args` (what follows the command's name). nullopt: the command runs with what the handlers
    /// kept; otherwise the exit status to return (help printed: exit_ok; bad command line: exit_usage, the
    /// message printed).
    std::optional<int> parse(std::span<const std::string_view> args, io streams);

private:
    struct state;
    std::unique_ptr<state> state_;
};

} // namespace apiquery::cli
