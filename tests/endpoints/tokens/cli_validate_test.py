#!/usr/bin/env python3
"""Exact output and exit codes of `apiquery validate` and `apiquery demo` (docs/request.md)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from cli_harness import Harness  # noqa: E402

h = Harness(sys.argv[1], stdin=b"")
run, expect = h.run, h.expect


DEFAULT = ('{"workspace_name":"production","limit":10,"before":null,"after":null,"page_number":null,'
           '"filter":null,"field":"created_at","order":"DESC"}\n')
LIMIT_101 = ('{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or '
             'equal to 100","input":"101","ctx":{"le":100}}]}\n')
NOT_FOUND = '{"detail":"Not Found"}\n'

expect("valid", run(["validate", "/api/v1/workspaces/production/token"]), (0, DEFAULT, ""))
expect("issue example", run(["validate", "/api/v1/workspaces/production/token?limit=200&filter=name%20eq%20%27x%27"]),
       (2, '{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or '
           'equal to 100","input":"200","ctx":{"le":100}}]}\n', ""))
expect("uuid normalised", run(["validate", "/api/v1/workspaces/w/token?before=550E8400E29B41D4A716446655440000"])[1],
       '{"workspace_name":"w","limit":10,"before":"550e8400-e29b-41d4-a716-446655440000","after":null,'
       '"page_number":null,"filter":null,"field":"created_at","order":"DESC"}\n')
expect("invalid", run(["validate", "/api/v1/workspaces/production/token?limit=101"]), (2, LIMIT_101, ""))
code, out, err = run(["validate", "/api/v1/workspaces/production/tokens"])
expect("not routed: exit and body", (code, out), (3, NOT_FOUND))
expect("not routed: message", err.startswith("apiquery validate: not routed (404): "), True)

lines = (b"/api/v1/workspaces/production/token\n"
         b"/api/v1/workspaces/production/token?limit=101\r\n"
         b"/nowhere\n"
         b"/api/v1/workspaces/production/token")  # no final newline
code, out, err = run(["validate", "--lines"], lines)
expect("--lines output", out, DEFAULT + LIMIT_101 + NOT_FOUND + DEFAULT)
expect("--lines exit: the highest status", code, 3)
expect("--lines all valid", run(["validate", "--lines"], b"/api/v1/workspaces/a/token\n")[0], 0)
expect("--lines some invalid", run(["validate", "--lines"], b"/api/v1/workspaces/a/token?limit=x\n/api/v1/workspaces/a/token\n")[0], 2)
expect("--lines empty input", run(["validate", "--lines"], b""), (0, "", ""))

for bad in (["validate"], ["validate", "--lines", "/x"], ["validate", "/a", "/b"], ["validate", "--bogus", "/a"],
            ["demo", "x"]):
    code, out, err = run(bad)
    expect(f"usage {bad}", (code, out, err.startswith("usage:") or "usage:" in err), (64, "", True))

code, out, err = run(["demo"])
expect("demo exit", code, 0)
expect("demo shows a 200", '-> 200, the handler receives {"workspace_name":"production","limit":10,' in out, True)
expect("demo shows a 422", '-> 422 {"detail":[{"type":"less_than_equal"' in out, True)
expect("demo shows a 404", '-> 404 {"detail":"Not Found"}' in out, True)

h.finish("apiquery validate and demo CLI")
