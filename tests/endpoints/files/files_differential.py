#!/usr/bin/env python3
"""Differential test of List Files requests: `apiquery validate --lines` against files_emulation.py
(FastAPI's pipeline around the real pydantic, with the files parameters and rules).

Generates request targets (fixed vectors, then random and mutated ones: every parameter, lax integers,
UUID shapes, date-time shapes for after_value, percent escapes, invalid UTF-8, repeated and misspelt keys,
odd paths), sends them through one `apiquery validate --lines` process per batch and through
files_emulation.respond(), and compares the lines byte for byte. The value generators are the tokens
differential's (tests/endpoints/tokens/differential.py).

    python3 tests/endpoints/files/files_differential.py --apiquery BUILD/tools/apiquery --count 100000

The filter's verdict (parse + files profile + metadata compilation) is apiquery's own: a `value_error` on
["query","filter"] is checked for its shape and removed before comparing (and counted). Exit 0 when every
line matches (or, with a "SKIPPED:" line, when pydantic is absent), 1 otherwise.
"""
import argparse
import json
import os
import subprocess
import sys
import random

try:
    import pydantic  # noqa: F401
except ImportError:
    print("SKIPPED: pydantic is not installed (python3 -c 'import pydantic' fails)")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tokens"))
import differential as gen  # noqa: E402  (the tokens differential's value generators)
import files_emulation  # noqa: E402

PATH = b"/api/v1/workspaces/production/files"
NAMES = [b"name", b"content", b"meta_key", b"meta_value", b"filter", b"limit", b"page_number", b"after_value",
         b"after_file_id", b"field", b"order"]
FILTERS = ["category eq 'news'", "category eq 'news' and published_date ge '2025-01-01'", "x ge 2025-01-01",
           "a/b eq 1.5", "x eq null", "x ge true", "x eq y", "category eq", "x eq 1 or y eq 2", "",
           "x eq 550e8400-e29b-41d4-a716-446655440000", "p ge 2025-01-01T10:00:00+02:00"]
DATETIMES = ["2025-01-01T00:00:00Z", "2025-01-01", "2025-01-01T10:00:00+02:00", "2025-01-01T10:00:00",
             "2025-01-01T10:00:00.123456Z", "2025-01-01 10:00", "1735689600", "1735689600000", "1e10",
             "2025-13-01", "2025-02-29T00:00:00Z", "2024-02-29", "yesterday", "", "0", "-1", "2025-01-01T24:00:00",
             "2025-01-01T23:59:60Z", "2025-01-01T10:00:00+24:00", "20250101", "2025-01-01T10:00:00.1234567Z",
             "2025-01-01t10:00:00z", "2025-01-01T10:00:00-00:00", "  2025-01-01", "9999-12-31T23:59:59.999999Z",
             "0000-01-01", "0001-01-01T00:00:00Z", "2025-1-1", "2025-01-01T10", "2025-01-01T10:00:00Zjunk",
             "1.5", "-1735689600.25", "infinity", "nan", "٢٠٢٥-01-01"]


def datetime_text(rng):
    v = rng.choice(DATETIMES)
    if rng.random() < 0.35:
        return gen.mutate(rng, v, "0123456789-:TtZz+. x")
    return v


def text_value(rng):
    return rng.choice(["report", "", "café", "a b", "news", "ü", "%", "x&y", "null", "None",
                       gen.digits(rng, rng.randint(0, 5))])


def value_for(rng, name):
    if name in (b"limit", b"page_number"):
        return gen.int_text(rng)
    if name == b"after_file_id":
        return gen.uuid_text(rng)
    if name == b"after_value":
        return datetime_text(rng) if rng.random() < 0.8 else text_value(rng)
    if name == b"field":
        return gen.literal_text(rng, ["created_at", "name"])
    if name == b"order":
        return gen.literal_text(rng, ["ASC", "DESC"])
    if name == b"filter":
        if rng.random() < 0.7:
            return rng.choice(FILTERS)
        return "".join(rng.choice("abc eq'()_/ 0123-:TZ\u00e9") for _ in range(rng.randint(0, 20)))
    return text_value(rng)


def path_for(rng):
    r = rng.random()
    if r < 0.88:
        return PATH
    if r < 0.93:
        ws = gen.encode(rng, rng.choice(["prod", "my ws", "é", "a/b", "x\n", "", "ab%", "ünï"]))
        return b"/api/v1/workspaces/" + ws + b"/files"
    return rng.choice([b"/api/v1/workspaces/production/files/", b"/api/v1/workspaces//files", b"",
                       b"/api/v1/workspaces/production/files%0A", b"/api/v1/workspaces/a%2Fb/files",
                       b"http://localhost:8000/api/v1/workspaces/production/files",
                       b"/api/v1/workspaces/\xc3\xa9/files", b"/api/v1/workspaces/production/file",
                       b"/api/v1/workspaces/production/token"])


