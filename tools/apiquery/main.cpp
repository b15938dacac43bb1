// apiquery: the command-line program. See README.md, "Command-line reference".
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"

#include <apiquery/config.hpp>

#include <algorithm>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::cli {
namespace {
std::vector<command>& registry() {
    static std::vector<command> r;
    return r;
}
} // namespace

command_registrar::command_registrar(const command& c) {
    auto& r = registry();
    r.insert(std::upper_bound(r.begin(), r.end(), c,
                              [](const command& a, const command& b) { return a.name < b.name; }),
             c);
}

std::span<const command> commands() {
    return registry();
}

} // namespace apiquery::cli

namespace {

std::string help_text() {
    std::string out = "usage: apiquery <command> [options]\n\ncommands:\n";
    for (const auto& c : apiquery::cli::commands()) {
        out += "  ";
        out += c.usage;
        out += "\n      ";
        out += c.summary;
        out += "\n";
    }
    out += "\n  apiquery --version\n";
    return out;
}

} // namespace

int main(int argc, char** argv) {
    using namespace apiquery::cli;
    std::ios::sync_with_stdio(false);
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    const io streams{std::cin, std::cout, std::cerr};

    // The first argument is `--help` (or `-h`, or `help`), `--version`, or the command's name; whatever
    // follows belongs to what it names.
    const command* chosen = nullptr;
    const auto unknown = [](std::string_view a) {
        return "apiquery: unknown command '" + std::string(a) + "' (see apiquery --help)\n";
    };
    command_line cl(help_text(), unknown);
    cl.flag("--version", [] {
        std::cout << "apiquery " << APIQUERY_VERSION_STRING << "\n";
        command_line::stop(exit_ok);
    });
    cl.operands([&](std::string_view a, operand_place) {
        if (chosen != nullptr)
            return; // an argument of the command
        if (a == "-h" || a == "help")
            command_line::help();
        for (const auto& c : commands())
            if (c.name == a) {
                chosen = &c;
                return;
            }
        throw usage_error{unknown(a)};
    });
    cl.stop_at_first_operand();
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (chosen == nullptr) { // no argument at all
        std::cerr << help_text();
        return exit_usage;
    }
    // The command's name is the first argument: an option before it (--help, --version) ends the reading.
    try {
        return chosen->run(std::span<const std::string_view>(args).subspan(1), streams);
    } catch (const std::exception& e) {
        std::cerr << "apiquery " << chosen->name << ": internal error: " << e.what() << "\n";
        return exit_software;
    }
}
