#!/usr/bin/env python3
"""`apiquery serve` speaks HTTP as the FastAPI service does: 405 with Allow (HEAD included), 307 to the
path without its trailing slash, 404, 401 with WWW-Authenticate under --api-key, keep-alive,
pipelining (several requests in one send, mixed validity), HTTPS with a certificate made here by
`openssl req`, the access log, and the command line's errors.

    python3 tests/serve/http_test.py BUILD/tools/apiquery
"""
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as ss  # noqa: E402

APIQUERY = sys.argv[1]
T = ss.TOKENS
failures = 0


def check(what, got, want):
    global failures
    if got != want:
        failures += 1
        print(f"FAIL {what}:\n  got  {got!r}\n  want {want!r}")


def listed(target):
    """(status, body) of apiquery list on the bundled sample."""
    p = subprocess.run([APIQUERY, "list", target], capture_output=True, timeout=60, check=False)
    return {0: 200, 2: 422, 3: 404}[p.returncode], p.stdout.rstrip(b"\n")


def read_response(f, head=False):
    """(status, {lower name: value}, body) of one response from a socket file."""
    line = f.readline()
    if not line:
        return None
    status = int(line.split(b" ")[1])
    headers = {}
    while True:
        h = f.readline()
        if h in (b"\r\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", "0"))
    body = b"" if head else f.read(n)
    return status, headers, body


# --- status codes and headers --------------------------------------------------------------------------
with ss.Server(APIQUERY, ["--threads", "2"]) as s:
    for target in [T + "?limit=3", T + "?limit=x&order=up", T + "?filter=name%20eq%20%27a", "/nowhere",
                   T + "?limit=2&field=name&order=asc&filter=role%20eq%20%27ADMIN%27"]:
        status, headers, body = s.get(target)
        check(f"GET {target}", (status, body), listed(target))
        check(f"content-type of {target}", ss.header(headers, "content-type"), "application/json")
        check(f"content-length of {target}", ss.header(headers, "content-length"), str(len(body)))
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]:
        status, headers, body = s.get(T, method=method)
        check(f"{method} status and body", (status, body), (405, b'{"detail":"Method Not Allowed"}'))
        check(f"{method} Allow", ss.header(headers, "allow"), "GET")
    status, headers, body = s.get(T, method="HEAD")
    check("HEAD: 405, no body, the GET's Content-Length", (status, body, ss.header(headers, "content-length"),
                                                            ss.header(headers, "allow")), (405, b"", "31", "GET"))
    status, headers, body = s.get(T + "/?limit=5", headers={"Host": "example.test:8000"})
    check("trailing slash: 307", (status, body, ss.header(headers, "location")),
          (307, b"", f"http://example.test:8000{T}?limit=5"))
    status, headers, body = s.get(T + "/?limit=5")
    check("307 Location from the Host header http.client sends", ss.header(headers, "location"),
          f"http://127.0.0.1:{s.port}{T}?limit=5")
    check("404", s.get("/api/v1/nothing")[::2], (404, b'{"detail":"Not Found"}'))

    # keep-alive: one connection, one socket, many requests
    c = s.connection()
    statuses = []
    ss.request(c, T + "?limit=1")
    sock = c.sock
    for q in ["limit=1", "limit=oops", "limit=2", "page_number=0"]:
        statuses.append(ss.request(c, T + "?" + q)[0])
    check("keep-alive statuses", statuses, [200, 422, 200, 422])
    check("keep-alive: the same socket throughout", c.sock is sock, True)
    c.close()

    # pipelining: every request in one send; the answers in order; a malformed one ends it with a 400
    pipeline = (f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                f"GET {T}?limit=zz HTTP/1.1\r\nHost: x\r\n\r\n"
                f"HEAD {T} HTTP/1.1\r\nHost: x\r\n\r\n"
                f"POST {T} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                f"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                f"GET {T}/ HTTP/1.1\r\nHost: x\r\n\r\n"
                f"GET {T}?limit=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                "BAD REQUEST LINE\r\n\r\n"
                f"GET {T}?limit=3 HTTP/1.1\r\nHost: x\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sk:
        sk.sendall(pipeline)
        f = sk.makefile("rb")
        got = []
        for head in [False, False, True, False, False, False, False, False, False]:
            r = read_response(f, head)
            if r is None:
                break
            got.append(r[0])
        check("pipelined statuses (the request after the malformed one is not answered)", got,
              [200, 422, 405, 405, 404, 307, 200, 400])
        check("pipelined: closed after the 400", f.read(), b"")
    # Empty lines (CRLF) before a request line are ignored (RFC 9112, 2.2), up to 4 per request; a fifth,
    # or a bare LF, is the parser's 400.
    one = f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n"
    last = f"GET {T}?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    for name, data, want in [("one CRLF before the request line", "\r\n" + last, [200]),
                             ("four CRLF, then a CRLF after a request's body",
                              "\r\n" * 4 + f"POST {T} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab\r\n" + last,
                              [405, 200]),
                             ("four CRLF before each pipelined request", "\r\n" * 4 + one + "\r\n" * 4 + last, [200, 200]),
                             ("five CRLF: 400", "\r\n" * 5 + last, [400]),
                             ("a bare LF: 400", "\n" + last, [400])]:
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sk:
            sk.sendall(data.encode())
            f = sk.makefile("rb")
            got = []
            for _ in want:
                r = read_response(f, False)
                if r is None:
                    break
                got.append(r[0])
            check(f"empty lines: {name}", got, want)
    # The CRLF may come alone, before the request, on a kept-alive connection.
    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sk:
        f = sk.makefile("rb")
        sk.sendall(one.encode())
        first = read_response(f, False)
        sk.sendall(b"\r\n")
        time.sleep(0.2)
        sk.sendall(last.encode())
        check("empty lines: a CRLF sent alone between two requests",
              [first and first[0], (read_response(f, False) or [None])[0]], [200, 200])
    # HTTP/1.0 without keep-alive: one answer, then the server closes
    r = s.raw(f"GET {T}?limit=1 HTTP/1.0\r\n\r\n".encode(), timeout=5)
    check("HTTP/1.0: 200 then closed", (r.startswith(b"HTTP/1.0 200"), r.endswith(b"}")), (True, True))
    check("serve exits 0 on SIGTERM", s.stop(), 0)

