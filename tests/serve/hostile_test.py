#!/usr/bin/env python3
"""`apiquery serve` against hostile and broken clients: malformed request lines, bare LF, huge headers
(431), header floods, a 1 MB target (414), a body on GET (413), slowloris (many connections sending a
byte a second), connections closed mid-request, 2,000 idle connections, and connections beyond the
limit (503). After each, the server is up and answers a valid request within 100 ms (the best of three
tries, on a machine shared with other work), and its RSS (/proc/PID/status) stays bounded.

    python3 tests/serve/hostile_test.py BUILD/tools/apiquery
"""
import os
import resource
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as ss  # noqa: E402

APIQUERY = sys.argv[1]
T = ss.TOKENS
failures = 0
RSS_LIMIT_KIB = 200 * 1024  # far above what the server needs (about 10-30 MiB), far below unbounded growth


def check(what, ok, detail=""):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what} {detail}")


def still_fine(s, what):
    """The server is alive and answers a valid request within 100 ms (best of three)."""
    times = []
    for _ in range(3):
        ok, took = s.answers_within(0.1)
        times.append(took)
        if ok:
            break
    check(f"after {what}: alive", s.alive())
    check(f"after {what}: a valid request answered within 100 ms", min(times) <= 0.1,
          f"(took {', '.join(f'{t * 1000:.1f} ms' for t in times)})")
    rss = s.rss_kib() if s.alive() else -1
    print(f"{what}: answered in {min(times) * 1000:.1f} ms; RSS {rss} KiB")
    check(f"after {what}: RSS bounded", 0 < rss < RSS_LIMIT_KIB, f"({rss} KiB)")


def error_response(r, status):
    phrase = {400: "Bad Request", 413: "Request Entity Too Large", 414: "Request-URI Too Long",
              431: "Request Header Fields Too Large"}[status]
    body = b'{"detail":"%s"}' % phrase.encode()
    return (r.startswith(b"HTTP/1.1 %d " % status) and r.endswith(b"\r\n\r\n" + body)
            and b"Connection: close\r\n" in r and b"Content-Type: application/json\r\n" in r)


# The test opens 2,000+ sockets: raise this process's soft limit on open files.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))

