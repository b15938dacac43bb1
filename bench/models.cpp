// Response models: read and check a Get Workspace Tokens page of 100 tokens, as a pydantic client would.
//
//   bench_models                      Google Benchmark run (MB/s of the body per benchmark)
//   bench_models --dump-body [N]      prints the page of N tokens (default 100) the benchmarks use
//   python3 bench/models_vs_pydantic.py BUILD/bench/bench_models
//                                     the same run plus pydantic's model_validate_json on the same body,
//                                     and the ratio (docs/models.md has the numbers)
#include <apiquery/endpoints/tokens/masking.hpp>
#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/model/pydantic_json.hpp>

#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

namespace {

/// A deterministic, realistic page: names, masked secrets, users, roles, 1-2 workspaces, microsecond
/// expiry times (as live responses carry), some tokens without expiry.
apiquery::token_page make_page(std::size_t n) {
    std::mt19937_64 rng(2025);
    const char* given[] = {"Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances"};
    const char* family[] = {"Lovelace", "Hopper", "Torvalds", "Hamilton",
                            "Thompson", "Liskov", "Ritchie",  "Allen"};
    const char* workspaces[] = {"production", "staging", "research", "support"};
    apiquery::token_page page;
    for (std::size_t k = 0; k < n; ++k) {
        apiquery::token t;
        t.name = "token-" + std::to_string(k) + (k % 3 == 0 ? "-ci" : k % 3 == 1 ? "-deploy" : "-reader");
        std::string secret = "apk_";
        for (int c = 0; c < 40; ++c)
            secret.push_back("abcdefghijklmnopqrstuvwxyz0123456789"[rng() % 36]);
        t.masked_token = apiquery::mask_token(secret);
        t.personal = rng() % 2;
        t.expires = rng() % 4 != 0;
        if (t.expires)
            t.expires_at = apiquery::timestamp::from_unix_micros(
                1735689600000000 + static_cast<std::int64_t>(rng() % 63072000000000));
        apiquery::uuid::bytes_type b{};
        for (auto& x : b)
            x = static_cast<std::uint8_t>(rng());
        t.api_token_id = apiquery::uuid(b);
        t.user = {given[rng() % 8], family[rng() % 8]};
        t.organization_role = static_cast<apiquery::organization_role>(rng() % 3);
        t.role = std::string(apiquery::to_string(t.organization_role));
        t.workspaces.push_back({workspaces[0]});
        if (rng() % 3 == 0)
            t.workspaces.push_back({workspaces[1 + rng() % 3]});
        page.data.push_back(std::move(t));
    }
    page.has_more = true;
    page.total = 1234;
    return page;
}

const std::string& body() {
    static const std::string b = apiquery::json_text(make_page(100));
    return b;
}

/// The same page with an error in every token (the expiry time is not a date).
const std::string& body_with_errors() {
    static const std::string b = [] {
        std::string s = body();
        for (std::size_t at = 0; (at = s.find("\"expires_at\":\"", at)) != std::string::npos; ++at)
            s[at + 14] = 'x';
        return s;
    }();
    return b;
}

void report_bytes(benchmark::State& state, const std::string& b) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(b.size()));
    state.counters["bytes"] = static_cast<double>(b.size());
}

/// What a client does: read the body into the typed page (every check included).
void BM_parse_token_page(benchmark::State& state) {
    for (auto _ : state) {
        auto page = apiquery::parse_token_page(body());
        benchmark::DoNotOptimize(page);
        if (!page)
            state.SkipWithError("the page did not validate");
    }
    report_bytes(state, body());
}
BENCHMARK(BM_parse_token_page);

/// Check only (no typed page built): what `apiquery check-response` does.
void BM_check_token_page(benchmark::State& state) {
    for (auto _ : state) {
        auto errors = apiquery::check_token_page(body());
        benchmark::DoNotOptimize(errors);
    }
    report_bytes(state, body());
}
BENCHMARK(BM_check_token_page);

/// 100 errors to report (each with its location, message and echoed input).
void BM_check_token_page_100_errors(benchmark::State& state) {
    for (auto _ : state) {
        auto errors = apiquery::check_token_page(body_with_errors());
        benchmark::DoNotOptimize(errors);
    }
    report_bytes(state, body_with_errors());
}
BENCHMARK(BM_check_token_page_100_errors);

/// The floor: jiter-exact reading of the JSON text alone.
void BM_read_json_only(benchmark::State& state) {
    for (auto _ : state) {
        auto doc = apiquery::parse_pydantic_json(body());
        benchmark::DoNotOptimize(doc);
    }
    report_bytes(state, body());
}
BENCHMARK(BM_read_json_only);

/// For reference: Boost.JSON's own parser into a boost::json::value.
void BM_boost_json_parse(benchmark::State& state) {
    for (auto _ : state) {
        auto v = boost::json::parse(body());
        benchmark::DoNotOptimize(v);
    }
    report_bytes(state, body());
}
BENCHMARK(BM_boost_json_parse);

/// What a server does: write the page as the API writes it.
void BM_json_text_token_page(benchmark::State& state) {
    const auto page = apiquery::parse_token_page(body()).value();
    for (auto _ : state) {
        auto text = apiquery::json_text(page);
        benchmark::DoNotOptimize(text);
    }
    report_bytes(state, body());
}
BENCHMARK(BM_json_text_token_page);

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "--dump-body") == 0) {
        const std::size_t n = argc >= 3 ? static_cast<std::size_t>(std::stoul(argv[2])) : 100;
        const std::string b = apiquery::json_text(make_page(n));
        std::fwrite(b.data(), 1, b.size(), stdout);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
