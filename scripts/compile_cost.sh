#!/usr/bin/env bash
# Compile cost of apiquery's headers for their users, as ratios to a translation unit that includes only
# the dependencies (<tao/pegtl.hpp> and <boost/json.hpp>).
#
# Writes small translation units into a temporary folder, compiles each one with
# `$CXX -std=c++20 -O2 -c -I <include>` (header-only mode unless the row says otherwise), keeps the best
# of N wall times, and prints a markdown table. The rounds are interleaved (round r compiles every
# translation unit once), so that the ratios hold on a shared machine even when the seconds do not.
#
#   scripts/compile_cost.sh [--runs N] [--cxx COMPILER] [--include DIR] [--baseline DIR] [--trace]
#
#   --runs N        best of N compilations of each translation unit (default 2)
#   --cxx C         the compiler (default: $CXX, else g++)
#   --include DIR   the include folder measured (default: include/ of this repository)
#   --baseline DIR  also measure the headers of DIR, in the same rounds (a "before" column), e.g.
#                   mkdir /tmp/base && git archive HEAD include | tar -x -C /tmp/base
#                   scripts/compile_cost.sh --baseline /tmp/base/include
#   --flags F       extra compiler flags
#   --cpu           rank by the compiler's CPU time (user + sys) instead of wall time: on a loaded machine
#                   the wall times of a round vary with the load, its CPU times much less
#   --trace         also compile the umbrella and the parse_filter translation units with
#                   clang++-14 -ftime-trace and print, for each, the compiler's phases, the 15 headers
#                   that take longest to parse (inclusive) and the 15 templates whose instantiations
#                   take longest (all instantiations of a template together, time spent in the template
#                   itself); needs python3
#   --keep          keep the temporary folder and print its path
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=2
cxx=${CXX:-g++}
inc="$here/include"
base=""
extra=""
trace=0
keep=0
metric=wall
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --cxx) cxx=$2; shift 2 ;;
        --include) inc=$(cd "$2" && pwd); shift 2 ;;
        --baseline) base=$(cd "$2" && pwd); shift 2 ;;
        --flags) extra=$2; shift 2 ;;
        --trace) trace=1; shift ;;
        --cpu) metric=cpu; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/apiquery-compile-cost.XXXXXX")
if [[ $keep == 0 ]]; then
    trap 'rm -rf "$work"' EXIT
fi

