#!/usr/bin/env bash
# bench_files_sql on SQLite and on a throw-away PostgreSQL server, in one run:
#
#   bench/files_sql.sh [BUILD_DIR] [benchmark options...]     (BUILD_DIR default: build/bench)
#
# Starts a server with tests/sql/pg_server.sh (a fresh cluster in a private temporary folder, listening
# only on a Unix socket there), runs BUILD_DIR/bench/bench_files_sql with APIQUERY_BENCH_POSTGRES set to
# its conninfo, and stops the server when the script ends, whatever the outcome (pg_server.sh stop, then
# the postmaster's PID if it is still alive). Without a PostgreSQL installation the PostgreSQL
# benchmarks are skipped and the script says why.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="${1:-$root/build/bench}"
[ $# -gt 0 ] && shift
bench="$build/bench/bench_files_sql"
if [ ! -x "$bench" ]; then
    echo "files_sql.sh: $bench not found (cmake --preset bench && cmake --build build/bench --target bench_files_sql)" >&2
    exit 66
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/apiquery-bench-pg.XXXXXX") || exit 70
postmaster=""
cleanup() {
    "$root/tests/sql/pg_server.sh" stop "$state" >/dev/null 2>&1
    if [ -n "$postmaster" ] && kill -0 "$postmaster" 2>/dev/null; then
        kill -KILL "$postmaster" 2>/dev/null
    fi
    rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/tests/sql/pg_server.sh" start "$state" >&2
if [ "$(cat "$state/status" 2>/dev/null)" = running ]; then
    home=$(cat "$state/home")
    postmaster=$(head -n 1 "$home/data/postmaster.pid" 2>/dev/null)
    APIQUERY_BENCH_POSTGRES=$(cat "$state/conninfo")
    export APIQUERY_BENCH_POSTGRES
    echo "files_sql.sh: PostgreSQL running (postmaster PID $postmaster): $APIQUERY_BENCH_POSTGRES" >&2
else
    echo "files_sql.sh: PostgreSQL benchmarks skipped: $(cat "$state/status" 2>/dev/null)" >&2
    unset APIQUERY_BENCH_POSTGRES
fi
"$bench" "$@"
