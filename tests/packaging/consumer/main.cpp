// A program that uses apiquery the way a user of the installed package does: parse a filter, check it
// against the tokens profile, validate a request target.
#include <apiquery.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>

#include <iostream>

int main() {
    auto ast = apiquery::parse_filter("name eq 'ci-token' and created_at ge 2025-01-01T00:00:00Z");
    if (!ast) {
        std::cerr << "parse_filter failed: " << ast.error().message << "\n";
        return 1;
    }
    auto checked = apiquery::check_filter(*ast, apiquery::profiles::tokens);
    if (!checked) {
        std::cerr << "check_filter failed: " << checked.error().message << "\n";
        return 1;
    }
    auto bad = apiquery::parse_filter("name eq");
    if (bad) {
        std::cerr << "parse_filter accepted 'name eq'\n";
        return 1;
    }
    auto request = apiquery::parse_tokens_request("/api/v1/workspaces/production/token?limit=101");
    if (request || request.error().status != 422) {
        std::cerr << "limit=101 was not refused with 422\n";
        return 1;
    }
    std::cout << apiquery::json_text(*ast) << "\n" << request.error().body() << "\n";
    return 0;
}
