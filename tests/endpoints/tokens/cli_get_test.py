"""`apiquery get`: bodies byte for byte, exit status by HTTP status class, transport errors and timeouts,
TLS (certificates made here with `openssl req`), --api-key and --header, the command line, and the
errors that stop `get --all`. The server is Python's http.server answering with `apiquery list` on the
bundled sample data (tests/support/list_server.py), told to misbehave where a test needs it.

    cli_get_test.py APIQUERY"""
import os
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from list_server import ListServer, free_port_refusing, make_certificate  # noqa: E402

RUN_TIMEOUT = 60
NL = b"\n"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
DATA = os.path.join(ROOT, "data", "sample-tokens.json")
PATH = "/api/v1/workspaces/production/token"

failures = 0


def fail(message):
    global failures
    failures += 1
    print(f"FAIL {message}")


def run(apiquery, *args):
    """(exit code, stdout bytes, stderr text, seconds)."""
    t = time.monotonic()
    p = subprocess.run([apiquery, *args], capture_output=True, timeout=RUN_TIMEOUT, check=False)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), time.monotonic() - t


def expect(what, args, apiquery, code, out=None, err_has=(), err_empty=False, max_seconds=None):
    got_code, got_out, got_err, seconds = run(apiquery, *args)
    problems = []
    if got_code != code:
        problems.append(f"exit {got_code}, want {code}")
    if out is not None and got_out != out:
        problems.append(f"stdout {got_out[:300]!r}, want {out[:300]!r}")
    for s in err_has:
        if s not in got_err:
            problems.append(f"stderr lacks {s!r}")
    if err_empty and got_err:
        problems.append("stderr not empty")
    if max_seconds is not None and seconds > max_seconds:
        problems.append(f"took {seconds:.1f} s, more than {max_seconds} s")
    if problems:
        fail(f"{what}: {'; '.join(problems)}\n  args {args!r}\n  stderr {got_err[-600:]!r}")
    else:
        print(f"ok {what}")
    return got_out, got_err


def list_body(apiquery, target):
    p = subprocess.run([apiquery, "list", "--data", DATA, target], capture_output=True, timeout=RUN_TIMEOUT,
                       check=False)
    assert p.stdout.endswith(b"\n")
    return p.stdout[:-1]


