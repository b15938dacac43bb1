#!/usr/bin/env python3
"""`apiquery filter --format sql-sqlite|sql-postgres`, `apiquery sqlite-load` and `apiquery list --sqlite`
(docs/sql.md): exact output and exit codes, and `list --sqlite` answering exactly what `list` answers on
the same records, for fixed and random request targets."""
import json
import os
import random
import sqlite3
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from cli_harness import Harness  # noqa: E402

APIQUERY, BUNDLED = sys.argv[1], sys.argv[2]
h = Harness(APIQUERY)
run, expect = h.run, h.expect


# --- filter --format sql-*
F1 = "name eq 'ci' and created_at ge '2025-01-01'"
expect("sql-sqlite", run(["filter", "--format", "sql-sqlite", F1]),
       (0, '{"sql":"(\\"name\\" COLLATE BINARY = ?1 AND \\"created_at\\" >= ?2)",'
           '"params":["ci",1735689600000000]}\n', ""))
expect("sql-postgres", run(["filter", "--format=sql-postgres", F1]),
       (0, '{"sql":"(\\"name\\" COLLATE \\"C\\" = $1::text AND \\"created_at\\" >= $2::timestamptz)",'
           '"params":["ci","2025-01-01T00:00:00.000000+00"]}\n', ""))
# Values never reach the text, hostile or not.
code, out, _ = run(["filter", "--format", "sql-sqlite", "name eq 'x'' OR 1=1; --'"])
expect("hostile value is a parameter", (code, json.loads(out)),
       (0, {"sql": '"name" COLLATE BINARY = ?1', "params": ["x' OR 1=1; --"]}))
# The tokens profile is the default for SQL; a profile refusal keeps its error form.
expect("profile refusal", run(["filter", "--format", "sql-sqlite", "name eq 'a' or name eq 'b'"]),
       (1, '{"error":{"code":"unsupported_operator","position":12,"end":26,"message":"operator \'or\' is not '
           'supported by this endpoint (supported: eq, ge, and)"}}\n', ""))
# What SQL cannot express: its own error, with the span.
expect("sql_unsupported", run(["filter", "--format", "sql-postgres", "--profile", "full", "length(name) gt 3"]),
       (1, '{"error":{"code":"sql_unsupported","position":0,"end":12,"message":"cannot translate function '
           '\'length\' (bytes 0-12) to SQL: only contains, startswith and endswith are supported, as '
           'conditions"}}\n', ""))
expect("full profile, wider filter", run(["filter", "--format", "sql-postgres", "--profile", "full",
                                          "not (contains(name, '50%')) or expires_at eq null"]),
       (0, '{"sql":"(NOT ((\\"name\\" COLLATE \\"C\\" LIKE $1::text ESCAPE \'!\')) OR (\\"expires_at\\" IS NULL))",'
           '"params":["%50!%%"]}\n', ""))
expect("--lines", run(["filter", "--format", "sql-sqlite", "--lines"], b"name eq 'a'\nname ne 'b'\n"),
       (0, '{"sql":"\\"name\\" COLLATE BINARY = ?1","params":["a"]}\n'
           '{"error":{"code":"unsupported_operator","position":5,"end":11,"message":"operator \'ne\' is not '
           'supported by this endpoint (supported: eq, ge, and)"}}\n', ""))
code, out, err = run(["filter", "--format", "sql-mysql", "a eq 1"])
expect("unknown format", (code, out, "sql-postgres" in err), (64, "", True))

