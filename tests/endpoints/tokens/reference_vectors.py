#!/usr/bin/env python3
"""Checks `apiquery validate` against every row of section 7 of the reference
(../shared/reference/fastapi-pydantic-422.md, read at run time) and, where pydantic is installed, checks
that the FastAPI emulation agrees with the same rows.

Per reference Decisions #2, `enum` in the table reads `literal_error` (field and order are Literals).
Rows are either "200 (valid)" or one error element
{"type":T,"loc":["query",P],"msg":M,"input":I[,"ctx":C]} in a {"detail":[...]} body.

    python3 tests/endpoints/tokens/reference_vectors.py --apiquery BUILD/tools/apiquery --shared ../shared
Exit 0 when every row matches; "SKIPPED: ..." and exit 0 when the reference file is absent.
"""
import argparse
import json
import os
import re
import subprocess
import sys

PATH = "/api/v1/workspaces/production/token"


def code(cell):
    cell = cell.strip()
    if cell.startswith("``") and cell.endswith("``"):
        return cell[2:-2].strip()
    return cell.strip("`").strip()


def expand(text):
    """'111…(4301 ones)' and '"111…(len 4301)"' stand for long runs of ones."""
    m = re.search(r"1+…\((?:len )?(\d+)(?: ones)?\)", text)
    return text[:m.start()] + "1" * int(m.group(1)) + text[m.end():] if m else text


def rows(reference):
    section = reference.split("## 7.")[1].split("\n## ")[0]
    for line in section.splitlines():
        # No cell of this table contains a "|".
        cells = [c.strip() for c in line.strip()[1:-1].split("|")]
        if len(cells) < 7 or not cells[0].isdigit():
            continue
        num, query, result, etype, msg, ctx = cells[0], code(cells[1])[1:], cells[2], cells[3], cells[4], cells[5]
        query = expand(query)
        if result.startswith("200"):
            yield int(num), query, None
            continue
        param = query.split("&")[-1].split("=")[0]
        element = {"type": "literal_error" if code(etype) == "enum" else code(etype), "loc": ["query", param],
                   "msg": code(msg), "input": json.loads(expand(code(result)))}
        if code(ctx) not in ("—", ""):
            element["ctx"] = json.loads(code(ctx))
        yield int(num), query, '{"detail":[' + json.dumps(element, ensure_ascii=False, separators=(",", ":")) + "]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--apiquery", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    path = os.path.join(args.shared, "reference", "fastapi-pydantic-422.md")
    if not os.path.exists(path):
        print(f"SKIPPED: {path} is absent")
        return 0
    table = list(rows(open(path, encoding="utf-8").read()))
    if len(table) < 70:
        print(f"only {len(table)} rows found in section 7 of {path}")
        return 1
    targets = [(PATH + "?" + q).encode("latin-1") for _, q, _ in table]
    proc = subprocess.run([args.apiquery, "validate", "--lines"], input=b"\n".join(targets) + b"\n",
                          capture_output=True, check=False)
    lines = proc.stdout.decode("utf-8").split("\n")
    try:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import fastapi_emulation
    except ImportError:
        fastapi_emulation = None
        print("note: pydantic is absent; the emulation is not cross-checked")
    failures = 0
    for (num, query, expected), target, got in zip(table, targets, lines):
        candidates = [got]
        if fastapi_emulation is not None:
            candidates.append(fastapi_emulation.respond(target)[1])
        for who, text in zip(("apiquery", "emulation"), candidates):
            ok = text.startswith('{"workspace_name":') if expected is None else text == expected
            if not ok:
                failures += 1
                print(f"row {num} ?{query[:80]}: {who} gave\n  {text[:400]}\n  expected {str(expected)[:400]}")
    print(f"{len(table)} rows of section 7: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
