"""What the tests of `apiquery serve` share: start a server on a free port (port 0, the port read from
its listening line), stop it by PID whatever happens, read its RSS, talk HTTP over raw sockets and over
Python's http.client, and reach the PostgreSQL server of the test run.

    with Server(apiquery, ["--threads", "2"]) as s:
        status, headers, body = s.get("/api/v1/workspaces/production/token?limit=5")

Every wait is bounded: the listening line within START_SECONDS, a stop within STOP_SECONDS (then SIGKILL),
every socket with a timeout.
"""
import http.client
import os
import re
import select
import signal
import socket
import subprocess
import tempfile
import time

START_SECONDS = 20
STOP_SECONDS = 15
LISTENING = re.compile(rb"^apiquery serve: listening on (https?)://(\[[^\]]+\]|[^:/]+):(\d+)\n$")
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(ROOT, "data", "sample-tokens.json")
TOKENS = "/api/v1/workspaces/production/token"


class Server:
    """An `apiquery serve` process on 127.0.0.1, port 0. stderr goes to a temporary file (access logs
    can be long); stdout is the listening line."""

    def __init__(self, apiquery, args=(), env=None):
        args = list(args)
        threads = os.environ.get("APIQUERY_SERVE_THREADS")  # the tsan preset runs every server on 4 threads
        if threads:
            if "--threads" in args:
                args[args.index("--threads") + 1] = threads
            else:
                args += ["--threads", threads]
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([apiquery, "serve", "--host", "127.0.0.1", "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=self.err, env=env)
        try:
            line = self._read_line(START_SECONDS)
            m = LISTENING.match(line)
            if not m:
                raise RuntimeError(f"apiquery serve: unexpected first line {line!r}; stderr: {self.stderr()!r}")
            self.scheme = m.group(1).decode()
            self.host = "127.0.0.1"
            self.port = int(m.group(3))
        except BaseException:
            self.kill()
            raise

    def _read_line(self, seconds):
        deadline = time.monotonic() + seconds
        out = b""
        fd = self.proc.stdout.fileno()
        while not out.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"apiquery serve: no listening line within {seconds} s; got {out!r}; "
                                   f"stderr: {self.stderr()!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1)
                if not chunk:
                    raise RuntimeError(f"apiquery serve exited (status {self.proc.wait(5)}) before listening; "
                                       f"stderr: {self.stderr()!r}")
                out += chunk
        return out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def stderr(self):
        self.err.seek(0)
        return self.err.read()

    def rss_kib(self):
        """VmRSS of the server, in KiB."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def stop(self, sig=signal.SIGTERM, seconds=STOP_SECONDS):
        """Sends `sig` and waits for the exit (SIGKILL after `seconds`); the exit status (None if killed)."""
        if self.proc.poll() is not None:
            return self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.stdout:
            self.proc.stdout.close()

    def connection(self, timeout=10):
        return LatinConnection(self.host, self.port, timeout=timeout)

    def get(self, target, headers=None, method="GET", timeout=10):
        """(status, headers as a list of (name, value), body) of one request on a new connection."""
        c = self.connection(timeout)
        try:
            return request(c, target, headers, method)
        finally:
            c.close()

    def raw(self, data, timeout=10, read_until_close=True):
        """Sends bytes on a new connection and returns every byte received until the server closes (or
        the timeout)."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as s:
            s.sendall(data)
            return recv_all(s, timeout) if read_until_close else b""

    def answers_within(self, seconds=0.1, target=TOKENS + "?limit=1"):
        """Whether a valid request on a new connection gets its 200 within `seconds` (and how long)."""
        t = time.monotonic()
        try:
            status, _, _ = self.get(target, timeout=max(seconds, 1))
        except OSError:
            return False, time.monotonic() - t
        took = time.monotonic() - t
        return status == 200 and took <= seconds, took


class LatinConnection(http.client.HTTPConnection):
    """http.client sends the request line as ASCII; the targets of these tests also hold raw bytes 0x80-0xFF
    (as str decoded from latin-1), which go out as those bytes."""

    def _encode_request(self, request):
        return request.encode("latin-1")


def request(conn, target, headers=None, method="GET"):
    """One request on an http.client connection: (status, [(name, value)], body bytes)."""
    if isinstance(target, bytes):
        target = target.decode("latin-1")
    conn.request(method, target, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    return r.status, r.getheaders(), body


def recv_all(s, timeout):
    """Bytes until the peer closes, a reset, or `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    out = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return out
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            return out
        if not chunk:
            return out
        out += chunk


def header(headers, name):
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


# --- PostgreSQL --------------------------------------------------------------------------------------

def pg_required():
    return os.environ.get("CI") == "true" or os.environ.get("APIQUERY_REQUIRE_POSTGRES") == "1"


def psql_program():
    for d in sorted((p for p in os.listdir("/usr/lib/postgresql") if p.isdigit()), key=int, reverse=True) \
            if os.path.isdir("/usr/lib/postgresql") else []:
        p = f"/usr/lib/postgresql/{d}/bin/psql"
        if os.access(p, os.X_OK):
            return p
    return "psql"


class Postgres:
    """A database of its own on the run's PostgreSQL server (the CTest fixture's state folder, or a server
    started here with tests/sql/pg_server.sh when none is given). available False with `reason` when
    there is none. close() drops the database (and stops a server started here)."""

    def __init__(self, state=None):
        self.available = False
        self.reason = ""
        self.own = None
        self.database = None
        if not state:
            self.own = tempfile.mkdtemp(prefix="apiquery-serve-pg.")
            state = self.own
            subprocess.run(["bash", os.path.join(ROOT, "tests", "sql", "pg_server.sh"), "start", state],
                           capture_output=True, timeout=180, check=False)
        self.state = state
        status = self._read("status")
        if status != "running":
            self.reason = status or "the fixture did not run"
            return
        self.server_conninfo = self._read("conninfo")
        self.database = f"apiquery_serve_{os.getpid()}_{int(time.time())}"
        self._psql(f"CREATE DATABASE {self.database}")
        self.conninfo = re.sub(r"dbname=\S+", f"dbname={self.database}", self.server_conninfo)
        self.available = True

    def _read(self, name):
        try:
            with open(os.path.join(self.state, name)) as f:
                return f.read().strip()
        except OSError:
            return ""

    def _psql(self, sql):
        subprocess.run([psql_program(), self.server_conninfo, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                       check=True, capture_output=True, timeout=60)

    def close(self):
        if self.database:
            try:
                self._psql(f"DROP DATABASE IF EXISTS {self.database}")
            except (subprocess.SubprocessError, OSError):
                pass
        if self.own:
            subprocess.run(["bash", os.path.join(ROOT, "tests", "sql", "pg_server.sh"), "stop", self.own],
                           capture_output=True, timeout=120, check=False)
