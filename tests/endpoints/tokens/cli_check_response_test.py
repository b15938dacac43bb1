#!/usr/bin/env python3
"""Exact output and exit codes of `apiquery check-response` (docs/models.md)."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from cli_harness import Harness  # noqa: E402

h = Harness(sys.argv[1], stdin=b"")
run, expect = h.run, h.expect


VALID = (b'{"data":[{"name":"ci","masked_token":"ak_l****************cdef","personal":false,"expires":true,'
         b'"expires_at":"2026-01-31T11:00:00.500Z","api_token_id":"550e8400-e29b-41d4-a716-446655440000",'
         b'"user":{"given_name":"Ada","family_name":"Lovelace"},"role":"ADMIN","organization_role":"ADMIN",'
         b'"workspaces":[{"name":"production"}],"all_workspaces":false}],"has_more":false,"total":1}')
UNMASKED = VALID.replace(b"ak_l****************cdef", b"ak_live_0123456789abcdef")
MASK_ERROR = ('{"detail":[{"type":"value_error","loc":["data",0,"masked_token"],"msg":"Value error, masked_token '
              'reveals 24 characters; at most 8 may be visible","input":"ak_live_0123456789abcdef","ctx":{"error":'
              '"masked_token reveals 24 characters; at most 8 may be visible"}}]}\n')
MISSING_TOTAL = ('{"detail":[{"type":"missing","loc":["total"],"msg":"Field required","input":{"data":[],'
                 '"has_more":false}}]}\n')

# Valid: nothing printed, exit 0 (standard input, "-", and a file).
expect("valid stdin", run(["check-response"], VALID), (0, "", ""))
expect("valid -", run(["check-response", "-"], VALID + b"\n"), (0, "", ""))
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "page.json")
    with open(path, "wb") as f:
        f.write(b"{\n  \"data\": [],\n  \"has_more\": false,\n  \"total\": 0\n}\n")
    expect("valid file", run(["check-response", path]), (0, "", ""))
    # A file that does not exist: exit 66, message on standard error.
    missing = os.path.join(d, "nope.json")
    expect("unreadable file", run(["check-response", missing]), (66, "", f"apiquery check-response: cannot read '{missing}'\n"))
    # A body spread over lines: json_invalid counts lines as jiter does.
    with open(path, "wb") as f:
        f.write(b"{\n  \"data\": [],\n  \"has_more\": false,\n}\n")
    expect("json_invalid across lines", run(["check-response", path]),
           (2, '{"detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: trailing comma at line 4 column 1",'
               '"input":"{\\n  \\"data\\": [],\\n  \\"has_more\\": false,\\n}\\n","ctx":{"error":"trailing comma at '
               'line 4 column 1"}}]}\n', ""))

# Errors: {"detail":[...]} on one line, exit 2.
expect("missing total", run(["check-response"], b'{"data":[],"has_more":false}'), (2, MISSING_TOTAL, ""))
expect("masking rule", run(["check-response"], UNMASKED), (2, MASK_ERROR, ""))
expect("--no-mask-check", run(["check-response", "--no-mask-check"], UNMASKED), (0, "", ""))
expect("empty input", run(["check-response"], b""),
       (2, '{"detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: EOF while parsing a value at line 1 '
           'column 0","input":"","ctx":{"error":"EOF while parsing a value at line 1 column 0"}}]}\n', ""))
expect("not JSON", run(["check-response"], b"<html>"),
       (2, '{"detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: expected value at line 1 column 1",'
           '"input":"<html>","ctx":{"error":"expected value at line 1 column 1"}}]}\n', ""))
# Ill-formed UTF-8 in the echoed input is written as U+FFFD.
expect("invalid UTF-8", run(["check-response"], b'"\xff"'),
       (2, '{"detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: invalid unicode code point at line 1 '
           'column 3","input":"\\"\ufffd\\"","ctx":{"error":"invalid unicode code point at line 1 column 3"}}]}\n', ""))

# --lines: one output line per input line; {"detail":[]} for a valid body; exit 2 if any is invalid.
expect("--lines", run(["check-response", "--lines"], VALID + b"\r\n" + b'{"data":[],"has_more":false}\n'),
       (2, '{"detail":[]}\n' + MISSING_TOTAL, ""))
expect("--lines all valid", run(["check-response", "--lines"], VALID + b"\n" + VALID + b"\n"),
       (0, '{"detail":[]}\n{"detail":[]}\n', ""))

# Bad command lines: exit 64, usage on standard error.
code, out, err = run(["check-response", "--frobnicate"])
expect("bad option", (code, out), (64, ""))
expect("bad option message", err.startswith("apiquery check-response: unexpected argument '--frobnicate'"), True)
code, out, err = run(["check-response", "a.json", "b.json"])
expect("two files", (code, out), (64, ""))
expect("help", run(["check-response", "--help"])[0], 0)

h.finish("apiquery check-response CLI")
