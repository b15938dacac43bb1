#!/usr/bin/env python3
"""Differential test: `apiquery validate --lines` against the FastAPI emulation around the real pydantic.

Generates request targets (the reference's section 7 vectors, then random and mutated ones: signs,
spaces, underscores, dots, huge numbers, UUID shapes, percent escapes, invalid UTF-8, raw latin-1 bytes,
repeated and misspelt keys, odd paths), sends them all through one `apiquery validate --lines` process and
through fastapi_emulation.respond(), and compares the output lines byte for byte.

    python3 tests/endpoints/tokens/differential.py --apiquery BUILD/tools/apiquery --count 1000000 --seed 7

The filter's own verdict (parse + tokens profile) comes from apiquery's filter parser, which the emulation
does not reimplement: a `value_error` on ["query","filter"] in apiquery's body is checked for its shape and
removed before comparing, and such cases are counted. Exit 0 when every line matches (or, with a
"SKIPPED:" line, when pydantic is absent), 1 otherwise.
"""
import argparse
import json
import os
import random
import subprocess
import sys

try:
    import pydantic  # noqa: F401
except ImportError:
    print("SKIPPED: pydantic is not installed (python3 -c 'import pydantic' fails)")
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fastapi_emulation  # noqa: E402

PATH = b"/api/v1/workspaces/production/token"
NAMES = [b"limit", b"before", b"after", b"page_number", b"filter", b"field", b"order"]
HEX = "0123456789abcdefABCDEF"
CANONICAL_UUIDS = ["550e8400-e29b-41d4-a716-446655440000", "f47ac10b-58cc-4372-a567-0e02b2c3d479",
                   "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"]
WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\u00a0", "\u0085", "\u2000", "\u3000", "\u202f",
              "\x1c", "\u200b", "\ufeff"]
FILTERS = ["name eq 'x'", "created_at ge 2025-01-01T00:00:00Z", "role eq 'admin' and personal eq true",
           "name eq", "x eq 1", "name ne 'a'", "(", "", "expires_at ge '2025-01-01'", "name eq 'it''s'"]


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def int_text(rng):
    r = rng.random()
    if r < 0.08:
        return str(rng.choice([0, 1, 10, 100, 101, -1, -5, 99, 9223372036854775807, 9223372036854775808,
                               -9223372036854775808, -9223372036854775809, 18446744073709551616]))
    if r < 0.12:  # around the 4300-digit limit
        n = rng.choice([4299, 4300, 4301, 4302])
        s = rng.choice("123456789") + digits(rng, n - 1)
        return rng.choice(["", "-", "+", " ", "0"]) + s + rng.choice(["", "", ".0", "x", " ", "_1"])
    if r < 0.2:
        return rng.choice(["0-5", "00-12", " 0-5", "0-5.0", "0-_5", "+0-5", "-0-5", "0--5", "0-05", "-0",
                           "+0", "00", "0_000", "00.00", "0.", ".5", "1.", "1e3", "1E3", "0x10", "1,000",
                           "nan", "inf", "true", "null", "None", "+", "-", "", " ", "١٢٣", "１２"])
    parts = []
    parts.append(rng.choice(["", "", "", "+", "-", "++", "+-", "-+", "--"]))
    parts.append(rng.choice(["", "", "0", "00", "0_", "_"]))
    body = digits(rng, rng.choice([1, 1, 2, 3, 5, 19, 20, 25]))
    if rng.random() < 0.3:
        pos = rng.randrange(len(body) + 1)
        body = body[:pos] + rng.choice(["_", "__", "-", ".", " "]) + body[pos:]
    parts.append(body)
    parts.append(rng.choice(["", "", "", ".0", ".00", ".5", ".", "_", ".0_0", "e2", ".000"]))
    s = "".join(parts)
    if rng.random() < 0.3:
        s = rng.choice(WHITESPACE) + s
    if rng.random() < 0.3:
        s = s + rng.choice(WHITESPACE)
    return s


