#!/usr/bin/env bash
# apiquery serve against its ceiling, in one run: wrk -t1 -c64 against bench_serve_ceiling (a minimal
# Boost.Beast server returning a fixed 2 KB body, one thread) and against `apiquery serve --threads 1
# --sqlite` (the bundled sample, 300 tokens) for a 422, a first page of 10 tokens and a filtered page.
# Prints requests/s, the ratio to the ceiling, p99 latency and its ratio to the ceiling's p99.
#
#   cmake --preset bench && cmake --build build/bench --target apiquery_cli bench_serve_ceiling
#   bench/serve/run.sh [BUILD_DIR (build/bench)] [SECONDS (10)]
#
# Goals (issue "apiquery serve"): 422 >= 50% of the ceiling, first page >= 30%, filtered page >= 25%,
# p99 within 2x of the ceiling's. Loopback only; both servers are stopped by PID on exit.
set -euo pipefail
build="${1:-build/bench}"
seconds="${2:-10}"
apiquery="$build/tools/apiquery"
ceiling="$build/bench/bench_serve_ceiling"
for p in "$apiquery" "$ceiling"; do
    [ -x "$p" ] || { echo "run.sh: $p is missing (build the bench preset, see the header)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }

. "$(dirname "$0")/servers.sh"

"$apiquery" sqlite-load "$tmp/tokens.db" >/dev/null
start_listening ceiling "$ceiling" 0
base_ceiling=$url
start_listening serve "$apiquery" serve --port 0 --threads 1 --sqlite "$tmp/tokens.db"
base_serve=$url


tokens=/api/v1/workspaces/production/token
read -r c_rps c_p99 _ < <(measure "$seconds" "$base_ceiling/")
printf 'wrk -t1 -c64 -d%ss, apiquery serve --threads 1 --sqlite (300 tokens), same run\n\n' "$seconds"
printf '%-34s %12s %8s %10s %8s\n' "" "requests/s" "ratio" "p99 (ms)" "p99/x"
printf '%-34s %12.0f %8s %10.2f %8s\n' "ceiling (Beast, fixed 2 KB body)" "$c_rps" "1.00" "$c_p99" "1.00"
for row in "422 (limit=1000)|$tokens?limit=1000|0.50" \
           "first page (limit=10)|$tokens?limit=10|0.30" \
           "filtered page (role eq 'ADMIN')|$tokens?limit=10&filter=role%20eq%20%27ADMIN%27|0.25"; do
    IFS='|' read -r name target goal <<<"$row"
    read -r rps p99 errors < <(measure "$seconds" "$base_serve$target")
    ratio=$(awk -v a="$rps" -v b="$c_rps" 'BEGIN { printf "%.2f", a / b }')
    pratio=$(awk -v a="$p99" -v b="$c_p99" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" -v g="$goal" -v p="$pratio" 'BEGIN { print (r >= g && p <= 2) ? "ok" : "below goal" }')
    printf '%-34s %12.0f %8s %10.2f %8s  (goal >= %s, p99 <= 2x: %s)\n' "$name" "$rps" "$ratio" "$p99" "$pratio" \
        "$goal" "$verdict"
done
