#!/usr/bin/env bash
# The benchmark suite in one command: builds the release products and the floors, then measures Coach against
# them (start-up, first prompt, protocol lock-step and pipelined, memory, lint, store) and writes the figures,
# the machine and the verdict on each budget line into docs/benchmarks.md.
#
#   benchmarks/run.sh            full run (about 10 minutes on 2 cores)
#   benchmarks/run.sh --quick    fewer repeats and sessions (about 3 minutes)
#   benchmarks/run.sh --only startup,prompt,protocol,lint,store,engine [--no-write]
set -euo pipefail
cd "$(dirname "$0")/.."
# Release builds with the Swift runtime linked in (as installed; see README), Coach and floors alike, in their
# own folder so a debug build next to them is left alone.
export COACH_BENCHMARKS=1
for product in coach coach-bench floor-hello floor-libedit floor-responder; do
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product "$product"
done
exec python3 benchmarks/suite.py "$@"
