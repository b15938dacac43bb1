#!/usr/bin/env python3
"""Compares the output of two `apiquery` binaries for `apiquery filter`, byte for byte, in every --format,
--profile and --odata-4.0 combination: with --lines over inputs built to stress the line splitting
(empty lines, \\r, \\r\\n, NUL bytes, invalid UTF-8, lines longer than the read block, no final newline,
empty input) and the filters of fuzz/corpus/filter, fuzz/corpus/sql and fuzz/regressions; and with one
EXPR on the command line and `-` (standard input) for a sample of those filters.

    python3 scripts/cli_filter_lines_diff.py OLD_APIQUERY NEW_APIQUERY

Used when changing tools/apiquery/cmd_filter.cpp's input or output handling (the output must not
change). Exit 0 when every output and exit code is the same, 1 otherwise (the first differences are
printed).
"""
import itertools
import pathlib
import random
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OLD, NEW = sys.argv[1], sys.argv[2]

FORMATS = ["json", "odata", "none", "sql-sqlite", "sql-postgres"]
PROFILES = [None, "tokens", "files", "full"]

HAND = [
    "category eq 'news' and published_date ge '2025-01-01'",
    "name eq 'ci-token'",
    "role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge 2026-01-01T00:00:00.000Z",
    "(name eq 'a' or name eq 'b') and not (role eq 'MEMBER') and created_at lt 2024-12-31T23:59:59Z",
    " and ".join(f"f{i} eq 'value{i}'" for i in range(40)),
    "contains(name,'prod') and length(name) gt 3",
    "a eq 1", "b eq", "", " ", "Items/any()", "not(x)", "NOT x", "name EQ 'x'", "x in (1,2,3)",
    "user/given_name eq 'Ann' and personal eq true", "expires_at eq null", "foo(1)", "2012-02-30",
    "name eq 'abc", "size gt 10 and path eq '/a'", "startswith(name,'ci') or endswith(name,'x')",
    "tolower(name) eq 'a'", "name eq 'O''Neil'", "price add 2.45 eq 5.00", "-5", "x has Sales.Pattern'Y'",
    "created_at ge 2025-01-01T00:00:00z", "duration'P1D' eq d", "a eq 'é'", "a eq '\u00e9\u4e2d'",
]


def corpus():
    lines = list(HAND)
    for d in ["fuzz/corpus/filter", "fuzz/corpus/sql", "fuzz/regressions/filter", "fuzz/regressions/sql"]:
        for f in sorted((ROOT / d).glob("*")):
            if f.is_file():
                lines.extend(f.read_bytes().decode("utf-8", "surrogateescape").split("\n"))
    return [l.encode("utf-8", "surrogateescape") for l in lines]


def inputs(filters):
    rnd = random.Random(7)
    yield b""
    yield b"\n"
    yield b"\n\n\n"
    yield b"a eq 1"
    yield b"a eq 1\n"
    yield b"a eq 1\r\n"
    yield b"a eq 1\r"
    yield b"a eq 1\r\nb eq 2\r\n\r\n"
    yield b"a eq 1\n\nb eq 2\n\n"
    yield b"\r\n\r\n"
    yield b"a eq '\x00'\nx\x00y\n\xff\xfe\na eq '\xc3'\n"
    yield b"\n".join(filters)
    yield b"\n".join(filters) + b"\n"
    yield b"\r\n".join(filters) + b"\r\n"
    # Lines around and beyond the read block (256 KiB) and the parser's 64 KiB input limit.
    big = b" and ".join(b"f%d eq 'v%d'" % (i, i) for i in range(5000))
    huge = b"a eq '" + b"x" * 600000 + b"'"
    yield b"\n".join([big, b"a eq 1", huge, b"b eq 2", big[:65536], big[:65535], huge])
    # Random mixes, long enough that lines straddle block boundaries.
    for _ in range(3):
        picks = [rnd.choice(filters) for _ in range(rnd.randint(20000, 40000))]
        seps = [rnd.choice([b"\n", b"\n", b"\n", b"\r\n", b"\n\n"]) for _ in picks]
        data = b"".join(p + s for p, s in zip(picks, seps))
        if rnd.random() < 0.5:
            data = data.rstrip(b"\n")
        yield data


def run(binary, args, stdin):
    p = subprocess.run([binary, "filter", *args], input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    return p.returncode, p.stdout, p.stderr


def main():
    filters = corpus()
    data = list(inputs(filters))
    failures = 0
    checks = 0
    combos = list(itertools.product(FORMATS, PROFILES, [False, True]))
    for fmt, profile, strict in combos:
        opts = ["--format", fmt] + (["--profile", profile] if profile else []) + (["--odata-4.0"] if strict else [])
        cases = [(opts + ["--lines"], d) for d in data]
        cases += [(opts + ["--", f.decode("utf-8", "surrogateescape")], None)
                  for f in filters[:60] if b"\x00" not in f]
        cases += [(opts + ["-"], f + end) for f in filters[:30] for end in [b"", b"\n", b"\r\n"]]
        for args, stdin in cases:
            checks += 1
            a, b = run(OLD, args, stdin), run(NEW, args, stdin)
            if a != b:
                failures += 1
                if failures <= 10:
                    print(f"DIFF: filter {args[:6]!r} stdin={stdin[:80] if stdin else stdin!r}\n"
                          f"  old: exit {a[0]} {a[1][:200]!r} {a[2][:200]!r}\n"
                          f"  new: exit {b[0]} {b[1][:200]!r} {b[2][:200]!r}")
    print(f"{checks} runs compared, {failures} differ ({len(filters)} filters, {len(data)} --lines inputs, "
          f"{len(combos)} option combinations)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
