#!/usr/bin/env python3
"""Differential over HTTP for List Files: `apiquery serve` answers the targets of the files request
differential (tests/endpoints/files/files_differential.py generates them: hostile and percent-encoded
targets, metadata filters, cursors, page numbers), mixed with Get Workspace Tokens targets and with targets
whose query is the other endpoint's, all on the same keep-alive connections of one server, with the
status, body, Content-Type and Content-Length of what `apiquery list` prints for them on the same data
(the bundled samples). Through Python's http.client and, for a sample, curl. The comparison, the curl
sample and the expected answers are differential_http.py's.

Backends (--backends): `memory` (--data files=data/sample-files.json, the in-memory engine; tokens from
their bundled sample, in memory too), `default` (no data flag: the bundled samples in an in-memory SQLite
database per thread), `sqlite` (one database holding the files table of `sqlite-load --endpoint files` and
the tokens table of `sqlite-load`), `postgres` (both tables loaded by `sqlite-load --postgres` into one
database of the run's PostgreSQL server; skipped only where the SQL tests skip it).

    python3 tests/serve/differential_http_files.py --apiquery BUILD/tools/apiquery --count 100000 --fast-expected

Targets that cannot be sent as an HTTP request line (empty, or holding a space or a control byte) are
counted and skipped. Exit 0 when everything matches, 1 otherwise.
"""
import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "endpoints", "files"))
import serve_support as ss  # noqa: E402

try:
    import differential_http as dh  # noqa: E402  (the comparison; imports the tokens generator)
    import files_differential as fd  # noqa: E402  (the files target generator)
except SystemExit:
    print("SKIPPED: the target generators need pydantic")
    sys.exit(0)

gen = dh.gen  # the tokens differential's generator
FILES_SAMPLE = os.path.join(ss.ROOT, "data", "sample-files.json")
FILES = fd.PATH
TOKENS = ss.TOKENS.encode()


def split(target):
    path, sep, query = target.partition(b"?")
    return path, sep, query


def crossed(rng):
    """A target whose query was made for the other endpoint: a files query on the tokens path, or a tokens
    query on the files path."""
    if rng.random() < 0.5:
        _, sep, query = split(fd.target_for(rng))
        return TOKENS + sep + query
    _, sep, query = split(gen.target_for(rng))
    return FILES + sep + query


def make_targets(rng, count):
    """(targets, kinds): the files differential's fixed vectors and `count` generated files targets, with
    a tokens target and a crossed one after every tenth of them, on average (interleaved at random)."""
    targets = list(fd.fixed_vectors()) + [FILES + b"?" + q for q in (
        b"limit=100&field=name&order=DESC", b"limit=100&meta_key=category&meta_value=news",
        b"limit=5&name=report", b"limit=5&content=%25", b"limit=3&page_number=4",
        b"limit=100&filter=category%20eq%20%27news%27",
        # the sample's odd keys (one with a control character), a NUL and a prefix of them
        b"limit=100&meta_key=ctl%01key", b"limit=100&meta_key=ctl", b"limit=100&meta_key=nul%00key",
        b"limit=100&meta_key=nul", b"limit=100&meta_key=%24ref", b"limit=100&meta_key=with%20%22quote%22",
        b"limit=100&meta_key=", b"limit=100&meta_key=odd.key", b"limit=100&meta_key=%C3%BCn%C3%AF",
        b"limit=100&meta_key=a%5B0%5D&meta_value=x")]
    kinds = {"files": len(targets), "tokens": 0, "crossed": 0}
    for _ in range(count):
        targets.append(fd.target_for(rng))
        kinds["files"] += 1
        r = rng.random()
        if r < 0.1:
            targets.append(gen.target_for(rng))
            kinds["tokens"] += 1
        elif r < 0.2:
            targets.append(crossed(rng))
            kinds["crossed"] += 1
    return targets, kinds


def same_bytes(apiquery, endpoint, file):
    """Whether FILE holds the endpoint's bundled sample (`apiquery sample-data` prints it)."""
    p = subprocess.run([apiquery, "sample-data", "--endpoint", endpoint], capture_output=True, timeout=60,
                       check=False)
    with open(file, "rb") as f:
        return p.returncode == 0 and p.stdout == f.read()


def merged_sqlite(apiquery, folder):
    """A SQLite database with both tables: `sqlite-load --endpoint files` writes one, `sqlite-load` the
    other, and the files database's schema and rows are copied into the tokens one."""
    tokens_db = os.path.join(folder, "both.db")
    files_db = os.path.join(folder, "files.db")
    for cmd, out in ((["sqlite-load", tokens_db], b"300 tokens"),
                     (["sqlite-load", "--endpoint", "files", files_db], b" files written to ")):
        p = subprocess.run([apiquery, *cmd], capture_output=True, timeout=60, check=False)
        if p.returncode != 0 or out not in p.stdout:
            raise RuntimeError(f"apiquery {' '.join(cmd)}: exit {p.returncode}: {p.stdout!r} {p.stderr!r}")
    db = sqlite3.connect(tokens_db)
    try:
        db.execute("ATTACH DATABASE ? AS f", (files_db,))
        objects = db.execute("SELECT type, name, sql FROM f.sqlite_master WHERE sql IS NOT NULL "
                             "ORDER BY type = 'table' DESC").fetchall()
        for kind, _, sql in objects:
            db.execute(sql)
        for kind, name, _ in objects:
            if kind == "table":
                db.execute(f'INSERT INTO main."{name}" SELECT * FROM f."{name}"')
        db.commit()
        db.execute("DETACH DATABASE f")
    finally:
        db.close()
    return tokens_db