with ss.Server(APIQUERY, ["--threads", "2", "--header-timeout", "2", "--idle-timeout", "30",
                          "--max-connections", "2500"]) as s:
    rss_start = s.rss_kib()
    print(f"start: RSS {rss_start} KiB")

    # --- malformed requests: 400 with a JSON body, then closed ------------------------------------------
    malformed = [b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"G\x00T / HTTP/1.1\r\n\r\n", b"GET  / HTTP/1.1\r\n\r\n",
                 b"\x00\x01\x02\x03\r\n\r\n", b"GET / HTTP/1.1\r\nHost x\r\n\r\n", b"GET / HTTP/1.1\r\n: v\r\n\r\n",
                 b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                 b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n", b"GET /\x7f HTTP/1.1\r\n\r\n",
                 b"GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n", b"\r\n\r\nGET\r\n\r\n", b"\r\n" * 5 + b"GET / HTTP/1.1\r\n\r\n",
                 # bare LF instead of CRLF
                 f"GET {T}?limit=1 HTTP/1.1\nHost: x\n\n".encode(), f"GET {T} HTTP/1.1\r\nHost: x\n\r\n".encode()]
    for m in malformed:
        r = s.raw(m, timeout=5)
        check(f"malformed {m[:40]!r}: 400 and closed", error_response(r, 400), f"got {r[:200]!r}")
    still_fine(s, "malformed request lines and bare LF")

    # --- sizes ------------------------------------------------------------------------------------------
    r = s.raw(f"GET {T} HTTP/1.1\r\nHost: x\r\nX-Big: ".encode() + b"a" * 100000 + b"\r\n\r\n", timeout=10)
    check("a 100 KB header: 431", error_response(r, 431), f"got {r[:120]!r}")
    r = s.raw(f"GET {T} HTTP/1.1\r\n".encode() + b"".join(b"X-%d: y\r\n" % i for i in range(10000)) + b"\r\n",
              timeout=10)
    check("10,000 header fields: 431", error_response(r, 431), f"got {r[:120]!r}")
    r = s.raw(b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
    check("a 1 MB target: 414", error_response(r, 414), f"got {r[:120]!r}")
    r = s.raw(f"GET {T}?limit=".encode() + b"1" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
    check("a 9 KB target: 414", error_response(r, 414), f"got {r[:120]!r}")
    r = s.raw(f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n".encode() + b"x" * 5000,
              timeout=10)
    check("GET with a 5000-byte body: 413", error_response(r, 413), f"got {r[:120]!r}")
    r = s.raw(f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
              + b"".join(b"400\r\n" + b"z" * 1024 + b"\r\n" for _ in range(4)) + b"0\r\n\r\n", timeout=10)
    check("GET with a 4 KiB chunked body: 413", error_response(r, 413), f"got {r[:120]!r}")
    r = s.raw(f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789"
              .encode(), timeout=10)
    check("GET with a small body: answered", r.startswith(b"HTTP/1.1 200 "), f"got {r[:120]!r}")
    still_fine(s, "huge headers, header floods, 1 MB target, bodies on GET")

    # --- many header floods at once -----------------------------------------------------------------------
    def flood():
        try:
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
                c.sendall(b"GET / HTTP/1.1\r\n" + b"X: " + b"y" * 60 + b"\r\n" * 1)
                for _ in range(200):
                    c.sendall(b"X-Flood: " + b"z" * 100 + b"\r\n")
                ss.recv_all(c, 5)
        except OSError:
            pass
    threads = [threading.Thread(target=flood) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    still_fine(s, "50 concurrent header floods")

    # --- slowloris: 300 connections, a byte a second; the header timeout (2 s) drops them ----------------
    slow = []
    for _ in range(300):
        c = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        c.setblocking(False)
        slow.append(c)
    start = time.monotonic()
    request = f"GET {T} HTTP/1.1\r\nHost: x\r\nX-Slow: ".encode() + b"s" * 100
    sent = 0
    closed = set()
    during = []
    while time.monotonic() - start < 6 and len(closed) < len(slow):
        for i, c in enumerate(slow):
            if i in closed:
                continue
            try:
                c.send(request[sent:sent + 1])
                if c.recv(1024) == b"":
                    closed.add(i)
            except BlockingIOError:
                pass
            except OSError:
                closed.add(i)
        sent += 1
        during.append(s.answers_within(0.1)[1])
        time.sleep(1)
    took = time.monotonic() - start
    print(f"slowloris: {len(closed)} of {len(slow)} connections dropped by the server within {took:.1f} s; valid "
          f"requests meanwhile answered in {min(during) * 1000:.1f}-{max(during) * 1000:.1f} ms")
    check("slowloris: every slow connection dropped (header timeout 2 s)", len(closed) == len(slow),
          f"({len(closed)} of {len(slow)})")
    check("slowloris: valid requests answered within 100 ms meanwhile", sorted(during)[len(during) // 2] <= 0.1,
          f"(median {sorted(during)[len(during) // 2] * 1000:.1f} ms)")
    for c in slow:
        c.close()
    still_fine(s, "slowloris")

    # --- connections closed mid-request (FIN and RST) ---------------------------------------------------
    for i in range(400):
        c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        c.sendall(f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\nX-Part".encode()[: 10 + i % 40])
        if i % 2:
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
        c.close()
    for i in range(100):  # closed while the response is being written
        c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        c.sendall(f"GET {T}?limit=100 HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 20)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
    still_fine(s, "500 connections closed mid-request or mid-response")

    # --- 2,000 idle connections ---------------------------------------------------------------------------
    idle = []
    try:
        for _ in range(2000):
            idle.append(socket.create_connection(("127.0.0.1", s.port), timeout=10))
        time.sleep(0.5)
        still_fine(s, "2,000 idle connections open")
        half = [c for c in idle[:1000]]
        for c in half:
            c.sendall(f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answered = sum(1 for c in half if c.recv(4096).startswith(b"HTTP/1.1 200 "))
        check("1,000 of the idle connections then answered", answered == 1000, f"({answered})")
    finally:
        for c in idle:
            c.close()
    still_fine(s, "2,000 idle connections closed")
    rss_end = s.rss_kib()
    print(f"RSS: {rss_start} KiB at start, {rss_end} KiB at the end")
    check("exit 0 on SIGTERM", s.stop() == 0)

# --- beyond --max-connections: refused promptly with a 503 ------------------------------------------------
with ss.Server(APIQUERY, ["--max-connections", "50", "--idle-timeout", "30"]) as s:
    held = [socket.create_connection(("127.0.0.1", s.port), timeout=10) for _ in range(50)]
    time.sleep(0.3)
    refused = 0
    t = time.monotonic()
    for _ in range(20):
        r = s.raw(b"", timeout=5)
        refused += r.startswith(b"HTTP/1.1 503 ") and r.endswith(b'{"detail":"Service Unavailable"}')
    took = time.monotonic() - t
    print(f"max-connections 50: 20 more connections refused with 503 in {took * 1000:.0f} ms")
    check("connections beyond the limit: 503 and closed", refused == 20, f"({refused} of 20)")
    check("refusals are prompt", took < 2, f"({took:.2f} s)")
    for c in held[:10]:
        c.close()
    time.sleep(0.3)
    still_fine(s, "connections beyond the limit, then 10 closed")
    for c in held[10:]:
        c.close()
    check("exit 0 on SIGTERM", s.stop() == 0)

if failures:
    print(f"serve hostile clients: {failures} failure(s)")
    sys.exit(1)
print("serve hostile clients: all checks passed")
