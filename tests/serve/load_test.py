#!/usr/bin/env python3
"""`apiquery serve` under wrk: 2 s at 1 and at 64 connections for a 422, a first page of 10 tokens and a
filtered page, from the default in-memory SQLite sample and from PostgreSQL (skipped only where the SQL
tests skip it): zero socket errors, no unexpected status (every 422 target answered 422, every page
200). Prints requests/s. wrk is installed by scripts/install-deps.sh and required.

    python3 tests/serve/load_test.py BUILD/tools/apiquery [--pg-state DIR] [--seconds 10] [--threads 4]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as ss  # noqa: E402

T = ss.TOKENS
TARGETS = [("422", T + "?limit=1000", 422), ("first page", T + "?limit=10", 200),
           ("filtered page", T + "?limit=10&filter=role%20eq%20%27ADMIN%27%20and%20personal%20eq%20false"
            "&field=name&order=ASC", 200)]


def wrk(url, connections, seconds):
    """(requests, non-2xx/3xx, socket errors, requests/s) of one wrk run."""
    p = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", url],
                       capture_output=True, text=True, timeout=seconds + 60, check=False)
    if p.returncode != 0:
        raise RuntimeError(f"wrk failed: {p.stderr}")
    out = p.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    non2xx = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(int(g) for g in m.groups()) if m else 0
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return requests, non2xx, errors, rate


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("apiquery")
    ap.add_argument("--pg-state", default="")
    ap.add_argument("--seconds", type=int, default=2)
    ap.add_argument("--threads", default="2", help="serve --threads")
    ap.add_argument("--backends", default="sample,postgres")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        print("FAIL wrk is not installed (scripts/install-deps.sh installs it)")
        return 1
    failures = 0
    for backend in args.backends.split(","):
        pg = None
        try:
            source = []
            if backend == "postgres":
                pg = ss.Postgres(args.pg_state or None)
                if not pg.available:
                    print(f"postgres: skipped: {pg.reason}")
                    failures += 1 if ss.pg_required() else 0
                    continue
                subprocess.run([args.apiquery, "sqlite-load", "--postgres", pg.conninfo], check=True,
                               capture_output=True, timeout=120)
                source = ["--postgres", pg.conninfo]
            with ss.Server(args.apiquery, source + ["--threads", args.threads]) as s:
                for name, target, status in TARGETS:
                    check_status, _, _ = s.get(target)
                    if check_status != status:
                        print(f"FAIL [{backend}] {name}: status {check_status}, expected {status}")
                        failures += 1
                    for connections in (1, 64):
                        requests, non2xx, errors, rate = wrk(f"http://127.0.0.1:{s.port}{target}", connections,
                                                             args.seconds)
                        want_non2xx = requests if status >= 300 else 0
                        ok = errors == 0 and requests > 0 and non2xx == want_non2xx
                        print(f"[{backend}] {name}, {connections} connection(s): {requests} requests, {rate:.0f}/s, "
                              f"{errors} socket errors, {non2xx} non-2xx{'' if ok else '  FAIL'}")
                        failures += 0 if ok else 1
                if not s.alive() or s.stop() != 0:
                    print(f"FAIL [{backend}] the server did not survive or exit 0: {s.stderr()[-1000:]!r}")
                    failures += 1
        finally:
            if pg:
                pg.close()
    print("serve load: " + (f"{failures} failure(s)" if failures else "all checks passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
