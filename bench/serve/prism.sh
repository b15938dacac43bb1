#!/usr/bin/env bash
# apiquery serve against Stoplight Prism (`prism mock`, what client teams pick as a stand-in today), in one
# run: wrk -t1 -c64 against each, for the requests of run.sh (a 422, a first page, a filtered page).
# Prism serves the endpoint's OpenAPI description, which this script builds from the endpoint's API page
# (the .mdx of the deepset documentation: its `parameters` and `responses` JSON). Prism is installed with
# npm into BUILD_DIR/prism (not part of the build; needs the npm registry once).
#
#   cmake --preset bench && cmake --build build/bench --target apiquery_cli
#   bench/serve/prism.sh SPEC.mdx [BUILD_DIR (build/bench)] [SECONDS (10)]
#
# Goal (issue "apiquery serve"): >= 20x Prism on the same requests. Loopback only; both servers are
# stopped by PID on exit. Prism answers the 422 in its own format and evaluates no filter: the figures
# compare the cost of an answer, not the answers.
set -euo pipefail
spec="${1:?usage: bench/serve/prism.sh SPEC.mdx [BUILD_DIR] [SECONDS]}"
build="${2:-build/bench}"
seconds="${3:-10}"
apiquery="$build/tools/apiquery"
[ -x "$apiquery" ] || { echo "prism.sh: $apiquery is missing (build the bench preset)" >&2; exit 1; }
for tool in wrk node npm python3; do
    command -v "$tool" >/dev/null || { echo "prism.sh: $tool is missing" >&2; exit 1; }
done
prism_dir="$build/prism"
if [ ! -x "$prism_dir/node_modules/.bin/prism" ]; then
    mkdir -p "$prism_dir"
    (cd "$prism_dir" && npm install --no-audit --no-fund --loglevel=error @stoplight/prism-cli >/dev/null)
fi
prism="$prism_dir/node_modules/.bin/prism"

. "$(dirname "$0")/servers.sh"

# The OpenAPI 3.1 description of the one operation, from the page's parameters and responses.
python3 - "$spec" "$tmp/openapi.json" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def prop(name, opening, closing):
    m = re.search(re.escape(name) + r"=\{(" + re.escape(opening) + r".*?" + re.escape(closing) + r")\}\n", text, re.S)
    if not m:
        sys.exit(f"prism.sh: no {name} in {sys.argv[1]}")
    return json.loads(m.group(1))
doc = {
    "openapi": "3.1.0",
    "info": {"title": "Get Workspace Tokens", "version": "1"},
    "paths": {"/api/v1/workspaces/{workspace_name}/token": {"get": {
        "operationId": "get_workspace_tokens",
        "parameters": prop("parameters", "[", "]"),
        "responses": prop("responses", "{", "}"),
    }}},
}
json.dump(doc, open(sys.argv[2], "w"))
PY

"$apiquery" sqlite-load "$tmp/tokens.db" >/dev/null
start_listening serve "$apiquery" serve --port 0 --threads 1 --sqlite "$tmp/tokens.db"
base_serve=$url
# Prism prints no such line: a free port, then wait until it answers (any status).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base_prism="http://127.0.0.1:$port"
"$prism" mock --host 127.0.0.1 --port "$port" "$tmp/openapi.json" >"$tmp/prism.out" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
    curl -s -o /dev/null "$base_prism/" && break
    sleep 0.1
done
curl -s -o /dev/null "$base_prism/" || { echo "prism.sh: prism did not start: $(tail -5 "$tmp/prism.out")" >&2; exit 1; }

tokens=/api/v1/workspaces/production/token
printf 'wrk -t1 -c64 -d%ss; apiquery serve --threads 1 --sqlite (300 tokens) and prism mock, same run\n\n' "$seconds"
printf '%-34s %14s %14s %8s\n' "" "apiquery req/s" "prism req/s" "ratio"
for row in "422 (limit=1000)|$tokens?limit=1000" \
           "first page (limit=10)|$tokens?limit=10" \
           "filtered page (role eq 'ADMIN')|$tokens?limit=10&filter=role%20eq%20%27ADMIN%27"; do
    IFS='|' read -r name target <<<"$row"
    printf '  %s: apiquery %s, prism %s\n' "$name" \
        "$(curl -s -o /dev/null -w '%{http_code}' "$base_serve$target")" \
        "$(curl -s -o /dev/null -w '%{http_code}' "$base_prism$target")" >&2
    read -r a _ < <(measure "$seconds" "$base_serve$target")
    read -r p _ < <(measure "$seconds" "$base_prism$target")
    printf '%-34s %14.0f %14.0f %7.1fx  (goal >= 20x)\n' "$name" "$a" "$p" \
        "$(awk -v a="$a" -v b="$p" 'BEGIN { printf "%.1f", a / b }')"
done
