# Sourced by bench/serve/run.sh and prism.sh: a scratch folder `tmp` and the servers a script starts,
# all stopped by PID (and the folder removed) when the script exits, however it exits.
tmp=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# start_listening NAME COMMAND...: starts a server whose first output line ends in http://HOST:PORT (the
# ceiling, `apiquery serve --port 0`) and sets `url` to that base URL. Not to be called in a command
# substitution: the server's PID must reach `pids` in the calling shell, for cleanup.
start_listening() {
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
    echo "$(basename "$0"): $* did not start: $(cat "$out.err")" >&2
    exit 1
}

# measure SECONDS URL: wrk -t1 -c64 for SECONDS; prints "requests/s p99_ms errors" (errors: 0 or "errors").
measure() {
    wrk -t1 -c64 -d"$1s" --latency "$2" | awk '
        /Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx/ { non2xx = $5 }
        /Socket errors/ { errors = $0 }
        $1 == "99%" {
            v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            ms = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v
        }
        END { printf "%s %s %s\n", rps, ms, (errors == "" ? "0" : "errors") }'
}
