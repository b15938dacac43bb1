#!/usr/bin/env python3
"""Differential test: `apiquery check-response` against the real pydantic v2 on this machine.

Generates Get Workspace Tokens 200 bodies (valid pages, then field-level mutations: wrong types, lax
coercions, missing and duplicated keys, extra keys, timestamps, UUID forms, masking violations; and
byte-level mutations that break the JSON), validates each with
`PaginatedResult[Token].model_validate_json(body)` (tests/endpoints/tokens/token_models.py) and with
`apiquery check-response --lines`, and compares the errors: type, loc, msg, input, ctx and their order,
as the JSON text FastAPI would write for them.

Known, documented difference (docs/models.md): pydantic echoes an integer beyond 64 bits as an exact
Python int, apiquery as a double; cases whose expected errors echo such an integer are counted apart.

usage: pydantic_diff.py --apiquery PATH [--count N] [--seed S] [--no-mask-check] [--show K]
Exit 0 when every case agrees (or pydantic is absent: prints SKIPPED), 1 otherwise.
"""
import argparse
import json
import os
import random
import subprocess
import sys

try:
    import pydantic  # noqa: F401
    from pydantic import ValidationError
except ImportError:
    print("SKIPPED: pydantic is not installed")
    sys.exit(0)

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import token_models  # noqa: E402


# ----------------------------------------------------------------------------------------------------
# Bodies as ordered lists of (key, raw JSON text), so that duplicates, order and odd numbers survive.

class Obj:
    def __init__(self, members):
        self.members = list(members)  # [(key, value)] where value is Obj, Arr or str (raw JSON)

    def text(self):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + raw(v) for k, v in self.members) + "}"


class Arr:
    def __init__(self, items):
        self.items = list(items)

    def text(self):
        return "[" + ",".join(raw(v) for v in self.items) + "]"


def raw(v):
    return v if isinstance(v, str) else v.text()


def js(x):
    return json.dumps(x, ensure_ascii=False)


NAMES = ["ci-token", "deploy", "prod-reader", "Zoë's token", "backup", "日本語", "x", ""]
GIVEN = ["Ada", "Grace", "Linus", "Émilie", ""]
FAMILY = ["Lovelace", "Hopper", "Torvalds", "du Châtelet", ""]
ROLES = ["ADMIN", "MEMBER", "EXTERNAL"]
WORKSPACES = ["production", "staging", "dev", "ml-research"]
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def mask(secret):
    n = len(secret)
    if n <= 16:
        return "*" * n
    return secret[:4] + "*" * (n - 8) + secret[-4:]


def random_uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    form = rng.random()
    s = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
    if form < 0.7:
        return s
    if form < 0.8:
        return s.upper()
    if form < 0.9:
        return h
    if form < 0.95:
        return "{" + s + "}"
    return "urn:uuid:" + s


def random_datetime(rng):
    y, mo, d = rng.randint(1970, 2100), rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    base = "%04d-%02d-%02dT%02d:%02d:%02d" % (y, mo, d, h, mi, s)
    r = rng.random()
    if r < 0.4:
        return base + ".%03dZ" % rng.randint(0, 999)
    if r < 0.6:
        return base + ".%06dZ" % rng.randint(0, 999999)
    if r < 0.75:
        return base + "+00:00"
    if r < 0.85:
        return base + rng.choice(["-05:30", "+0200", "z", ""])
    return base[:10] if r < 0.92 else base.replace("T", " ")


def random_token(rng):
    secret = "".join(rng.choice(ALPHABET) for _ in range(rng.choice([8, 16, 17, 24, 40, 64])))
    expires = rng.random() < 0.6
    members = [
        ("name", js(rng.choice(NAMES))),
        ("masked_token", js(mask(secret))),
        ("personal", js(rng.random() < 0.5)),
        ("expires", js(expires)),
        ("expires_at", js(random_datetime(rng)) if expires else "null"),
        ("api_token_id", js(random_uuid(rng))),
        ("user", Obj([("given_name", js(rng.choice(GIVEN))), ("family_name", js(rng.choice(FAMILY)))])),
        ("role", js(rng.choice(ROLES))),
        ("organization_role", js(rng.choice(ROLES))),
        ("workspaces", Arr(Obj([("name", js(w))]) for w in rng.sample(WORKSPACES, rng.randint(0, 2)))),
    ]
    if rng.random() < 0.5:
        members.append(("all_workspaces", js(rng.random() < 0.2)))
    if rng.random() < 0.2:
        members.append(("created_at", js(random_datetime(rng))))  # an extra key: ignored
    if rng.random() < 0.2:
        rng.shuffle(members)  # key order does not matter to a reader
    return Obj(members)