# Each row: its label, the extra flags, and the translation unit (after the label line of the here-doc).
names=()
flags=()
add() { # label flags < source
    local k=${#names[@]}
    names+=("$1")
    flags+=("$2")
    cat >"$work/tu$k.cpp"
}

add "deps only: \`<tao/pegtl.hpp>\` + \`<boost/json.hpp>\`" "" <<'EOF'
#include <tao/pegtl.hpp>
#include <boost/json.hpp>
int deps_use(const char* s) { return static_cast<int>(boost::json::value(s).as_string().size()); }
EOF
add "\`<apiquery.hpp>\`, trivial use (parse_uuid)" "" <<'EOF'
#include <apiquery.hpp>
bool umbrella_use(std::string_view s) { return apiquery::parse_uuid(s).has_value(); }
EOF
add "\`<apiquery.hpp>\` + parse_filter + to_odata" "" <<'EOF'
#include <apiquery.hpp>
#include <string>
std::string umbrella_filter_use(std::string_view text) {
    auto r = apiquery::parse_filter(text);
    return r ? apiquery::to_odata(*r) : r.error().message;
}
EOF
add "\`<apiquery.hpp>\` + parse_filter + to_odata, APIQUERY_SEPARATE_COMPILATION" "-DAPIQUERY_SEPARATE_COMPILATION" <"$work/tu2.cpp"
add "\`<apiquery/odata/filter.hpp>\` + parse_filter" "" <<'EOF'
#include <apiquery/odata/filter.hpp>
bool filter_use(std::string_view text) { return apiquery::parse_filter(text).has_value(); }
EOF
# The parser's share: the same header without the call (the grammar is instantiated, but not compiled
# to code), and its declarations only (separate compilation).
add "\`<apiquery/odata/filter.hpp>\`, parse_filter not called" "" <<'EOF'
#include <apiquery/odata/filter.hpp>
EOF
add "\`<apiquery/odata/filter.hpp>\` + parse_filter, APIQUERY_SEPARATE_COMPILATION" "-DAPIQUERY_SEPARATE_COMPILATION" <"$work/tu4.cpp"
add "\`<apiquery/request/param.hpp>\` + python_repr" "" <<'EOF'
#include <apiquery/request/param.hpp>
#include <string>
std::string param_use(std::string_view s) { return apiquery::python_repr(s); }
EOF
add "\`<apiquery/value/timestamp.hpp>\` + parse_timestamp" "" <<'EOF'
#include <apiquery/value/timestamp.hpp>
bool timestamp_use(std::string_view s) { return apiquery::parse_timestamp(s).has_value(); }
EOF
add "\`<apiquery/value/odata_time.hpp>\` + parse_odata_datetimeoffset" "" <<'EOF'
#include <apiquery/value/odata_time.hpp>
bool odata_time_use(std::string_view s) { return apiquery::parse_odata_datetimeoffset(s).has_value(); }
EOF
add "\`<apiquery/value/uuid.hpp>\` + parse_uuid" "" <<'EOF'
#include <apiquery/value/uuid.hpp>
bool uuid_use(std::string_view s) { return apiquery::parse_uuid(s).has_value(); }
EOF
add "\`<apiquery/endpoints/tokens/model.hpp>\` + write_model_json" "" <<'EOF'
#include <apiquery/endpoints/tokens/model.hpp>
#include <string>
std::string token_use(const apiquery::token& t) { return apiquery::write_model_json(t); }
EOF
add "\`<apiquery/model/paginated_result.hpp>\` + \`<apiquery/endpoints/tokens/model.hpp>\` + write_model_json" "" <<'EOF'
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/endpoints/tokens/model.hpp>
#include <string>
std::string paginated_use(const apiquery::paginated_result<apiquery::token>& p) {
    return apiquery::write_model_json(p);
}
EOF
add "\`<apiquery/request/validation_error.hpp>\` + json_text" "" <<'EOF'
#include <apiquery/request/validation_error.hpp>
#include <string>
std::string validation_error_use(const apiquery::http_validation_error& body) { return apiquery::json_text(body); }
EOF

dirs=("$inc")
[[ -n $base ]] && dirs=("$base" "$inc")
declare -A best
TIMEFORMAT='%R %U %S'
for ((r = 0; r < runs; r++)); do
    for ((k = 0; k < ${#names[@]}; k++)); do
        for ((d = 0; d < ${#dirs[@]}; d++)); do
            # The deps-only translation unit does not include apiquery: one compilation a round serves both.
            [[ $k == 0 && $d -gt 0 ]] && continue
            # shellcheck disable=SC2086
            if ! { time "$cxx" -std=c++20 -O2 -c -I "${dirs[$d]}" ${flags[$k]} $extra "$work/tu$k.cpp" \
                -o "$work/tu$k.o" 2>"$work/err"; } 2>"$work/time"; then
                cat "$work/err" >&2
                echo "compile failed: ${names[$k]} with ${dirs[$d]} ($work/tu$k.cpp)" >&2
                exit 1
            fi
            if [[ $metric == cpu ]]; then
                t=$(awk '{ printf "%.3f", $2 + $3 }' "$work/time")
            else
                t=$(awk '{ printf "%.3f", $1 }' "$work/time")
            fi
            key="$k,$d"
            if [[ -z ${best[$key]:-} ]] || awk -v a="$t" -v b="${best[$key]}" 'BEGIN { exit !(a < b) }'; then
                best[$key]=$t
            fi
        done
    done
done

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at the end."
echo "Compiler: $("$cxx" --version | head -1); \`$cxx -std=c++20 -O2 -c -I include${extra:+ $extra}\`, header-only"
what="wall seconds"
[[ $metric == cpu ]] && what="CPU seconds (user + sys)"
echo "unless noted; $what, best of $runs interleaved rounds; ratio to the deps-only translation unit."
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
if [[ -n $base ]]; then
    best[0,1]=${best[0,0]}
    echo "Before: \`$base\`; after: \`$inc\`."
    echo
    echo "| translation unit | before s | before ratio | after s | after ratio |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for ((k = 0; k < ${#names[@]}; k++)); do
        printf '| %s | %.2f | %s | %.2f | %s |\n' "${names[$k]}" "${best[$k,0]}" "$(ratio "${best[$k,0]}" "${best[0,0]}")" \
            "${best[$k,1]}" "$(ratio "${best[$k,1]}" "${best[0,1]}")"
    done
else
    echo "| translation unit | seconds | ratio |"
    echo "| --- | ---: | ---: |"
    for ((k = 0; k < ${#names[@]}; k++)); do
        printf '| %s | %.2f | %s |\n' "${names[$k]}" "${best[$k,0]}" "$(ratio "${best[$k,0]}" "${best[0,0]}")"
    done
fi

if [[ $trace == 1 ]]; then
    command -v clang++-14 >/dev/null || { echo "--trace needs clang++-14" >&2; exit 1; }
    for k in 1 4; do # the umbrella and filter.hpp + parse_filter
        # shellcheck disable=SC2086
        clang++-14 -std=c++20 -O2 -c -I "$inc" ${flags[$k]} $extra -ftime-trace -ftime-trace-granularity=100 \
            "$work/tu$k.cpp" -o "$work/trace$k.o"
        echo
        echo "### clang++-14 -ftime-trace: ${names[$k]}"
        python3 - "$work/trace$k.json" "$inc" <<'EOF'
import collections, json, re, sys

events = [e for e in json.load(open(sys.argv[1]))["traceEvents"] if e.get("ph") == "X"]
inc = sys.argv[2].rstrip("/") + "/"

def short(p):
    p = p.replace(inc, "")
    p = re.sub(r".*/include/c\+\+/\d+/", "std: ", p)
    return re.sub(r"^/usr/(local/)?include/", "", p)

totals = {e["name"][6:]: e["dur"] for e in events if e["name"].startswith("Total ")}
print()
print("Phases, ms: " + ", ".join(f"{k} {totals[k] / 1000:.0f}" for k in
      ("ExecuteCompiler", "Frontend", "Source", "ParseClass", "InstantiateClass", "InstantiateFunction",
       "PerformPendingInstantiations", "Backend", "OptModule", "CodeGenPasses") if k in totals))

# Events nest on one thread; a parent's self time is its duration minus its children's.
events.sort(key=lambda e: (e["ts"], -e["dur"]))
children = collections.Counter()
stack = []
for i, e in enumerate(events):
    while stack and events[stack[-1]]["ts"] + events[stack[-1]]["dur"] <= e["ts"]:
        stack.pop()
    if stack:
        children[stack[-1]] += e["dur"]
    stack.append(i)

# Headers: inclusive time of the outermost inclusion of each file.
incl = collections.Counter()
open_src = []
for e in events:
    if e["name"] != "Source":
        continue
    while open_src and open_src[-1][0] <= e["ts"]:
        open_src.pop()
    p = short(e["args"]["detail"])
    if all(q != p for _, q in open_src):
        incl[p] += e["dur"]
    open_src.append((e["ts"] + e["dur"], p))
print()
print("| header (parse time, inclusive) | ms |")
print("| --- | ---: |")
for p, d in incl.most_common(15):
    print(f"| {p} | {d / 1000:.0f} |")

# Templates: self time of every instantiation, summed per template (arguments dropped).
inst = collections.Counter()
count = collections.Counter()
for i, e in enumerate(events):
    if e["name"] in ("InstantiateFunction", "InstantiateClass"):
        name = re.sub(r"<.*", "<...>", e["args"]["detail"])
        inst[name] += e["dur"] - children[i]
        count[name] += 1
print()
print("| template (all instantiations, self time) | count | ms |")
print("| --- | ---: | ---: |")
for name, d in inst.most_common(15):
    print(f"| `{name}` | {count[name]} | {d / 1000:.0f} |")
EOF
    done
fi
if [[ $keep == 1 ]]; then
    echo
    echo "(kept $work)"
fi
