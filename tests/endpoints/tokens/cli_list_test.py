#!/usr/bin/env python3
"""`apiquery list`, `apiquery sample-data` and the listing section of `apiquery demo` (docs/listing.md):
exact output and exit codes, and the ordering and pagination rules checked against an independent
Python model of them (no filter: scope, sort, page_number, after, before, limit <= 0)."""
import datetime
import json
import os
import random
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from cli_harness import Harness  # noqa: E402

APIQUERY, BUNDLED = sys.argv[1], sys.argv[2]
h = Harness(APIQUERY)
run, expect = h.run, h.expect
BASE = "/api/v1/workspaces/{}/token"


# --- sample-data: the bundled file is exactly the documented command's output
code, out, err = run(["sample-data", "--count", "300", "--seed", "1"])
expect("sample-data exit", code, 0)
with open(BUNDLED, encoding="utf-8") as f:
    bundled_text = f.read()
expect("bundled file = sample-data --count 300 --seed 1", out == bundled_text, True)
# --endpoint NAME: the built-in endpoint by name (tokens, the default); an unknown name is a usage error.
for args in (["--endpoint", "tokens"], ["--endpoint=tokens"]):
    code, out, err = run(["sample-data", *args, "--count", "300", "--seed", "1"])
    expect(f"sample-data {args}", (code, out == bundled_text, err), (0, True, ""))
for command in ("sample-data", "sqlite-load", "check-response"):
    code, out, err = run([command, "--endpoint", "invoices"])
    expect(f"{command} --endpoint invoices", (code, out, err),
           (64, "", f"apiquery {command}: unknown endpoint 'invoices' (tokens, files)\n"))
for bad in (["sample-data", "--count"], ["sample-data", "--count", "x"], ["sample-data", "--bogus", "1"],
            ["list"], ["list", "--data"], ["list", "a", "b"], ["list", "--data", "", "/x"]):
    code, out, err = run(bad)
    expect(f"usage {bad}", (code, out, "usage:" in err), (64, "", True))

tmp = tempfile.mkdtemp()
small = os.path.join(tmp, "small.json")
code, out, _ = run(["sample-data", "--count", "40", "--seed", "4"])
with open(small, "w", encoding="utf-8") as f:
    f.write(out)
records = json.loads(out)

# --- exit codes and bodies
code, out, err = run(["list", "--data", small, BASE.format("production") + "?after=00000000-0000-4000-8000-000000000000"])
expect("unknown cursor", (code, out, err), (2, '{"detail":[{"type":"value_error","loc":["query","after"],'
       '"msg":"Value error, cursor does not match any token of workspace \'production\'",'
       '"input":"00000000-0000-4000-8000-000000000000",'
       '"ctx":{"error":"cursor does not match any token of workspace \'production\'"}}]}\n', ""))
code, out, err = run(["list", "--data", small, BASE.format("production") + "?limit=101"])
expect("bad limit", (code, out.startswith('{"detail":[{"type":"less_than_equal","loc":["query","limit"]')), (2, True))
code, out, err = run(["list", "--data", small,
                      BASE.format("production") + "?filter=name%20eq%20%27a%27%20or%20name%20eq%20%27b%27"])
expect("unsupported or", (code, out), (2, '{"detail":[{"type":"value_error","loc":["query","filter"],'
       '"msg":"Value error, operator \'or\' is not supported by this endpoint (supported: eq, ge, and)",'
       '"input":"name eq \'a\' or name eq \'b\'","ctx":{"error":"operator \'or\' is not supported by this '
       'endpoint (supported: eq, ge, and)","position":12}}]}\n'))
code, out, err = run(["list", "--data", small, "/api/v1/workspaces/production/tokens"])
expect("404", (code, out), (3, '{"detail":"Not Found"}\n'))
expect("404 reason", err.startswith("apiquery list: not routed (404): "), True)
code, out, err = run(["list", "--data", os.path.join(tmp, "missing.json"), BASE.format("production")])
expect("missing data file", (code, out, err.startswith("apiquery list: cannot read ")), (66, "", True))
bad_file = os.path.join(tmp, "bad.json")
with open(bad_file, "w", encoding="utf-8") as f:
    f.write('[{"name": 5}]')