# --- sqlite-load, list --sqlite
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "tokens.db")
    expect("sqlite-load", run(["sqlite-load", db]), (0, f"apiquery sqlite-load: 300 tokens written to {db}\n", ""))
    code, out, err = run(["sqlite-load", db])
    expect("sqlite-load onto an existing file", (code, out, "exists already" in err), (73, "", True))
    for bad in (["sqlite-load"], ["sqlite-load", "a.db", "b.db"], ["sqlite-load", "--data", "", "x.db"],
                ["list", "--sqlite"], ["list", "--sqlite", db, "--data", BUNDLED, "/x"], ["list", "--sqlite=", "/x"]):
        code, out, err = run(bad)
        expect(f"usage {bad}", (code, out, "usage:" in err), (64, "", True))
    code, out, err = run(["list", "--sqlite", os.path.join(tmp, "missing.db"), "/api/v1/workspaces/w/token"])
    expect("missing database", (code, out, "cannot read" in err), (66, "", True))
    notdb = os.path.join(tmp, "not.db")
    with open(notdb, "w") as f:
        f.write("not a database, not at all " * 100)
    code, out, err = run(["list", "--sqlite", notdb, "/api/v1/workspaces/w/token"])
    expect("not a database", (code, out, "not a database" in err), (65, "", True))

    # The database holds the records as docs/sql.md says.
    with open(BUNDLED, encoding="utf-8") as f:
        records = json.load(f)
    con = sqlite3.connect(db)
    expect("rows", con.execute("SELECT COUNT(*) FROM tokens").fetchone()[0], len(records))
    scoped = sum(1 for r in records if not r["all_workspaces"] and len(r["workspaces"]) == 1
                 and r["workspaces"][0]["name"] == "production")
    expect("scope column", con.execute("SELECT COUNT(*) FROM tokens WHERE scope_workspace = 'production'").fetchone()[0],
           scoped)
    indexes = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    expect("indexes", indexes, ["tokens_scope_created_at", "tokens_scope_expires_at", "tokens_scope_name",
                                "tokens_scope_role"])
    con.close()

    # list --sqlite answers what list answers.
    ids = [r["api_token_id"] for r in records]
    q = urllib.parse.quote
    targets = [
        "/api/v1/workspaces/production/token",
        "/api/v1/workspaces/production/token?limit=100&order=ASC&field=expires_at",
        "/api/v1/workspaces/staging/token?limit=0",
        "/api/v1/workspaces/production/token?limit=-5&page_number=3",
        "/api/v1/workspaces/production/token?page_number=99999999999999999999999999",
        "/api/v1/workspaces/production/token?filter=" + q("name eq 'ci-deploy' and created_at ge '2024-01-01'"),
        "/api/v1/workspaces/production/token?filter=" + q("expires_at eq null"),
        "/api/v1/workspaces/production/token?filter=" + q("name eq 'a' or name eq 'b'"),
        "/api/v1/workspaces/production/token?after=" + ids[0] + "&before=" + ids[1],
        "/api/v1/workspaces/production/token?after=00000000-0000-0000-0000-000000000000",
        "/api/v1/workspaces/nowhere/token",
        "/api/v1/workspaces/production/tokens",
    ]
    rng = random.Random(9)
    for _ in range(150):
        params = {"limit": rng.choice(["1", "3", "10", "0", "-1", "100"]),
                  "field": rng.choice(["name", "role", "created_at", "expires_at"]),
                  "order": rng.choice(["ASC", "DESC"])}
        mode = rng.randrange(4)
        if mode == 1:
            params["page_number"] = str(rng.choice([1, 2, 5, 40]))
        elif mode >= 2:
            params["after" if mode == 2 else "before"] = rng.choice(ids)
        if rng.random() < 0.4 and mode != 1:
            r = rng.choice(records)
            params["filter"] = rng.choice([
                f"name eq '{r['name']}'",
                f"created_at ge {r['created_at']}",
                f"expires_at ge '{r['created_at'][:10]}' and personal eq {str(r['personal']).lower()}",
                f"organization_role eq '{r['organization_role']}'",
                "expires_at eq null"])
        ws = rng.choice(["production", "production", "staging", "analytics"])
        targets.append(f"/api/v1/workspaces/{ws}/token?" + urllib.parse.urlencode(params))
    for t in targets:
        expect(f"list --sqlite {t}", run(["list", "--sqlite", db, t]), run(["list", "--data", BUNDLED, t]))

h.finish("SQL CLI")