def random_page(rng):
    data = Arr(random_token(rng) for _ in range(rng.choice([0, 1, 1, 2, 3, 5])))
    return Obj([("data", data), ("has_more", js(rng.random() < 0.5)), ("total", js(rng.randint(0, 500)))])


# Values that exercise every validator: JSON types, lax coercions, edge numbers, timestamps, UUID forms.
VALUES = [
    "null", "true", "false", "0", "1", "2", "-1", "1.0", "0.0", "-0.0", "1.5", "2.0", "-2.5", "1e3", "1E3",
    "1e20", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1000000000000000000",
    "100000000000000000", "18446744073709551615", "9.3e18", "-9.3e18", "4.9e-324",
    '""', '"x"', '"true"', '"True"', '"yes"', '"on"', '"OFF"', '"f"', '"n"', '"0"', '"1"', '"2"', '" 12 "',
    '"1_000"', '"0x1"', '"1e3"', '"12.0"', '"4.5"', '"+5"', '"-0"', '"0-5"', '"١٢"', '"\\u00a042"',
    '"2024-01-01"', '"2024-01-01T00:00:00Z"', '"2024-01-01T00:00:00.123456789Z"', '"2024-02-29T12:00:00+00:00"',
    '"2023-02-29"', '"2024-02-30"', '"2024-01-01T25:00"', '"2024-01-01T12:00:00+24:00"', '"0000-01-01"',
    '"0000-01-01T00:00:00"', '"1700000000"', '"1700000000.5"', '"-62135596800001"', '"abc"', '"2024-1-1"',
    '"2024/01/01"', '"2024-01-01 12:00"', '"2024-01-01_12:00:00,5"', '"2024-01-01T12:00:00\u221205:00"',
    "1700000000", "1700000000.5", "-1.25", "20000000000", "20000000001", "-62135596800001", "253402300800000",
    "253402300799999.9", "-62167219200000", "0.9999996",
    '"550e8400-e29b-41d4-a716-446655440000"', '"550E8400E29B41D4A716446655440000"',
    '"{550e8400-e29b-41d4-a716-446655440000}"', '"urn:uuid:550e8400-e29b-41d4-a716-446655440000"',
    '"URN:UUID:550e8400-e29b-41d4-a716-446655440000"', '"550e8400-e29b-41d4-a716"', '"zz"',
    '"550e8400-e29b-41d4-a716-44665544000g"', '"{g50e8400-e29b-41d4-a716-446655440000}"',
    '"ADMIN"', '"admin"', '"MEMBER"', '"EXTERNAL"', '"Admin "',
    "[]", "[1]", '["x"]', "{}", '{"name":"x"}', '{"name":1}', '{"given_name":"a"}',
    '{"given_name":"a","family_name":"b"}', '{"family_name":null}', '[{"name":"x"},{}]', '[{"name":"x"},3]',
    '"********"', '"abcd********wxyz"', '"abcde*******wxyz"', '"abcdefghijklm"', '"é*é*é*é*é*é*é*é*é"',
    '"\\u0000"', '"é"', '"\\ud83d\\ude00"',
]


def mutate_value(rng, v):
    """A random change somewhere inside the value tree v (an Obj, Arr or raw text); returns the new value."""
    if isinstance(v, Obj) and v.members and rng.random() < 0.75:
        i = rng.randrange(len(v.members))
        k, sub = v.members[i]
        op = rng.random()
        if op < 0.45:
            v.members[i] = (k, mutate_value(rng, sub))
        elif op < 0.6:
            del v.members[i]  # missing
        elif op < 0.72:
            pos = rng.choice([i, i + 1])  # a duplicate key: the last one wins
            v.members.insert(pos, (k, rng.choice(VALUES)))
        elif op < 0.82:
            v.members.insert(rng.randint(0, len(v.members)), (rng.choice(["extra", "x", "all_workspace"]), rng.choice(VALUES)))
        else:
            v.members[i] = (k, rng.choice(VALUES))
        return v
    if isinstance(v, Arr) and v.items and rng.random() < 0.75:
        i = rng.randrange(len(v.items))
        if rng.random() < 0.8:
            v.items[i] = mutate_value(rng, v.items[i])
        else:
            v.items.insert(i, rng.choice(VALUES))
        return v
    return rng.choice(VALUES)


