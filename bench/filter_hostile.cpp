// bench_filter_hostile: times parse_filter() on the hostile inputs of tests/odata/test_filter_limits.cpp
// (which asserts their results, not their times) and prints one line each: size, result, CPU time.
//
//     cmake --preset bench && cmake --build build/bench --target bench_filter_hostile &&
//     build/bench/bench/bench_filter_hostile
#include <apiquery/odata/filter.hpp>

#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

namespace {

double cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

void run(const char* name, const std::string& text, const apiquery::parse_options& options) {
    const double t0 = cpu_ms();
    const auto r = apiquery::parse_filter(text, options);
    const double t1 = cpu_ms();
    const std::string result =
        r ? "ok, " + std::to_string(r->size()) + " nodes"
          : std::string(apiquery::to_string(r.error().code)) + " @" + std::to_string(r.error().position);
    std::printf("%-52s %8.2f MB %10.3f ms  %s\n", name, static_cast<double>(text.size()) / 1e6, t1 - t0,
                result.c_str());
}

} // namespace

int main() {
    apiquery::parse_options big;
    big.max_input_bytes = 64u << 20;
    apiquery::parse_options all = big;
    all.max_nodes = 100000000;
    all.max_in_list_items = 10000000;
    apiquery::parse_options deep = all;
    deep.max_depth = 1000;
    apiquery::parse_options huge_depth = big;
    huge_depth.max_depth = 1000000;
    const std::size_t n = 1000000;
    std::printf("%-52s %11s %13s  %s\n", "input", "size", "CPU time", "result");
    run("10^6 nested ( ... )", repeat("(", n) + "x" + repeat(")", n), big);
    run("10^6 nested ( ... ), default options", repeat("(", n) + "x" + repeat(")", n), {});
    run("10^6 nested ( ... ), max_depth 10^6 (clamped)", repeat("(", n) + "x" + repeat(")", n), huge_depth);
    run("10^6 not", repeat("not ", n) + "x", big);
    run("10^6 unary minus", repeat("-", n) + "x", big);
    run("10^6 nested tolower(", repeat("tolower(", n) + "x", big);
    run("10^6 nested a/any(x:", repeat("a/any(x:", n) + "x", big);
    std::string chain;
    for (std::size_t c = 0; chain.size() < 10u << 20; ++c)
        chain += (c ? " and f" : "f") + std::to_string(c % 1000) + " eq 'v'";
    run("10 MB chain f<i> eq 'v' and ..., limits raised", chain, all);
    run("10 MB chain, max_nodes 10000", chain, big);
    run("10 MB chain, default options", chain, {});
    const std::string ten_mb(10u << 20, 'a');
    run("10 MB string literal", "x eq '" + ten_mb + "'", big);
    run("10 MB unterminated string literal", "x eq '" + ten_mb, big);
    run("10 MB identifier", ten_mb, big);
    run("10 MB of spaces between tokens", "x" + std::string(10u << 20, ' ') + "eq 1", big);
    run("in list of 2,000,001 literals", "x in (" + repeat("1,", 2000000) + "1)", all);
    run("in list of 2,000,001 literals, bad last item", "x in (" + repeat("1,", 2000000) + "a)", all);
    run("999 x (1 add x in (...)), max_depth 1000",
        "x in " + repeat("(1 add x in ", 999) + "(1)" + repeat(")", 999), deep);
    run("999 nested cast(, max_depth 1000", repeat("cast(", 999) + "a" + repeat(",T)", 999), deep);
}
