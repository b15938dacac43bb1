// The apiquery command-line program: each sub-command lives in its own cmd_<name>.cpp and registers
// itself with a static `command_registrar`. main.cpp dispatches on the first argument.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace apiquery::cli {

/// Exit codes shared by all sub-commands (each command documents what 0, 1 and 2 mean for it).
inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 64; ///< bad command line (EX_USAGE); message on standard error
inline constexpr int exit_io = 66;    ///< an input file could not be read (EX_NOINPUT)

struct io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

/// A sub-command: `args` are the arguments after the sub-command's name.
struct command {
    std::string_view name;
    std::string_view usage;   ///< one line: "apiquery filter [--format json|odata|none] ... [EXPR | -]"
    std::string_view summary; ///< one sentence for `apiquery --help`
    int (*run)(std::span<const std::string_view> args, io streams);
};

/// Adds a command to the registry at static-initialisation time.
struct command_registrar {
    explicit command_registrar(const command& c);
};

/// All registered commands, sorted by name.
std::span<const command> commands();

} // namespace apiquery::cli
