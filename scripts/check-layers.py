#!/usr/bin/env python3
"""Fails when a header of include/ includes a header of a higher layer (README, "What is in the
library"; docs/architecture.md once the layers are folders).

    scripts/check-layers.py [REPO_ROOT]

Each public header belongs to one layer; a detail/ header to the layer that uses it; an impl/X.ipp to
the layer of X.hpp. A header may include headers of its own layer and of the layers below it."""
import os
import re
import sys

LAYERS = ["values", "filter", "profiles", "requests", "models", "listing", "sql", "umbrella"]
LAYER_OF = {
    # values
    "config": "values", "result": "values", "big_int": "values", "calendar": "values",
    "timestamp": "values", "odata_time": "values", "lax_int": "values", "uuid": "values", "json_text": "values",
    "detail/utf8": "values", "detail/unicode_identifier": "values",
    # filter
    "filter_ast": "filter", "filter_error": "filter", "filter": "filter", "filter_print": "filter",
    "edm": "filter", "detail/filter_grammar": "filter", "detail/filter_actions": "filter",
    "detail/filter_errors": "filter",
    # profiles
    "profile": "profiles", "profile_check": "profiles",
    # requests
    "query_string": "requests", "param": "requests", "validation_error": "requests",
    "tokens_filter": "requests", "tokens_request": "requests",
    # models
    "pydantic_json": "models", "model_check": "models", "token": "models", "token_record": "models",
    "paginated_result": "models", "http_validation_error": "models", "response_check": "models",
    "masking": "models", "detail/model_validators": "models", "model_validators": "models",
    # listing
    "filter_eval": "listing", "listing": "listing", "sample_tokens": "listing", "detail/ecma_regex": "listing",
    "detail/pagination": "listing",
    # SQL
    "sql_filter": "sql", "sql": "sql", "tokens_sql": "sql", "detail/sqlite_db": "sql",
    # the umbrella and the compile-once file include everything
    "../apiquery": "umbrella", "src": "umbrella",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*<apiquery/([^>]+)\.(?:hpp|ipp)>', re.M)


def key_of(rel):
    """'apiquery/impl/listing.ipp' -> 'listing'; 'apiquery/detail/utf8.hpp' -> 'detail/utf8'."""
    name = rel[len("apiquery/"):] if rel.startswith("apiquery/") else "../" + rel
    name = os.path.splitext(name)[0]
    if name.startswith("impl/"):
        name = name[len("impl/"):]
    return name


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
            me = key_of(rel)
            if me not in LAYER_OF:
                problems.append(f"{rel}: not assigned to a layer (add it to scripts/check-layers.py)")
                continue
            mine = LAYERS.index(LAYER_OF[me])
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            for m in INCLUDE.finditer(text):
                target = m.group(1)
                if target.startswith("impl/"):
                    target = target[len("impl/"):]
                if target not in LAYER_OF:
                    problems.append(f"{rel}: includes apiquery/{m.group(1)}, which is not assigned to a layer")
                    continue
                theirs = LAYERS.index(LAYER_OF[target])
                if theirs > mine:
                    line = text.count("\n", 0, m.start()) + 1
                    problems.append(f"{rel}:{line}: {LAYER_OF[me]} header includes apiquery/{m.group(1)} "
                                    f"of the higher layer {LAYER_OF[target]}")
            checked += 1
    for p in problems:
        print(p)
    print(f"check-layers: {checked} headers, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
