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

tmp=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# Starts a server whose first output line ends in http://127.0.0.1:PORT; sets `url` to its base URL. Not
# called in a command substitution: its PID must reach `pids` in this shell, for cleanup.
start() {
    local out="$tmp/$1.out"
    shift
    "$@" >"$out" 2>"$out.err" &
    pids+=($!)
    for _ in $(seq 100); do
        if [ -s "$out" ]; then
            url=$(sed -n '1s/.* \(http:[^ ]*\)$/\1/p' "$out")
            return 0
        fi
        sleep 0.1
    done
    echo "run.sh: $* did not start: $(cat "$out.err")" >&2
    exit 1
}

"$apiquery" sqlite-load "$tmp/tokens.db" >/dev/null
start ceiling "$ceiling" 0
base_ceiling=$url
start serve "$apiquery" serve --port 0 --threads 1 --sqlite "$tmp/tokens.db"
base_serve=$url

# wrk: "requests/s p99_ms"
measure() {
    wrk -t1 -c64 -d"${seconds}s" --latency "$1" | awk '
        /Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx/ { non2xx = $5 }
        /Socket errors/ { errors = $0 }
        $1 == "99%" {
            v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            ms = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v
        }
        END { printf "%s %s %s\n", rps, ms, (errors == "" ? "0" : "errors") }'
}

tokens=/api/v1/workspaces/production/token
read -r c_rps c_p99 _ < <(measure "$base_ceiling/")
printf 'wrk -t1 -c64 -d%ss, apiquery serve --threads 1 --sqlite (300 tokens), same run\n\n' "$seconds"
printf '%-34s %12s %8s %10s %8s\n' "" "requests/s" "ratio" "p99 (ms)" "p99/x"
printf '%-34s %12.0f %8s %10.2f %8s\n' "ceiling (Beast, fixed 2 KB body)" "$c_rps" "1.00" "$c_p99" "1.00"
for row in "422 (limit=1000)|$tokens?limit=1000|0.50" \
           "first page (limit=10)|$tokens?limit=10|0.30" \
           "filtered page (role eq 'ADMIN')|$tokens?limit=10&filter=role%20eq%20%27ADMIN%27|0.25"; do
    IFS='|' read -r name target goal <<<"$row"
    read -r rps p99 errors < <(measure "$base_serve$target")
    ratio=$(awk -v a="$rps" -v b="$c_rps" 'BEGIN { printf "%.2f", a / b }')
    pratio=$(awk -v a="$p99" -v b="$c_p99" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" -v g="$goal" -v p="$pratio" 'BEGIN { print (r >= g && p <= 2) ? "ok" : "below goal" }')
    printf '%-34s %12.0f %8s %10.2f %8s  (goal >= %s, p99 <= 2x: %s)\n' "$name" "$rps" "$ratio" "$p99" "$pratio" \
        "$goal" "$verdict"
done
