#!/usr/bin/env python3
"""Where a request target goes on the real server, in Python: the reference for apiquery's routing.

The pipeline (docs/request.md, Decisions 2):
  - uvicorn splits the target at the first `?` and sets scope["path"] = urllib.parse.unquote(path.decode("ascii"))
    (UTF-8, errors="replace"; %2F becomes '/', nothing else is normalised: '.', '..' and '//' stay);
  - Starlette's compile_path turns "/api/v1/workspaces/{workspace_name}/token" into the regex
    "^" + re.escape(literal parts) + "(?P<workspace_name>[^/]+)" (the `str` convertor) + ... + "$", and
    Route.matches calls path_regex.match(scope["path"]) -- Python `re` semantics, so `$` also matches just
    before one final "\\n", and `[^/]+` takes newlines and "\\r";
  - when nothing matches, Router.redirect_slashes: a path other than "/" that ends in '/' is tried again as
    path.rstrip("/") (a match there is a 307 redirect), any other path as path + "/".
apiquery's own decisions are kept: an absolute-form target (http://host/...) is reduced to its path, and a
path with a byte outside printable ASCII (0x21-0x7E) does not reach the endpoint.

As a module: route(target: bytes) -> ("route", workspace_name) | ("redirect", None) | ("not_found", None).
As a program: one target per line of standard input, one JSON line per target.
"""
import json
import re
import sys
import urllib.parse

# starlette.routing: parameters in a route path are {name} or {name:convertor}.
PARAM_REGEX = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}")
# starlette.convertors: the regex of each convertor type (`str` is the default).
CONVERTOR_REGEX = {
    "str": "[^/]+",
    "path": ".*",
    "int": "[0-9]+",
    "float": r"[0-9]+(\.[0-9]+)?",
    "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}


def compile_path(path: str) -> "re.Pattern[str]":
    """The regex Starlette's compile_path builds for a route path (not a host pattern)."""
    regex, idx = "^", 0
    for m in PARAM_REGEX.finditer(path):
        name, convertor = m.group(1), (m.group(2) or ":str")[1:]
        regex += re.escape(path[idx:m.start()]) + f"(?P<{name}>{CONVERTOR_REGEX[convertor]})"
        idx = m.end()
    return re.compile(regex + re.escape(path[idx:]) + "$")


ROUTE_PATH = "/api/v1/workspaces/{workspace_name}/token"
ROUTE_REGEX = compile_path(ROUTE_PATH)
ROUTES = [ROUTE_REGEX]  # every endpoint path apiquery routes


def split_target(target: bytes):
    """(raw path, raw query) as the ASGI server splits them (absolute form reduced to its path)."""
    for scheme in (b"http://", b"https://"):
        if target.startswith(scheme):
            m = re.search(rb"[/?]", target[len(scheme):])
            target = target[len(scheme) + m.start():] if m else b""
            break
    path, _, query = target.partition(b"?")
    return path, query


def scope_path(raw_path: bytes):
    """scope["path"], or None when the raw path has a byte outside printable ASCII."""
    if any(b <= 0x20 or b >= 0x7F for b in raw_path):
        return None
    return urllib.parse.unquote(raw_path.decode("ascii"))


def match(path: str):
    """The workspace name when a route matches the decoded path (re.match, Python semantics), else None."""
    for regex in ROUTES:
        m = regex.match(path)
        if m:
            return m.group("workspace_name")
    return None


def route(target: bytes):
    path = scope_path(split_target(target)[0])
    if path is None:
        return ("not_found", None)
    ws = match(path)
    if ws is not None:
        return ("route", ws)
    if path != "/" and path.endswith("/") and match(path.rstrip("/")) is not None:
        return ("redirect", None)
    if path != "/" and not path.endswith("/") and match(path + "/") is not None:
        return ("redirect", None)  # never for a route ending in "/token"; kept to mirror Starlette
    return ("not_found", None)


def main():
    for line in sys.stdin.buffer.read().split(b"\n"):
        if line:
            kind, ws = route(line.rstrip(b"\r"))
            print(json.dumps({"route": kind, "workspace_name": ws}, ensure_ascii=False))


if __name__ == "__main__":
    main()
