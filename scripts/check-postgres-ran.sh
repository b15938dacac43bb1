#!/usr/bin/env bash
# Fails unless the PostgreSQL tests of the SQL area ran against a real server in the given build tree
# (run it after ctest; .ci/run calls it once per preset that runs the tests).
#   scripts/check-postgres-ran.sh BUILD_DIR
# Reads BUILD_DIR/tests/sql/postgres/status ("running", or "skipped: <why>", written by the CTest fixture
# tests/sql/pg_server.sh) and BUILD_DIR/tests/sql/postgres/libpq (written at configure time).
set -u
build="${1:?usage: $0 BUILD_DIR}"
state="$build/tests/sql/postgres"
if [ ! -f "$state/status" ]; then
    echo "check-postgres-ran: $state/status is missing: the SQL tests did not run in $build" >&2
    exit 1
fi
status=$(cat "$state/status")
libpq=$(cat "$state/libpq" 2>/dev/null || echo "unknown")
if [ "$libpq" != found ]; then
    echo "check-postgres-ran: libpq was not found when $build was configured (install libpq-dev)" >&2
    exit 1
fi
if [ "$status" != running ]; then
    echo "check-postgres-ran: the PostgreSQL tests were $status" >&2
    exit 1
fi
echo "check-postgres-ran: the PostgreSQL tests ran in $build"
