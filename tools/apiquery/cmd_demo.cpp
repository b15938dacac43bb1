// apiquery demo: a tour of what apiquery does, section by section. Each section is a row of the table
// below; add a section by adding a function and a row (the listing section comes next).
#include "command.hpp"

#include <apiquery/tokens_request.hpp>

#include <ostream>
#include <string_view>

namespace apiquery::cli {
namespace {

/// One request of the validation section: what a client might send, and why it is interesting.
struct demo_request {
    std::string_view note;
    std::string_view target;
};

constexpr demo_request requests[] = {
    {"defaults filled in", "/api/v1/workspaces/production/token"},
    {"lax integers, a cursor in upper case, a filter",
     "/api/v1/workspaces/production/token?limit=+05&after=F47AC10B-58CC-4372-A567-0E02B2C3D479"
     "&filter=name%20eq%20%27ci-token%27&field=name&order=ASC"},
    {"every failing parameter in one 422, in declaration order",
     "/api/v1/workspaces/production/token?limit=101&before=zz&page_number=0&field=Name&order=asc"},
    {"the last of repeated keys wins; a huge page number is still an int",
     "/api/v1/workspaces/production/token?limit=200&limit=1_0&page_number=99999999999999999999999"},
    {"rules beyond parameter types: page pagination and cursors do not mix",
     "/api/v1/workspaces/production/token?page_number=2&before=550e8400-e29b-41d4-a716-446655440000"},
    {"a path that does not reach the endpoint", "/api/v1/workspaces/production/tokens"},
};

void section_validation(std::ostream& out) {
    out << "== Request validation: what FastAPI + pydantic answer to a Get Workspace Tokens request ==\n";
    for (const auto& r : requests) {
        out << "\n# " << r.note << "\nGET " << r.target << "\n";
        const auto v = parse_tokens_request(r.target);
        if (v)
            out << "-> 200, the handler receives " << json_text(*v) << "\n";
        else
            out << "-> " << v.error().status << " " << v.error().body() << "\n";
    }
}

struct demo_section {
    std::string_view name;
    void (*run)(std::ostream&);
};

constexpr demo_section sections[] = {
    {"validate", section_validation},
};

int run_demo(std::span<const std::string_view> args, io streams) {
    if (!args.empty()) {
        streams.err << "usage: apiquery demo\n";
        return exit_usage;
    }
    bool first = true;
    for (const auto& s : sections) {
        if (!first)
            streams.out << "\n";
        first = false;
        s.run(streams.out);
    }
    return exit_ok;
}

const command_registrar registrar{
    {"demo", "apiquery demo", "A short tour: requests validated as the server would answer them", run_demo}};

} // namespace
} // namespace apiquery::cli
