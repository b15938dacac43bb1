#!/usr/bin/env python3
"""The command-line program on List Files (docs/files.md): `apiquery validate`, `apiquery list` (the API's
documented example on the bundled data, checked against an independent Python model of the rules),
`apiquery sample-data --endpoint files`, `apiquery check-response --endpoint files` and `apiquery demo`:
exact output and exit codes."""
import datetime
import json
import os
import sys
import tempfile
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from cli_harness import Harness  # noqa: E402

APIQUERY, BUNDLED = sys.argv[1], sys.argv[2]
h = Harness(APIQUERY)
run, expect = h.run, h.expect
BASE = "/api/v1/workspaces/production/files"
EXAMPLE = BASE + "?limit=10&filter=category%20eq%20%27news%27%20and%20published_date%20ge%20%272025-01-01%27"

# --- sample-data: the bundled file is exactly the documented command's output
code, out, err = run(["sample-data", "--endpoint", "files", "--count", "300", "--seed", "1"])
with open(BUNDLED, encoding="utf-8") as f:
    bundled_text = f.read()
expect("bundled = sample-data --endpoint files --count 300 --seed 1", (code, out == bundled_text, err), (0, True, ""))
records = json.loads(bundled_text)
expect("300 records", len(records), 300)


def instant(text):
    """created_at as Python reads it (naive = UTC, as apiquery decides)."""
    d = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return d


def model(workspace, keep, field="created_at", order="ASC"):
    """The listing rules in plain Python: scope, condition, order (field, then file_id bytes)."""
    rows = [r for r in records if r["workspace"] == workspace and keep(r)]
    key = (lambda r: (instant(r["created_at"]), uuid.UUID(r["file_id"]).bytes)) if field == "created_at" else \
        (lambda r: (r["name"].encode("utf-8"), uuid.UUID(r["file_id"]).bytes))
    return sorted(rows, key=key, reverse=(order == "DESC"))


def documented(r):
    m = r["meta"]
    c, d = m.get("category"), m.get("published_date")
    return isinstance(c, str) and c == "news" and isinstance(d, str) and d >= "2025-01-01"


# --- the documented example: the right page, byte for byte where the data says so
code, out, err = run(["list", EXAMPLE])
expect("example exit", (code, err), (0, ""))
body = json.loads(out)
want = model("production", documented)
expect("example total", body["total"], len(want))
expect("example has_more", body["has_more"], len(want) > 10)
expect("example ids", [f["file_id"] for f in body["data"]], [r["file_id"] for r in want[:10]])
expect("example total is not trivial", 10 < len(want) < 100, True)
for f, r in zip(body["data"], want):
    expect("keys in File order", list(f), ["file_id", "url", "name", "size", "characters", "meta", "created_at",
                                          "languages"])
    expect("url", f["url"], "/api/v1/workspaces/production/files/" + r["file_id"])
    expect("meta as stored", json.dumps(f["meta"]), json.dumps(r["meta"]))
    expect("created_at as stored", f["created_at"], r["created_at"])
    expect("no content", "content" in f, False)
