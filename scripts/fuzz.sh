#!/usr/bin/env bash
# Builds the libFuzzer targets (preset 'fuzz': clang-14, ASan, UBSan) and runs each one.
#   scripts/fuzz.sh [--build] [--seconds N] [--jobs N] [TARGET...]
# For each target: replay fuzz/regressions/<t>/ first (must pass), then fuzz for N seconds (default 60)
# starting from fuzz/corpus/<t>/, writing new inputs to build/fuzz/corpus-<t>/ (a working corpus kept
# between runs) and any crash to build/fuzz/artifacts-<t>/. Exits non-zero on the first finding.
# A long campaign: scripts/fuzz.sh --build --seconds 1800
set -euo pipefail
cd "$(dirname "$0")/.."
build=0
seconds=60
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --seconds) seconds="$2"; shift ;;
        *) targets+=("$1") ;;
    esac
    shift
done
if [ "$build" = 1 ]; then
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
fi
if [ ${#targets[@]} -eq 0 ]; then
    for src in fuzz/*.cpp; do
        name=$(basename "$src" .cpp)
        [ "$name" = replay_main ] || targets+=("$name")
    done
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for t in "${targets[@]}"; do
    bin="build/fuzz/fuzz/fuzz_$t"
    [ -x "$bin" ] || bin="build/fuzz/fuzz_$t"
    if [ ! -x "$bin" ]; then
        echo "fuzz: no binary for target $t" >&2
        exit 1
    fi
    work="build/fuzz/corpus-$t"
    art="build/fuzz/artifacts-$t"
    mkdir -p "$work" "$art" "fuzz/regressions/$t"
    opts=()
    [ -f "fuzz/$t.dict" ] && opts+=("-dict=fuzz/$t.dict")
    if [ -f "fuzz/$t.options" ]; then
        max_len=$(sed -n 's/^max_len *= *//p' "fuzz/$t.options")
        [ -n "$max_len" ] && opts+=("-max_len=$max_len")
    fi
    echo "--- $t: replaying fuzz/regressions/$t"
    regressions=(fuzz/regressions/"$t"/*)
    if [ -e "${regressions[0]}" ]; then
        "$bin" -runs=0 "${opts[@]}" "${regressions[@]}" 2>&1 | tail -n 2
    fi
    echo "--- $t: fuzzing for ${seconds}s"
    "$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$art/" \
        "$work" "fuzz/corpus/$t" 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)|ERROR|SUMMARY' || true
    if compgen -G "$art/*" >/dev/null; then
        echo "fuzz: $t found a failing input: $(ls "$art")" >&2
        exit 1
    fi
    # Coverage reached: the working corpus replayed once (libFuzzer's INITED line: edges, features).
    "$bin" -runs=0 "${opts[@]}" "$work" 2>&1 | grep -E '^#[0-9]+[[:space:]]+INITED' | sed "s/^/--- $t coverage: /" || true
done
echo "fuzz: ${#targets[@]} targets ran for ${seconds}s each without findings"
