#!/usr/bin/env python3
"""kill -9 `coach serve` at random moments, at least 100 times (bounded to under 60 s), restart it, and check
that every answer the server acknowledged is still there and that each session resumes at the right step.

Usage: crash_test.py BINARY [KILLS]
"""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests/CoachCoreTests/Fixtures/answers/post-escalation-recovery/ongoing-weekends.yaml")
PLAYBOOK = "post-escalation-recovery"
DEADLINE = 55.0


def load_answers(path):
    """The fixture's answers: `key: value` lines and `- item` lists (enough YAML for these files)."""
    answers, current = {}, None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("  - ") or line.startswith("- "):
                answers[current].append(line.split("- ", 1)[1].strip())
            else:
                key, _, value = line.partition(":")
                current = key.strip()
                value = value.strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]  # a quoted YAML scalar such as "11:00"
                answers[current] = value if value else []
    return answers


class Server:
    def __init__(self, binary, env):
        self.process = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env, text=True, encoding="utf-8")
        self.next_id = 0
        result = self.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "crash_test", "version": "1"}})
        assert "protocolVersion" in result, result

    def send(self, method, params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise EOFError("the server closed its output")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["result"]

    def call(self, method, params):
        self.send(method, params)
        return self.receive()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def answer_for(prompt, answers):
    step = prompt["step"]
    if prompt["kind"] == "info":
        return "session/skip", None
    if step in answers:
        return "session/answer", answers[step]
    if prompt.get("default") is not None:
        return "session/answer", prompt["default"]  # what pressing Enter keeps
    return "session/skip", None


def main():
    binary = os.path.abspath(sys.argv[1])
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    usage = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    if "USAGE: coach serve" not in usage:
        print("crash_test: skipped: this build has no `coach serve`")
        return
    answers = load_answers(FIXTURE)
    rng = random.Random(int(os.environ.get("CRASH_SEED", "7")))
    started = time.monotonic()
    kills = checks = acknowledged_total = 0
    # session id -> {"acked": {step: value}, "step": step being asked (as last acknowledged)}
    sessions = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COACH_HOME=os.path.join(tmp, "coach"), COACH_TODAY="2026-11-20")
        env.pop("COACH_NO_STORE", None)
        server = Server(binary, env)
        while kills < target:
            if time.monotonic() - started > DEADLINE:
                print(f"FAIL: only {kills} kills in {DEADLINE:.0f} s")
                sys.exit(1)
            # Keep one session in flight; start another when it completes.
            live = [s for s, m in sessions.items() if m["status"] == "asking"]
            if not live:
                turn = server.call("session/start", {"playbook": PLAYBOOK})
                sessions[turn["session"]] = {"acked": {}, "step": turn["prompt"]["step"], "status": "asking",
                                             "prompt": turn["prompt"]}
                continue
            sid = live[0]
            model = sessions[sid]
            method, value = answer_for(model["prompt"], answers)
            params = {"session": sid, "step": model["prompt"]["step"]}
            if method == "session/answer":
                params["value"] = value
            in_flight = (model["prompt"]["step"], value)
            server.send(method, params)
            if rng.random() < 0.35:
                # Crash while the request may or may not have been committed.
                time.sleep(rng.random() * 0.004)
                server.kill()
                kills += 1
                server = Server(binary, env)
                checks += verify(server, sessions, in_flight_for={sid: in_flight})
                continue
            turn = server.receive()
            acknowledged_total += 1
            if turn.get("invalid"):
                print(f"FAIL: {sid}: the fixture's answer to '{in_flight[0]}' was refused: {turn['invalid']['message']}")
                sys.exit(1)
            if value is not None:
                model["acked"][in_flight[0]] = value
            model["status"] = turn["status"]
            if turn["status"] == "asking":
                model["prompt"] = turn["prompt"]
                model["step"] = turn["prompt"]["step"]
            if rng.random() < 0.1:
                # Crash right after an acknowledgement.
                server.kill()
                kills += 1
                server = Server(binary, env)
                checks += verify(server, sessions, in_flight_for={})
        server.kill()
    elapsed = time.monotonic() - started
    completed = sum(1 for m in sessions.values() if m["status"] == "completed")
    print(f"crash_test: {kills} kills, {acknowledged_total} acknowledged changes, {len(sessions)} sessions "
          f"({completed} completed), {checks} resume checks in {elapsed:.1f} s")
    print("crash_test: 1 passed, 0 failed")


def verify(server, sessions, in_flight_for):
    """Resumes every session and checks it against what was acknowledged; adopts an in-flight change that landed."""
    checks = 0
    for sid, model in sessions.items():
        result = server.call("session/resume", {"session": sid})
        stored = {a["step"]: a["answer"] for a in result.get("answers", [])}
        for step in model["acked"]:
            if step not in stored:
                print(f"FAIL: {sid}: the acknowledged answer to '{step}' is lost")
                sys.exit(1)
        prompt = result.get("prompt")
        step_now = prompt["step"] if prompt else None
        expected = model["step"] if model["status"] == "asking" else None
        if step_now != expected:
            flight = in_flight_for.get(sid)
            if flight is None or flight[0] != expected:
                print(f"FAIL: {sid}: resumed at {step_now!r}, expected {expected!r}")
                sys.exit(1)
            # The in-flight change was committed before the kill: adopt it.
            if flight[1] is not None:
                model["acked"][flight[0]] = flight[1]
        model["status"] = result["status"]
        if prompt:
            model["prompt"], model["step"] = prompt, prompt["step"]
        checks += 1
    return checks


if __name__ == "__main__":
    main()
