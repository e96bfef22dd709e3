#!/usr/bin/env bash
# The benchmark suite in one command: builds the release products and the floors, then measures Coach against
# them (start-up, first prompt, protocol lock-step and pipelined, memory, lint, store) and writes the figures,
# the machine and the verdict on each budget line into docs/benchmarks.md.
#
#   benchmarks/run.sh            full run (about 10 minutes on 2 cores)
#   benchmarks/run.sh --quick    fewer repeats and sessions (about 3 minutes)
#   benchmarks/run.sh --only startup,prompt,protocol,lint,store,engine [--no-write]
#   benchmarks/run.sh --only fleet [--quick] [--no-write]   the fleet run (benchmarks/fleet.py): SQLite, PostgreSQL
#                                            with one and two workers, on a release build with the Postgres trait
#   benchmarks/run.sh --baseline REV [...]   also builds commit REV (once, kept in .build-baseline/REV) and measures
#                                            it beside this tree in the same run (protocol, store, engine)
set -euo pipefail
cd "$(dirname "$0")/.."
# Release builds with the Swift runtime linked in (as installed; see README), Coach and floors alike, in their
# own folder so a debug build next to them is left alone.
export COACH_BENCHMARKS=1
products=(coach coach-bench floor-hello floor-libedit floor-responder)
args=()
fleet=0
fleet_args=()
while [ $# -gt 0 ]; do
    if [ "$1" = --only ] && [ "${2:-}" = fleet ]; then
        fleet=1
        shift 2
    elif [ "$1" = --quick ] || [ "$1" = --no-write ]; then
        if [ "$1" = --quick ]; then fleet_args+=(--sessions 500 --turns 500 --repeats 1); else fleet_args+=(--no-write); fi
        args+=("$1")
        shift
    elif [ "$1" = --baseline ]; then
        rev=$(git rev-parse --short "$2")
        src=".build-baseline/$rev"
        if [ ! -x "$src/.build-static/release/coach-bench" ]; then
            mkdir -p "$src"
            git archive "$rev" | tar -x -C "$src"
            for product in coach coach-bench; do
                (cd "$src" && swift build -c release --static-swift-stdlib --scratch-path .build-static --product "$product")
            done
        fi
        args+=(--baseline "$src/.build-static/release" --baseline-label "$rev")
        shift 2
    else
        args+=("$1")
        shift
    fi
done
if [ "$fleet" = 1 ]; then
    swift build -c release --static-swift-stdlib --traits Postgres --scratch-path .build-fleet --product coach
    exec python3 benchmarks/fleet.py --binary .build-fleet/release/coach "${fleet_args[@]}"
fi
for product in "${products[@]}"; do
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product "$product"
done
exec python3 benchmarks/suite.py "${args[@]}"