def load_postgres(apiquery, conninfo):
    """Both tables into one PostgreSQL database; None, or what went wrong."""
    for cmd, out in ((["sqlite-load"], b"300 tokens written to PostgreSQL\n"),
                     (["sqlite-load", "--endpoint", "files"], b" files written to PostgreSQL\n")):
        p = subprocess.run([apiquery, *cmd, "--postgres", conninfo], capture_output=True, timeout=120,
                           check=False)
        if p.returncode != 0 or not p.stdout.endswith(out):
            return f"apiquery {' '.join(cmd)} --postgres: exit {p.returncode}: {p.stdout!r} {p.stderr[-500:]!r}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apiquery", required=True)
    ap.add_argument("--count", type=int, default=3000, help="generated files targets (plus the fixed vectors "
                    "and, for about a fifth of them, a tokens target or a crossed one)")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--backends", default="memory,default,sqlite,postgres")
    ap.add_argument("--pg-state", default="", help="the PostgreSQL fixture's state folder (default: start one)")
    ap.add_argument("--threads", default="2", help="serve --threads")
    ap.add_argument("--jobs", type=int, default=4, help="apiquery list processes at once")
    ap.add_argument("--curl", type=int, default=40, help="targets sent with curl per backend")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--fast-expected", action="store_true",
                    help="422/404 bodies from one apiquery validate --lines (2%% checked against list), pages from list")
    args = ap.parse_args()

    if not same_bytes(args.apiquery, "files", FILES_SAMPLE):
        print(f"FAIL: {FILES_SAMPLE} is not the bundled sample of `apiquery sample-data --endpoint files`")
        return 1
    rng = random.Random(args.seed)
    all_targets, kinds = make_targets(rng, args.count)
    targets = [t for t in all_targets if dh.sendable(t)]
    print(f"{len(all_targets)} targets (seed {args.seed}; " + ", ".join(f"{n} {k}" for k, n in kinds.items())
          + f"); {len(all_targets) - len(targets)} not sendable as a request line (empty, space or control "
          "byte): skipped")
    t0 = time.monotonic()
    list_args = []  # the bundled samples, which the servers serve
    if args.fast_expected:
        expected = dh.expected_fast(args.apiquery, list_args, targets, args.jobs, random.Random(args.seed + 1))
    else:
        expected = dh.expected_of(args.apiquery, list_args, targets, args.jobs)
    counts = {}
    for status, _ in expected:
        counts[status] = counts.get(status, 0) + 1
    pages = {"files": 0, "tokens": 0}
    for t, (status, _) in zip(targets, expected):
        if status == 200:
            pages["files" if split(t)[0].endswith(b"/files") else "tokens"] += 1
    print(f"apiquery list answered them in {time.monotonic() - t0:.1f} s: "
          + ", ".join(f"{n} x {s}" for s, n in sorted(counts.items()))
          + f" ({pages['files']} files pages, {pages['tokens']} tokens pages)")
    if pages["files"] < len(targets) // 20:
        print("FAIL: fewer than one target in 20 is a page of files")
        return 1

    limits = ["--max-header-bytes", "65536", "--max-target-bytes", "65536", "--threads", args.threads]
    failures = 0
    tmp = tempfile.mkdtemp(prefix="apiquery-serve-files-diff.")
    for backend in args.backends.split(","):
        pg = None
        t0 = time.monotonic()
        try:
            if backend == "memory":
                source = ["--data", "files=" + FILES_SAMPLE]
            elif backend == "default":
                source = []
            elif backend == "sqlite":
                source = ["--sqlite", merged_sqlite(args.apiquery, tmp)]
            elif backend == "postgres":
                pg = ss.Postgres(args.pg_state or None)
                if not pg.available:
                    print(f"postgres: skipped: {pg.reason}")
                    if ss.pg_required():
                        print("postgres: required (CI=true or APIQUERY_REQUIRE_POSTGRES=1): failing")
                        failures += 1
                    continue
                problem = load_postgres(args.apiquery, pg.conninfo)
                if problem:
                    print(f"FAIL {problem}")
                    failures += 1
                    continue
                source = ["--postgres", pg.conninfo]
            else:
                sys.exit(f"unknown backend {backend}")
            with ss.Server(args.apiquery, source + limits) as server:
                failures += dh.compare(backend, server, targets, expected, args.apiquery, list_args, args.show)
                failures += dh.curl_sample(backend, server, targets, expected, args.curl)
                if server.stop() != 0:
                    print(f"[{backend}] the server did not exit 0 on SIGTERM: {server.stderr()[-2000:]!r}")
                    failures += 1
                if b"is not served" in server.stderr():
                    print(f"[{backend}] an endpoint was not served: {server.stderr()[-2000:]!r}")
                    failures += 1
        finally:
            if pg:
                pg.close()
        print(f"[{backend}] {time.monotonic() - t0:.1f} s in all")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
