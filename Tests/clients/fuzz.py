#!/usr/bin/env python3
"""Fuzz test for `coach serve` (standard library only; jsonschema is used when installed).

Sends a bounded, seeded stream of random and mutated lines (random bytes and invalid UTF-8, truncated and
mutated requests, wrong parameter types, deep nesting, lines over 1 MiB, odd ids and numbers, batches,
notifications), pipelined, while reading the replies. Then it drives a valid session to completion in
lock-step. It checks: the server never crashes and exits 0; every line that needs a reply gets exactly one,
in order, with the right id (null when the id cannot be read); notifications and blank lines get none; every
reply is a well-formed JSON-RPC response (and matches the schema when jsonschema is installed).

    python3 Tests/clients/fuzz.py .build/debug/coach [--lines 4000] [--seed 7]
"""

import argparse
import json
import os
import random
import select
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coach_answers  # noqa: E402

LIMIT = 1048576
METHODS = ["initialize", "ping", "playbooks/list", "playbooks/get", "session/start", "session/answer", "session/skip",
           "session/back", "session/goto", "session/restart", "session/cancel", "session/state", "session/preview",
           "session/resume", "session/list", "session/export", "draft/review", "nope", "", "session/"]
FIELDS = ["playbook", "session", "step", "value", "prefill", "account", "protocolVersion", "clientInfo", "text"]


def random_value(rng, depth=0):
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1.5, 10**30, -0.0, 2**63, 1e300, rng.randrange(-1000, 1000)])
    if kind in (3, 4, 5):
        return rng.choice(["", "account-checkup", "s-nothere", "welcome", "client", "\u0000\u001f", "é😀",
                           "\ud800", "{{client}}", "x" * rng.randrange(0, 300), "[missing: x]", "yes", "no"])
    if kind in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def random_request(rng, session):
    message = {}
    if rng.random() < 0.95:
        message["jsonrpc"] = "2.0" if rng.random() < 0.9 else rng.choice(["1.0", 2.0, None])
    if rng.random() < 0.85:
        message["id"] = rng.choice([rng.randrange(1, 10**6), "id-%d" % rng.randrange(1000), 1.25, -7, 0, None, True,
                                    [1], {"a": 1}, 1e20, "", "é"])
    message["method"] = rng.choice(METHODS) if rng.random() < 0.95 else random_value(rng)
    if rng.random() < 0.9:
        params = {f: random_value(rng) for f in rng.sample(FIELDS, rng.randrange(0, 4))}
        if rng.random() < 0.5 and session:
            params["session"] = session
        message["params"] = params if rng.random() < 0.9 else random_value(rng)
    return message


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(4)
        if not data:
            break
        i = rng.randrange(len(data))
        if op == 0:
            del data[i]
        elif op == 1:
            data.insert(i, rng.randrange(256))
        elif op == 2:
            data[i] = rng.randrange(256)
        else:
            del data[i:]
    return bytes(data).replace(b"\n", b" ")


