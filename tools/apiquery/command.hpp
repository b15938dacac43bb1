// The apiquery command-line program: each sub-command lives in its own cmd_<name>.cpp and registers
// itself with a static `command_registrar`; main.cpp dispatches on the first argument. Each command reads
// its arguments with a command_line (command_line.hpp) and exits with a status of exit_codes.hpp.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace apiquery::cli {

struct io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

/// A sub-command: `args` are the arguments after the sub-command's name.
struct command {
    std::string_view name;
    std::string_view usage;   ///< one line: "apiquery filter [--format json|odata|none] ... [EXPR | -]"; also
                              ///< what `apiquery <name> --help` prints after "usage: "
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
