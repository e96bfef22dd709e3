#!/usr/bin/env python3
"""A Coach protocol client built on the `jsonrpcclient` library (PyPI), over a subprocess pipe.

jsonrpcclient builds the request objects and parses the replies into Ok/Error values; this script frames them as
JSON lines on `coach serve`'s stdin/stdout. It drives each playbook with the answers fixtures in
Tests/CoachCoreTests/Fixtures/answers/<id>/*.yaml when there are some (one session per file), and with prompt
defaults and examples otherwise, in lock-step until each completes; then it checks the drafts are complete.
It also checks that a stale answer (for a step that is no longer asked) is refused and changes nothing.

    pip install jsonrpcclient pyyaml
    python3 Tests/clients/jsonrpc_client.py .build/debug/coach [--playbooks DIR] [--answers DIR] [playbook ...]
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

from jsonrpcclient import Error, Ok, parse, request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coach_answers  # noqa: E402

try:
    import yaml
except ImportError:  # fixtures are then skipped, and prompts answered from their examples
    yaml = None


class Server:
    """`coach serve` on a pipe; `call` sends one jsonrpcclient request and parses its reply."""

    def __init__(self, binary, playbook_dirs):
        args = [binary, "serve"]
        for d in playbook_dirs:
            args += ["--playbooks", d]
        # Sessions go to the SQLite store in a fresh data folder (or COACH_HOME when set).
        home = os.environ.get("COACH_HOME") or tempfile.mkdtemp(prefix="coach-client-")
        env = dict(os.environ, COACH_TODAY=os.environ.get("COACH_TODAY", "2026-11-23"), COACH_HOME=home)
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)

    def send(self, method, params=None):
        message = request(method, params=params) if params is not None else request(method)
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "coach serve closed its output"
        response = parse(json.loads(line))
        assert response.id == message["id"], (response, message)
        return response

    def call(self, method, params=None):
        response = self.send(method, params)
        if isinstance(response, Error):
            raise AssertionError("%s failed: %s %s %s" % (method, response.code, response.message, response.data))
        assert isinstance(response, Ok)
        return response.result

    def close(self):
        self.call("shutdown")
        self.proc.stdin.close()
        assert self.proc.stdout.read() == ""
        assert self.proc.wait(timeout=10) == 0


def drive(server, pid, answers, label):
    turn = server.call("session/start", {"playbook": pid, "account": label})
    sid = turn["session"]
    checked_stale = False
    while turn["status"] == "asking":
        prompt = turn["prompt"]
        if prompt["kind"] == "info":
            turn = server.call("session/skip", {"session": sid, "step": prompt["step"]})
            continue
        given = coach_answers.fixture_answer(answers, prompt["step"])
        if given is None and not prompt["required"] and answers:
            turn = server.call("session/skip", {"session": sid, "step": prompt["step"]})
            continue
        for value in coach_answers.candidates(prompt, None if given is None else coach_answers.to_value(given)):
            previous = prompt["step"]
            nxt = server.call("session/answer", {"session": sid, "step": previous, "value": value})
            if "invalid" not in nxt:
                break
            assert given is None or value != coach_answers.to_value(given), "fixture answer refused: %s" % nxt["invalid"]
        else:
            raise AssertionError("no answer accepted for %s" % prompt["step"])
        if not checked_stale and nxt["status"] == "asking" and nxt["prompt"]["step"] != previous:
            stale = server.send("session/answer", {"session": sid, "step": previous, "value": value})
            assert isinstance(stale, Error) and stale.code == 1003 and stale.data["kind"] == "staleStep", stale
            assert stale.data["current"] == nxt["prompt"]["step"], stale.data
            again = server.call("session/state", {"session": sid})
            assert again["prompt"] == nxt["prompt"] and again["progress"] == nxt["progress"], "a stale answer changed the session"
            checked_stale = True
        turn = nxt
    assert turn["status"] == "completed", turn
    problems = coach_answers.incomplete(turn["outputs"])
    assert not problems, "%s (%s): %s" % (pid, label, problems)
    return turn


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--playbooks", action="append", default=[])
    parser.add_argument("--answers", default=coach_answers.ANSWERS)
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    server = Server(args.binary, args.playbooks or [coach_answers.FIXTURE_PLAYBOOKS])
    init = server.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "jsonrpc_client"}})
    assert init["protocolVersion"] == 1 and init["serverInfo"]["name"] == "coach", init
    known = [p["id"] for p in server.call("playbooks/list")["playbooks"]]
    ids = args.ids or [i for i in coach_answers.CORE if i in known]
    runs = 0
    for pid in ids:
        files = sorted(glob.glob(os.path.join(args.answers, pid, "*.yaml"))) if yaml else []
        sheets = [(os.path.basename(f), yaml.safe_load(open(f, encoding="utf-8"))) for f in files] or [("defaults", {})]
        for label, answers in sheets:
            turn = drive(server, pid, answers, label)
            runs += 1
            subjects = [o.get("subject") for o in turn["outputs"] if o["kind"] == "email"]
            print("%-26s %-34s %2d answers  %s" % (pid, label, turn["progress"]["answered"], subjects[0] if subjects else ""))
    server.close()
    print("jsonrpc_client: %d sessions of %d playbooks completed" % (runs, len(ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
