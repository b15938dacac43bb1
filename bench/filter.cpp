// Benchmarks of the $filter parser (issue 3): the filters F1-F6, each parsed four ways:
//   apiquery/Fn    parse_filter(): the full parser (grammar, actions, typed AST, limits)
//   floor/Fn       the same PEGTL grammar with no actions and PEGTL's default control
//                  (tao::pegtl::parse<grammar> on a memory_input): the "null parser" floor
//   floor_fast/Fn  the same, with apiquery's own control, which matches action-less rules without
//                  PEGTL's per-rule bookkeeping (the fastest grammar-only run)
//   parse_tree/Fn  the same grammar building a PEGTL parse tree (tao::pegtl::parse_tree::node for every
//                  rule, as parse_tree::parse with the store_all selector does) as a reference
// Reported: time per filter and bytes per second. bench/peers/run.sh runs this program with
// --benchmark_format=json and puts the numbers beside the JavaScript parsers users pick today.
// Long inputs: a chain `f<i> eq 'v' and ...` of 10 KB, 1 MB and 10 MB (limits raised), parsed by one
// filter_parser reused across iterations (long/<size>) and by the grammar alone (long_floor/<size>),
// reported in bytes per second.
#include <apiquery/odata/detail/filter_errors.hpp>
#include <apiquery/odata/detail/filter_grammar.hpp>
#include <apiquery/odata/filter.hpp>

#include <benchmark/benchmark.h>
#include <tao/pegtl/contrib/parse_tree.hpp>
#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/normal.hpp>
#include <tao/pegtl/nothing.hpp>
#include <tao/pegtl/parse.hpp>
#include <tao/pegtl/tracking_mode.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace pegtl = tao::pegtl;
namespace fr = apiquery::detail::filter_rules;

struct named_filter {
    const char* name;
    std::string text;
};

std::string make_f5() {
    std::string s;
    for (int i = 0; i < 40; ++i) {
        if (i > 0)
            s += " and ";
        s += "f" + std::to_string(i) + " eq 'value" + std::to_string(i) + "'";
    }
    return s;
}

const std::vector<named_filter>& filters() {
    static const std::vector<named_filter> f = {
        {"F1", "category eq 'news' and published_date ge '2025-01-01'"},
        {"F2", "name eq 'ci-token'"},
        {"F3",
         "role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge 2026-01-01T00:00:00.000Z"},
        {"F4",
         "(name eq 'a' or name eq 'b') and not (role eq 'MEMBER') and created_at lt 2024-12-31T23:59:59Z"},
        {"F5", make_f5()},
        {"F6", "contains(name,'prod') and length(name) gt 3"},
    };
    return f;
}

using input_t = pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*>;

// The grammar-only floor: the parser's own grammar, no actions, PEGTL's default control.
bool parse_grammar_only(const std::string& text) {
    input_t in(text.data(), text.data() + text.size(), "$filter");
    fr::grammar_state st;
    return pegtl::parse<fr::grammar>(in, st);
}

// The same with apiquery's control (what parse_filter() uses).
bool parse_grammar_only_fast(const std::string& text) {
    input_t in(text.data(), text.data() + text.size(), "$filter");
    fr::grammar_state st;
    return pegtl::parse<fr::grammar, pegtl::nothing, apiquery::detail::filter_control>(in, st);
}

// The parse-tree reference. pegtl::parse_tree::parse passes its tree state as a second parser state,
// which the grammar's custom rules (one state each) do not take, so the same bookkeeping is done here
// by a control over one combined state: a node for every rule the control sees, children attached on
// success and dropped on failure, exactly as parse_tree's store_all selector does.
struct tree_state : fr::grammar_state {
    std::vector<std::unique_ptr<pegtl::parse_tree::node>> stack;
};

