#!/usr/bin/env python3
"""Times the FastAPI + pydantic emulation (tests/endpoints/tokens/fastapi_emulation.py) on request targets.

    python3 bench/request_pydantic.py TARGET...
prints one line per target: `<CPU nanoseconds per request> <target>` (process time, as the machine is
shared). bench_request runs it so that both
sides are measured in one run. The emulation covers FastAPI's parameter pipeline (route match,
parse_qsl, one TypeAdapter per parameter, errors, json.dumps); it does not parse the filter.
"""
import os
import sys
import time
import timeit

try:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "endpoints", "tokens"))
    import fastapi_emulation
except ImportError as e:
    print(f"SKIPPED: {e}")
    sys.exit(0)


def main():
    for target in sys.argv[1:]:
        t = target.encode("latin-1")
        fastapi_emulation.respond(t)
        timer = timeit.Timer(lambda: fastapi_emulation.respond(t), timer=time.process_time)
        n, _ = timer.autorange()
        best = min(timer.repeat(repeat=5, number=n)) / n
        print(f"{best * 1e9:.0f} {target}")


if __name__ == "__main__":
    main()
