#!/usr/bin/env python3
"""Differential test: apiquery's pydantic datetime parser against pydantic's own TypeAdapter(datetime).

Generates strings (random shapes, valid datetimes, numbers, and mutations of near-valid forms), runs them
through pydantic 2 in Python (lax) mode and through `apiquery timestamp --lines`, and compares, line by
line, the exact JSON each would print: the UTC instant and offset for an accepted string, the error type
and message for a rejected one.

    python3 tests/value/pydantic_datetime_diff.py --cli build/tools/apiquery --count 1000000 --seed 7

Exit status 0 when every string agrees (or "SKIPPED: ..." when pydantic is absent), 1 otherwise.
"""
import argparse
import json
import random
import subprocess
import sys

try:
    from datetime import datetime, timedelta
    from pydantic import TypeAdapter, ValidationError
except ImportError:  # pragma: no cover - depends on the machine
    print("SKIPPED: pydantic is not installed (pip install 'pydantic>=2.13')")
    sys.exit(0)

EPOCH = datetime(1970, 1, 1)
US = timedelta(microseconds=1)


def civil_from_days(z):
    """Proleptic Gregorian date of day z since 1970-01-01 (works for year 0, unlike datetime)."""
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


def format_micros(us):
    """apiquery's canonical form: YYYY-MM-DDTHH:MM:SS.fff[fff]Z."""
    days, rem = divmod(us, 86400 * 10**6)
    y, m, d = civil_from_days(days)
    secs, frac = divmod(rem, 10**6)
    year = f"-{-y:04d}" if y < 0 else f"{y:04d}"
    fraction = f"{frac // 1000:03d}" if frac % 1000 == 0 else f"{frac:06d}"
    return f"{year}-{m:02d}-{d:02d}T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}.{fraction}Z"


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def expected_line(adapter, text):
    try:
        v = adapter.validate_python(text)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        return '{"type":' + dumps(err["type"]) + ',"msg":' + dumps(err["msg"]) + "}"
    wall = (v.replace(tzinfo=None) - EPOCH) // US
    off = v.utcoffset()
    if off is None:
        return '{"utc":"' + format_micros(wall) + '","offset_minutes":null}'
    off_us = off // US
    return '{"utc":"' + format_micros(wall - off_us) + '","offset_minutes":' + str(off_us // 60_000_000) + "}"


# ---------------------------------------------------------------------------------------------- generator
MINUS = "\u2212"
NOISE = list("0123456789-:T t_.,Zz+e") + [MINUS, "E", "\t", "x", "\u00e9", "/", "\u00a0", "\u0660", "P"]


def two(rng, hi):
    """Mostly in range, sometimes at or past the edge."""
    r = rng.random()
    if r < 0.8:
        return f"{rng.randint(0, hi):02d}"
    if r < 0.95:
        return f"{rng.choice([hi, hi + 1, 0, 99, 60, 24, 23, 59]):02d}"
    return rng.choice(["", "1", "123", "a1", "1a", "-1", " 1"])


def gen_date(rng):
    r = rng.random()
    if r < 0.1:
        year = rng.choice([0, 1, 4, 100, 400, 1600, 1900, 1970, 2000, 2024, 9999])
    else:
        year = rng.randint(0, 9999)
    ys = f"{year:04d}" if rng.random() < 0.97 else rng.choice(["20", "202", "20245", "+2024", "-024", "２０２４"])
    month = f"{rng.randint(1, 12):02d}" if rng.random() < 0.85 else two(rng, 12)
    if rng.random() < 0.8:
        dim = [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28, 31, 30, 31, 30,
               31, 31, 30, 31, 30, 31]
        m = int(month) if month.isdigit() and 1 <= int(month) <= 12 else 1
        day = f"{rng.randint(1, dim[m - 1]):02d}" if rng.random() < 0.8 else f"{dim[m - 1] + rng.choice([0, 1]):02d}"
    else:
        day = two(rng, 31)
    sep1 = "-" if rng.random() < 0.95 else rng.choice(["/", "", "_", "--", MINUS])
    sep2 = "-" if rng.random() < 0.95 else rng.choice(["/", "", "_"])
    return ys + sep1 + month + sep2 + day


def gen_time(rng):
    s = two(rng, 23) + (":" if rng.random() < 0.95 else rng.choice(["", ".", "-", "::"])) + two(rng, 59)
    if rng.random() < 0.75:
        s += (":" if rng.random() < 0.95 else rng.choice(["", "."])) + two(rng, 59)
        if rng.random() < 0.5:
            n = rng.choice([0, 1, 2, 3, 3, 3, 6, 6, 6, 7, 9, 12, 20])
            s += rng.choice([".", ".", ".", ","]) + "".join(rng.choice("0123456789") for _ in range(n))
    return s


def gen_tz(rng):
    r = rng.random()
    if r < 0.25:
        return ""
    if r < 0.5:
        return rng.choice(["Z", "z", "Z", "+00:00", "-00:00"])
    sign = rng.choice(["+", "-", MINUS, "+", "-", "\u2013", "~"])
    hh = two(rng, 23)
    mm = two(rng, 59)
    colon = rng.choice([":", ":", "", "-"])
    tz = sign + hh + colon + mm
    if rng.random() < 0.1:
        tz = sign + hh
    return tz


def gen_datetime(rng):
    sep = rng.choice(["T", "T", "T", "t", " ", "_"]) if rng.random() < 0.93 else rng.choice(["", "x", "TT", "  ", "\t"])
    s = gen_date(rng) + sep + gen_time(rng) + gen_tz(rng)
    if rng.random() < 0.05:
        s += rng.choice([" ", "Z", "0", "\u00a0", "x", "+01:00"])
    return s


def gen_number(rng):
    r = rng.random()
    wm = 20_000_000_000
    special = [0, 1, -1, wm, wm + 1, -wm, -wm - 1, 253_402_300_799, 253_402_300_800, -62_167_219_200,
               -62_167_219_201, 253_402_300_799_000, 253_402_300_799_999, 253_402_300_800_000,
               -62_167_219_200_000, -62_167_219_200_001, 2**63 - 1, 2**63, 2**64 + 4, 18446744073709551620,
               10**19, 86400, 1_700_000_000, 1_700_000_000_123]
    if r < 0.3:
        n = rng.choice(special) + rng.choice([0, 0, 1, -1, 999, -1000])
        s = str(n)
    elif r < 0.6:
        s = str(rng.randint(-10 ** rng.randint(1, 20), 10 ** rng.randint(1, 20)))
    else:
        ip = str(rng.randint(0, 10 ** rng.randint(0, 16)))
        fp = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 1, 3, 6, 7, 9, 17])))
        s = rng.choice([ip + "." + fp, "." + fp, ip + ".", ip + "." + fp + rng.choice(["e3", "E-2", "e+10", "e400",
                                                                                        "e-400", "e", "x"])])
        if rng.random() < 0.4:
            s = "-" + s
    if rng.random() < 0.15:
        s = rng.choice(["+", "-", "--", "+-", " ", "0", "00"]) + s
    return s


