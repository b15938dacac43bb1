#!/usr/bin/env python3
"""The Get Workspace Tokens endpoint as FastAPI (>= 0.110.2) + Starlette would answer it, emulated around
the real pydantic v2 TypeAdapter (section 1 of ../shared/reference/fastapi-pydantic-422.md).

FastAPI and Starlette are not installed on the project machines; their part of the pipeline is small:
  - the ASGI server percent-decodes the path; Starlette matches it with re.match against the compiled
    route regex ([^/]+ for {workspace_name});
  - QueryParams = parse_qsl(query_bytes.decode("latin-1"), keep_blank_values=True), last key wins;
  - each parameter is validated by TypeAdapter(Annotated[annotation, FieldInfo]).validate_python(value,
    from_attributes=True); an absent parameter takes its default without validation;
  - errors get loc ("query", name) + err["loc"], no url, and are listed in declaration order;
  - JSONResponse renders json.dumps(ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).
The rules beyond parameter types (API-NOTES.md) follow apiquery's documented decisions (docs/request.md).

Used as a module by differential.py and bench/request_pydantic.py; as a program it reads one request
target per line of standard input (bytes) and prints one line per target, like `apiquery validate --lines`.
"""
import json
import re
import sys
import urllib.parse
import uuid
from typing import Annotated, Literal, Optional

from pydantic import Field, TypeAdapter, ValidationError

from route_reference import split_target  # noqa: E402  (the ASGI server's split of a request target)

ROUTE = re.compile(r"^/api/v1/workspaces/(?P<workspace_name>[^/]+)/token$")
NOT_FOUND = '{"detail":"Not Found"}'

# Declaration order = order of errors in a 422.
PARAMS = [
    ("limit", TypeAdapter(Annotated[int, Field(le=100)]), 10),
    ("before", TypeAdapter(Annotated[Optional[uuid.UUID], Field()]), None),
    ("after", TypeAdapter(Annotated[Optional[uuid.UUID], Field()]), None),
    ("page_number", TypeAdapter(Annotated[Optional[int], Field(ge=1)]), None),
    ("filter", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("field", TypeAdapter(Annotated[Literal["name", "role", "created_at", "expires_at"], Field()]), "created_at"),
    ("order", TypeAdapter(Annotated[Literal["ASC", "DESC"], Field()]), "DESC"),
]
WORKSPACE = TypeAdapter(str)

MSG_BEFORE_AFTER = "before and after cannot be combined: use one cursor"
MSG_PAGE_CURSOR = ("page_number cannot be combined with before or after: "
                   "clear page_number to use cursor-based pagination")
MSG_PAGE_FILTER = "filter only works with cursor-based pagination: leave page_number blank"


def dumps(content):
    """Starlette's JSONResponse.render, as text."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))


def value_error(param, message, raw):
    return {"type": "value_error", "loc": ["query", param], "msg": "Value error, " + message, "input": raw,
            "ctx": {"error": message}}


def route(raw_path: bytes):
    """The workspace name, or None when the request does not reach the endpoint (404)."""
    try:
        text = raw_path.decode("ascii")
    except UnicodeDecodeError:
        return None
    if any(c <= " " or c == "\x7f" for c in text):
        return None
    m = ROUTE.match(urllib.parse.unquote(text))
    return m.group("workspace_name") if m else None


def respond(target: bytes, filter_check=None):
    """(status, body text) for one request target. filter_check(text) -> None or (message, position)."""
    raw_path, query = split_target(target)
    workspace = route(raw_path)
    if workspace is None:
        return 404, NOT_FOUND
    params = dict(urllib.parse.parse_qsl(query.decode("latin-1"), keep_blank_values=True))
    values, raws, errors = {}, {}, []
    values["workspace_name"] = WORKSPACE.validate_python(workspace, from_attributes=True)
    for name, adapter, default in PARAMS:
        raw = params.get(name)
        if raw is None:
            values[name] = default
            continue
        raws[name] = raw
        try:
            values[name] = adapter.validate_python(raw, from_attributes=True)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                err = {**err, "loc": ("query", name) + tuple(err.get("loc", ()))}
                errors.append(err)
    if errors:
        return 422, dumps({"detail": [{**e, "loc": list(e["loc"])} for e in errors]})
    # Rules beyond parameter types (only reached when FastAPI's validation passed).
    has_filter = bool(values["filter"])
    if values["before"] is not None and values["after"] is not None:
        errors.append(value_error("after", MSG_BEFORE_AFTER, raws["after"]))
    if values["page_number"] is not None and (values["before"] is not None or values["after"] is not None):
        errors.append(value_error("page_number", MSG_PAGE_CURSOR, raws["page_number"]))
    elif values["page_number"] is not None and has_filter:
        errors.append(value_error("page_number", MSG_PAGE_FILTER, raws["page_number"]))
    if has_filter and filter_check is not None:
        problem = filter_check(values["filter"])
        if problem is not None:
            e = value_error("filter", problem[0], raws["filter"])
            e["ctx"]["position"] = problem[1]
            errors.append(e)
    if errors:
        return 422, dumps({"detail": errors})
    out = {"workspace_name": values["workspace_name"]}
    for name, _, _ in PARAMS:
        v = values[name]
        out[name] = str(v) if isinstance(v, uuid.UUID) else v
    return 200, dumps(out)


def main():
    out = sys.stdout.buffer
    lines = sys.stdin.buffer.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        if line.endswith(b"\r"):
            line = line[:-1]
        _, body = respond(line)
        out.write(body.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
