// The filters of the test corpora that parse_filter accepts with default parse_options, for the
// property tests of the `full` profile (test_profile_full.cpp, test_profile_full_eval.cpp):
// - every case of the project's tests/data/filter_extra_testcases.yaml;
// - when present at run time, the in-scope cases of the OASIS file
//   shared/reference/odata-abnf/odata-abnf-testcases.yaml for the rules boolCommonExpr, commonExpr and
//   filter.
// Cases are read and turned into filter text by the filter conformance harness
// (tests/odata/conformance.hpp); negative cases the parser accepts anyway are kept, since
// `full` must accept whatever parse_filter accepts.
#pragma once

#include "../odata/conformance.hpp"
#include "test_paths.hpp"

#include <apiquery/odata/filter.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace apiquery::test {

struct corpus_filter {
    std::string origin; ///< "extra:<line> <name>" or "oasis:<line> <name>"
    std::string text;   ///< what parse_filter accepted
    filter_ast ast;
};

struct filter_corpus {
    std::vector<corpus_filter> filters;
    std::size_t extra = 0; ///< accepted filters from the project's file
    std::size_t oasis = 0; ///< accepted filters from the OASIS file
    bool oasis_present = false;
};

namespace corpus_detail {
inline void add_cases(filter_corpus& out, const std::vector<yaml_case>& cases, bool oasis) {
    for (const auto& c : cases) {
        if (oasis && !is_expression_rule(c.rule()))
            continue;
        const auto outcome = run_case(c, oasis);
        if (!outcome.in_scope || outcome.filter_text.empty())
            continue;
        auto ast = parse_filter(outcome.filter_text); // default parse_options
        if (!ast)
            continue;
        out.filters.push_back(
            {std::string(oasis ? "oasis:" : "extra:") + std::to_string(c.line) + " " + c.name(),
             outcome.filter_text, std::move(*ast)});
        ++(oasis ? out.oasis : out.extra);
    }
}
} // namespace corpus_detail

inline filter_corpus load_filter_corpus() {
    filter_corpus out;
    corpus_detail::add_cases(
        out, read_yaml_cases((source_dir() / "tests/data/filter_extra_testcases.yaml").string()), false);
    const auto oasis = shared_dir() / "reference/odata-abnf/odata-abnf-testcases.yaml";
    if (std::filesystem::exists(oasis)) {
        out.oasis_present = true;
        corpus_detail::add_cases(out, read_yaml_cases(oasis.string()), true);
    }
    return out;
}

} // namespace apiquery::test