def mutate(rng, s):
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.3 and s:
            s = s[:i] + s[i + 1:]
        elif op < 0.6:
            s = s[:i] + rng.choice(NOISE) + s[i:]
        elif op < 0.85 and s:
            i = min(i, len(s) - 1)
            s = s[:i] + rng.choice(NOISE) + s[i + 1:]
        else:
            s = s[:i]
    return s


# Always checked first: number-parsing corners (float syntax, exponents, i64 wrap-around, watershed).
EDGE = ["1.5e99999999999999999999", "1.5e-99999999999999999999", "0.0e999999", "1.e5", "1.5e+3", "-.5", "+.5",
        ".", "-.", "00.5", "0.0000000000000000000000000000000000000000001e400", "1700000000.9999999", "-0.0000001",
        "1.5E3", "17000000000000000000000.5", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "2e10", "20000000000.5", "-20000000000.5", "1.7976931348623157e308", "4.9e-324",
        "18446744073709551620", "18446744073709551620.5", "-18446744073709551620", "30000000000000.5", "",
        "2022-06-08T12:13:14\u221205:30", "2022-06-08T12:13:14\u221205", "2022-06-08T12:13:14\u2013" "05:30",
        "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59.999999-23:59", "0000-12-31T23:59:59Z", "0000-01-01",
        "2024-02-29", "2023-02-29", "2022-06-08T23:59:60", "2022-06-08T24:00", "2022-06-08T12:13:14.",
        "2022-06-08T12:13:14,", "2022-06-08T12:13:14Zz", "2022-06-08T12:13+0000", "2022-06-08T12:13:14+00:60"]


def generate(rng):
    r = rng.random()
    if r < 0.35:
        s = gen_datetime(rng)
    elif r < 0.45:
        s = gen_date(rng) + ("" if rng.random() < 0.7 else rng.choice([" ", "T", "x", "Z"]))
    elif r < 0.65:
        s = gen_number(rng)
    elif r < 0.9:
        s = mutate(rng, rng.choice([gen_datetime, gen_date, gen_number])(rng))
    else:
        n = rng.randint(0, 30)
        s = "".join(rng.choice(NOISE) for _ in range(n))
    return s.replace("\n", " ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="path of the apiquery program")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20250101)
    ap.add_argument("--show", type=int, default=20, help="mismatches to print")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    adapter = TypeAdapter(datetime)
    texts = EDGE + [generate(rng) for _ in range(max(0, args.count - len(EDGE)))]
    expected = [expected_line(adapter, t) for t in texts]

    proc = subprocess.run([args.cli, "timestamp", "--lines"], input="\n".join(texts).encode() + b"\n",
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    got = proc.stdout.decode("utf-8", errors="replace").split("\n")
    if got and got[-1] == "":
        got.pop()
    if proc.returncode not in (0, 2) or len(got) != len(texts):
        print(f"FAIL: apiquery exited {proc.returncode} with {len(got)} lines for {len(texts)} inputs")
        print(proc.stderr.decode(errors="replace")[:2000])
        return 1

    mismatches = [(t, e, g) for t, e, g in zip(texts, expected, got) if e != g]
    accepted = sum(1 for e in expected if e.startswith('{"utc"'))
    print(f"{len(texts)} strings (seed {args.seed}): {accepted} accepted, {len(texts) - accepted} rejected by pydantic;"
          f" {len(mismatches)} mismatches")
    for t, e, g in mismatches[: args.show]:
        print(f"  input    {t!r}\n  pydantic {e}\n  apiquery {g}")
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