def target_for(rng):
    fields = []
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 8])):
        name = rng.choice(NAMES)
        if rng.random() < 0.04:
            name = rng.choice([name.upper(), name + b"_", b"x", b"", b"after%5Fvalue", b"page+number"])
        if rng.random() < 0.05:
            fields.append(name)  # no '='
        else:
            fields.append(name + b"=" + gen.encode(rng, value_for(rng, name)))
        if rng.random() < 0.1:  # repeated key
            fields.append(name + b"=" + gen.encode(rng, value_for(rng, name)))
    # cursors come in pairs more often than chance would have it
    if rng.random() < 0.25:
        fields.append(b"after_value=" + gen.encode(rng, datetime_text(rng)))
        fields.append(b"after_file_id=" + gen.encode(rng, gen.uuid_text(rng)))
    rng.shuffle(fields)
    q = b"&".join(fields)
    t = path_for(rng)
    if fields or rng.random() < 0.3:
        t += b"?" + q
    return t.replace(b"\n", b"%0A").replace(b"\r", b"%0D")


def fixed_vectors():
    id_ = "550e8400-e29b-41d4-a716-446655440000"
    qs = ["", "limit=101", "limit=100", "order=asc", "order=DESC", "field=name", "field=size",
          "after_value=2025-01-01&after_file_id=" + id_, "after_value=2025-01-01", "after_file_id=" + id_,
          "after_value=yesterday&after_file_id=" + id_, "field=name&after_value=yesterday&after_file_id=" + id_,
          "page_number=2&after_value=2025-01-01&after_file_id=" + id_, "page_number=2&after_file_id=" + id_,
          "page_number=2&filter=category%20eq%20%27news%27", "page_number=2&filter=", "page_number=0",
          "limit=10&filter=category%20eq%20%27news%27%20and%20published_date%20ge%20%272025-01-01%27",
          "after_value=&after_file_id=" + id_, "field=name&after_value=&after_file_id=" + id_,
          "name=&content=&meta_key=&meta_value=", "after_file_id=zz&after_value=zz&limit=x"]
    return [PATH + (b"?" + q.encode("latin-1") if q else b"") for q in qs]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apiquery", required=True, help="path to the apiquery program")
    ap.add_argument("--count", type=int, default=20000, help="number of generated targets")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--batch", type=int, default=50000, help="targets per apiquery process")
    ap.add_argument("--show", type=int, default=10, help="mismatches to print")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    vectors = fixed_vectors()
    total = len(vectors) + args.count
    mismatches = filter_only = ok200 = 0
    done = 0
    while done < total:
        n = min(args.batch, total - done)
        batch = [vectors[done + i] if done + i < len(vectors) else target_for(rng) for i in range(n)]
        proc = subprocess.run([args.apiquery, "validate", "--lines"], input=b"\n".join(batch) + b"\n",
                              capture_output=True, check=False)
        got = proc.stdout.split(b"\n")
        if proc.returncode not in (0, 2, 3) or len(got) != n + 1:
            print(f"apiquery validate --lines failed: exit {proc.returncode}, {len(got) - 1} lines for {n}")
            print(proc.stderr.decode("utf-8", "replace")[:2000])
            return 1
        for target, line in zip(batch, got):
            status, expected = files_emulation.respond(target)
            actual = line.decode("utf-8")
            if status == 404 and target.startswith(b"/api/v1/workspaces/production/token"):
                continue  # the tokens endpoint answers that one
            if status != 404 and actual.startswith('{"detail":['):
                body = json.loads(actual)
                kept = [e for e in body["detail"] if e["loc"] != ["query", "filter"] or e["type"] != "value_error"]
                if len(kept) != len(body["detail"]):
                    bad = [e for e in body["detail"] if e not in kept and not gen.check_filter_element(e)]
                    if bad:
                        mismatches += 1
                        print(f"bad filter element for {target!r}: {bad}")
                        continue
                    filter_only += 1
                    if not kept:
                        if status != 200:
                            mismatches += 1
                            print(f"MISMATCH {target!r}\n  pydantic: {expected}\n  apiquery: {actual}")
                        continue
                    actual = files_emulation.dumps({"detail": kept})
            ok200 += status == 200
            if actual != expected:
                mismatches += 1
                if mismatches <= args.show:
                    print(f"MISMATCH {target!r}\n  pydantic: {expected}\n  apiquery: {actual}")
        done += n
    print(f"{total} targets ({len(vectors)} fixed, {args.count} generated, seed {args.seed}): {mismatches} "
          f"mismatches; {ok200} answered 200; {filter_only} with a filter verdict from apiquery")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
