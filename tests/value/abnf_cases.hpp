// Reads the OASIS OData ABNF test cases (odata-abnf-testcases.yaml) and apiquery's own cases in the same
// format: a list of `- Name:` entries with `Rule:`, `Input:` and an optional `FailAt:`. Only the YAML
// this format uses is understood: plain scalars, "double-quoted" (\" \\ escapes) and 'single-quoted'
// ('' escape) ones.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::test {

struct abnf_case {
    std::string name;
    std::string rule;
    std::string input;
    std::optional<std::size_t> fail_at; ///< absent: the input must match the rule
    int line = 0;                       ///< of the `- Name:` line
};

inline std::string yaml_scalar(std::string_view v) {
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r' || v.back() == '\t'))
        v.remove_suffix(1);
    std::string out;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size())
                ++i;
            out += v[i];
        }
    } else if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            out += v[i];
            if (v[i] == '\'' && v[i + 1] == '\'')
                ++i;
        }
    } else {
        const auto comment = v.find(" #");
        out = std::string(v.substr(0, comment));
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
    }
    return out;
}

/// The cases of `path`; empty when the file cannot be read.
inline std::vector<abnf_case> read_abnf_cases(const std::string& path) {
    std::vector<abnf_case> cases;
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string_view l = line;
        const auto first = l.find_first_not_of(' ');
        if (first == std::string_view::npos || l[first] == '#')
            continue;
        l.remove_prefix(first);
        const bool starts_entry = l.substr(0, 2) == "- ";
        if (starts_entry)
            l.remove_prefix(2);
        const auto colon = l.find(": ");
        if (colon == std::string_view::npos)
            continue;
        const std::string_view key = l.substr(0, colon);
        const std::string value = yaml_scalar(l.substr(colon + 2));
        if (starts_entry && key == "Name") {
            cases.push_back({value, {}, {}, std::nullopt, number});
        } else if (!cases.empty()) {
            if (key == "Rule")
                cases.back().rule = value;
            else if (key == "Input")
                cases.back().input = value;
            else if (key == "FailAt")
                cases.back().fail_at = static_cast<std::size_t>(std::stoul(value));
        }
    }
    return cases;
}

} // namespace apiquery::test
