#!/usr/bin/env python3
"""A fleet of `coach serve` workers on one shared store, driven the way a chat platform's router would.

Three workers run `coach serve --store URL`. Every session's requests go to random workers; some answers are sent
twice (one after the other) or to two workers at the same moment, and must be applied once; random workers are
killed with `kill -9` during the run (while a request is in flight or right after a reply) and started again.
At the end every session must have completed with exactly the drafts a single, undisturbed worker produces for the
same answers, keep every answer a worker acknowledged, and be listed by `coach sessions --store URL`.

Usage: fleet_test.py BINARY [--store URL] [--sessions N] [--seed S]
The store defaults to $COACH_TEST_POSTGRES_URL (.ci/test starts a private PostgreSQL cluster and sets it); without
one the test says it was skipped and why.
"""
import argparse
import glob
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests/CoachCoreTests/Fixtures/answers")
WORKERS = 3
TODAY = "2026-11-20"
STALE = 1003
CLOSED = 1008  # what a duplicate of a session's last answer gets: the session is complete, nothing is asked


class WorkerDied(Exception):
    pass


class Worker:
    """One `coach serve` process speaking JSON lines on its pipes."""

    def __init__(self, name, binary, store, env):
        self.name, self.binary, self.store, self.env = name, binary, store, env
        self.next_id = 0
        self.process = None
        self.start()

    def start(self):
        command = [self.binary, "serve"] + (["--store", self.store] if self.store else ["--no-store"])
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=self.env, text=True, encoding="utf-8")
        reply = self.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "fleet_test", "version": "1"}})
        assert "result" in reply, f"{self.name}: initialize failed: {reply}"
        # initialize names the store the worker saves in.
        expected = "memory" if not self.store else "postgres" if self.store.startswith("postgres") else "sqlite"
        persistence = reply["result"]["capabilities"]["persistence"]
        assert persistence == expected, f"{self.name}: initialize says persistence {persistence!r}, not {expected!r}"

    def send(self, method, params):
        self.next_id += 1
        line = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        try:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise WorkerDied(str(error))
        return self.next_id

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise WorkerDied(f"{self.name} closed its output")
        return json.loads(line)

    def call(self, method, params):
        self.send(method, params)
        return self.receive()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()


