// apiquery: the command-line program. See README.md, "Command-line reference".
#include "command.hpp"

#include <apiquery/config.hpp>

#include <algorithm>
#include <iostream>
#include <string>
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
void print_help(std::ostream& out) {
    out << "usage: apiquery <command> [options]\n\ncommands:\n";
    for (const auto& c : apiquery::cli::commands())
        out << "  " << c.usage << "\n      " << c.summary << "\n";
    out << "\n  apiquery --version\n";
}
} // namespace

int main(int argc, char** argv) {
    using namespace apiquery::cli;
    std::ios::sync_with_stdio(false);
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_help(std::cerr);
        return exit_usage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_help(std::cout);
        return exit_ok;
    }
    if (args[0] == "--version") {
        std::cout << "apiquery " << APIQUERY_VERSION_STRING << "\n";
        return exit_ok;
    }
    for (const auto& c : commands()) {
        if (c.name == args[0]) {
            try {
                return c.run(std::span<const std::string_view>(args).subspan(1),
                             io{std::cin, std::cout, std::cerr});
            } catch (const std::exception& e) {
                std::cerr << "apiquery " << c.name << ": internal error: " << e.what() << "\n";
                return 70; // EX_SOFTWARE
            }
        }
    }
    std::cerr << "apiquery: unknown command '" << args[0] << "' (see apiquery --help)\n";
    return exit_usage;
}