def random_line(rng, session):
    kind = rng.randrange(12)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200))).replace(b"\n", b"")
    if kind == 1:
        return rng.choice([b"", b"   ", b"\t", b"\r", b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\x00",
                           b"null", b"1", b"\"x\"", b"[]", b"{}", b"[[]]", b"NaN", b"1e999", b"-", b"{\"a\":}"])
    if kind == 2:
        depth = rng.choice([63, 64, 65, 100, 5000, 200000])
        opener = rng.choice([b"[", b"{\"a\":"])
        return opener * depth + (b"1" + (b"]" if opener == b"[" else b"}") * depth if rng.random() < 0.5 else b"")
    if kind == 3 and rng.random() < 0.15:
        n = rng.choice([LIMIT - 10, LIMIT + 1, LIMIT * 2 + 7])
        return b"x" * n if rng.random() < 0.5 else b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"' + b"y" * n + b'"}}'
    if kind == 4:
        return json.dumps([random_request(rng, session) for _ in range(rng.randrange(0, 5))]).encode("utf-8", "surrogatepass")
    raw = json.dumps(random_request(rng, session), ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if kind in (5, 6, 7):
        return mutate(rng, raw)
    return raw


def strict_loads(text):
    def reject(name):
        raise ValueError(name)
    return json.loads(text, parse_constant=reject)


def depth_of(value):
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    return 0


def reply_id(message):
    if "id" not in message:
        return None
    i = message["id"]
    return i if (isinstance(i, (int, float, str)) and not isinstance(i, bool)) else None


def predict_one(message):
    """What the server must answer for one decoded message: ("reply", id) or None for a notification."""
    if not isinstance(message, dict):
        return ("reply", None)
    if "id" in message:
        return ("reply", reply_id(message))
    if message.get("jsonrpc") == "2.0" and isinstance(message.get("method"), str):
        return None
    return ("reply", None)


def predict(line):
    """None (no reply), ("reply", id) or ("batch", [ids])."""
    if len(line) > LIMIT:
        return ("reply", None)
    if line.strip(b" \t\r") == b"":
        return None
    try:
        message = strict_loads(line.decode("utf-8"))
        if depth_of(message) > 64:
            return ("reply", None)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ("reply", None)
    if isinstance(message, list):
        if not message:
            return ("reply", None)
        ids = [p[1] for p in (predict_one(m) for m in message) if p is not None]
        return ("batch", ids) if ids else None
    return predict_one(message)


def same_id(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a == b or (a != a and b != b)
    return a == b


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    schema = None
    try:
        import jsonschema
        raw = subprocess.run([args.binary, "serve", "--schema"], check=True, capture_output=True).stdout
        full = json.loads(raw)
        sub = {k: v for k, v in full.items() if k != "anyOf"}
        sub["$ref"] = "#/$defs/serverMessage"
        schema = jsonschema.Draft202012Validator(sub)
    except ImportError:
        pass

    env = dict(os.environ, COACH_TODAY="2026-11-23", COACH_NO_STORE="1")
    proc = subprocess.Popen([args.binary, "serve", "--playbooks", coach_answers.FIXTURE_PLAYBOOKS], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    stderr = []
    threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True).start()
    out = proc.stdout.fileno()
    buffer = [b""]

    def read_line(timeout=20):
        while b"\n" not in buffer[0]:
            ready, _, _ = select.select([out], [], [], timeout)
            if not ready:
                raise AssertionError("no reply within %s s" % timeout)
            chunk = os.read(out, 1 << 20)
            if not chunk:
                raise AssertionError("the server closed its output (exit %s): %s" % (proc.wait(), b"".join(stderr)[-500:]))
            buffer[0] += chunk
        line, buffer[0] = buffer[0].split(b"\n", 1)
        return line

    def call(method, **params):
        proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": "v", "method": method, "params": params}).encode() + b"\n")
        reply = json.loads(read_line())
        assert reply.get("id") == "v" and "result" in reply, reply
        return reply["result"]

    call("initialize", protocolVersion=1, clientInfo={"name": "fuzz"})
    session = call("session/start", playbook="account-checkup")["session"]

    lines = [random_line(rng, session) for _ in range(args.lines)]
    expected = [p for p in (predict(line) for line in lines) if p is not None]
    blob = b"".join(line + b"\n" for line in lines)
    writer = threading.Thread(target=proc.stdin.write, args=(blob,))
    writer.start()
    failures = []
    for n, want in enumerate(expected):
        line = read_line()
        try:
            reply = json.loads(line)
        except ValueError:
            failures.append("reply %d is not JSON: %r" % (n, line[:200]))
            continue
        if schema is not None:
            for e in schema.iter_errors(reply):
                failures.append("reply %d does not match the schema: %s" % (n, e.message[:200]))
        if want[0] == "batch":
            got = [r.get("id") for r in reply] if isinstance(reply, list) else None
            if got is None or len(got) != len(want[1]) or not all(same_id(a, b) for a, b in zip(got, want[1])):
                failures.append("reply %d: expected a batch for ids %r, got %r" % (n, want[1], line[:200]))
        elif not isinstance(reply, dict) or not same_id(reply.get("id"), want[1]) or reply.get("jsonrpc") != "2.0":
            failures.append("reply %d: expected id %r, got %r" % (n, want[1], line[:200]))
    writer.join()

    # A valid session after the noise: it must still work, to completion.
    turn = call("session/start", playbook="account-checkup")
    steps = 0
    while turn["status"] == "asking" and steps < 200:
        p = turn["prompt"]
        if p["kind"] == "info":
            turn = call("session/skip", session=turn["session"], step=p["step"])
        else:
            for value in coach_answers.candidates(p):
                nxt = call("session/answer", session=turn["session"], step=p["step"], value=value)
                if "invalid" not in nxt:
                    break
            turn = nxt
        steps += 1
    if turn["status"] != "completed" or coach_answers.incomplete(turn["outputs"]):
        failures.append("the final session did not complete: %r" % json.dumps(turn)[:300])
    proc.stdin.close()
    rest = os.read(out, 1 << 20)
    while True:
        chunk = os.read(out, 1 << 20)
        if not chunk:
            break
        rest += chunk
    rest = buffer[0] + rest
    status = proc.wait(timeout=30)
    if rest.strip():
        failures.append("unexpected replies after the last one: %r" % rest[:300])
    if status != 0:
        failures.append("exit status %s; stderr: %r" % (status, b"".join(stderr)[-800:]))
    for f in failures[:30]:
        print(f, file=sys.stderr)
    print("fuzz: %d lines (%d MiB), %d replies expected and checked, final session completed in %d steps; %d failures" % (
        len(lines), len(blob) >> 20, len(expected), steps, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
