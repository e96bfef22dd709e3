#!/usr/bin/env bash
# Runs the Python protocol checks against a built coach binary: the golden transcripts (and that re-recording
# them keeps their placeholders and fails until checked again), schema validation,
# the standard-library client, the jsonrpcclient client, the fuzz test and the MCP client of `coach mcp`.
# Exits non-zero if any fails.
#
#   Tests/clients/run_all.sh .build/debug/coach
#
# Needs jsonschema, jsonrpcclient, pyyaml and mcp (Tests/clients/requirements.txt); installs them with pip when
# they are missing (set COACH_NO_PIP=1 to skip that and fail instead).
set -u
if [ $# -lt 1 ]; then
    echo "usage: $0 COACH_BINARY" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
python="${PYTHON:-python3}"
if [ ! -x "$binary" ]; then
    echo "run_all.sh: $binary is not an executable; build it first (swift build)" >&2
    exit 2
fi
if ! "$python" -c 'import jsonschema, jsonrpcclient, yaml, mcp' 2>/dev/null; then
    if [ "${COACH_NO_PIP:-}" = "1" ]; then
        echo "run_all.sh: missing Python packages; pip install -r $here/requirements.txt" >&2
        exit 1
    fi
    "$python" -m pip install --quiet -r "$here/requirements.txt" || exit 1
fi

cd "$root" || exit 1
failed=()
run() {
    local name="$1"
    shift
    echo "== $name"
    if ! "$@"; then
        failed+=("$name")
    fi
}
# Any shipped playbooks are found by the binary itself; the fixtures add account-checkup.
fixtures="Tests/CoachProtocolTests/Fixtures/playbooks"
run transcripts "$python" "$here/transcripts.py" "$binary"
run transcripts_record "$python" "$here/transcripts_record_test.py" "$binary"
run validate_schema "$python" "$here/validate_schema.py" "$binary"
run stdlib_client "$python" "$here/stdlib_client.py" "$binary" --playbooks "$fixtures"
run jsonrpc_client "$python" "$here/jsonrpc_client.py" "$binary" --playbooks "$fixtures"
run fuzz "$python" "$here/fuzz.py" "$binary"
run mcp_client "$python" "$here/mcp_client.py" "$binary"

if [ ${#failed[@]} -gt 0 ]; then
    echo "run_all.sh: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "run_all.sh: all protocol checks passed"
