#!/bin/sh
# Compares apiquery's $filter parser with the JavaScript parsers users pick today (issue 3).
#
#   bench/peers/run.sh [BUILD_DIR]
#
# BUILD_DIR (default: build-bench at the repository root) must hold bench/bench_filter, built with
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DAPIQUERY_BUILD_BENCH=ON
#   cmake --build build-bench --target bench_filter
# The script installs odata-v4-parser, @odata/parser, odata-parser and odata-filter-to-ast with npm
# into bench/peers/node_modules (versions pinned in bench/peers/package.json; not committed), runs
# bench_filter and the peers on the same filters, and prints one table (markdown) with the machine.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-bench}
bench=$build/bench/bench_filter

if [ ! -x "$bench" ]; then
    echo "run.sh: $bench not found; build it with -DAPIQUERY_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release" >&2
    exit 2
fi
for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run.sh: $tool is needed (Debian: apt-get install nodejs npm)" >&2
        exit 2
    fi
done

(cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bench" --benchmark_format=json --benchmark_repetitions=9 --benchmark_min_time=0.2 >"$tmp/bench.json"
node "$here/peers.js" time >"$tmp/peers.json"

compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(uname -sr)"
echo "compiler: $("${compiler:-c++}" --version | head -n 1), CMAKE_BUILD_TYPE=${build_type:-?}"
echo
node "$here/peers.js" report "$tmp/bench.json" "$tmp/peers.json"
