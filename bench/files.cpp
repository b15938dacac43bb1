// bench_files: List Files in memory.
// - BM_MetaFilter*: a metadata filter (eval/json_filter.hpp) over the `meta` objects of 1,000,000
//   generated files, rows/s as items/s: the API's documented example (goal >= 10 M rows/s on one core)
//   over the records' own objects and over the same objects packed apart (one vector, one arena), an
//   unquoted date literal (each stored string read as ISO 8601), a nested path, and, for comparison,
//   the generic evaluator (eval/filter_eval.hpp, json_object_model) on the documented example.
// - BM_ListFiles: the whole endpoint (list_files: scope, filter, order, page) over 1,000,000 files, for
//   the documented example, a deep keyset cursor page and a name-ordered page.
// Run: cmake --preset bench && cmake --build --preset bench --target bench_files, then
// build/bench/bench/bench_files; docs/files.md quotes the numbers.
#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/json_filter.hpp>
#include <apiquery/odata/filter.hpp>

#include <benchmark/benchmark.h>

#include <boost/json/monotonic_resource.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr std::string_view documented = "category eq 'news' and published_date ge '2025-01-01'";

const std::vector<apiquery::file_record>& files() {
    static const std::vector<apiquery::file_record> all = apiquery::generate_sample_files(1000000, 42);
    return all;
}

apiquery::json_filter prepared(std::string_view text) {
    auto f = apiquery::prepare_files_filter(text);
    if (!f) {
        std::cerr << "filter refused: " << f.error().message << "\n";
        std::abort();
    }
    return std::move(*f);
}

void run_meta_filter(benchmark::State& state, std::string_view text) {
    const auto& recs = files();
    const auto f = prepared(text);
    std::size_t matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const auto& r : recs)
            matched += f.matches(r.meta);
        benchmark::DoNotOptimize(matched);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
    state.counters["matched"] = static_cast<double>(matched);
}

void BM_MetaFilterDocumented(benchmark::State& state) {
    run_meta_filter(state, documented);
}
BENCHMARK(BM_MetaFilterDocumented)->Unit(benchmark::kMillisecond);

/// The same metadata held apart from the records, as a server that keeps it for filtering would: a
/// vector of objects, allocated in record order from one monotonic resource.
void BM_MetaFilterDocumentedPacked(benchmark::State& state) {
    const auto& recs = files();
    static const boost::json::storage_ptr sp =
        boost::json::make_shared_resource<boost::json::monotonic_resource>();
    static std::vector<boost::json::object> metas;
    if (metas.empty()) {
        metas.reserve(recs.size());
        for (const auto& r : recs)
            metas.emplace_back(r.meta, sp);
    }
    const auto f = prepared(documented);
    std::size_t matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const auto& m : metas)
            matched += f.matches(m);
        benchmark::DoNotOptimize(matched);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * metas.size()));
    state.counters["matched"] = static_cast<double>(matched);
}
BENCHMARK(BM_MetaFilterDocumentedPacked)->Unit(benchmark::kMillisecond);

void BM_MetaFilterDateLiteral(benchmark::State& state) {
    run_meta_filter(state, "published_date ge 2025-01-01");
}
BENCHMARK(BM_MetaFilterDateLiteral)->Unit(benchmark::kMillisecond);

void BM_MetaFilterNested(benchmark::State& state) {
    run_meta_filter(state, "author/team eq 'legal' and priority ge 2");
}
BENCHMARK(BM_MetaFilterNested)->Unit(benchmark::kMillisecond);

void BM_MetaFilterGenericEvaluator(benchmark::State& state) {
    const auto& recs = files();
    auto ast = apiquery::parse_filter(documented);
    auto f = apiquery::compile_filter(*ast, apiquery::eval::json_object_model());
    if (!f)
        std::abort();
    std::size_t matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const auto& r : recs)
            matched += f->matches(r.meta);
        benchmark::DoNotOptimize(matched);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
    state.counters["matched"] = static_cast<double>(matched);
}
BENCHMARK(BM_MetaFilterGenericEvaluator)->Unit(benchmark::kMillisecond);

void BM_ListFiles(benchmark::State& state) {
    const auto& recs = files();
    const char* const targets[] = {
        "/api/v1/workspaces/production/"
        "files?limit=10&filter=category%20eq%20%27news%27%20and%20published_date"
        "%20ge%20%272025-01-01%27",
        "/api/v1/workspaces/production/files?limit=100&after_value=2025-12-01T00:00:00Z&after_file_id="
        "00000000-0000-4000-8000-000000000000",
        "/api/v1/workspaces/production/files?limit=100&field=name&order=DESC",
    };
    const char* const labels[] = {"documented example", "keyset cursor, 100 rows", "by name DESC, 100 rows"};
    const auto k = static_cast<std::size_t>(state.range(0));
    auto req = apiquery::parse_request<apiquery::files_endpoint>(targets[k]);
    if (!req)
        std::abort();
    std::int64_t total = 0;
    for (auto _ : state) {
        auto page = apiquery::list_files(*req, recs);
        total = page->total;
        benchmark::DoNotOptimize(page);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
    state.SetLabel(labels[k]);
    state.counters["total"] = static_cast<double>(total);
}
BENCHMARK(BM_ListFiles)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
