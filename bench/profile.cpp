// Cost of checking a parsed filter against a profile (check_filter), next to the cost of parsing it.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAPIQUERY_BUILD_BENCH=ON
//   cmake --build build-bench --target bench_profile && build-bench/bench/bench_profile
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

namespace {

struct sample {
    const char* name;
    std::string_view text;
    const apiquery::profile_view* profile;
};

const sample samples[] = {
    {"tokens_small", "name eq 'ci-token'", &apiquery::profiles::tokens},
    {"tokens_typical",
     "created_at ge '2025-01-01' and organization_role eq 'ADMIN' and expires_at eq null and personal eq "
     "false",
     &apiquery::profiles::tokens},
    {"files_example", "category eq 'news' and published_date ge '2025-01-01'", &apiquery::profiles::files},
    {"full_rich",
     "tags/any(t: startswith(tolower(t), 'a')) and price mul 2 gt 10.5 and id in (1, 2, 3, 4) and "
     "not (created sub 2025-01-01T00:00:00Z gt duration'P30D')",
     &apiquery::profiles::full},
};

void parse_only(benchmark::State& state, const sample& s) {
    for (auto _ : state) {
        auto ast = apiquery::parse_filter(s.text);
        benchmark::DoNotOptimize(ast);
    }
}

void check_only(benchmark::State& state, const sample& s) {
    const auto ast = apiquery::parse_filter(s.text).value();
    for (auto _ : state) {
        auto checked = apiquery::check_filter(ast, *s.profile); // includes copying the tree
        benchmark::DoNotOptimize(checked);
    }
}

void parse_and_check(benchmark::State& state, const sample& s) {
    for (auto _ : state) {
        auto ast = apiquery::parse_filter(s.text);
        auto checked = apiquery::check_filter(std::move(*ast), *s.profile);
        benchmark::DoNotOptimize(checked);
    }
}

void rejected(benchmark::State& state) {
    const auto ast = apiquery::parse_filter("name eq 'a' and nmae eq 'b'").value();
    for (auto _ : state) {
        auto checked = apiquery::check_filter(ast, apiquery::profiles::tokens);
        benchmark::DoNotOptimize(checked);
    }
}

int register_all() {
    for (const auto& s : samples) {
        benchmark::RegisterBenchmark((std::string("parse/") + s.name).c_str(), parse_only, s);
        benchmark::RegisterBenchmark((std::string("check/") + s.name).c_str(), check_only, s);
        benchmark::RegisterBenchmark((std::string("parse+check/") + s.name).c_str(), parse_and_check, s);
    }
    benchmark::RegisterBenchmark("check/tokens_unknown_field_with_suggestion", rejected);
    return 0;
}
const int registered = register_all();

} // namespace

BENCHMARK_MAIN();
