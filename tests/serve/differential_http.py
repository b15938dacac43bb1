#!/usr/bin/env python3
"""Differential over HTTP: `apiquery serve` answers every target of the request-validation differential
(tests/endpoints/tokens/differential.py generates them) with the status and body `apiquery list` prints
for it on the same data, through Python's http.client (a client we did not write; keep-alive) and, for a
sample, curl. Backends: in memory (--data), SQLite (--sqlite, a file made by sqlite-load) and PostgreSQL
(--postgres, loaded by sqlite-load --postgres; skipped only where the SQL tests skip it).

    python3 tests/serve/differential_http.py --apiquery BUILD/tools/apiquery --count 100000

`apiquery list` answers 404 for a path with a trailing slash; the server answers it 307 to the path
without it (FastAPI's redirect_slashes): a 307 is accepted when list said 404 for the target and answers
the redirect's target with something other than 404. The server runs with --max-header-bytes and
--max-target-bytes raised to 64 KiB (the generator makes targets of up to ~13 KB); targets that cannot be
sent as an HTTP request line (empty, or holding a space or a control byte) are counted and skipped.
Exit 0 when everything matches, 1 otherwise.
"""
import argparse
import concurrent.futures
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "endpoints", "tokens"))
import serve_support as ss  # noqa: E402

try:
    import differential as gen  # noqa: E402  (the generator; exits 0 with SKIPPED when pydantic is absent)
except SystemExit:
    print("SKIPPED: the target generator needs pydantic")
    sys.exit(0)

LIST_STATUS = {0: 200, 2: 422, 3: 404}


def sendable(t):
    return len(t) > 0 and not any(c <= 0x20 or c == 0x7F for c in t)


def expected_of(apiquery, list_args, targets, jobs):
    """(status, body) of `apiquery list LIST_ARGS TARGET` for every target (LIST_ARGS: the data, e.g.
    ["--data", FILE], or [] for the bundled samples)."""
    def one(t):
        p = subprocess.run([apiquery, "list", *list_args, t], capture_output=True, timeout=60, check=False)
        if p.returncode not in LIST_STATUS:
            raise RuntimeError(f"apiquery list {t!r}: exit {p.returncode}: {p.stderr[:500]!r}")
        return LIST_STATUS[p.returncode], p.stdout[:-1] if p.stdout.endswith(b"\n") else p.stdout
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        return list(ex.map(one, targets, chunksize=64))


def expected_fast(apiquery, list_args, targets, jobs, rng):
    """The same as expected_of, faster for long runs: one `apiquery validate --lines` process answers every
    target; the 422 and 404 bodies it prints are what `apiquery list` prints (both come from the endpoint's
    request validation; checked here on a 2% sample), and the targets it finds valid are answered by
    `apiquery list`, which pages the data."""
    p = subprocess.run([apiquery, "validate", "--lines"], input=b"\n".join(targets) + b"\n", capture_output=True,
                       timeout=3600, check=False)
    lines = p.stdout.split(b"\n")
    if len(lines) != len(targets) + 1:
        raise RuntimeError(f"apiquery validate --lines: {len(lines) - 1} lines for {len(targets)} targets")
    out = [None] * len(targets)
    listed = []
    for i, line in enumerate(lines[:-1]):
        if line == b'{"detail":"Not Found"}':
            out[i] = (404, line)
        elif line.startswith(b'{"detail":['):
            out[i] = (422, line)
        if out[i] is None or rng.random() < 0.02:
            listed.append(i)
    answers = expected_of(apiquery, list_args, [targets[i] for i in listed], jobs)
    disagree = 0
    for i, a in zip(listed, answers):
        if out[i] is not None and out[i] != a:
            disagree += 1
            print(f"validate --lines and list disagree on {targets[i]!r}: {out[i]!r} / {a!r}")
        out[i] = a
    valid = sum(1 for i in listed if not lines[i].startswith(b'{"detail":'))
    print(f"expected: {len(listed)} targets from apiquery list ({valid} valid ones), the rest from "
          f"apiquery validate --lines; {disagree} disagreements on the sample")
    if disagree:
        raise RuntimeError("validate --lines and list disagree")
    return out


def redirect_target(location):
    u = urllib.parse.urlsplit(location)
    return (u.path + ("?" + u.query if u.query else "")).encode("latin-1")


def compare(name, server, targets, expected, apiquery, list_args, show):
    """Sends every target on keep-alive connections; the number of mismatches. A response matches when its
    status and body are the expected ones byte for byte, its Content-Type is application/json and its
    Content-Length is the body's length (or it is the accepted 307 described above)."""
    bad = 0
    conn = server.connection(timeout=30)
    start = time.monotonic()
    for t, (want_status, want_body) in zip(targets, expected):
        try:
            status, headers, body = ss.request(conn, t)
        except (OSError, ConnectionError) as e:  # one retry on a new connection
            conn.close()
            conn = server.connection(timeout=30)
            try:
                status, headers, body = ss.request(conn, t)
            except Exception as e2:  # noqa: BLE001
                bad += 1
                if bad <= show:
                    print(f"[{name}] {t!r}: no response ({e}; {e2})")
                continue
        ok = (status, body) == (want_status, want_body)
        if not ok and status == 307 and want_status == 404 and body == b"":
            loc = ss.header(headers, "location") or ""
            p = subprocess.run([apiquery, "list", *list_args, redirect_target(loc)], capture_output=True,
                               timeout=60, check=False)
            ok = loc.startswith(f"http://127.0.0.1:{server.port}/") and p.returncode in (0, 2)
        length = ss.header(headers, "content-length")
        if ok and length != str(len(body)):
            ok = False
        if ok and status != 307 and ss.header(headers, "content-type") != "application/json":
            ok = False
        if not ok:
            bad += 1
            if bad <= show:
                print(f"[{name}] MISMATCH {t!r}\n  list:  {want_status} {want_body[:300]!r}\n"
                      f"  serve: {status} {body[:300]!r} (Content-Type {ss.header(headers, 'content-type')!r}, "
                      f"Content-Length {length!r})")
    conn.close()
    took = time.monotonic() - start
    print(f"[{name}] {len(targets)} targets over http.client in {took:.1f} s: {bad} mismatches")
    return bad


