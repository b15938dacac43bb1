#!/bin/sh
# Whole-process comparison of `apiquery filter --lines --format none` with the JavaScript $filter parsers
# (issue: 50x the fastest JavaScript parser as a whole process), as a new user would measure it.
#
#   bench/peers/whole_process.sh [APIQUERY_BINARY...]
#
# APIQUERY_BINARY (default: build/release/tools/apiquery at the repository root; several binaries, e.g.
# before and after a change, are measured in the same run, each with its own columns). For each of the
# filters F1-F6 (bench/filter.cpp, docs/filter_bench.md) every tool runs as a whole process over a file
# of copies of the filter on standard input, one per line: `apiquery filter --lines --format none < FILE`
# (its output must be `N accepted, 0 rejected`) and, for each peer, `node whole_process.js peer NAME <
# FILE` (reads standard input, splits it into lines, parses each with the peer, counts the accepted ones;
# a peer that rejects the filter or parses only a prefix of it is not a denominator for that filter).
# Each tool gets its own number of lines, about WP_SECONDS (default 1) seconds of work; the best wall
# time of WP_RUNS (default 5) interleaved runs is divided by the number of lines (details in
# whole_process.js). The script installs odata-v4-parser, @odata/parser, odata-parser and
# odata-filter-to-ast with npm into bench/peers/node_modules (versions pinned in package.json; not
# committed), then prints the machine and the tables (markdown).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -eq 0 ]; then
    set -- "$root/build/release/tools/apiquery"
fi
for b in "$@"; do
    if [ ! -x "$b" ]; then
        echo "whole_process.sh: $b is not an executable; build apiquery_cli with -DCMAKE_BUILD_TYPE=Release" >&2
        exit 2
    fi
done
for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "whole_process.sh: $tool is needed (Debian: apt-get install nodejs npm)" >&2
        exit 2
    fi
done

(cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for b in "$@"; do
    build=$(cd "$(dirname "$b")/.." && pwd)
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
    echo "$b: $("$b" --version), CMAKE_BUILD_TYPE=${build_type:-?}"
done
echo
node "$here/whole_process.js" bench "$@"
echo
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
