// bench_listing: the listing engine (issue 8).
// - BM_EvaluateF3*: the compiled filter F3 over 1,000,000 in-memory token records (rows/s as items/s);
//   typed records (target >= 20 million rows/s on one core) and, for comparison, their JSON form.
// - BM_ListPage: one page (scope, filter, sort, paginate) from N = 10^3 .. 10^6 records, to show how
//   the cost grows with N (one filter pass plus selection: linear), for a first page, a deep
//   page_number page and an `after` cursor page.
// Run: build with -DAPIQUERY_BUILD_BENCH=ON (Release), then `bench_listing`; docs/listing.md has numbers.
#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/odata/filter.hpp>

#include <benchmark/benchmark.h>

#include <boost/json/value_from.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <vector>

namespace {

constexpr std::string_view f3 =
    "role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge 2026-01-01T00:00:00.000Z";

/// The first n of 1,000,000 generated records. `all_production`: every record is
/// scoped to `production` (so n is the listed set), for the page benchmarks.
const std::vector<apiquery::token_record>& records(std::size_t n, bool all_production = false) {
    static std::vector<apiquery::token_record> all[2];
    static std::map<std::size_t, std::vector<apiquery::token_record>> prefixes[2];
    auto& base = all[all_production ? 1 : 0];
    if (base.empty()) {
        base = apiquery::generate_sample_tokens(1000000, 42);
        for (auto& r : base) {
            if (all_production) {
                r.meta.workspaces = {{"production"}};
                r.meta.all_workspaces = false;
            }
        }
    }
    if (n == base.size())
        return base;
    auto& v = prefixes[all_production ? 1 : 0][n];
    if (v.size() != n)
        v.assign(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(n));
    return v;
}

apiquery::compiled_filter compile_f3(const apiquery::eval::record_model& model) {
    auto ast = apiquery::parse_filter(f3);
    if (!ast) {
        std::cerr << "F3 does not parse: " << ast.error().message << "\n";
        std::abort();
    }
    auto f = apiquery::compile_filter(*ast, model);
    if (!f) {
        std::cerr << "F3 does not compile: " << f.error().message << "\n";
        std::abort();
    }
    return std::move(*f);
}

void BM_EvaluateF3Typed(benchmark::State& state) {
    const auto& recs = records(1000000);
    const auto f = compile_f3(apiquery::token_record_model());
    std::size_t matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const auto& r : recs)
            matched += f.matches_record(&r) ? 1 : 0;
        benchmark::DoNotOptimize(matched);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * recs.size()));
    state.counters["matched"] = static_cast<double>(matched);
}
BENCHMARK(BM_EvaluateF3Typed)->Unit(benchmark::kMillisecond);

void BM_EvaluateF3Json(benchmark::State& state) {
    const auto& recs = records(1000000);
    static const std::vector<boost::json::object> json = [&] {
        std::vector<boost::json::object> out;
        out.reserve(recs.size());
        for (const auto& r : recs)
            out.push_back(boost::json::value_from(r).as_object());
        return out;
    }();
    const auto f = compile_f3(apiquery::token_json_model());
    std::size_t matched = 0;
    for (auto _ : state) {
        matched = 0;
        for (const auto& o : json)
            matched += f.matches(o) ? 1 : 0;
        benchmark::DoNotOptimize(matched);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
    state.counters["matched"] = static_cast<double>(matched);
}
BENCHMARK(BM_EvaluateF3Json)->Unit(benchmark::kMillisecond);

/// kind 0: first page, no filter; 1: first page with F3; 2: page_number N/20 (a deep page);
/// 3: after a cursor in the middle of the set.
void BM_ListPage(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto kind = state.range(1);
    const auto& recs = records(n, true);
    apiquery::tokens_request req;
    req.workspace_name = "production";
    req.limit = 100;
    if (kind == 1)
        req.filter = std::string(f3);
    if (kind == 2)
        req.page_number = static_cast<std::int64_t>(n / 200 + 1);
    if (kind == 3)
        req.after = recs[n / 2].meta.api_token_id;
    for (auto _ : state) {
        auto page = apiquery::list_tokens(req, recs);
        benchmark::DoNotOptimize(page);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    state.SetLabel(kind == 0   ? "first page"
                   : kind == 1 ? "first page, F3"
                   : kind == 2 ? "page_number N/200"
                               : "after");
}
BENCHMARK(BM_ListPage)
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {0, 1, 2, 3}})
    ->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
