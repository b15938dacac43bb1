"""`apiquery get --all` over 10,000 tokens: every token of the listing exactly once, for every sort field
and order and with filters, over HTTP and HTTPS, on one kept-alive connection.

    cli_get_all_test.py APIQUERY [--server-command 'CMD ... {data} ...'] [--tls-server-command 'CMD ... {cert} {key}']

The server is Python's http.server answering each GET with `apiquery list` on the same data
(tests/support/list_server.py). With --server-command, the walks run against that program instead: it is
started with `{data}` replaced by the data file and must print `listening on http://HOST:PORT` (for
example `apiquery serve --port 0 --data tokens={data}`); --tls-server-command does the HTTPS walk against
such a program too (`{cert}` and `{key}`: a certificate the test makes with openssl req)."""
import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from list_server import CommandServer, ListServer, make_certificate  # noqa: E402

COUNT, SEED = 10000, 17
PATH = "/api/v1/workspaces/production/token"
WALK_TIMEOUT = 300  # seconds for one whole walk

failures = 0


def fail(message):
    global failures
    failures += 1
    print(f"FAIL {message}")


def walk(apiquery, url, *extra):
    t = time.monotonic()
    p = subprocess.run([apiquery, "get", "--all", "--verbose", *extra, url], capture_output=True,
                       timeout=WALK_TIMEOUT, check=False)
    return p.returncode, p.stdout, p.stderr.decode(), time.monotonic() - t


def check_walk(apiquery, base, query, want_ids, extra=(), one_connection=None, order_key=None):
    """Walks base+PATH?query; the ids must be want_ids (a set), each once; the first page's records must
    be the bytes of the first page's body; with order_key, the records come in that key's order."""
    url = f"{base}{PATH}?{query}"
    code, out, err, seconds = walk(apiquery, url, *extra)
    if code != 0:
        fail(f"get --all {url}: exit {code}: {err[-500:]}")
        return
    lines = out.split(b"\n")
    if lines[-1] != b"":
        fail(f"{query}: the output does not end with a newline")
    lines = lines[:-1]
    records = [json.loads(x) for x in lines]
    ids = [r["api_token_id"] for r in records]
    if len(ids) != len(set(ids)):
        fail(f"{query}: {len(ids) - len(set(ids))} tokens printed more than once")
    if set(ids) != want_ids:
        fail(f"{query}: {len(want_ids - set(ids))} tokens missing, {len(set(ids) - want_ids)} unexpected")
    # One record per line, the body's bytes: the first page's data is the first lines joined with commas.
    first = subprocess.run([apiquery, "get", *extra, url], capture_output=True, timeout=60, check=False).stdout
    n = len(json.loads(first)["data"])
    if not first.startswith(b'{"data":[' + b",".join(lines[:n]) + b"]"):
        fail(f"{query}: the first page's records are not the bytes of its body")
    if order_key:
        keys = [order_key(r) for r in records]
        descending = "order=ASC" not in query
        if keys != sorted(keys, reverse=descending):
            fail(f"{query}: the records are not in the order asked for")
    summary = err.strip().split("\n")[-1]
    if one_connection and not summary.endswith("over 1 connection(s)"):
        fail(f"{query}: not one kept-alive connection: {summary}")
    print(f"ok {len(ids)} tokens, {summary.split(' in ')[1]}, {seconds:.1f} s: {query} {' '.join(extra)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("apiquery")
    ap.add_argument("--server-command", help="a server to walk instead of the Python one ({data}: the data file)")
    ap.add_argument("--tls-server-command",
                    help="the same over HTTPS ({data}, {cert}, {key}: the data file and a certificate made here)")
    args = ap.parse_args()
    apiquery = args.apiquery

    with tempfile.TemporaryDirectory(prefix="apiquery-get-all-") as tmp:
        data = os.path.join(tmp, "tokens.json")
        with open(data, "wb") as f:
            f.write(subprocess.run([apiquery, "sample-data", "--count", str(COUNT), "--seed", str(SEED)],
                                   capture_output=True, check=True, timeout=120).stdout)
        with open(data, encoding="utf-8") as f:
            tokens = json.load(f)
        scoped = [t for t in tokens if t["workspaces"] == [{"name": "production"}] and not t["all_workspaces"]]
        every = {t["api_token_id"] for t in scoped}
        personal = {t["api_token_id"] for t in scoped if t["personal"] is True}
        june = datetime.datetime(2024, 6, 1, tzinfo=datetime.timezone.utc)
        recent = {t["api_token_id"] for t in scoped
                  if datetime.datetime.fromisoformat(t["created_at"].replace("Z", "+00:00")) >= june}
        print(f"{len(tokens)} tokens, {len(every)} in the workspace, {len(personal)} personal, {len(recent)} recent")
        if not (1000 < len(every) < COUNT and 100 < len(personal) < len(every) and 100 < len(recent) < len(every)):
            fail("the sample data no longer has the shape this test needs")

        if args.server_command:
            server = CommandServer(shlex.split(args.server_command.replace("{data}", data)))
            one_connection = None
        else:
            server = ListServer(apiquery, data)
            one_connection = True
        try:
            base = server.start()
            # (a Token has no created_at: the data file has it)
            created_at = {t["api_token_id"]: datetime.datetime.fromisoformat(t["created_at"].replace("Z", "+00:00"))
                          for t in tokens}
            created = (lambda r: created_at[r["api_token_id"]])
            for field in ("created_at", "expires_at", "name"):
                for order in ("ASC", "DESC"):
                    check_walk(apiquery, base, f"limit=100&field={field}&order={order}", every,
                               one_connection=one_connection,
                               order_key=created if field == "created_at" else None)
            check_walk(apiquery, base, "limit=100&filter=personal%20eq%20true", personal, one_connection=one_connection)
            check_walk(apiquery, base,
                       "limit=37&field=name&order=ASC&filter=created_at%20ge%202024-06-01T00%3A00%3A00Z",
                       recent, one_connection=one_connection)
        finally:
            server.stop()

        if not args.server_command or args.tls_server_command:  # HTTPS with a certificate made here
            cert, key = make_certificate(tmp)
            if args.tls_server_command:
                server = CommandServer(shlex.split(args.tls_server_command.replace("{data}", data)
                                                   .replace("{cert}", cert).replace("{key}", key)))
            else:
                server = ListServer(apiquery, data, tls=(cert, key))
            try:
                base = server.start()
                check_walk(apiquery, base, "limit=100&field=expires_at&order=ASC", every, extra=("--cacert", cert),
                           one_connection=True)
            finally:
                server.stop()

    if failures:
        print(f"get --all: {failures} failure(s)")
        sys.exit(1)
    print("get --all: all checks passed")


if __name__ == "__main__":
    main()