# the body is exactly what json.dumps writes (Starlette's JSONResponse)
expect("body bytes", out, json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n")
code, out2, _ = run(["list", "--data", BUNDLED, EXAMPLE])
expect("--data gives the same", (code, out2), (0, out))
code, report, err = run(["check-response", "--endpoint", "files"], stdin=out)
expect("check-response --endpoint files on the answer", (code, report, err), (0, "", ""))

# --- the same walk by cursor through the CLI as the SDK does, field name DESC, with a filter
want = model("production", lambda r: r["meta"].get("reviewed") is True, "name", "DESC")
seen, target, total = [], BASE + "?limit=7&field=name&order=DESC&filter=reviewed%20eq%20true", None
for _ in range(100):
    code, out, err = run(["list", target])
    expect("walk exit", code, 0)
    page = json.loads(out)
    total = page["total"]
    seen += [f["file_id"] for f in page["data"]]
    if not page["has_more"]:
        break
    last = page["data"][-1]
    target = (BASE + "?limit=7&field=name&order=DESC&filter=reviewed%20eq%20true&after_value=" +
              urllib.parse.quote(last["name"], safe="") + "&after_file_id=" + last["file_id"])
expect("walk visits every file once, in order", seen, [r["file_id"] for r in want])
expect("walk total", total, len(want))

# --- exit codes: 422, 404, usage, data errors
code, out, err = run(["list", BASE + "?page_number=2&filter=category%20eq%20%27news%27"])
expect("page_number with a filter", (code, out, err),
       (2, '{"detail":[{"type":"value_error","loc":["query","page_number"],"msg":"Value error, filter only works '
           'with cursor-based pagination: leave page_number blank","input":"2","ctx":{"error":"filter only works '
           'with cursor-based pagination: leave page_number blank"}}]}\n', ""))
code, out, err = run(["list", BASE + "/"])
expect("redirect is a 404 here", (code, out, err.startswith("apiquery list: not routed (404): ")),
       (3, '{"detail":"Not Found"}\n', True))
tmp = tempfile.mkdtemp()
code, out, err = run(["list", "--sqlite", os.path.join(tmp, "absent.db"), EXAMPLE])
expect("--sqlite: absent database", (code, out), (66, ""))
bad = os.path.join(tmp, "bad.json")
with open(bad, "w", encoding="utf-8") as f:
    f.write('[{"file_id":"x"}]')
code, out, err = run(["list", "--data", bad, EXAMPLE])
expect("bad data file", (code, out, err),
       (65, "", "apiquery list: " + bad + ': record 0 at ["file_id"]: Input should be a valid UUID, invalid '
            "character: found `x` at 1\n"))
code, out, err = run(["list", "--data", os.path.join(tmp, "absent.json"), EXAMPLE])
expect("absent data file", (code, out), (66, ""))

# --- validate
code, out, err = run(["validate", EXAMPLE])
expect("validate the example", (code, out, err), (0, '{"workspace_name":"production","name":null,"content":null,'
       '"meta_key":null,"meta_value":null,"filter":"category eq \'news\' and published_date ge \'2025-01-01\'",'
       '"limit":10,"page_number":null,"after_value":null,"after_file_id":null,"field":"created_at",'
       '"order":"ASC"}\n', ""))
code, out, err = run(["validate", BASE + "?after_value=2025-01-01"])
expect("validate: half a cursor", (code, out), (2, '{"detail":[{"type":"value_error","loc":["query","after_file_id"],'
       '"msg":"Value error, after_value and after_file_id come together: after_file_id is missing","input":"",'
       '"ctx":{"error":"after_value and after_file_id come together: after_file_id is missing"}}]}\n'))

# --- check-response --endpoint files: pydantic's errors
code, out, err = run(["check-response", "--endpoint", "files"],
                     stdin='{"data":[{"file_id":"550e8400-e29b-41d4-a716-446655440000"}],"has_more":false,"total":1}')
expect("check-response: missing fields", (code, out.count('"type":"missing"'), err), (2, 6, ""))
code, out, err = run(["check-response", "--endpoint", "files", "--lines"], stdin='{"data":[],"has_more":false,"total":0}\n[]\n')
expect("check-response --lines", (code, out.splitlines()[0]), (2, '{"detail":[]}'))

# --- sample-data and --endpoint
code, out, err = run(["sample-data", "--endpoint", "files", "--count", "2", "--seed", "9"])
expect("sample-data 2", (code, len(json.loads(out)), err), (0, 2, ""))
code, out, err = run(["sample-data", "--endpoint", "invoices"])
expect("unknown endpoint", (code, out, err), (64, "", "apiquery sample-data: unknown endpoint 'invoices' (tokens, files)\n"))

# --- sqlite-load --endpoint files and list --sqlite: the same bytes as the in-memory listing
db = os.path.join(tmp, "f.db")
code, out, err = run(["sqlite-load", "--endpoint", "files", db])
expect("sqlite-load --endpoint files", (code, out, err, os.path.exists(db)),
       (0, "apiquery sqlite-load: 300 files written to " + db + "\n", "", True))
code, out, err = run(["sqlite-load", "--endpoint", "files", db])
expect("sqlite-load: exists", (code, out), (73, ""))
# metadata the table cannot store (the data contract of docs/files.md): refused, naming the record and the
# member, and no database is written
_, sample, _ = run(["sample-data", "--endpoint", "files", "--count", "3", "--seed", "4"])
for name, change, message in [
        ("NUL in a string", lambda m: m.update({"a": {"b": ["x", "nu\u0000l"]}}),
         'record 2 at ["meta","a","b",1]: a string holds NUL'),
        ("NUL in a key", lambda m: m.update({"k\u0000ey": 1}), 'record 2 at ["meta","k\\u0000ey"]: a key holds NUL'),
        ("a subnormal number", lambda m: m.update({"tiny": 5e-324}),
         'record 2 at ["meta","tiny"]: the number 5e-324 is out of range')]:
    records = json.loads(sample)
    change(records[2]["meta"])
    bad = os.path.join(tmp, "bad-files.json")
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(records, f)
    out_db = os.path.join(tmp, "bad.db")
    code, out, err = run(["sqlite-load", "--endpoint", "files", "--data", bad, out_db])
    expect(f"sqlite-load refuses {name}", (code, out, err, os.path.exists(out_db)),
           (65, "", "apiquery sqlite-load: " + message +
            ", which the files table cannot store (docs/files.md, the data contract)\n", False))
sql_targets = [
    EXAMPLE,
    BASE + "?limit=100",
    BASE + "?limit=5&field=name&order=DESC",
    BASE + "?limit=5&field=name&order=ASC&name=news",
    BASE + "?content=action&limit=3",
    BASE + "?meta_key=category&meta_value=news&limit=4",
    BASE + "?meta_key=odd.key",
    BASE + "?filter=published_date%20ge%202025-01-01&limit=7&order=DESC",
    BASE + "?filter=priority%20ge%202&limit=7&field=name",
    BASE + "?page_number=3&limit=7",
    BASE + "?name=%25",
    "/api/v1/workspaces/staging/files?limit=100",
    BASE + "?filter=x%20eq%2010:00:00",
    BASE + "?limit=200",
]
page = json.loads(run(["list", EXAMPLE])[1])
last = page["data"][-1]
sql_targets.append(EXAMPLE + "&after_value=" + urllib.parse.quote_plus(last["created_at"]) +
                   "&after_file_id=" + last["file_id"])
sql_targets.append(BASE + "?field=name&after_value=README.md&after_file_id=" + last["file_id"])
for t in sql_targets:
    mem = run(["list", t])
    got = run(["list", "--sqlite", db, t])
    expect("list --sqlite = list: " + t, got, mem)
expect("the example has a page", json.loads(run(["list", "--sqlite", db, EXAMPLE])[1])["total"] > 10, True)

# --- demo: the files section first, with the documented example URL and its answer
code, out, err = run(["demo"])
expect("demo exit", (code, err), (0, ""))
lines = out.splitlines()
expect("demo starts with files", lines[0].startswith("== List Files: the API's documented filter example"), True)
expect("demo shows the example", "GET " + EXAMPLE in lines, True)
i = lines.index("GET " + EXAMPLE)
expect("demo answers it", lines[i + 1], "-> 200 {\"data\":[")
_, example_out, _ = run(["list", EXAMPLE])
first = json.loads(example_out)["data"][0]
expect("demo's first file in full", lines[i + 2].strip().rstrip(","), json.dumps(first, ensure_ascii=False, separators=(",", ":")))

h.finish("apiquery on List Files")
