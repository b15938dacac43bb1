#!/usr/bin/env python3
"""Fails when the headers of include/ break the layering (docs/architecture.md):

    scripts/check-layers.py [REPO_ROOT]

- Every header lives in a layer folder of include/apiquery/ (value, odata, profile, request, model, eval,
  listing, sql, service), in an endpoint folder (endpoints/NAME/), or is one of the top files (config.hpp, the
  base of everything; src.hpp and ../apiquery.hpp, which include everything). A folder's detail/ and
  impl/ subfolders belong to the folder.
- A header may include headers of its own layer and of the layers below it, never of a higher one.
- A generic header (any layer folder) includes no endpoint header; an endpoint header includes no
  header of another endpoint.
- No generic header names an endpoint: the words of ENDPOINT_WORDS do not occur in a layer folder
  (case-insensitive), so that a reader of the generic code finds no endpoint in it."""
import os
import re
import sys

LAYERS = ["config", "value", "odata", "profile", "request", "model", "eval", "listing", "sql", "service", "endpoints",
          "umbrella"]
TOP = {"config.hpp": "config", "src.hpp": "umbrella", "../apiquery.hpp": "umbrella"}
# Words that name an endpoint or its data; a generic folder must not contain them.
ENDPOINT_WORDS = re.compile(r"token|workspace", re.I)

INCLUDE = re.compile(r'^\s*#\s*include\s*<(apiquery(?:/[^>]+|\.hpp))>', re.M)


def place_of(rel):
    """'apiquery/odata/impl/filter.ipp' -> ('odata', None); 'apiquery/endpoints/tokens/model.hpp' ->
    ('endpoints', 'tokens'); None when the file is in no known place."""
    if rel == "apiquery.hpp":
        return ("umbrella", None)
    if not rel.startswith("apiquery/"):
        return None
    inner = rel[len("apiquery/"):]
    if inner in TOP:
        return (TOP[inner], None)
    parts = inner.split("/")
    if parts[0] == "endpoints" and len(parts) >= 3:
        return ("endpoints", parts[1])
    if inner == "endpoints/all.hpp": # the table of every built-in endpoint
        return ("umbrella", None)
    if parts[0] in LAYERS and parts[0] not in ("config", "endpoints", "umbrella") and len(parts) >= 2:
        return (parts[0], None)
    return None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    include = os.path.join(root, "include")
    problems = []
    checked = 0
    for dirpath, _, files in os.walk(include):
        for f in sorted(files):
            if not f.endswith((".hpp", ".ipp")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, include)
            me = place_of(rel)
            if me is None:
                problems.append(f"{rel}: not in a layer or endpoint folder")
                continue
            mine = LAYERS.index(me[0])
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            generic = me[0] not in ("endpoints", "umbrella")
            if generic:
                for n, line in enumerate(text.split("\n"), 1):
                    m = ENDPOINT_WORDS.search(line)
                    if m:
                        problems.append(f"{rel}:{n}: a generic header names an endpoint ({m.group(0)!r})")
            for m in INCLUDE.finditer(text):
                target = m.group(1)
                line = text.count("\n", 0, m.start()) + 1
                theirs = place_of(target)
                if theirs is None:
                    problems.append(f"{rel}:{line}: includes {target}, which is in no layer or endpoint folder")
                    continue
                if LAYERS.index(theirs[0]) > mine:
                    problems.append(f"{rel}:{line}: {me[0]} header includes {target} of the higher layer "
                                    f"{theirs[0]}")
                elif me[0] == "endpoints" and theirs[0] == "endpoints" and theirs[1] != me[1]:
                    problems.append(f"{rel}:{line}: endpoint {me[1]} includes {target} of endpoint {theirs[1]}")
            checked += 1
    for p in problems:
        print(p)
    print(f"check-layers: {checked} headers, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