code, out, err = run(["list", "--data=" + bad_file, BASE.format("production")])
expect("bad data file", (code, out, "record 0 at [\"name\"]: Input should be a valid string" in err), (65, "", True))
code, out, err = run(["list", BASE.format("production") + "?limit=1"])
expect("bundled default", code, 0)
body = json.loads(out)
expect("body keys in FastAPI order", list(body.keys()), ["data", "has_more", "total"])
expect("token keys in schema order", list(body["data"][0].keys()),
       ["name", "masked_token", "personal", "expires", "expires_at", "api_token_id", "user", "role",
        "organization_role", "workspaces", "all_workspaces"])
expect("compact body", out, json.dumps(body, separators=(",", ":"), ensure_ascii=False) + "\n")

# --- the ordering and pagination rules, against a Python model
def instant(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def key(r, field):
    if field in ("name", "role"):
        k = (0, r[field])
    elif field == "created_at":
        k = (0, instant(r["created_at"]))
    else:  # null expires_at is later than every date-time
        k = (1, None) if r["expires_at"] is None else (0, instant(r["expires_at"]))
    return k, r["api_token_id"]


def cmp_key(a, b, field):
    ka, kb = key(a, field), key(b, field)
    if ka[0][0] != kb[0][0]:
        return -1 if ka[0][0] < kb[0][0] else 1
    if ka[0][1] != kb[0][1]:
        return -1 if ka[0][1] < kb[0][1] else 1
    return (ka[1] > kb[1]) - (ka[1] < kb[1])


def model(ws, field, order, limit, page_number=None, after=None, before=None):
    import functools
    scoped = [r for r in records if r["workspaces"] == [{"name": ws}] and not r["all_workspaces"]]
    scoped.sort(key=functools.cmp_to_key(lambda a, b: cmp_key(a, b, field)), reverse=(order == "DESC"))
    n, L = len(scoped), max(limit, 0)
    ids = [r["api_token_id"] for r in scoped]
    if after or before:
        c = next(r for r in records if r["api_token_id"] == (after or before))
        sign = 1 if order == "ASC" else -1
        if after:
            rest = [r for r in scoped if sign * cmp_key(r, c, field) > 0]
            return [r["api_token_id"] for r in rest[:L]], len(rest) > L, n
        rest = [r for r in scoped if sign * cmp_key(r, c, field) < 0]
        page = rest[len(rest) - min(L, len(rest)):]
        return [r["api_token_id"] for r in page], len(rest) > L, n
    start = (page_number - 1) * L if page_number else 0
    return ids[start:start + L], start + L < n, n


rng = random.Random(8)
scoped_ids = {ws: [r["api_token_id"] for r in records if r["workspaces"] == [{"name": ws}] and not r["all_workspaces"]]
              for ws in ("production", "staging")}
for i in range(120):
    ws = rng.choice(["production", "staging"])
    field = rng.choice(["name", "role", "created_at", "expires_at"])
    order = rng.choice(["ASC", "DESC"])
    limit = rng.choice([-3, 0, 1, 2, 3, 5, 7, 100])
    params = {"limit": limit, "field": field, "order": order}
    kwargs = {}
    mode = rng.randrange(3)
    if mode == 1:
        kwargs["page_number"] = params["page_number"] = rng.randrange(1, 12)
    elif mode == 2 and scoped_ids[ws]:
        which = rng.choice(["after", "before"])
        kwargs[which] = params[which] = rng.choice(scoped_ids[ws])
    target = BASE.format(ws) + "?" + urllib.parse.urlencode(params)
    code, out, err = run(["list", "--data", small, target])
    if code != 0:
        expect(f"exit {target}", (code, out, err), (0, "", ""))
        continue
    body = json.loads(out)
    got = ([t["api_token_id"] for t in body["data"]], body["has_more"], body["total"])
    expect(f"page {target}", got, model(ws, field, order, limit, **kwargs))

# --- demo: the listing section
code, out, err = run(["demo"])
expect("demo exit", code, 0)
for needle in ("== Listing: what the server answers, on the bundled sample (data/sample-tokens.json) ==",
               "GET /api/v1/workspaces/production/token?limit=3\n-> 200 {\"data\":[\n",
               "(shortened for reading: tokens after the first show 4 of their 11 keys)",
               "GET /api/v1/workspaces/nowhere/token\n-> 200 {\"data\":[],\"has_more\":false,\"total\":0}\n",
               "-> 422 {\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"]",
               "-> 422 {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"query\",\"filter\"],"
               "\"msg\":\"Value error, operator 'or' is not supported",
               "-> 422 {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"query\",\"after\"]"):
    expect(f"demo shows {needle[:60]!r}", needle in out, True)

h.finish("listing CLI")
