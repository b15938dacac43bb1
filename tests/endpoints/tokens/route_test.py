#!/usr/bin/env python3
"""apiquery's routing against the Python `re` reference (route_reference.py), case by case.

Generates request targets from the endpoint path with: zero to three trailing "\\n", "\\r", "\\r\\n" (and
mixes, and a '/' among them) after "/token" and inside the workspace name; %2F encoded slashes; '.' and
'..' segments; '//' double slashes; empty workspace names; trailing slashes; encoded letters; invalid
UTF-8; raw bytes outside printable ASCII; absolute-form targets; a query that is valid or invalid. Sends
them all through one `apiquery validate --lines` process and checks, for every target, the exit status
class (0 valid, 2 invalid, 3 not routed), the routed workspace_name, and whether a 404 is a would-be 307.

usage: route_test.py APIQUERY
"""
import itertools
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import route_reference  # noqa: E402

APIQUERY = sys.argv[1]

ENC = {"\n": "%0A", "\r": "%0D"}


def enc(text: str, lower=False) -> str:
    out = "".join(ENC.get(c, c) for c in text)
    return out.lower() if lower else out


# Trailing material: every sequence of 0..3 pieces.
PIECES = ["\n", "\r", "\r\n", "/"]
TRAILERS = [""] + ["".join(p) for n in (1, 2, 3) for p in itertools.product(PIECES, repeat=n)]

WORKSPACES = ["production", "", ".", "..", "a%2Fb", "%2F", "%2E%2E", "my%20ws", "%C3%A9", "%E9", "%250A",
              "x\n", "\n", "\n\n", "x\r", "\r\n", "x\ny", "a+b", "%"]
PREFIXES = ["/api/v1/workspaces/", "//api/v1/workspaces/", "/api//v1/workspaces/", "/api/v1/workspaces//",
            "/api/v1/./workspaces/", "/api/v1/x/../workspaces/", "/api%2Fv1/workspaces/", "/%61pi/v1/workspaces/",
            "/api/v1/workspaces%2F", "http://localhost:8000/api/v1/workspaces/", "/API/v1/workspaces/"]
SUFFIXES = ["/token", "//token", "/./token", "/../token", "%2Ftoken", "/tok%65n", "/token/.", "/token/..",
            "/token%2F", "/tokens", "/toke"]
QUERIES = ["", "?limit=5", "?limit=101", "?"]


def targets():
    seen = set()

    def add(t: str):
        if t not in seen:
            seen.add(t)
            yield t.encode("latin-1")

    # Trailers after "/token", for every workspace name and prefix.
    for ws, pre, tr in itertools.product(WORKSPACES, PREFIXES, TRAILERS):
        yield from add(pre + enc(ws) + "/token" + enc(tr))
    # Trailers inside the workspace name and after other suffixes.
    for ws, suf, tr in itertools.product(WORKSPACES, SUFFIXES, TRAILERS):
        yield from add("/api/v1/workspaces/" + enc(ws + tr) + suf)
        yield from add("/api/v1/workspaces/" + enc(ws) + suf + enc(tr))
    # Lower-case escapes, queries.
    for ws, tr, q in itertools.product(WORKSPACES, TRAILERS, QUERIES):
        yield from add("/api/v1/workspaces/" + enc(ws, lower=True) + "/token" + enc(tr, lower=True) + q)
    # Raw bytes the server cannot take, and odd whole paths.
    for t in ["/api/v1/workspaces/\xe9/token", "/api/v1/workspaces/a b/token", "/api/v1/workspaces/a\x7f/token",
              "/api/v1/workspaces/a\t/token", "", "/", "//", "/%0A", "?x", "http://h", "https://h?limit=1",
              "/api/v1/workspaces/token", "/api/v1/workspaces/%0A/token%0A%0A/", "/api/v1/workspaces/a/token%0A//"]:
        yield from add(t)


def main():
    cases = list(targets())
    proc = subprocess.run([APIQUERY, "validate", "--lines"], input=b"\n".join(cases) + b"\n", capture_output=True,
                          check=False)
    out = proc.stdout.decode("utf-8").split("\n")
    err = [e for e in proc.stderr.decode("utf-8").split("\n") if e]
    failures = 0

    def fail(target, what):
        nonlocal failures
        failures += 1
        if failures <= 30:
            print(f"MISMATCH {target!r}: {what}")

    if len(out) != len(cases) + 1:
        print(f"apiquery printed {len(out) - 1} lines for {len(cases)} targets")
        return 1
    reasons = iter(err)
    status_max = 0
    counts = {"route": 0, "redirect": 0, "not_found": 0}
    for target, line in zip(cases, out):
        kind, ws = route_reference.route(target)
        counts[kind] += 1
        if line == '{"detail":"Not Found"}':
            got_status = 3
            reason = next(reasons, "")
            got = ("redirect" if "(307)" in reason else "not_found", None)
        else:
            body = json.loads(line)
            got_status = 2 if "detail" in body else 0
            got = ("route", body.get("workspace_name"))
        status_max = max(status_max, got_status)
        if kind == "route" and got_status == 3:
            fail(target, f"reference routes to {ws!r}, apiquery answers 404")
        elif kind != "route" and got_status != 3:
            fail(target, f"reference: {kind}, apiquery: status {got_status}")
        elif got_status == 0 and got != (kind, ws):
            fail(target, f"reference {(kind, ws)!r}, apiquery {got!r}")
        elif got_status == 3 and got[0] != kind:
            fail(target, f"reference {kind}, apiquery {got[0]} ({reason})")
        elif got_status == 2 and b"limit=101" not in target:
            fail(target, f"unexpected 422: {line}")
    if next(reasons, None) is not None:
        fail("-", "more 404 reasons than 404 lines")
    if proc.returncode != status_max:
        fail("-", f"--lines exit {proc.returncode}, highest status {status_max}")

    # The bug report's target, through `validate` and `list`.
    for cmd in (["validate"], ["list"]):
        for target, want in (("/api/v1/workspaces/production/token%0A%0A", 3),
                             ("/api/v1/workspaces/production/token%0A%0A%0A", 3),
                             ("/api/v1/workspaces/production/token%0A", 0)):
            p = subprocess.run([APIQUERY] + cmd + [target], capture_output=True, check=False)
            if p.returncode != want:
                fail(target, f"apiquery {cmd[0]}: exit {p.returncode}, want {want}")
            if want == 3 and p.stdout != b'{"detail":"Not Found"}\n':
                fail(target, f"apiquery {cmd[0]}: {p.stdout!r}")

    print(f"{len(cases)} targets ({counts['route']} routed, {counts['redirect']} would-be 307, "
          f"{counts['not_found']} not found): {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
