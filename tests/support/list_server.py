"""HTTP(S) servers for the tests of `apiquery get`, none of them written by the client's authors in C++.

- ListServer: Python's http.server (ThreadingHTTPServer, HTTP/1.1 with keep-alive) on 127.0.0.1, port 0,
  optionally HTTPS through Python's ssl module. Each GET is answered by running
  `apiquery list --sqlite DB TARGET` (the tokens loaded once with `apiquery sqlite-load`), or
  `apiquery list --data FILE TARGET`: the pages are the real endpoint's. A test can make it misbehave
  (`server.fault = lambda target, n: ...`) and read what it received (`server.seen`).
- CommandServer: any server program that prints `... listening on http://HOST:PORT` on its standard
  output when it is ready (e.g. `apiquery serve --port 0 ...`), started and stopped by PID.

Both have start() -> base URL and stop(); stop() is safe to call twice and after a failed start.

    with ListServer(apiquery, data="tokens.json") as base:
        subprocess.run([apiquery, "get", base + "/api/v1/workspaces/production/token"])
"""
import http.server
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time

LIST_TIMEOUT = 60  # seconds for one `apiquery list`


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    timeout = 20  # an idle or slow client is dropped

    def setup(self):
        super().setup()
        with self.server.owner.lock:
            self.server.owner.connections += 1

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        owner = self.server.owner
        with owner.lock:
            owner.requests += 1
            n = owner.requests
            owner.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        action = owner.fault(self.path, n) if owner.fault else None
        if action is None:
            status, body = owner.answer(self.path)
            self.reply(status, body)
            return
        kind = action[0]
        if kind == "reply":  # ("reply", status, body bytes)
            self.reply(action[1], action[2])
        elif kind == "answer_then_close":  # the normal answer, then the connection closed without notice
            self.reply(*owner.answer(self.path))
            self.close_connection = True
        elif kind == "raw":  # ("raw", bytes): written as they are, then the connection is closed
            self.wfile.write(action[1])
            self.wfile.flush()
            self.close_connection = True
        elif kind == "hang":  # ("hang", seconds): no answer, then the connection is closed
            time.sleep(action[1])
            self.close_connection = True
        elif kind == "close":  # the connection closed without an answer
            self.close_connection = True
        else:
            raise ValueError(f"unknown fault {action!r}")

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # clients that reset the connection or refuse the certificate are what some tests do


class ListServer:
    def __init__(self, apiquery, data, sqlite=True, tls=None):
        """apiquery: the program; data: a tokens data file (JSON); sqlite: answer from a SQLite copy made
        by `apiquery sqlite-load` (fast) instead of `list --data`; tls: (certfile, keyfile) for HTTPS."""
        self.apiquery = apiquery
        self.data = data
        self.sqlite = sqlite
        self.tls = tls
        self.fault = None  # fault(target, request_number) -> None or an action (see _Handler.do_GET)
        self.seen = []  # (target, {lower-case header name: value}) of every GET
        self.requests = 0
        self.connections = 0
        self.lock = threading.Lock()
        self._httpd = None
        self._thread = None
        self._dir = None
        self._db = None

    def answer(self, target):
        """(status, body) of `apiquery list` for the target: exit 0 -> 200, 2 -> 422, 3 -> 404."""
        source = ["--sqlite", self._db] if self._db else ["--data", self.data]
        p = subprocess.run([self.apiquery, "list", *source, target], capture_output=True, timeout=LIST_TIMEOUT,
                           check=False)
        status = {0: 200, 2: 422, 3: 404}.get(p.returncode, 500)
        body = p.stdout[:-1] if p.stdout.endswith(b"\n") else p.stdout
        if status == 500:
            body = b'{"detail":"Internal Server Error"}'
        return status, body

    def start(self):
        if self.sqlite:
            self._dir = tempfile.mkdtemp(prefix="apiquery-get-")
            self._db = os.path.join(self._dir, "tokens.db")
            subprocess.run([self.apiquery, "sqlite-load", "--data", self.data, self._db], check=True,
                           capture_output=True, timeout=120)
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        if self.tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*self.tls)
            # The handshake happens in the connection's thread (at its first read), not in the accept loop.
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True,
                                                 do_handshake_on_connect=False)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True)
        self._thread.start()
        port = self._httpd.server_address[1]
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{port}"

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=10)
            self._httpd = None
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


class CommandServer:
    """A server program started by the test: `command` (a list) must print a line containing
    `listening on http(s)://HOST:PORT` on standard output within `ready_timeout` seconds."""

    def __init__(self, command, ready_timeout=30):
        self.command = command
        self.ready_timeout = ready_timeout
        self._proc = None

    def start(self):
        self._proc = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        found = []

        def read():
            for line in self._proc.stdout:
                m = re.search(rb"listening on (https?://\S+)", line)
                if m:
                    found.append(m.group(1).decode())
                    break

        t = threading.Thread(target=read, daemon=True)
        t.start()
        t.join(self.ready_timeout)
        if not found:
            self.stop()
            raise RuntimeError(f"{self.command!r} did not say where it listens within {self.ready_timeout} s")
        return found[0]

    def stop(self):
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
            self._proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def free_port_refusing():
    """A loopback port with nothing listening on it (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(directory):
    """A self-signed certificate for localhost and 127.0.0.1, made with `openssl req`: (cert, key)."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True, timeout=60)
    return cert, key
