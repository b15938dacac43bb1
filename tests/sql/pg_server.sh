#!/usr/bin/env bash
# A throw-away PostgreSQL server for the SQL tests, started and stopped by a CTest fixture
# (tests/sql/CMakeLists.txt) or by hand:
#
#   tests/sql/pg_server.sh start STATE_DIR
#   tests/sql/pg_server.sh stop  STATE_DIR
#
# start: initdb into a fresh private folder under ${TMPDIR:-/tmp} (short, so the Unix socket path fits),
# as an unprivileged user (when run as root: the user $APIQUERY_PG_OS_USER, default "postgres", through
# runuser or setpriv), then starts the server listening only on a Unix socket in that folder.
# It writes, in STATE_DIR:
#   status    "running", or "skipped: <reason>" when no server could be started
#   conninfo  the libpq connection string (host=<folder> port=<port> user=apiquery dbname=postgres)
#   home      the private folder (data directory, socket, server log)
# It always exits 0: a machine without PostgreSQL skips the PostgreSQL tests (each says why), and the
# test "sql: postgres available" fails when CI=true or APIQUERY_REQUIRE_POSTGRES=1 (see docs/sql.md).
# The cluster's default collation is ICU "en" (natural-language order, 'a' < 'B'), so the tests prove
# that the generated SQL orders and compares strings by code point whatever the database's collation.
#
# stop: stops the server and removes the private folder; STATE_DIR/status stays as the trace of the run.
# Environment: APIQUERY_PG_BINDIR (folder with initdb and pg_ctl; default: the newest
# /usr/lib/postgresql/*/bin, else PATH), APIQUERY_PG_OS_USER, APIQUERY_PG_PORT (default 5432; the
# socket is private to the folder, so the number does not clash with other servers).
set -u

action="${1:-}"
state="${2:-}"
if [ -z "$action" ] || [ -z "$state" ]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 64
fi
mkdir -p "$state"

stop_server() {
    [ -f "$state/home" ] || return 0
    local home
    home=$(cat "$state/home")
    if [ -n "$home" ] && [ -d "$home" ]; then
        if [ -f "$home/data/postmaster.pid" ] && [ -f "$state/pg_ctl" ]; then
            $(cat "$state/run_as") "$(cat "$state/pg_ctl")" -D "$home/data" -m immediate -w -t 30 stop \
                >/dev/null 2>&1 || true
        fi
        rm -rf "$home"
    fi
    rm -f "$state/home" "$state/conninfo" "$state/run_as" "$state/pg_ctl"
}

skip() {
    echo "skipped: $*" >"$state/status"
    echo "postgres: skipped: $*"
    exit 0
}

if [ "$action" = stop ]; then
    stop_server
    exit 0
fi
if [ "$action" != start ]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 64
fi

stop_server # a server left over from an interrupted run
rm -f "$state/status"

bindir="${APIQUERY_PG_BINDIR:-}"
if [ -z "$bindir" ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
    bindir=$(dirname "$(command -v initdb)")
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    skip "no initdb/pg_ctl found (install the Debian package postgresql, or set APIQUERY_PG_BINDIR)"
fi

run_as=""
os_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    os_user="${APIQUERY_PG_OS_USER:-postgres}"
    id "$os_user" >/dev/null 2>&1 || skip "running as root and there is no user '$os_user' to run the server as"
    if command -v runuser >/dev/null 2>&1; then
        run_as="runuser -u $os_user --"
    elif command -v setpriv >/dev/null 2>&1; then
        run_as="setpriv --reuid=$(id -u "$os_user") --regid=$(id -g "$os_user") --init-groups --"
    else
        skip "running as root and neither runuser nor setpriv is available"
    fi
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/apiquery-pg.XXXXXX") || skip "cannot create a temporary folder"
echo "$home" >"$state/home"
echo "$run_as" >"$state/run_as"
echo "$bindir/pg_ctl" >"$state/pg_ctl"
chmod 700 "$home"
if [ -n "$run_as" ]; then
    chown "$os_user:" "$home" || skip "cannot give $home to $os_user"
fi
cd "$home" || skip "cannot enter $home"

port="${APIQUERY_PG_PORT:-5432}"
initdb_common=(-D "$home/data" -U apiquery -A trust -E UTF8 --no-sync)
if ! $run_as "$bindir/initdb" "${initdb_common[@]}" --locale=C.UTF-8 --locale-provider=icu --icu-locale=en \
    >"$home/initdb.log" 2>&1; then
    rm -rf "$home/data"
    # A server built without ICU: the C.UTF-8 locale (code-point order) is the best available.
    $run_as "$bindir/initdb" "${initdb_common[@]}" --locale=C.UTF-8 >>"$home/initdb.log" 2>&1 ||
        skip "initdb failed: $(tail -n 3 "$home/initdb.log" | tr '\n' ' ')"
fi
if ! $run_as "$bindir/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
    -o "-k $home -p $port -c listen_addresses= -F -c full_page_writes=off" start >"$home/pg_ctl.log" 2>&1; then
    skip "the server did not start: $(tail -n 3 "$home/server.log" 2>/dev/null | tr '\n' ' ')"
fi
echo "host=$home port=$port user=apiquery dbname=postgres" >"$state/conninfo"
echo "running" >"$state/status"
echo "postgres: running in $home ($("$bindir/postgres" --version 2>/dev/null))"
exit 0