BYTES = list(b'{}[],:"\\ 0123456789-+.eEnulltrfaINs\x00\x1f') + [0xC3, 0xA9, 0xFF, 0xED, 0xA0]


def mutate_bytes(rng, b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 3)):
        pos = rng.randint(0, len(b))
        op = rng.random()
        if op < 0.3 and b:
            del b[min(pos, len(b) - 1)]
        elif op < 0.6:
            b[pos:pos] = bytes([rng.choice(BYTES)])
        elif op < 0.8 and b:
            b[min(pos, len(b) - 1)] = rng.choice(BYTES)
        else:
            b = b[:pos]
    return bytes(b)


def generate(rng, count):
    bodies = []
    for n in range(count):
        page = random_page(rng)
        r = rng.random()
        if r < 0.1:
            pass  # valid
        elif r < 0.9:
            for _ in range(rng.randint(1, 4)):
                data = page.members[0][1] if isinstance(page, Obj) and page.members else None
                if isinstance(data, Arr) and data.items and isinstance(data.items[0], Obj) and rng.random() < 0.8:
                    k = rng.randrange(len(data.items))
                    data.items[k] = mutate_value(rng, data.items[k])  # a field of a token, mostly
                else:
                    page = mutate_value(rng, page)
        if not isinstance(page, (Obj, Arr)):
            page = Obj([("data", Arr([])), ("has_more", "false"), ("total", page)])
        body = page.text().encode("utf-8")
        if r >= 0.9:
            body = mutate_bytes(rng, body)
        body = body.replace(b"\n", b" ").replace(b"\r", b" ")  # one body per line
        bodies.append(body)
    return bodies


# ----------------------------------------------------------------------------------------------------

def py_text(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=True)


def has_huge_int(x):
    if isinstance(x, bool):
        return False
    if isinstance(x, int):
        return not (-(2 ** 63) <= x < 2 ** 64)
    if isinstance(x, list):
        return any(has_huge_int(e) for e in x)
    if isinstance(x, dict):
        return any(has_huge_int(e) for e in x.values())
    return False


def expected(model, body):
    try:
        model.model_validate_json(body)
        return {"detail": []}, False
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    huge = False
    out = []
    for e in errors:
        e = dict(e)
        e["loc"] = list(e["loc"])
        if isinstance(e.get("input"), (bytes, bytearray)):
            e["input"] = e["input"].decode("utf-8", "replace")
        if "ctx" in e:
            e["ctx"] = {k: (str(v) if isinstance(v, Exception) else v) for k, v in e["ctx"].items()}
        huge = huge or has_huge_int(e.get("input"))
        out.append(e)
    return {"detail": out}, huge


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--apiquery", required=True)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-mask-check", action="store_true")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()

    model = token_models.TokenPageSchemaOnly if args.no_mask_check else token_models.TokenPage
    rng = random.Random(args.seed)
    bodies = generate(rng, args.count)
    cmd = [args.apiquery, "check-response", "--lines"] + (["--no-mask-check"] if args.no_mask_check else [])
    proc = subprocess.run(cmd, input=b"\n".join(bodies) + b"\n", capture_output=True)
    if proc.returncode not in (0, 2):
        print("apiquery exited with", proc.returncode, proc.stderr.decode(errors="replace"))
        return 1
    got_lines = proc.stdout.decode("utf-8").split("\n")
    if len(got_lines) < len(bodies):
        print("apiquery printed", len(got_lines), "lines for", len(bodies), "bodies")
        return 1

    mismatches = skipped = valid = errors_compared = 0
    types = {}
    for body, got in zip(bodies, got_lines):
        exp, huge = expected(model, body)
        if huge:
            skipped += 1
            continue
        exp_text = py_text(exp)
        if not exp["detail"]:
            valid += 1
        for e in exp["detail"]:
            types[e["type"]] = types.get(e["type"], 0) + 1
        errors_compared += len(exp["detail"])
        if exp_text != got:
            mismatches += 1
            if mismatches <= args.show:
                print("MISMATCH for body:", body[:300])
                print("  pydantic:", exp_text[:600])
                print("  apiquery:", got[:600])
    print(
        "%d bodies (%d valid), %d errors compared, %d mismatches, %d skipped (integers beyond 64 bits echoed)"
        % (len(bodies), valid, errors_compared, mismatches, skipped)
    )
    print("error types seen:", ", ".join("%s=%d" % kv for kv in sorted(types.items())))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
