#!/usr/bin/env python3
"""Response models: apiquery vs pydantic on the same Get Workspace Tokens page, in one run.

usage: python3 bench/models_vs_pydantic.py BUILD/bench/bench_models [--repeat 7]

Takes the page of 100 tokens bench_models uses (--dump-body), times
`PaginatedResult[Token].model_validate_json(body)` (tests/endpoints/tokens/token_models.py, the real pydantic on
this machine) on it and on the same page with an error in every token, runs bench_models, and prints
one table: CPU time per page, MB/s, and how many times faster apiquery is (CPU time on both sides,
so that other processes on a shared machine do not distort the ratio).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "tests", "endpoints", "tokens"))


def best_seconds(fn, repeat):
    # CPU time, as Google Benchmark's cpu_time: on a shared machine wall time mostly measures the others.
    t = timeit.Timer(fn, timer=time.process_time)
    n, _ = t.autorange()
    return min(t.repeat(repeat=repeat, number=n)) / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench_models")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    body = subprocess.run([args.bench_models, "--dump-body"], capture_output=True, check=True).stdout
    bad = bytearray(body)
    at = 0
    while True:
        at = bad.find(b'"expires_at":"', at)
        if at < 0:
            break
        bad[at + 14] = ord("x")
        at += 1
    bad = bytes(bad)

    try:
        import token_models
        from pydantic import ValidationError
    except ImportError:
        print("SKIPPED: pydantic is not installed")
        return 0

    def validate_ok():
        token_models.TokenPage.model_validate_json(body)

    def validate_bad():
        try:
            token_models.TokenPage.model_validate_json(bad)
        except ValidationError as e:
            e.errors(include_url=False)

    validate_ok()
    py_ok = best_seconds(validate_ok, args.repeat)
    py_bad = best_seconds(validate_bad, args.repeat)

    out = subprocess.run([args.bench_models, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"], capture_output=True, check=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            results[b["run_name"]] = b["cpu_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3}[b["time_unit"]]

    mb = len(body) / 1e6
    print(f"page: 100 tokens, {len(body)} bytes; pydantic {__import__('pydantic').VERSION}")
    print(f"{'':38} {'per page':>10} {'MB/s':>8} {'vs pydantic':>12}")
    print(f"{'pydantic model_validate_json':38} {py_ok * 1e6:8.1f}us {mb / py_ok:8.1f} {'1.0x':>12}")
    rows = [("BM_parse_token_page", "apiquery parse_token_page", py_ok),
            ("BM_check_token_page", "apiquery check_token_page", py_ok),
            ("BM_read_json_only", "  (floor: jiter-exact JSON read)", None),
            ("BM_boost_json_parse", "  (reference: boost::json::parse)", None),
            ("BM_write_token_page", "apiquery write_token_page", None)]
    for key, label, ref in rows:
        if key in results:
            t = results[key]
            ratio = f"{ref / t:.1f}x" if ref else ""
            print(f"{label:38} {t * 1e6:8.1f}us {mb / t:8.1f} {ratio:>12}")
    print(f"{'pydantic, 100 errors (+ .errors())':38} {py_bad * 1e6:8.1f}us {len(bad) / 1e6 / py_bad:8.1f} {'1.0x':>12}")
    if "BM_check_token_page_100_errors" in results:
        t = results["BM_check_token_page_100_errors"]
        print(f"{'apiquery check_token_page, 100 errors':38} {t * 1e6:8.1f}us {len(bad) / 1e6 / t:8.1f} {py_bad / t:11.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
