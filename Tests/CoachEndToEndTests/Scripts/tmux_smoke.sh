#!/bin/sh
# Smoke test of the interactive coach in tmux: start, Tab, answer, Ctrl-C, /preview, Ctrl-D.
# Usage: Tests/CoachEndToEndTests/Scripts/tmux_smoke.sh [path/to/coach]   (default .build/debug/coach; needs tmux)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
bin=${1:-$root/.build/debug/coach}
session=coach-smoke-$$
home=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$home"' EXIT

fail() { echo "FAIL: $1"; tmux capture-pane -p -t "$session" || true; exit 1; }
wait_for() {  # wait_for TEXT: poll the screen for up to 10 s
    i=0
    while ! tmux capture-pane -p -t "$session" | grep -qF -- "$1"; do
        i=$((i + 1)); [ "$i" -gt 100 ] && fail "did not see: $1"; sleep 0.1
    done
}

tmux new-session -d -s "$session" -x 100 -y 40 \
    "env HOME=$home COACH_HOME=$home/coach COACH_TODAY=2026-03-02 LANG=C.UTF-8 TERM=xterm-256color NO_COLOR=1 \
     $bin --playbooks $root/Tests/CoachCoreTests/Fixtures/playbooks; echo EXIT=\$?; sleep 5"
wait_for "coach>"
tmux send-keys -t "$session" 'account-ch' Tab Enter
wait_for "Press Enter to go on."
tmux send-keys -t "$session" Enter
wait_for "Which client is this about?"
tmux send-keys -t "$session" 'half typed'
sleep 0.3
tmux send-keys -t "$session" C-c
wait_for "Cleared the line."
tmux send-keys -t "$session" 'Zoë Müller GmbH' Enter
wait_for "email address?"
tmux send-keys -t "$session" '/preview' Enter
wait_for "Subject: Zoë Müller GmbH: our account check-up"
tmux send-keys -t "$session" C-u C-d
wait_for "EXIT=0"
[ "$(stat -c %a "$home/coach/history")" = 600 ] || fail "history file is not 0600"
echo "PASS: tmux smoke test"