# --- API keys ----------------------------------------------------------------------------------------
with ss.Server(APIQUERY, ["--api-key", "k1", "--api-key", "secret-2"]) as s:
    status, headers, body = s.get(T + "?limit=1")
    check("no key: 401", (status, body, ss.header(headers, "www-authenticate")),
          (401, b'{"detail":"Not authenticated"}', "Bearer"))
    check("wrong key: 401", s.get(T, headers={"Authorization": "Bearer k2"})[0], 401)
    check("first key", s.get(T + "?limit=1", headers={"Authorization": "Bearer k1"})[::2], listed(T + "?limit=1"))
    check("second key, scheme in lower case", s.get(T, headers={"Authorization": "bearer secret-2"})[0], 200)
    check("the key is checked before the query (401, not 422)",
          s.get(T + "?limit=x", headers={"Authorization": "Basic k1"})[0], 401)
    check("404 needs no key", s.get("/x")[0], 404)
    check("405 needs no key", s.get(T, method="POST")[0], 405)

# --- HTTPS ---------------------------------------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True, timeout=60)
    with ss.Server(APIQUERY, ["--tls-cert", cert, "--tls-key", key]) as s:
        check("https in the listening line", s.scheme, "https")
        ctx = ssl.create_default_context(cafile=cert)
        c = ss.http.client.HTTPSConnection("127.0.0.1", s.port, timeout=10, context=ctx)
        for target in [T + "?limit=4", T + "?limit=-1", "/x"]:
            status, headers, body = ss.request(c, target)
            check(f"HTTPS {target}", (status, body), listed(target))
        status, headers, body = ss.request(c, T + "/")
        check("HTTPS 307 Location is https", ss.header(headers, "location"), f"https://127.0.0.1:{s.port}{T}")
        c.close()
        r = s.raw(f"GET {T} HTTP/1.1\r\nHost: x\r\n\r\n".encode(), timeout=5)
        check("plain HTTP to the HTTPS port gets no HTTP answer", r.startswith(b"HTTP/"), False)
        c = ss.http.client.HTTPSConnection("127.0.0.1", s.port, timeout=10, context=ctx)
        check("HTTPS still answers", ss.request(c, T + "?limit=1")[0], 200)
        c.close()
        curl = subprocess.run(["curl", "-sS", "--cacert", cert, "--max-time", "10", f"https://127.0.0.1:{s.port}{T}?limit=2"],
                              capture_output=True, timeout=30, check=False)
        check("curl over HTTPS", curl.stdout, listed(T + "?limit=2")[1])
        check("HTTPS serve exits 0", s.stop(), 0)