def plain_tests(apiquery):
    server = ListServer(apiquery, DATA, sqlite=False)
    try:
        base = server.start()
        target = PATH + "?limit=3&field=name&order=ASC"
        expect("200: the body byte for byte, exit 0", ["get", base + target], apiquery, 0,
               out=list_body(apiquery, target), err_empty=True)
        target = PATH + "?limit=101&order=asc"
        expect("422: the body, exit 2", ["get", base + target], apiquery, 2, out=list_body(apiquery, target),
               err_has=["HTTP status 422"])
        expect("404: the body, exit 3", ["get", base + "/api/v1/nothing"], apiquery, 3,
               out=b'{"detail":"Not Found"}', err_has=["HTTP status 404"])
        expect("a fragment is not sent", ["get", base + PATH + "?limit=1#frag"], apiquery, 0,
               out=list_body(apiquery, PATH + "?limit=1"))
        if server.seen[-1][0] != PATH + "?limit=1":
            fail(f"fragment: the server saw {server.seen[-1][0]!r}")

        # Statuses of the other classes, made up by the server.
        answers = {"401": (401, b'{"detail":"Not authenticated"}'), "405": (405, b'{"detail":"Method Not Allowed"}'),
                   "500": (500, b'{"detail":"Internal Server Error"}'), "503": (503, b""),
                   "302": (302, b"moved"), "307": (307, b""), "201": (201, b"{}"), "204": (204, b"")}
        server.fault = lambda t, n: ("reply", *answers[t[len("/status/"):]]) if t.startswith("/status/") else None
        for status, code in (("401", 4), ("405", 4), ("500", 5), ("503", 5), ("302", 6), ("307", 6), ("201", 0),
                             ("204", 0)):
            before = server.requests
            expect(f"status {status}: exit {code}", ["get", base + "/status/" + status], apiquery, code,
                   out=answers[status][1])
            if server.requests != before + 1:
                fail(f"status {status}: {server.requests - before} requests (redirects are not followed)")

        # Transport errors.
        server.fault = lambda t, n: {
            "/garbage": ("raw", b"garbage\r\n\r\n"),
            "/truncated": ("raw", b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"data\":"),
            "/close": ("close",),
            "/hang": ("hang", 5),
            "/nolength": ("raw", b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"),
        }.get(t)
        expect("not HTTP: exit 76", ["get", base + "/garbage"], apiquery, 76, out=b"",
               err_has=["not a valid HTTP/1.x response"])
        expect("a truncated body: exit 76", ["get", base + "/truncated"], apiquery, 76, out=b"",
               err_has=["closed before the end of the response"])
        expect("closed without an answer: exit 76", ["get", base + "/close"], apiquery, 76, out=b"",
               err_has=["closed the connection without answering"])
        expect("a body until the connection closes is read whole", ["get", base + "/nolength"], apiquery, 0,
               out=b"until the end")
        expect("a server that does not answer: --timeout, exit 75", ["get", "--timeout", "0.5", base + "/hang"],
               apiquery, 75, out=b"", err_has=["no complete response within 0.5 s (--timeout)"], max_seconds=4)
        expect("a body larger than --max-body: exit 76", ["get", "--max-body", "100", base + PATH], apiquery, 76,
               out=b"", err_has=["larger than 100 bytes (--max-body)"])
        expect("nothing listening: exit 69", ["get", f"http://127.0.0.1:{free_port_refusing()}/x"], apiquery, 69,
               err_has=["cannot connect to http://127.0.0.1:"], max_seconds=10)
        expect("https:// to an HTTP server: a TLS error, exit 77", ["get", base.replace("http:", "https:") + PATH],
               apiquery, 77, err_has=["TLS handshake with https://127.0.0.1:"])
        server.fault = None

        # --api-key and --header reach the server.
        expect("--api-key and --header", ["get", "--api-key", "k-123", "--header", "X-Trace:  a b ", "--header",
                                          "x-empty:", base + PATH + "?limit=1"], apiquery, 0)
        headers = server.seen[-1][1]
        if headers.get("authorization") != "Bearer k-123" or headers.get("x-trace") != "a b" or \
                headers.get("x-empty") != "" or not headers.get("user-agent", "").startswith("apiquery/"):
            fail(f"headers received: {headers!r}")
        if headers.get("host") != base[len("http://"):]:
            fail(f"Host: {headers.get('host')!r}")

        # --all: the errors that stop a walk, each with the page, its URL and why.
        first = PATH + "?limit=2"
        url = base + first
        page1 = list_body(apiquery, first)
        n_first = 2

        def on(page, action):
            start = server.requests
            server.fault = lambda t, n: action(t) if n - start == page else None

        on(2, lambda t: ("reply", 200, b'{"data":[{"name":"x"}],"has_more":false,"total":1}'))
        out, err = expect("--all: a page that fails the check: exit 65", ["get", "--all", url], apiquery, 65,
                          err_has=[f"--all stopped at page 2 ({base}{first}&after=",
                                   "the page fails the endpoint's response check: {\"detail\":[{\"type\":\"missing\","])
        if out.count(b"\n") != n_first:
            fail(f"--all: page 1's records are printed before the error: {out[:200]!r}")
        on(2, lambda t: ("reply", 200, b'{"data":[{"name":"x","masked_token":"ak_abcdefghijk","personal":false,'
                                       b'"expires":false,"expires_at":null,"api_token_id":"73e49ef5-5c94-4b0d-b465-'
                                       b'd43b49216a17","user":{"given_name":"A","family_name":"B"},"role":"EDITOR",'
                                       b'"organization_role":"MEMBER","workspaces":[],"all_workspaces":false}],'
                                       b'"has_more":false,"total":1}'))
        expect("--all: a token that is not masked fails the check: exit 65", ["get", "--all", url], apiquery, 65,
               err_has=["page 2 (", "masked_token"])
        on(2, lambda t: ("reply", 200, b"<html>"))
        expect("--all: a page that is not JSON: exit 65", ["get", "--all", url], apiquery, 65,
               err_has=["page 2 (", "json_invalid"])
        on(3, lambda t: ("reply", 500, b'{"detail":"Internal Server Error"}'))
        expect("--all: a 500 mid-walk: exit 5", ["get", "--all", url], apiquery, 5,
               err_has=["--all stopped at page 3 (", "HTTP status 500, not 200: {\"detail\":\"Internal Server Error\"}"])
        on(2, lambda t: ("reply", 204, b""))
        expect("--all: a 204 mid-walk: exit 6", ["get", "--all", url], apiquery, 6, err_has=["HTTP status 204, not 200"])
        on(2, lambda t: ("reply", 200, b'{"data":[],"has_more":true,"total":9}'))
        expect("--all: has_more with no records: exit 65", ["get", "--all", url], apiquery, 65,
               err_has=["page 2 (", "'has_more' is true but the page has no records to continue after"])
        start = server.requests
        server.fault = lambda t, n: ("reply", 200, page1) if n - start >= 2 else None
        out, err = expect("--all: a cursor that does not advance: exit 65", ["get", "--all", url], apiquery, 65,
                          err_has=["--all stopped at page 2 (", "the cursor does not advance: the next target"])
        if out.count(NL) != n_first:  # the records of the page that failed are not printed
            fail(f"--all, cursor: one page of records expected before the error, got {out.count(NL)} lines")
        server.fault = None
        expect("--all: --max-pages", ["get", "--all", "--max-pages", "3", url], apiquery, 65,
               err_has=["--all stopped at page 3 (", "more than 3 pages"])
        expect("--all: a path that reaches no endpoint: exit 3", ["get", "--all", base + "/api/v1/nothing"], apiquery,
               3, err_has=["reaches no declared endpoint"])
        expect("--all: a first page that is a 422: exit 2", ["get", "--all", base + PATH + "?limit=101"], apiquery, 2,
               err_has=["page 1 (", "HTTP status 422"])
        out, _ = expect("--all: the whole bundled listing over one connection",
                        ["get", "--all", "--verbose", base + PATH + "?limit=10"], apiquery, 0,
                        err_has=["141 records in 15 pages over 1 connection(s)"])
        if out.count(NL) != 141:
            fail("--all over the bundled data: 141 lines expected")
        server.fault = lambda t, n: ("answer_then_close",)
        out2, _ = expect("--all: a server that closes every connection after its answer: reconnects",
                         ["get", "--all", "--verbose", base + PATH + "?limit=10"], apiquery, 0,
                         err_has=["141 records in 15 pages over 15 connection(s)"])
        if out2 != out:
            fail("--all with reconnections: not the same records")
        server.fault = None
    finally:
        server.stop()


def tls_tests(apiquery, tmp):
    cert, key = make_certificate(tmp)
    other_dir = os.path.join(tmp, "other")
    os.mkdir(other_dir)
    other_cert, other_key = make_certificate_for(other_dir, "other.example")
    server = ListServer(apiquery, DATA, sqlite=False, tls=(cert, key))
    try:
        base = server.start()
        target = PATH + "?limit=2"
        body = list_body(apiquery, target)
        expect("https with --cacert: the body", ["get", "--cacert", cert, base + target], apiquery, 0, out=body,
               err_empty=True)
        expect("https by name (localhost) with --cacert", ["get", "--cacert", cert,
                                                           base.replace("127.0.0.1", "localhost") + target],
               apiquery, 0, out=body)
        expect("https without --cacert: not trusted, exit 77", ["get", base + target], apiquery, 77, out=b"",
               err_has=["is not trusted: self-signed certificate",
                        "(use --cacert FILE to trust a certificate, or --insecure)"])
        expect("https --insecure: the body", ["get", "--insecure", base + target], apiquery, 0, out=body)
        expect("https --cacert of another certificate: exit 77", ["get", "--cacert", other_cert, base + target],
               apiquery, 77, err_has=["is not trusted"])
        expect("https --cacert that cannot be read: exit 66", ["get", "--cacert", os.path.join(tmp, "none.pem"),
                                                                base + target], apiquery, 66,
               err_has=["cannot read the --cacert file"])
        expect("http:// to an HTTPS server: exit 76", ["get", base.replace("https:", "http:") + target], apiquery, 76)
    finally:
        server.stop()
    # A trusted certificate for another host name: the host check fails.
    server = ListServer(apiquery, DATA, sqlite=False, tls=(other_cert, other_key))
    try:
        base = server.start()
        expect("https: a trusted certificate for another host, exit 77",
               ["get", "--cacert", other_cert, base + PATH], apiquery, 77, err_has=["IP address mismatch"])
        expect("https: the same with --insecure", ["get", "--insecure", base + PATH + "?limit=1"], apiquery, 0)
    finally:
        server.stop()


def make_certificate_for(directory, name):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def usage_tests(apiquery):
    url = "http://127.0.0.1:9/x"
    for what, args, err in (
            ("no URL", [], "no URL"),
            ("two URLs", [url, url], "unexpected argument"),
            ("ftp://", ["ftp://h/x"], "must start with http:// or https://"),
            ("user@", ["http://u@h/x"], "user information"),
            ("a space in the URL", ["http://h/a b"], "a space, a control character"),
            ("port 0", ["http://h:0/"], "is not in 1 to 65535"),
            ("port 70000", ["http://h:70000/"], "port 70000 is not in 1 to 65535"),
            ("port x", ["http://h:8x/"], "malformed port '8x'"),
            ("--header without colon", ["--header", "X-A", url], "no colon"),
            ("--header CR LF", ["--header", "X-A: a\r\nX-B: b", url], "control character"),
            ("--header bad name", ["--header", "X A: b", url], "not an HTTP token"),
            ("--header Host", ["--header", "Host: x", url], "which the client sets itself"),
            ("--header Content-Length", ["--header", "content-length: 1", url], "which the client sets itself"),
            ("--api-key and Authorization", ["--api-key", "k", "--header", "Authorization: x", url],
             "an Authorization header"),
            ("--api-key with a space", ["--api-key", "a b", url], "space or a control character"),
            ("--cacert and --insecure", ["--cacert", "f", "--insecure", "https://h/"], "exclude each other"),
            ("--insecure with http://", ["--insecure", url], "the URL is not https://"),
            ("--timeout 0", ["--timeout", "0", url], "not a number of seconds"),
            ("--timeout x", ["--timeout", "x", url], "not a number of seconds"),
            ("--max-body 0", ["--max-body", "0", url], "not a size"),
            ("--max-pages without --all", ["--max-pages", "3", url], "only with --all"),
            ("an unknown option", ["--follow", url], "unexpected argument '--follow'")):
        expect(f"usage: {what}", ["get", *args], apiquery, 64, out=b"", err_has=[err])
    out, _ = expect("--help", ["get", "--help"], apiquery, 0)
    if not out.startswith(b"usage: apiquery get [--all]"):
        fail(f"--help: {out!r}")


def silent_server_tests(apiquery):
    """A listening socket that never answers (the kernel completes the TCP handshake from the backlog)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        port = s.getsockname()[1]
        expect("https, no TLS handshake: --connect-timeout, exit 75",
               ["get", "--connect-timeout", "0.5", f"https://127.0.0.1:{port}/"], apiquery, 75,
               err_has=["no answer within 0.5 s (--connect-timeout)"], max_seconds=4)
        expect("http, no response: --timeout, exit 75", ["get", "--timeout", "0.3", f"http://127.0.0.1:{port}/"],
               apiquery, 75, err_has=["no complete response within 0.3 s (--timeout)"], max_seconds=4)


def main():
    apiquery = sys.argv[1]
    usage_tests(apiquery)
    silent_server_tests(apiquery)
    plain_tests(apiquery)
    with tempfile.TemporaryDirectory(prefix="apiquery-get-") as tmp:
        tls_tests(apiquery, tmp)
    if failures:
        print(f"apiquery get: {failures} failure(s)")
        sys.exit(1)
    print("apiquery get: all checks passed")


if __name__ == "__main__":
    main()
