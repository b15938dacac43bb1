#!/usr/bin/env python3
"""Checks `apiquery timestamp` byte for byte: output lines and exit codes (docs/time.md, CLI reference).

    python3 tests/value/cli_timestamp_test.py path/to/apiquery
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_harness import Harness  # noqa: E402

CLI = sys.argv[1]


h = Harness(CLI, command=["timestamp"])
check = h.check


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

h.finish("apiquery timestamp CLI")