def mutate(rng, s, alphabet):
    s = list(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        p = rng.randint(0, len(s))
        if op < 0.33 and s:
            del s[min(p, len(s) - 1)]
        elif op < 0.66:
            s.insert(p, rng.choice(alphabet))
        elif s:
            s[min(p, len(s) - 1)] = rng.choice(alphabet)
    return "".join(s)


def uuid_text(rng):
    u = rng.choice(CANONICAL_UUIDS)
    if rng.random() < 0.3:
        u = "".join(rng.choice("0123456789abcdef") if c != "-" else c for c in u)
    form = rng.randrange(5)
    if form == 1:
        u = u.replace("-", "")
    elif form == 2:
        u = "{" + u + "}"
    elif form == 3:
        u = "urn:uuid:" + u
    elif form == 4:
        u = u.upper()
    r = rng.random()
    if r < 0.45:
        return u
    if r < 0.85:
        return mutate(rng, u, HEX + "-{}:gGzé _nurURN" + "\u00a0")
    return rng.choice(["", "null", "not-a-valid-uuid", "{}", "{", "-", "urn:uuid:", "URN:UUID:" + u[-36:],
                       "{" + "0" * 32 + "}", "0" * 36, digits(rng, rng.randint(0, 40))])


def literal_text(rng, values):
    v = rng.choice(values)
    r = rng.random()
    if r < 0.5:
        return v
    if r < 0.7:
        return rng.choice([v.lower(), v.upper(), v.capitalize(), " " + v, v + " ", "", v + v])
    return mutate(rng, v, "abcxyzASCDE_ é")


def filter_text(rng):
    if rng.random() < 0.6:
        return rng.choice(FILTERS)
    return "".join(rng.choice("abc eq'()_/ 0123-:TZ\u00e9") for _ in range(rng.randint(0, 20)))


def value_for(rng, name):
    if name in (b"limit", b"page_number"):
        return int_text(rng)
    if name in (b"before", b"after"):
        return uuid_text(rng)
    if name == b"field":
        return literal_text(rng, ["name", "role", "created_at", "expires_at"])
    if name == b"order":
        return literal_text(rng, ["ASC", "DESC"])
    return filter_text(rng)


SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


def encode(rng, text):
    """Percent-encode a value in one of several styles, some of them broken on purpose."""
    b = text.encode("utf-8")
    style = rng.random()
    out = bytearray()
    for i, c in enumerate(b):
        if c in SAFE and style < 0.9:
            out.append(c)
        elif c == 0x20 and style < 0.5:
            out += b"+"
        elif style < 0.7 or c in b"&=#%+\r\n" or c < 0x20:
            out += b"%%%02X" % c if rng.random() < 0.8 else b"%%%02x" % c
        elif c >= 0x80 and style < 0.8:
            out.append(c)  # raw UTF-8 byte (Starlette reads it as latin-1)
        else:
            out += b"%%%02X" % c
    r = rng.random()
    if r < 0.04:
        out += rng.choice([b"%", b"%4", b"%zz", b"%G1", b"%%41"])
    elif r < 0.08:
        out += rng.choice([b"%FF", b"%C3", b"%E2%82", b"%F0%80%80", b"%ED%A0%80", b"%C0%AF", b"%F4%90%80%80"])
    elif r < 0.10:
        out += bytes([rng.randrange(0x80, 0x100)])
    elif r < 0.12:
        pos = rng.randint(0, len(out))
        out[pos:pos] = rng.choice([b"%C3", b"\xc3\xa9", b"%A9", b"%E2%82%AC", b"+", b"%2B", b"%20"])
    return bytes(out)


def path_for(rng):
    r = rng.random()
    if r < 0.85:
        return PATH
    if r < 0.9:
        ws = encode(rng, rng.choice(["prod", "my ws", "é", "a/b", "x\n", "", "ab%", "ünï"]))
        return b"/api/v1/workspaces/" + ws + b"/token"
    return rng.choice([b"/api/v1/workspaces/production/token/", b"/api/v1/workspaces//token", b"",
                       b"/api/v1/workspaces/production/token%0A", b"/api/v1/workspaces/a%2Fb/token",
                       b"http://localhost:8000/api/v1/workspaces/production/token",
                       b"/api/v1/workspaces/\xc3\xa9/token", b"/api/v1/workspaces/production/tokens",
                       b"/API/v1/workspaces/production/token", b"/api/v1/workspaces/x%0A/token"])


def target_for(rng):
    fields = []
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 8])):
        name = rng.choice(NAMES)
        r = rng.random()
        if r < 0.04:
            name = rng.choice([name.upper(), name + b"_", b"x", b"", b"lim%69t", b"page+number",
                               b"page%5Fnumber"])
        value = encode(rng, value_for(rng, name))
        if rng.random() < 0.05:
            fields.append(name)  # no '='
        else:
            fields.append(name + b"=" + value)
        if rng.random() < 0.1:  # repeated key
            fields.append(name + b"=" + encode(rng, value_for(rng, name)))
    q = b"&".join(fields)
    if rng.random() < 0.05:
        q = rng.choice([b"&", b"&&", b""]) + q + rng.choice([b"&", b"", b";x=1"])
    t = path_for(rng)
    if fields or rng.random() < 0.3:
        t += b"?" + q
    return t.replace(b"\n", b"%0A").replace(b"\r", b"%0D")


