// The first example of README.md, kept compiling and correct by running it as a test.
#include <apiquery/endpoints/tokens/profile.hpp> // profiles::tokens
#include <apiquery/odata/filter.hpp>             // parse_filter (PEGTL stays behind this header)
#include <apiquery/odata/filter_print.hpp>       // json_text, to_odata
#include <apiquery/profile/profile_check.hpp>    // check_filter

#include <iostream>
#include <string>

int main() {
    std::string_view text = "name eq 'ci-token' and created_at ge 2025-01-01T00:00:00Z";
    auto ast = apiquery::parse_filter(text); // never throws: result<filter_ast, filter_parse_error>
    std::cout << apiquery::json_text(*ast) << "\n";

    std::string_view bad = "name eq 'ci-token' andd x";
    auto err = apiquery::parse_filter(bad).error(); // code, byte position, message, caret rendering
    std::cout << err.position << ": " << err.message << "\n" << err.caret_line(bad) << "\n";

    // What the Get Workspace Tokens endpoint accepts: eq, ge, and over its typed fields.
    auto refused = apiquery::check_filter(*apiquery::parse_filter("name eq 'a' or role eq 'b'"),
                                          apiquery::profiles::tokens);
    std::cout << refused.error().message << "\n";

    // The checks that keep the README honest.
    const std::string expected_json =
        R"({"op":"and","args":[{"op":"eq","args":[{"path":["name"]},{"literal":"string","value":"ci-token"}]},)"
        R"({"op":"ge","args":[{"path":["created_at"]},{"literal":"datetimeoffset","value":"2025-01-01T00:00:00Z"}]}]})";
    bool ok =
        apiquery::json_text(*ast) == expected_json && err.position == 19 &&
        refused.error().message == "operator 'or' is not supported by this endpoint (supported: eq, ge, and)";
    return ok ? 0 : 1;
}
