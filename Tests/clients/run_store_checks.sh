#!/usr/bin/env bash
# Checks the durable session store through the real binary: exports (.eml, .ics), file modes, two processes on
# one database, and (when `coach serve` is there) kill -9 crash recovery and group commit. Usage: run_store_checks.sh BINARY
set -euo pipefail
binary="${1:?usage: run_store_checks.sh BINARY}"
here="$(cd "$(dirname "$0")" && pwd)"
status=0
for check in test_exports.py concurrent_sessions.py crash_test.py group_commit_test.py; do
  [ -f "$here/$check" ] || continue
  echo "== $check"
  python3 "$here/$check" "$binary" || status=1
done
exit $status