# --- access log ----------------------------------------------------------------------------------------
with ss.Server(APIQUERY, ["--access-log"]) as s:
    s.get(T + "?limit=1")
    s.get(T + "?limit=bad")
    s.raw(b"NOT HTTP\r\n\r\n", timeout=5)
    s.stop()
    lines = [json.loads(x) for x in s.stderr().decode().splitlines()]
    # A line is written once its response is sent, from the connection's thread: lines of different
    # connections may come in either order.
    check("access log: one line per request", sorted((x["method"], x["target"], x["status"]) for x in lines),
          sorted([("GET", T + "?limit=1", 200), ("GET", T + "?limit=bad", 422), ("", "", 400)]))
    check("access log: keys", list(lines[0].keys()), ["time", "method", "target", "status", "bytes", "microseconds"])
    check("access log: bytes", [x["bytes"] for x in lines if x["target"] == T + "?limit=bad"],
          [len(listed(T + "?limit=bad")[1])])
    check("access log: time in UTC", lines[0]["time"].endswith("Z") and len(lines[0]["time"]) == 27, True)

# --- command line -------------------------------------------------------------------------------------
def run(args):
    p = subprocess.run([APIQUERY, "serve", *args], capture_output=True, timeout=30, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


for args in (["--port", "x"], ["--port", "65536"], ["--threads", "0"], ["--sqlite", "a.db", "--postgres", "x"],
             ["--data", "tokens=" + ss.SAMPLE, "--sqlite", "a.db"], ["--tls-cert", "c.pem"], ["extra"],
             ["--data", "tokens"], ["--header-timeout", "0"], ["--max-connections", "0"], ["--data", "nope=f.json"]):
    code, out, err = run(args)
    check(f"serve {args}: exit 64 with a message", (code, out, err.startswith("apiquery serve: ")), (64, "", True))
code, out, err = run(["--sqlite", "/nonexistent/x.db"])
check("--sqlite missing file: 66", (code, err), (66, "apiquery serve: cannot read /nonexistent/x.db\n"))
code, out, err = run(["--data", "tokens=/nonexistent.json"])
check("--data missing file: 66", code, 66)
with tempfile.NamedTemporaryFile(suffix=".db") as f:
    f.write(b"not a database at all" * 100)
    f.flush()
    code, out, err = run(["--sqlite", f.name])
    check("--sqlite not a database: 65", (code, f"apiquery serve: {f.name}: " in err), (65, True))
code, out, err = run(["--help"])
check("--help", (code, out.startswith("usage: apiquery serve ")), (0, True))
with ss.Server(APIQUERY) as s:
    code, out, err = run(["--port", str(s.port)])
    check("port in use: 69", (code, out, "cannot listen on 127.0.0.1:" in err), (69, "", True))

if failures:
    print(f"serve HTTP behaviour: {failures} failure(s)")
    sys.exit(1)
print("serve HTTP behaviour: all checks passed")
