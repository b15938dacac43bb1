// Timestamps: parse and format the API's canonical form (YYYY-MM-DDTHH:MM:SS.ffffffZ), against
// Howard Hinnant's date::parse / date::format through string streams, in the same run.
// Each iteration handles one timestamp, so the Time column is nanoseconds per timestamp.
//
//   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DAPIQUERY_BUILD_BENCH=ON
//   cmake --build build-rel --target bench_timestamp && build-rel/bench/bench_timestamp
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/timestamp.hpp>

#include <benchmark/benchmark.h>
#include <date/date.h>

#include <chrono>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using micro_time = date::sys_time<std::chrono::microseconds>;

/// 1024 API timestamps from 2020-2030 with microseconds, as the API writes them.
const std::vector<std::string>& corpus() {
    static const std::vector<std::string> texts = [] {
        std::mt19937_64 rng(5);
        std::uniform_int_distribution<std::int64_t> us(1577836800LL * 1000000, 1893456000LL * 1000000);
        std::vector<std::string> out;
        for (int i = 0; i < 1024; ++i) {
            auto s = apiquery::format_timestamp(apiquery::timestamp::from_unix_micros(us(rng) | 1));
            out.push_back(s);
        }
        return out;
    }();
    return texts;
}

std::vector<apiquery::timestamp> parsed_corpus() {
    std::vector<apiquery::timestamp> out;
    for (const auto& s : corpus())
        out.push_back(apiquery::parse_timestamp(s).value());
    return out;
}

void parse_timestamp(benchmark::State& state) {
    const auto& texts = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        auto r = apiquery::parse_timestamp(texts[i++ & 1023]);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(parse_timestamp);

void parse_pydantic_datetime(benchmark::State& state) {
    const auto& texts = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        auto r = apiquery::parse_pydantic_datetime(texts[i++ & 1023]);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(parse_pydantic_datetime);

void parse_odata_datetimeoffset(benchmark::State& state) {
    const auto& texts = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        auto r = apiquery::parse_odata_datetimeoffset(texts[i++ & 1023]);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(parse_odata_datetimeoffset);

/// The reference: date::parse through a fresh std::istringstream per timestamp.
void date_parse_istringstream(benchmark::State& state) {
    const auto& texts = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        std::istringstream in(texts[i++ & 1023]);
        micro_time tp;
        in >> date::parse("%FT%TZ", tp);
        benchmark::DoNotOptimize(tp);
        if (in.fail())
            state.SkipWithError("date::parse failed");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(date_parse_istringstream);

/// date::parse reusing one istringstream (str() + clear() per timestamp): the stream's construction
/// cost taken out.
void date_parse_reused_istringstream(benchmark::State& state) {
    const auto& texts = corpus();
    std::size_t i = 0;
    std::istringstream in;
    for (auto _ : state) {
        in.clear();
        in.str(texts[i++ & 1023]);
        micro_time tp;
        in >> date::parse("%FT%TZ", tp);
        benchmark::DoNotOptimize(tp);
        if (in.fail())
            state.SkipWithError("date::parse failed");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(date_parse_reused_istringstream);

void format_timestamp(benchmark::State& state) {
    const auto values = parsed_corpus();
    std::size_t i = 0;
    char buf[apiquery::timestamp_max_chars];
    for (auto _ : state) {
        const auto n = apiquery::format_timestamp(values[i++ & 1023], buf);
        benchmark::DoNotOptimize(n);
        benchmark::DoNotOptimize(buf);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(format_timestamp);

void format_timestamp_string(benchmark::State& state) {
    const auto values = parsed_corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        auto s = apiquery::format_timestamp(values[i++ & 1023]);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(format_timestamp_string);

/// The reference: date::format (an ostringstream inside) of the same instants.
void date_format(benchmark::State& state) {
    const auto values = parsed_corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        auto s = date::format("%FT%TZ", values[i++ & 1023].utc());
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(date_format);

} // namespace

BENCHMARK_MAIN();
