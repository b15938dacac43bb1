#!/usr/bin/env bash
# The CTest test "sql: postgres available": did the PostgreSQL fixture start a server that the test
# programs can use? Passes when it did. Otherwise prints "postgres: skipped: <why>" (CTest then reports
# the test as skipped, see SKIP_REGULAR_EXPRESSION) and fails when CI=true or APIQUERY_REQUIRE_POSTGRES=1,
# so a CI run can never pass with the PostgreSQL tests silently skipped.
#   postgres_available.sh STATE_DIR LIBPQ_FOUND(ON|OFF)
state="$1"
libpq="$2"
status=$(cat "$state/status" 2>/dev/null || echo "skipped: the fixture did not run")
if [ "$libpq" != ON ] && [ "$libpq" != TRUE ] && [ "$libpq" != 1 ]; then
    status="skipped: libpq (Debian package libpq-dev) was not found when CMake configured the build"
fi
if [ "$status" = running ]; then
    echo "postgres: available ($(cat "$state/conninfo"))"
    exit 0
fi
echo "postgres: $status"
if [ "${CI:-}" = true ] || [ "${APIQUERY_REQUIRE_POSTGRES:-}" = 1 ]; then
    echo "postgres: required (CI=${CI:-} APIQUERY_REQUIRE_POSTGRES=${APIQUERY_REQUIRE_POSTGRES:-}): failing"
    exit 1
fi
exit 0
