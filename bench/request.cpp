// Request validation speed: the Get Workspace Tokens example request and a request with four errors,
// and the same requests through the FastAPI + pydantic emulation, timed in the same run.
//
//   cmake --preset release -DAPIQUERY_BUILD_BENCH=ON && cmake --build --preset release --target bench_request
//   build/release/bench/bench_request
#include <apiquery/endpoints/tokens/request.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

namespace {

constexpr const char* valid_target =
    "/api/v1/workspaces/production/token?limit=10&filter=name%20eq%20%27x%27";
constexpr const char* four_errors_target =
    "/api/v1/workspaces/production/token?limit=101&before=zz&page_number=0&order=asc";
constexpr const char* defaults_target = "/api/v1/workspaces/production/token";

void BM_validate_example(benchmark::State& state) {
    for (auto _ : state) {
        auto r = apiquery::parse_tokens_request(valid_target);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_validate_example);

void BM_validate_defaults(benchmark::State& state) {
    for (auto _ : state) {
        auto r = apiquery::parse_tokens_request(defaults_target);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_validate_defaults);

void BM_validate_four_errors(benchmark::State& state) {
    for (auto _ : state) {
        auto r = apiquery::parse_tokens_request(four_errors_target);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_validate_four_errors);

// What `apiquery validate` does per line: validate, then write the answer.
void BM_validate_example_and_print(benchmark::State& state) {
    for (auto _ : state) {
        auto r = apiquery::parse_tokens_request(valid_target);
        std::string out = r ? apiquery::json_text(*r) : r.error().body();
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_validate_example_and_print);

void BM_validate_four_errors_and_print(benchmark::State& state) {
    for (auto _ : state) {
        auto r = apiquery::parse_tokens_request(four_errors_target);
        std::string out = r ? apiquery::json_text(*r) : r.error().body();
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_validate_four_errors_and_print);

/// Keeps each benchmark's time per iteration (ns) besides printing as usual.
class recording_reporter : public benchmark::ConsoleReporter {
public:
    std::map<std::string, double> ns;
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& r : runs)
            ns[r.benchmark_name()] = r.GetAdjustedCPUTime(); // CPU ns (the machine is shared)
        ConsoleReporter::ReportRuns(runs);
    }
};

/// Runs the Python timing script; ns per request for each target, or -1.
std::map<std::string, double> time_pydantic() {
    std::map<std::string, double> out;
    const std::string cmd = std::string("python3 ") + APIQUERY_SOURCE_DIR + "/bench/request_pydantic.py '" +
                            valid_target + "' '" + four_errors_target + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char line[4096];
    while (std::fgets(line, sizeof line, p)) {
        double ns = 0;
        char target[4000];
        if (std::sscanf(line, "%lf %3999s", &ns, target) == 2)
            out[target] = ns;
        else
            std::fputs(line, stdout);
    }
    pclose(p);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    recording_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const auto py = time_pydantic();
    std::printf("\nCPU time per request   apiquery (ns)  FastAPI+pydantic emulation (ns)   ratio\n");
    const auto row = [&](const char* label, const char* bench, const char* target) {
        const auto a = reporter.ns.find(bench);
        const auto b = py.find(target);
        if (a == reporter.ns.end())
            return;
        if (b == py.end()) {
            std::printf("%-22s %13.0f  %31s   %5s\n", label, a->second, "(python3/pydantic absent)", "-");
            return;
        }
        std::printf("%-22s %13.0f  %31.0f   %5.0fx\n", label, a->second, b->second, b->second / a->second);
    };
    row("example (valid)", "BM_validate_example_and_print", valid_target);
    row("four errors", "BM_validate_four_errors_and_print", four_errors_target);
    benchmark::Shutdown();
    return 0;
}
