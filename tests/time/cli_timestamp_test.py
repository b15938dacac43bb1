#!/usr/bin/env python3
"""Checks `apiquery timestamp` byte for byte: output lines and exit codes (docs/time.md, CLI reference).

    python3 tests/time/cli_timestamp_test.py path/to/apiquery
"""
import subprocess
import sys

CLI = sys.argv[1]
failures = 0


def check(args, expected_out, expected_code, stdin=None, expect_stderr=False):
    global failures
    p = subprocess.run([CLI, "timestamp", *args], input=stdin.encode() if stdin is not None else None,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    out = p.stdout.decode()
    ok = out == expected_out and p.returncode == expected_code and (bool(p.stderr) == expect_stderr)
    if not ok:
        failures += 1
        print(f"FAIL: apiquery timestamp {args!r} stdin={stdin!r}\n  expected exit {expected_code} {expected_out!r}"
              f"\n  got      exit {p.returncode} {out!r} stderr={p.stderr.decode()!r}")


check(["2025-01-01T01:00:00+01:00"], '{"utc":"2025-01-01T00:00:00.000Z","offset_minutes":60}\n', 0)
check(["2025-11-21T00:00:00.123456Z"], '{"utc":"2025-11-21T00:00:00.123456Z","offset_minutes":0}\n', 0)
check(["2022-06-08 12:13:14−05:30"], '{"utc":"2022-06-08T17:43:14.000Z","offset_minutes":-330}\n', 0)
check(["2022-06-08"], '{"utc":"2022-06-08T00:00:00.000Z","offset_minutes":null}\n', 0)
check(["2022-06-08T10:00"], '{"utc":"2022-06-08T10:00:00.000Z","offset_minutes":null}\n', 0)
check(["1700000000"], '{"utc":"2023-11-14T22:13:20.000Z","offset_minutes":0}\n', 0)
check(["-1"], '{"utc":"1969-12-31T23:59:59.000Z","offset_minutes":0}\n', 0)
check(["--", "--1"], '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime or date, '
      'input is too short"}\n', 2)
check(["2012-04-23T11:05:00-25:00"], '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime '
      'or date, unexpected extra characters at the end of the input"}\n', 2)
check(["0000-01-01T00:00:00"], '{"type":"datetime_parsing","msg":"Input should be a valid datetime, year 0 is out '
      'of range"}\n', 2)
check(["2022/06/08"], '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime or date, '
      'invalid date separator, expected `-`"}\n', 2)
check([""], '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime or date, input is too '
      'short"}\n', 2)
# --lines: one output line per input line; exit 2 when any line is rejected.
check(["--lines"], '{"utc":"2025-01-01T00:00:00.000Z","offset_minutes":0}\n'
      '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime or date, input is too short"}\n'
      '{"utc":"2025-01-01T00:00:00.000Z","offset_minutes":null}\n', 2, stdin="2025-01-01T00:00:00Z\nx\n2025-01-01")
check(["--lines"], '{"utc":"2025-01-01T00:00:00.000Z","offset_minutes":0}\n', 0, stdin="2025-01-01T00:00:00Z\n")
check(["--lines"], "", 0, stdin="")
check(["--lines"], '{"type":"datetime_from_date_parsing","msg":"Input should be a valid datetime or date, '
      'unexpected extra characters at the end of the input"}\n', 2, stdin="2025-01-01T00:00:00Z\r\n")
# Command-line errors: exit 64, message on stderr, nothing on stdout.
check([], "", 64, expect_stderr=True)
check(["--lines", "2025-01-01"], "", 64, expect_stderr=True)
check(["a", "b"], "", 64, expect_stderr=True)
check(["--utc", "2025-01-01"], "", 64, expect_stderr=True)

print("cli_timestamp_test:", "OK" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
