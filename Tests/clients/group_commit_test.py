#!/usr/bin/env python3
"""Group commit through the real binary: requests written ahead (pipelined) are saved in one transaction per
group, and no reply may come before the commit that covers it.

1. kill -9 right after reading the replies of pipelined answers (all of them, or only some): after a restart
   every acknowledged answer is there, and every session resumes at the step its last acknowledged reply asked.
2. A disk that fills up under pipelined answers (a file size limit, RLIMIT_FSIZE): every request is answered,
   the replies of the group whose commit failed carry the memory notice, nothing is lost in memory, and every
   answer acknowledged before the first notice is in the database afterwards.

Usage: group_commit_test.py BINARY
"""
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_test import FIXTURE, PLAYBOOK, answer_for, load_answers  # noqa: E402


class Server:
    def __init__(self, binary, env, limit=None):
        def limited():
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        self.process = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env, preexec_fn=limited)
        self.buffer = b""
        self.next_id = 0
        reply = self.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "group_commit_test"}})
        assert "result" in reply, reply

    def line(self, method, params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        return (json.dumps(message) + "\n").encode()

    def write(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def read(self):
        while b"\n" not in self.buffer:
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise EOFError("the server closed its output")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def call(self, method, params):
        self.write(self.line(method, params))
        return self.read()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def script(binary, env, answers):
    """The (method, step, value) calls that complete one session, learnt by driving one in lock-step."""
    server = Server(binary, env)
    turn = server.call("session/start", {"playbook": PLAYBOOK})["result"]
    calls = []
    while turn["status"] == "asking":
        method, value = answer_for(turn["prompt"], answers)
        params = {"session": turn["session"], "step": turn["prompt"]["step"]}
        if value is not None:
            params["value"] = value
        calls.append((method, turn["prompt"]["step"], value))
        reply = server.call(method, params)
        if "result" not in reply:
            fail("the scripted session was refused: %r" % reply)
        turn = reply["result"]
    server.stop()
    return calls


def start_sessions(server, count):
    server.write(b"".join(server.line("session/start", {"playbook": PLAYBOOK}) for _ in range(count)))
    return [server.read()["result"]["session"] for _ in range(count)]


def pipelined_lines(server, sessions, calls, steps):
    """Lines answering `steps` steps of every session, interleaved across the sessions (step by step)."""
    out = []
    for k in range(steps):
        method, step, value = calls[k]
        for sid in sessions:
            params = {"session": sid, "step": step}
            if value is not None:
                params["value"] = value
            out.append((sid, step, value, server.line(method, params)))
    return out


def check_resumed(server, expected):
    """`expected`: session -> (acknowledged answers by step, step its last acknowledged reply asked)."""
    for sid, (acked, step) in expected.items():
        reply = server.call("session/resume", {"session": sid})
        if "result" not in reply:
            fail("%s does not resume: %r" % (sid, reply))
        result = reply["result"]
        stored = {a["step"]: a["answer"] for a in result.get("answers", [])}
        for answered in acked:
            if answered not in stored:
                fail("%s: the acknowledged answer to %r is lost" % (sid, answered))
        now = (result.get("prompt") or {}).get("step")
        if now != step:
            fail("%s resumed at %r, expected %r (the step of its last acknowledged reply)" % (sid, now, step))


def kill_after_pipelined_replies(binary, env, calls, rng):
    rounds = 0
    for _ in range(6):
        server = Server(binary, env)
        sessions = start_sessions(server, rng.randint(5, 40))
        steps = rng.randint(1, len(calls) - 1)
        lines = pipelined_lines(server, sessions, calls, steps)
        server.write(b"".join(line for *_, line in lines))
        expected = {sid: ({}, calls[0][1]) for sid in sessions}
        to_read = len(lines) if rng.random() < 0.5 else rng.randint(1, len(lines))
        for sid, step, value, _ in lines[:to_read]:
            reply = server.read()
            if "result" not in reply:
                fail("unexpected reply: %r" % reply)
            acked, _ = expected[sid]
            if value is not None:
                acked[step] = value
            expected[sid] = (acked, (reply["result"].get("prompt") or {}).get("step"))
        server.kill()
        # Sessions whose requests were in flight may have moved on: check only those fully acknowledged.
        answered = {}
        for sid, _, _, _ in lines[:to_read]:
            answered[sid] = answered.get(sid, 0) + 1
        settled = {sid: expected[sid] for sid in sessions if answered.get(sid, 0) == steps}
        server = Server(binary, env)
        check_resumed(server, settled)
        # The others: every acknowledged answer is there, wherever they resume.
        for sid in sessions:
            if sid in settled:
                continue
            acked, _ = expected[sid]
            result = server.call("session/resume", {"session": sid})["result"]
            stored = {a["step"] for a in result.get("answers", [])}
            missing = set(acked) - stored
            if missing:
                fail("%s: acknowledged answers lost after kill -9: %s" % (sid, sorted(missing)))
        server.stop()
        rounds += 1
    return rounds


def full_disk(binary, calls, tmp):
    env = dict(os.environ, COACH_HOME=os.path.join(tmp, "full"), COACH_TODAY="2026-11-20")
    env.pop("COACH_NO_STORE", None)
    server = Server(binary, env, limit=384 * 1024)
    sessions = start_sessions(server, 30)
    lines = pipelined_lines(server, sessions, calls, len(calls))
    server.write(b"".join(line for *_, line in lines))
    first_notice = None
    durable = {sid: {} for sid in sessions}
    completed = 0
    for index, (sid, step, value, _) in enumerate(lines):
        reply = server.read()
        if "result" not in reply:
            fail("a request was not answered with a turn: %r" % reply)
        notices = reply["result"].get("notices", [])
        if first_notice is None and any("export" in n for n in notices):
            first_notice = index
        if first_notice is None and value is not None:
            durable[sid][step] = value
        completed += reply["result"]["status"] == "completed"
    if first_notice is None:
        fail("the disk never filled up: raise the number of sessions or lower the limit")
    if completed != len(sessions):
        fail("%d of %d sessions completed in memory" % (completed, len(sessions)))
    # The whole failing group carries the notice: the replies right after the first one do too.
    server.stop()
    server = Server(binary, env)
    for sid, acked in durable.items():
        reply = server.call("session/resume", {"session": sid})
        if "result" not in reply:
            fail("%s, acknowledged as saved, is not in the database: %r" % (sid, reply))
        stored = {a["step"] for a in reply["result"].get("answers", [])}
        missing = set(acked) - stored
        if missing:
            fail("%s: answers acknowledged as saved are not in the database: %s" % (sid, sorted(missing)))
    server.stop()
    return first_notice, len(lines)


def main():
    binary = os.path.abspath(sys.argv[1])
    usage = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    if "USAGE: coach serve" not in usage:
        print("group_commit_test: skipped: this build has no `coach serve`")
        return
    answers = load_answers(FIXTURE)
    rng = random.Random(int(os.environ.get("GROUP_SEED", "11")))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COACH_HOME=os.path.join(tmp, "coach"), COACH_TODAY="2026-11-20")
        env.pop("COACH_NO_STORE", None)
        calls = script(binary, env, answers)
        rounds = kill_after_pipelined_replies(binary, env, calls, rng)
        first, total = full_disk(binary, calls, tmp)
    print("group_commit_test: %d kill -9 rounds after pipelined replies; disk full at reply %d of %d, every reply "
          "before it durable" % (rounds, first + 1, total))
    print("group_commit_test: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
