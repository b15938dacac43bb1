#!/usr/bin/env python3
"""`apiquery serve` on SIGTERM and SIGINT: stops accepting, finishes the requests in flight (a request
half sent when the signal comes is answered once complete, with Connection: close), closes idle
connections, and exits 0; a request that never completes is cut at --shutdown-timeout, and the exit is
still 0.

    python3 tests/serve/shutdown_test.py BUILD/tools/apiquery
"""
import os
import signal
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as ss  # noqa: E402

APIQUERY = sys.argv[1]
T = ss.TOKENS
failures = 0


def check(what, ok, detail=""):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what} {detail}")


for sig in (signal.SIGTERM, signal.SIGINT):
    with ss.Server(APIQUERY, ["--threads", "4", "--shutdown-timeout", "10"]) as s:
        # Load: 8 clients on keep-alive connections until the server closes them.
        stop = threading.Event()
        results = {"ok": 0, "bad": 0}
        lock = threading.Lock()

        def client():
            c = s.connection(timeout=10)
            while not stop.is_set():
                try:
                    status, _, body = ss.request(c, T + "?limit=100")
                    with lock:
                        results["ok" if status == 200 and body.endswith(b"}") else "bad"] += 1
                except (OSError, ss.http.client.HTTPException):
                    break  # closed by the shutdown between two requests: expected
            c.close()
        clients = [threading.Thread(target=client) for _ in range(8)]
        for t in clients:
            t.start()
        # In flight: a request half sent before the signal, finished after it.
        half = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        half.sendall(f"GET {T}?limit=5 HTTP/1.1\r\nHost: x\r\n".encode())
        idle = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        time.sleep(0.5)
        t0 = time.monotonic()
        s.proc.send_signal(sig)
        time.sleep(0.3)
        half.sendall(b"\r\n")
        answer = ss.recv_all(half, 5)
        check(f"{sig.name}: the request in flight is answered", answer.startswith(b"HTTP/1.1 200 ")
              and b"Connection: close\r\n" in answer and answer.endswith(b"}"), f"got {answer[:200]!r}")
        check(f"{sig.name}: an idle connection is closed", ss.recv_all(idle, 5) == b"")
        try:
            code = s.proc.wait(15)
        except Exception:  # noqa: BLE001
            code = None
        took = time.monotonic() - t0
        stop.set()
        for t in clients:
            t.join(15)
        print(f"{sig.name}: exit {code} {took:.2f} s after the signal; {results['ok']} pages served under load, "
              f"{results['bad']} bad")
        check(f"{sig.name}: exit 0", code == 0, f"(exit {code})")
        check(f"{sig.name}: no bad response under load", results["bad"] == 0 and results["ok"] > 0, str(results))
        try:
            socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
            refused = False
        except OSError:
            refused = True
        check(f"{sig.name}: no longer accepting", refused)
        half.close()
        idle.close()

# A request that never completes: the server exits at the shutdown deadline, still 0.
with ss.Server(APIQUERY, ["--shutdown-timeout", "1", "--header-timeout", "60"]) as s:
    stuck = socket.create_connection(("127.0.0.1", s.port), timeout=10)
    stuck.sendall(f"GET {T} HTTP/1.1\r\nHost: x\r\n".encode())
    time.sleep(0.3)
    t0 = time.monotonic()
    code = s.stop(signal.SIGTERM, seconds=10)
    took = time.monotonic() - t0
    print(f"stuck request: exit {code} after {took:.2f} s (shutdown timeout 1 s)")
    check("stuck request: exit 0 at the deadline", code == 0 and 0.8 <= took < 5, f"(exit {code}, {took:.2f} s)")
    stuck.close()

if failures:
    print(f"serve shutdown: {failures} failure(s)")
    sys.exit(1)
print("serve shutdown: all checks passed")