def result_of(reply, what):
    if "error" in reply:
        fail(f"{what}: {reply['error']}")
    return reply["result"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def request_for(prompt, answers):
    """What a person with these answers sends for this prompt: (method, value or None)."""
    if prompt["kind"] == "info":
        return "session/skip", None
    step = prompt["step"]
    found, value = lookup(answers, step)
    if found:
        if isinstance(value, bool):
            return "session/answer", value
        if isinstance(value, list):
            return "session/answer", [str(v) for v in value]
        return "session/answer", str(value)
    if prompt.get("default") is not None:
        return "session/answer", prompt["default"]
    return "session/skip", None


def lookup(answers, step):
    """The fixture's answer to `step`; `group[2].field` is item 2's field and `group[2].more` asks for item 3."""
    if step in answers:
        return True, answers[step]
    if "[" in step:
        group, _, rest = step.partition("[")
        number, _, field = rest.partition("].")
        items = answers.get(group)
        if isinstance(items, list):
            index = int(number) - 1
            if field == "more":
                return True, index + 1 < len(items)
            if index < len(items) and isinstance(items[index], dict) and field in items[index]:
                return True, items[index][field]
    return False, None


def params_for(session, step, method, value):
    params = {"session": session, "step": step}
    if method == "session/answer":
        params["value"] = value
    return params


def reference_run(worker, playbook, answers):
    """The requests and the final outputs of one undisturbed session with these answers."""
    turn = result_of(worker.call("session/start", {"playbook": playbook}), f"start {playbook}")
    plan = []
    while turn["status"] == "asking":
        prompt = turn["prompt"]
        method, value = request_for(prompt, answers)
        plan.append((prompt["step"], method, value))
        turn = result_of(worker.call(method, params_for(turn["session"], prompt["step"], method, value)),
                         f"{playbook} {prompt['step']}")
        if turn.get("invalid"):
            fail(f"{playbook}: the fixture's answer to {prompt['step']} was refused: {turn['invalid']['message']}")
        if len(plan) > 500:
            fail(f"{playbook}: more than 500 steps with these answers")
    return plan, turn["outputs"]


def fixtures():
    found = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*", "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            answers = yaml.safe_load(handle) or {}
        found.append((os.path.basename(os.path.dirname(path)), os.path.basename(path), answers))
    return found


class Fleet:
    def __init__(self, binary, store, env, rng):
        self.binary, self.store, self.env, self.rng = binary, store, env, rng
        self.workers = [Worker(f"worker-{n}", binary, store, env) for n in range(WORKERS)]
        self.kills = 0

    def pick(self, other_than=None):
        choices = [w for w in self.workers if w is not other_than]
        return self.rng.choice(choices)

    def kill_and_restart(self, worker):
        worker.kill()
        self.kills += 1
        worker.start()


class Session:
    def __init__(self, label, playbook, plan, outputs):
        self.label, self.playbook, self.plan, self.outputs = label, playbook, plan, outputs
        self.id = None
        self.position = 0  # the index in plan of the request to send next
        self.acknowledged = {}  # step -> value, for every answer a worker acknowledged
        self.completed = False

    def next_request(self):
        return self.plan[self.position]

    def repeats_next(self):
        """True when the next step has the same id (a repeated group's "add another?"): a duplicate is legitimate."""
        step = self.plan[self.position][0]
        return self.position + 1 < len(self.plan) and self.plan[self.position + 1][0] == step

    def accepted(self, turn):
        step, method, value = self.plan[self.position]
        if turn.get("invalid"):
            fail(f"{self.label}: {step} was refused: {turn['invalid']['message']}")
        if method == "session/answer":
            self.acknowledged[step] = value
        self.position += 1
        expected = self.plan[self.position][0] if self.position < len(self.plan) else None
        got = turn["prompt"]["step"] if turn["status"] == "asking" else None
        if got != expected:
            fail(f"{self.label}: after {step} the worker asks {got!r}, a single worker asks {expected!r}")
        if turn["status"] == "completed":
            self.completed = True
            if turn["outputs"] != self.outputs:
                fail(f"{self.label}: the drafts differ from a single worker's for the same answers")


def refused_as_duplicate(reply, completed):
    return "error" in reply and reply["error"]["code"] in ((STALE, CLOSED) if completed else (STALE,))


def expect_stale(reply, session, what):
    if not refused_as_duplicate(reply, session.completed):
        fail(f"{session.label}: {what} should be refused as staleStep, got {json.dumps(reply)[:300]}")


def locate(fleet, session):
    """After a worker died with a request in flight: was it applied? Asks another worker what the session asks."""
    step = session.plan[session.position][0]
    for _ in range(50):
        worker = fleet.pick()
        try:
            state = worker.call("session/state", {"session": session.id})
        except WorkerDied:
            continue
        turn = result_of(state, f"{session.label}: state")
        now = turn["prompt"]["step"] if turn["status"] == "asking" else None
        if now == step:
            return  # not applied: it is sent again
        session.accepted(turn)  # applied before the kill: adopt it
        return
    fail(f"{session.label}: no worker answered session/state")


def drive(fleet, session, stats):
    """Sends the session's next request, in one of the ways a real router (or a flaky one) would."""
    step, method, value = session.next_request()
    params = params_for(session.id, step, method, value)
    roll = fleet.rng.random()
    duplicate_ok = not session.repeats_next()
    if roll < 0.15 and duplicate_ok:
        # The same answer to two workers at the same moment: exactly one applies it.
        first, second = fleet.pick(), None
        second = fleet.pick(other_than=first)
        first.send(method, params)
        second.send(method, params)
        replies = [first.receive(), second.receive()]
        good = [r for r in replies if "result" in r]
        if len(good) != 1:
            fail(f"{session.label}: {step} sent to two workers at once: {json.dumps(replies)[:400]}")
        session.accepted(good[0]["result"])
        if not all(refused_as_duplicate(r, session.completed) for r in replies if r is not good[0]):
            fail(f"{session.label}: {step} sent to two workers at once: {json.dumps(replies)[:400]}")
        stats["concurrent"] += 1
    elif roll < 0.30 and duplicate_ok:
        # Sent, acknowledged, then sent again (a retry after a lost reply): the second is refused.
        turn = result_of(fleet.pick().call(method, params), f"{session.label}: {step}")
        session.accepted(turn)
        expect_stale(fleet.pick().call(method, params), session, f"{step} sent a second time")
        stats["twice"] += 1
    elif roll < 0.38 and duplicate_ok:
        # The worker dies while the request is in flight: it may or may not have been committed.
        worker = fleet.pick()
        worker.send(method, params)
        time.sleep(fleet.rng.random() * 0.01)
        fleet.kill_and_restart(worker)
        locate(fleet, session)
        stats["in_flight_kills"] += 1
    else:
        worker = fleet.pick()
        try:
            reply = worker.call(method, params)
        except WorkerDied:
            fail(f"{session.label}: {worker.name} died without being killed")
        session.accepted(result_of(reply, f"{session.label}: {step}"))
        if fleet.rng.random() < 0.04:
            fleet.kill_and_restart(worker)  # right after an acknowledgement
            stats["after_reply_kills"] += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--store", default=os.environ.get("COACH_TEST_POSTGRES_URL"))
    parser.add_argument("--sessions", type=int, default=int(os.environ.get("FLEET_SESSIONS", "24")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FLEET_SEED", "15")))
    options = parser.parse_args()
    if not options.store:
        print("fleet_test: skipped: no shared store (set COACH_TEST_POSTGRES_URL, as .ci/test does when PostgreSQL "
              "is installed, or pass --store URL)")
        return
    binary = os.path.abspath(options.binary)
    usage = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    if "--store" not in usage:
        print("fleet_test: skipped: this build of `coach serve` has no --store option")
        return
    rng = random.Random(options.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COACH_HOME=os.path.join(tmp, "home"), COACH_TODAY=TODAY)
        env.pop("COACH_NO_STORE", None)
        env.pop("COACH_STORE", None)

        # What one undisturbed worker produces for each fixture (kept in memory only).
        reference = Worker("reference", binary, None, env)
        plans = [(f"{playbook}/{name}", playbook) + reference_run(reference, playbook, answers)
                 for playbook, name, answers in fixtures()]
        reference.stop()
        if not plans:
            fail(f"no answer fixtures in {FIXTURES}")

        fleet = Fleet(binary, options.store, env, rng)
        sessions = []
        for n in range(options.sessions):
            label, playbook, plan, outputs = plans[n % len(plans)]
            session = Session(f"{label}#{n}", playbook, plan, outputs)
            turn = result_of(fleet.pick().call("session/start", {"playbook": playbook}), f"start {label}")
            session.id = turn["session"]
            if turn["prompt"]["step"] != plan[0][0]:
                fail(f"{session.label}: starts at {turn['prompt']['step']}, a single worker at {plan[0][0]}")
            sessions.append(session)

        stats = {"requests": 0, "concurrent": 0, "twice": 0, "in_flight_kills": 0, "after_reply_kills": 0}
        while True:
            open_sessions = [s for s in sessions if not s.completed]
            if not open_sessions:
                break
            drive(fleet, rng.choice(open_sessions), stats)
            stats["requests"] += 1

        # A fresh worker reads every session back: completed, every acknowledged answer kept, the right drafts.
        checker = Worker("checker", binary, options.store, env)
        for session in sessions:
            turn = result_of(checker.call("session/state", {"session": session.id}), f"{session.label}: state")
            if turn["status"] != "completed":
                fail(f"{session.label}: reads back as {turn['status']}")
            stored = {a["step"] for a in turn.get("answers", [])}
            lost = [step for step in session.acknowledged if step not in stored]
            if lost:
                fail(f"{session.label}: acknowledged answers lost: {lost}")
            preview = result_of(checker.call("session/preview", {"session": session.id}), "preview")
            if preview["outputs"] != session.outputs:
                fail(f"{session.label}: the stored session renders other drafts than a single worker's")
        checker.stop()
        for worker in fleet.workers:
            worker.stop()

        listing = subprocess.run([binary, "sessions", "list", "--store", options.store, "--limit", "100000"],
                                 capture_output=True, text=True, env=env, timeout=60)
        if listing.returncode != 0:
            fail(f"coach sessions list --store failed ({listing.returncode}): {listing.stderr.strip()}")
        missing = [s.id for s in sessions if s.id not in listing.stdout]
        if missing:
            fail(f"coach sessions list --store does not list {len(missing)} sessions: {missing[:5]}")

    elapsed = time.monotonic() - started
    print(f"fleet_test: {WORKERS} workers, {len(sessions)} sessions of {len(plans)} answer sets, "
          f"{stats['requests']} requests ({stats['concurrent']} sent to two workers at once, {stats['twice']} sent "
          f"twice), {fleet.kills} kill -9 ({stats['in_flight_kills']} with a request in flight), "
          f"{elapsed:.1f} s")
    print("fleet_test: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