def curl_sample(name, server, targets, expected, n):
    """The first n printable-ASCII targets through curl (--path-as-is, no globbing)."""
    bad = done = 0
    for t, (want_status, want_body) in zip(targets, expected):
        if done >= n:
            break
        if any(c >= 0x7F for c in t) or not t.startswith(b"/") or want_status == 404:
            continue
        done += 1
        url = f"http://127.0.0.1:{server.port}" + t.decode("ascii")
        p = subprocess.run(["curl", "-sS", "-g", "--path-as-is", "--max-time", "10", "-w",
                            "\n%{content_type} %header{content-length}\n%{http_code}", url],
                           capture_output=True, timeout=30, check=False)
        rest, _, code = p.stdout.rpartition(b"\n")
        body, _, heads = rest.rpartition(b"\n")
        want_heads = b"application/json " + str(len(want_body)).encode()
        if p.returncode != 0 or (int(code or 0), body, heads) != (want_status, want_body, want_heads):
            bad += 1
            print(f"[{name}] curl MISMATCH {t!r}: exit {p.returncode} {code!r} {heads!r} {body[:200]!r}")
    print(f"[{name}] {done} targets through curl: {bad} mismatches")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apiquery", required=True)
    ap.add_argument("--count", type=int, default=3000, help="generated targets (plus the reference vectors)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--backends", default="memory,sqlite,postgres")
    ap.add_argument("--pg-state", default="", help="the PostgreSQL fixture's state folder (default: start one)")
    ap.add_argument("--threads", default="2", help="serve --threads")
    ap.add_argument("--jobs", type=int, default=4, help="apiquery list processes at once")
    ap.add_argument("--curl", type=int, default=40, help="targets sent with curl per backend")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--fast-expected", action="store_true",
                    help="422/404 bodies from one apiquery validate --lines (2%% checked against list), pages from list")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    all_targets = gen.reference_vectors() + [gen.target_for(rng) for _ in range(args.count)]
    targets = [t for t in all_targets if sendable(t)]
    print(f"{len(all_targets)} targets (seed {args.seed}); {len(all_targets) - len(targets)} not sendable as "
          f"a request line (empty, space or control byte): skipped")
    t0 = time.monotonic()
    if args.fast_expected:
        expected = expected_fast(args.apiquery, ["--data", ss.SAMPLE], targets, args.jobs,
                                 random.Random(args.seed + 1))
    else:
        expected = expected_of(args.apiquery, ["--data", ss.SAMPLE], targets, args.jobs)
    counts = {}
    for status, _ in expected:
        counts[status] = counts.get(status, 0) + 1
    print(f"apiquery list answered them in {time.monotonic() - t0:.1f} s: "
          + ", ".join(f"{n} x {s}" for s, n in sorted(counts.items())))

    limits = ["--max-header-bytes", "65536", "--max-target-bytes", "65536", "--threads", args.threads]
    failures = 0
    tmp = tempfile.mkdtemp(prefix="apiquery-serve-diff.")
    for backend in args.backends.split(","):
        pg = None
        try:
            if backend == "memory":
                source = ["--data", "tokens=" + ss.SAMPLE]
            elif backend == "sqlite":
                db = os.path.join(tmp, "tokens.db")
                subprocess.run([args.apiquery, "sqlite-load", "--data", ss.SAMPLE, db], check=True,
                               capture_output=True, timeout=60)
                source = ["--sqlite", db]
            elif backend == "postgres":
                pg = ss.Postgres(args.pg_state or None)
                if not pg.available:
                    print(f"postgres: skipped: {pg.reason}")
                    if ss.pg_required():
                        print("postgres: required (CI=true or APIQUERY_REQUIRE_POSTGRES=1): failing")
                        failures += 1
                    continue
                load = subprocess.run([args.apiquery, "sqlite-load", "--data", ss.SAMPLE, "--postgres", pg.conninfo],
                                      capture_output=True, timeout=120, check=False)
                again = subprocess.run([args.apiquery, "sqlite-load", "--postgres", pg.conninfo],
                                       capture_output=True, timeout=120, check=False)
                if (load.returncode, load.stdout, again.returncode, b"already exists" in again.stderr) != (
                        0, b"apiquery sqlite-load: 300 tokens written to PostgreSQL\n", 73, True):
                    print(f"FAIL sqlite-load --postgres: {load} / {again}")
                    failures += 1
                    continue
                source = ["--postgres", pg.conninfo]
            else:
                sys.exit(f"unknown backend {backend}")
            with ss.Server(args.apiquery, source + limits) as server:
                failures += compare(backend, server, targets, expected, args.apiquery, ["--data", ss.SAMPLE],
                                    args.show)
                failures += curl_sample(backend, server, targets, expected, args.curl)
                if server.stop() != 0:
                    print(f"[{backend}] the server did not exit 0 on SIGTERM: {server.stderr()[-2000:]!r}")
                    failures += 1
        finally:
            if pg:
                pg.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
