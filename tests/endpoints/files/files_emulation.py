#!/usr/bin/env python3
"""The List Files endpoint as FastAPI (>= 0.110.2) + Starlette would answer it, emulated around the real
pydantic v2 TypeAdapter, with apiquery's decided rules (docs/files.md). The FastAPI/Starlette part is the
one of tests/endpoints/tokens/fastapi_emulation.py (routing, QueryParams, declaration order, rendering),
shared from there; this file declares the files parameters and rules.

`after_value` for field=created_at is checked with the real pydantic `datetime` adapter: apiquery's
message carries pydantic's own msg, so this also compares apiquery's datetime reading with pydantic's.

As a program: one request target per line of standard input, one line per target (the normalised request
or the 422 / 404 body), like `apiquery validate --lines`.
"""
import os
import re
import sys
import urllib.parse
import uuid
from datetime import datetime
from typing import Annotated, Literal, Optional

from pydantic import Field, TypeAdapter, ValidationError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tokens"))
from fastapi_emulation import NOT_FOUND, dumps, value_error  # noqa: E402
from route_reference import split_target  # noqa: E402

ROUTE = re.compile(r"^/api/v1/workspaces/(?P<workspace_name>[^/]+)/files$")

# Declaration order = order of errors in a 422 (FILES-NOTES).
PARAMS = [
    ("name", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("content", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("meta_key", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("meta_value", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("filter", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("limit", TypeAdapter(Annotated[int, Field(le=100)]), 10),
    ("page_number", TypeAdapter(Annotated[Optional[int], Field(ge=1)]), None),
    ("after_value", TypeAdapter(Annotated[Optional[str], Field()]), None),
    ("after_file_id", TypeAdapter(Annotated[Optional[uuid.UUID], Field()]), None),
    ("field", TypeAdapter(Annotated[Literal["created_at", "name"], Field()]), "created_at"),
    ("order", TypeAdapter(Annotated[Literal["ASC", "DESC"], Field()]), "ASC"),
]
WORKSPACE = TypeAdapter(str)
DATETIME = TypeAdapter(datetime)

MSG_PAGE_CURSOR = ("page_number cannot be combined with after_value or after_file_id: "
                   "clear page_number to use cursor-based pagination")
MSG_PAGE_FILTER = "filter only works with cursor-based pagination: leave page_number blank"
MSG_NO_VALUE = "after_value and after_file_id come together: after_value is missing"
MSG_NO_ID = "after_value and after_file_id come together: after_file_id is missing"
MSG_NOT_DATETIME = "after_value must be a created_at date-time: "


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
                errors.append({**err, "loc": ["query", name] + list(err.get("loc", ()))})
    if errors:
        return 422, dumps({"detail": errors})
    # Rules beyond parameter types, in the declaration order of their loc.
    has_filter = bool(values["filter"])
    if has_filter and filter_check is not None:
        problem = filter_check(values["filter"])
        if problem is not None:
            e = value_error("filter", problem[0], raws["filter"])
            e["ctx"]["position"] = problem[1]
            errors.append(e)
    has_cursor = values["after_value"] is not None or values["after_file_id"] is not None
    if values["page_number"] is not None and has_cursor:
        errors.append(value_error("page_number", MSG_PAGE_CURSOR, raws["page_number"]))
    elif values["page_number"] is not None and has_filter:
        errors.append(value_error("page_number", MSG_PAGE_FILTER, raws["page_number"]))
    if values["after_file_id"] is not None and values["after_value"] is None:
        errors.append(value_error("after_value", MSG_NO_VALUE, ""))
    elif values["after_value"] is not None and values["field"] == "created_at":
        try:
            DATETIME.validate_python(values["after_value"])
        except ValidationError as exc:
            errors.append(value_error("after_value", MSG_NOT_DATETIME + exc.errors()[0]["msg"],
                                      raws["after_value"]))
    if values["after_value"] is not None and values["after_file_id"] is None:
        errors.append(value_error("after_file_id", MSG_NO_ID, ""))
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