def reference_vectors():
    """The queries of section 7 of the reference (as written there) and a few more shapes."""
    qs = ["limit=42", "limit=%20%2042%20", "limit=100", "limit=101", "limit=100.0", "limit=9223372036854775808",
          "limit=" + "1" * 4301, "limit=1&limit=200", "limit=200&limit=1", "page_number=0", "page_number=-0",
          "page_number=-1", "page_number=", "page_number=null", "page_number=99999999999999999999999",
          "before=550e8400-e29b-41d4-a716-446655440000", "before=550E8400-E29B-41D4-A716-446655440000",
          "before=550e8400e29b41d4a716446655440000", "before=%7B550e8400-e29b-41d4-a716-446655440000%7D",
          "before=urn:uuid:550e8400-e29b-41d4-a716-446655440000", "before=", "before=null",
          "before=not-a-valid-uuid", "before=550e8400-e29b-41d4-a716", "before=f47ac10b-58cc-4372-a567-0e02b2c3d47",
          "before=%C3%A950e8400-e29b-41d4-a716-446655440000", "field=x", "field=Name", "field=", "order=asc",
          "order=DESC", "order=ASC&order=desc", "filter=", "limit", "LIMIT=abc", "limit=0-5", "page_number=0-5",
          "order=%00%01%1f%7f%22%5c%2F%e2%82%ac%ff",
          "limit=101&before=zz&after=&page_number=0&filter=&field=x&order=asc"]
    for q in ["limit=%2B5", "limit=-00001", "limit=1_000", "limit=4.5", "limit=1e3", "limit=0x10", "limit=%20",
              "limit=1__0", "limit=_1", "limit=42_", "limit=%2B%2B4", "limit=%2B-1", "limit=--1", "limit=1,000",
              "limit=nan", "limit=4.", "limit=00_", "limit=%E2%80%8942"]:
        qs.append(q)
    return [PATH + b"?" + q.encode("latin-1") for q in qs]


def check_filter_element(e):
    return (e.get("type") == "value_error" and e.get("msg", "").startswith("Value error, ")
            and list(e.get("ctx", {}).keys()) == ["error", "position"]
            and e["msg"] == "Value error, " + e["ctx"]["error"] and isinstance(e["ctx"]["position"], int)
            and 0 <= e["ctx"]["position"] <= len(e["input"].encode("utf-8")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apiquery", required=True, help="path to the apiquery program")
    ap.add_argument("--count", type=int, default=20000, help="number of generated targets")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--batch", type=int, default=50000, help="targets per apiquery process")
    ap.add_argument("--show", type=int, default=10, help="mismatches to print")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    vectors = reference_vectors()
    total = len(vectors) + args.count
    mismatches = filter_only = 0
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
            status, expected = fastapi_emulation.respond(target)
            actual = line.decode("utf-8")
            if status != 404 and actual.startswith('{"detail":['):
                body = json.loads(actual)
                kept = [e for e in body["detail"] if e["loc"] != ["query", "filter"] or e["type"] != "value_error"]
                if len(kept) != len(body["detail"]):
                    bad = [e for e in body["detail"] if e not in kept and not check_filter_element(e)]
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
                    actual = fastapi_emulation.dumps({"detail": kept})
            if actual != expected:
                mismatches += 1
                if mismatches <= args.show:
                    print(f"MISMATCH {target!r}\n  pydantic: {expected}\n  apiquery: {actual}")
        done += n
    print(f"{total} targets ({len(vectors)} reference vectors, {args.count} generated, seed {args.seed}): "
          f"{mismatches} mismatches; {filter_only} with a filter verdict from apiquery's parser")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
