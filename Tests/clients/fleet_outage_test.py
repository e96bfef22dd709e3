#!/usr/bin/env python3
"""The fleet's database goes away mid-session and comes back; and the store URLs a person gets wrong.

A `coach serve --store postgres://…` worker has a session going when the private cluster is stopped: an answer and a
new session are refused with `1010 storeUnavailable` (nothing acknowledged), the worker stays up (ping), and once the
cluster is started again the same answer is accepted within seconds and is the only one stored. Then a wrong
password, a missing database and a malformed URL each give one clear message saying what to do.

Usage: fleet_outage_test.py BINARY (needs COACH_TEST_POSTGRES_URL and COACH_TEST_POSTGRES_DIR, as .ci/test sets)
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
UNAVAILABLE = 1010


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


class Worker:
    def __init__(self, binary, url, env):
        self.process = subprocess.Popen([binary, "serve", "--store", url], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        self.next_id = 0
        self.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "fleet_outage_test", "version": "1"}})

    def call(self, method, params):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                             "params": params}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            fail(f"the worker exited (status {self.process.wait()}) after {method}")
        return json.loads(line)


def cluster(action):
    subprocess.run([os.path.join(HERE, "pg_cluster.sh"), action, os.environ["COACH_TEST_POSTGRES_DIR"]], check=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    url = os.environ.get("COACH_TEST_POSTGRES_URL")
    if not url or not os.environ.get("COACH_TEST_POSTGRES_DIR"):
        print("fleet_outage_test: skipped: no private PostgreSQL cluster (.ci/test starts one when PostgreSQL is "
              "installed)")
        return
    env = dict(os.environ, COACH_TODAY="2026-11-20")
    env.pop("COACH_STORE", None)
    worker = Worker(binary, url, env)
    turn = worker.call("session/start", {"playbook": "post-escalation-recovery"})["result"]
    session = turn["session"]
    while turn["prompt"]["kind"] == "info":
        turn = worker.call("session/skip", {"session": session, "step": turn["prompt"]["step"]})["result"]
    step = turn["prompt"]["step"]

    cluster("stop")
    try:
        for method, params in [("session/answer", {"session": session, "step": step, "value": "Acme Freight"}),
                               ("session/start", {"playbook": "post-escalation-recovery"})]:
            reply = worker.call(method, params)
            error = reply.get("error")
            if not error or error["code"] != UNAVAILABLE or error["data"]["kind"] != "storeUnavailable":
                fail(f"{method} with the database stopped: expected 1010 storeUnavailable, got {json.dumps(reply)[:300]}")
            if "reconnects" not in error["data"]["hint"] or "nothing was saved" not in error["message"]:
                fail(f"the message does not say what happened and what to do: {error}")
        if "result" not in worker.call("ping", {}):
            fail("the worker does not answer ping while the database is down")
    finally:
        cluster("start")

    started = time.monotonic()
    while True:
        reply = worker.call("session/answer", {"session": session, "step": step, "value": "Acme Freight"})
        if "result" in reply:
            break
        if reply["error"]["code"] != UNAVAILABLE or time.monotonic() - started > 20:
            fail(f"the worker did not carry on after the database came back: {json.dumps(reply)[:300]}")
        time.sleep(0.1)
    waited = time.monotonic() - started
    state = worker.call("session/state", {"session": session})["result"]
    answered = [a for a in state["answers"] if a["step"] == step]
    if len(answered) != 1 or answered[0]["answer"] != "Acme Freight":
        fail(f"after the outage the session holds {answered}, expected the one answer: {json.dumps(state)[:600]}")
    listing = subprocess.run([binary, "sessions", "list", "--store", url], capture_output=True, text=True, env=env)
    if session not in listing.stdout:
        fail(f"coach sessions does not list {session}: {listing.stdout} {listing.stderr}")

    # Store URLs a person gets wrong: one clear message each, saying what to do.
    port = url.rsplit(":", 1)[1].split("/")[0]
    cases = [
        ("a wrong password", url, dict(env, PGPASSWORD="not-the-password"), 1, "PGPASSWORD"),
        ("a missing database", f"postgres://coach@127.0.0.1:{port}/no_such_db", env, 1, "createdb"),
        ("a malformed URL", "postgres://127.0.0.1/coach", env, 2, "write postgres://USER@"),
        ("a password in the URL", f"postgres://coach:secret@127.0.0.1:{port}/coach_test", env, 2, "PGPASSWORD"),
        ("a server not running", "postgres://coach@127.0.0.1:1/coach_test", env, 1, "server is running"),
    ]
    for what, bad, bad_env, status, advice in cases:
        run = subprocess.run([binary, "sessions", "list", "--store", bad], capture_output=True, text=True,
                             env=bad_env, timeout=30)
        if run.returncode != status or advice not in run.stderr or "secret" in run.stderr:
            fail(f"{what}: exit {run.returncode} (expected {status}), stderr {run.stderr.strip()!r} should say "
                 f"{advice!r}")
    worker.process.stdin.close()
    worker.process.wait(timeout=10)
    print(f"fleet_outage_test: refused while down, carried on {waited:.1f} s after the database came back; "
          f"{len(cases)} bad store URLs each explained")
    print("fleet_outage_test: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
