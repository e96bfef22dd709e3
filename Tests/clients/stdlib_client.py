#!/usr/bin/env python3
"""A Coach protocol client with only the Python standard library.

It starts `coach serve`, initializes, starts one session of each playbook it drives, and answers them in
lock-step, round-robin (so several sessions are open in one server at once), until each completes. Each prompt
is answered with its default, an example or a choice; a refused answer (turn.invalid) is retried with the next
candidate. It then checks the drafts are complete and that session/list shows every session.

    python3 Tests/clients/stdlib_client.py .build/debug/coach [--playbooks DIR] [--all] [playbook ...]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coach_answers  # noqa: E402


class RPCError(Exception):
    def __init__(self, error):
        super().__init__("%s %s: %s" % (error["code"], error["data"]["kind"], error["message"]))
        self.error = error


class Coach:
    """One `coach serve` process, spoken to one request at a time."""

    def __init__(self, binary, playbook_dirs):
        args = [binary, "serve"]
        for d in playbook_dirs:
            args += ["--playbooks", d]
        # Sessions go to the SQLite store in a fresh data folder (or COACH_HOME when set).
        home = os.environ.get("COACH_HOME") or tempfile.mkdtemp(prefix="coach-client-")
        env = dict(os.environ, COACH_TODAY=os.environ.get("COACH_TODAY", "2026-11-23"), COACH_HOME=home)
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.proc.stdin.write(json.dumps(message).encode() + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("coach serve closed its output (exit %s)" % self.proc.poll())
        reply = json.loads(line)
        assert reply["jsonrpc"] == "2.0" and reply["id"] == self.next_id, reply
        if "error" in reply:
            raise RPCError(reply["error"])
        return reply["result"]

    def close(self):
        self.call("shutdown")
        self.proc.stdin.close()
        rest = self.proc.stdout.read()
        status = self.proc.wait(timeout=10)
        assert rest == b"", "output after shutdown: %r" % rest[:200]
        assert status == 0, "exit status %s" % status


def answer_one(coach, turn):
    """Answers the current prompt of `turn`; returns the next turn."""
    prompt = turn["prompt"]
    if prompt["kind"] == "info":
        return coach.call("session/skip", session=turn["session"], step=prompt["step"])
    for value in coach_answers.candidates(prompt):
        nxt = coach.call("session/answer", session=turn["session"], step=prompt["step"], value=value)
        if "invalid" not in nxt:
            return nxt
    raise AssertionError("no candidate answer was accepted for %s" % prompt["step"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--playbooks", action="append", default=[])
    parser.add_argument("--all", action="store_true", help="drive every playbook the server has")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    coach = Coach(args.binary, args.playbooks or [coach_answers.FIXTURE_PLAYBOOKS])
    init = coach.call("initialize", protocolVersion=1, clientInfo={"name": "stdlib_client", "version": "1"})
    assert init["protocolVersion"] == 1, init
    known = [p["id"] for p in coach.call("playbooks/list")["playbooks"]]
    ids = args.ids or (known if args.all else [i for i in coach_answers.CORE if i in known])
    missing = [i for i in ids if i not in known]
    assert not missing, "the server has no playbook %s" % missing
    turns = {}
    for pid in ids:
        turn = coach.call("session/start", playbook=pid, account="Client of " + pid)
        turns[turn["session"]] = (pid, turn)
    steps = 0
    while any(t["status"] == "asking" for _, t in turns.values()):
        for sid, (pid, turn) in list(turns.items()):
            if turn["status"] != "asking":
                continue
            nxt = answer_one(coach, turn)
            assert nxt["session"] == sid, nxt
            turns[sid] = (pid, nxt)
            steps += 1
            assert steps < 5000, "the sessions do not finish"
    failures = []
    for sid, (pid, turn) in turns.items():
        assert turn["status"] == "completed", turn
        problems = coach_answers.incomplete(turn["outputs"])
        failures += ["%s: %s" % (pid, p) for p in problems]
        preview = coach.call("session/preview", session=sid)
        assert preview["outputs"] == turn["outputs"], "preview of a completed session differs from its outputs"
        emails = [o for o in turn["outputs"] if o["kind"] == "email"]
        print("%-26s %s  %d answers, %d outputs%s" % (
            pid, sid, turn["progress"]["answered"], len(turn["outputs"]),
            ("; email subject: " + emails[0].get("subject", "")) if emails else ""))
    listed = {s["session"]: s for s in coach.call("session/list")["sessions"]}
    for sid, (pid, _) in turns.items():
        assert listed[sid]["status"] == "completed" and listed[sid]["playbook"] == pid, listed.get(sid)
    coach.close()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print("stdlib_client: %d playbooks completed in %d answered steps" % (len(turns), steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