template <typename Rule>
struct tree_control : pegtl::normal<Rule> {
    template <typename ParseInput>
    static void start(const ParseInput& in, tree_state& st) {
        st.stack.push_back(std::make_unique<pegtl::parse_tree::node>());
        st.stack.back()->template start<Rule>(in);
    }
    template <typename ParseInput>
    static void success(const ParseInput& in, tree_state& st) {
        auto n = std::move(st.stack.back());
        st.stack.pop_back();
        n->template success<Rule>(in);
        st.stack.back()->emplace_back(std::move(n));
    }
    template <typename ParseInput>
    static void failure(const ParseInput& in, tree_state& st) {
        st.stack.back()->template failure<Rule>(in);
        st.stack.pop_back();
    }
    template <typename ParseInput>
    static void unwind(const ParseInput& /*in*/, tree_state& st) {
        st.stack.pop_back();
    }
};

std::unique_ptr<pegtl::parse_tree::node> parse_tree_of(const std::string& text) {
    input_t in(text.data(), text.data() + text.size(), "$filter");
    tree_state st;
    st.stack.push_back(std::make_unique<pegtl::parse_tree::node>());
    if (!pegtl::parse<fr::grammar, pegtl::nothing, tree_control>(in, st))
        return nullptr;
    return std::move(st.stack.back());
}

auto parse_apiquery(const std::string& text) {
    return apiquery::parse_filter(text);
}

/// A chain of `f<i> eq 'v'` clauses joined by ` and `, at least `bytes` long.
std::string make_chain(std::size_t bytes) {
    std::string s;
    for (std::size_t c = 0; s.size() < bytes; ++c)
        s += (c ? " and f" : "f") + std::to_string(c % 1000) + " eq 'v'";
    return s;
}

struct long_input {
    const char* name;
    std::string text;
};

const std::vector<long_input>& long_inputs() {
    static const std::vector<long_input> v = {
        {"10KB", make_chain(10u << 10)}, {"1MB", make_chain(1u << 20)}, {"10MB", make_chain(10u << 20)}};
    return v;
}

apiquery::parse_options long_options() {
    apiquery::parse_options o;
    o.max_input_bytes = 64u << 20;
    o.max_nodes = 100000000;
    return o;
}

void bench_long(benchmark::State& state, const long_input* f) {
    apiquery::filter_parser parser;
    const auto options = long_options();
    for (auto _ : state) {
        auto r = parser.parse(f->text, options);
        if (!r)
            state.SkipWithError("rejected");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f->text.size()));
}

void bench_long_floor(benchmark::State& state, const long_input* f) {
    for (auto _ : state) {
        auto r = parse_grammar_only(f->text);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f->text.size()));
}

/// One benchmark: `Parse` on the filter, time per filter and bytes per second.
template <auto Parse>
void bench_parse(benchmark::State& state, const named_filter* f) {
    for (auto _ : state) {
        auto r = Parse(f->text);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f->text.size()));
}

} // namespace

int main(int argc, char** argv) {
    // The inputs must be what issue 3 says, and every variant must accept them.
    if (filters()[4].text.size() != 815) {
        std::fprintf(stderr, "F5 is %zu bytes, expected 815\n", filters()[4].text.size());
        return 1;
    }
    for (const auto& f : filters()) {
        const auto r = apiquery::parse_filter(f.text);
        if (!r || !parse_grammar_only(f.text) || !parse_grammar_only_fast(f.text) || !parse_tree_of(f.text)) {
            std::fprintf(stderr, "%s is not accepted by every variant\n", f.name);
            return 1;
        }
    }
    for (const auto& f : filters()) {
        const std::string name = f.name;
        benchmark::RegisterBenchmark(("apiquery/" + name).c_str(), bench_parse<parse_apiquery>, &f);
        benchmark::RegisterBenchmark(("floor/" + name).c_str(), bench_parse<parse_grammar_only>, &f);
        benchmark::RegisterBenchmark(("floor_fast/" + name).c_str(), bench_parse<parse_grammar_only_fast>,
                                     &f);
        benchmark::RegisterBenchmark(("parse_tree/" + name).c_str(), bench_parse<parse_tree_of>, &f);
    }
    for (const auto& f : long_inputs()) {
        const std::string name = f.name;
        benchmark::RegisterBenchmark(("long/" + name).c_str(), bench_long, &f)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("long_floor/" + name).c_str(), bench_long_floor, &f)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
