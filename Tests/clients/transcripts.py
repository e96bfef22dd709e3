#!/usr/bin/env python3
"""Golden transcripts for `coach serve`: run, check or re-record them (standard library only).

A transcript (Tests/CoachProtocolTests/Transcripts/*.jsonl) is one JSON object per line, read in order:

    {"comment": "..."}                      ignored
    {"send": MESSAGE}                       MESSAGE sent as one compact JSON line
    {"send": MESSAGE, "invalid": true}      the same, for a message the schema must reject
    {"sendRaw": "text"}                     the text sent as is, then \\n
    {"sendHex": "ff fe 7b"}                 these bytes, then \\n
    {"sendRepeat": {"text": "a", "times": 1100000}}   a long line
    {"expect": REPLY}                       the next line the server writes, compared as decoded JSON

A send is followed by as many expects as it has replies (none for a notification). After the last line the
input is closed: the server must write nothing more and exit with status 0.

Placeholders in expects: "<<any>>" matches any value; "<<$name>>" matches any string the first time and binds
it (a session id, say), then must be equal; in sends "<<$name>>" is replaced by the bound value. An object
{"<<includes>>": [A, B]} matches an array holding items matching A and B in that order, among others.
"<<methods>>" matches the list of every method the schema file documents, in its order (so that adding a method
does not change the recorded initialize replies).

    python3 Tests/clients/transcripts.py BINARY [FILE ...]           check
    python3 Tests/clients/transcripts.py BINARY --record [FILE ...]  rewrite the expects that differ

Recording rewrites only the parts of an expect that no longer match, so the placeholders stay where they still
fit, and exits with status 1 when it changed a file (read the diff, then check again): a recording never passes.
"""

import json
import os
import select
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DIR = os.path.join(ROOT, "Tests", "CoachProtocolTests", "Transcripts")
PLAYBOOKS = os.path.join("Tests", "CoachProtocolTests", "Fixtures", "playbooks")
TODAY = "2026-11-23"
SCHEMA = os.path.join(ROOT, "Sources", "CoachProtocol", "coach-protocol-1.schema.json")


def schema_methods():
    """Every method the schema documents, in the order of its `request` definition."""
    with open(SCHEMA, encoding="utf-8") as f:
        defs = json.load(f)["$defs"]
    return [defs[r["$ref"].split("/")[-1]]["properties"]["method"]["const"] for r in defs["request"]["oneOf"]]


def load(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                entries.append(json.loads(line))
    return entries


def with_methods(value):
    """`value` with "<<methods>>" replaced by the schema's method list (for validating an expect as written)."""
    if value == "<<methods>>":
        return schema_methods()
    if isinstance(value, list):
        return [with_methods(v) for v in value]
    if isinstance(value, dict):
        return {k: with_methods(v) for k, v in value.items()}
    return value


def substitute(value, bound):
    if isinstance(value, str) and value.startswith("<<$") and value.endswith(">>"):
        return bound[value[3:-2]]
    if isinstance(value, list):
        return [substitute(v, bound) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, bound) for k, v in value.items()}
    return value


def payload(entry, bound):
    """The bytes a send entry writes (with its \\n), or None for other entries."""
    if "send" in entry:
        return json.dumps(substitute(entry["send"], bound), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    if "sendRaw" in entry:
        return entry["sendRaw"].encode() + b"\n"
    if "sendHex" in entry:
        return bytes.fromhex(entry["sendHex"]) + b"\n"
    if "sendRepeat" in entry:
        r = entry["sendRepeat"]
        return (r["text"] * r["times"]).encode() + b"\n"
    return None


def match(expected, actual, bound, path="$"):
    """None when `actual` matches `expected`, else a description of the first difference."""
    if expected == "<<any>>":
        return None
    if expected == "<<methods>>":
        methods = schema_methods()
        return None if actual == methods else "%s: expected the schema's methods %r, got %r" % (path, methods, actual)
    if isinstance(expected, str) and expected.startswith("<<$") and expected.endswith(">>"):
        name = expected[3:-2]
        if not isinstance(actual, str):
            return "%s: expected a string for %s, got %r" % (path, name, actual)
        if name in bound and bound[name] != actual:
            return "%s: expected %s = %r, got %r" % (path, name, bound[name], actual)
        bound[name] = actual
        return None
    if isinstance(expected, dict) and list(expected) == ["<<includes>>"]:
        if not isinstance(actual, list):
            return "%s: expected an array" % path
        i = 0
        for want in expected["<<includes>>"]:
            while i < len(actual) and match(want, actual[i], dict(bound), path) is not None:
                i += 1
            if i == len(actual):
                return "%s: no item matches %s" % (path, json.dumps(want)[:200])
            match(want, actual[i], bound, path)
            i += 1
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return "%s: expected an object, got %r" % (path, actual)
        if set(expected) != set(actual):
            return "%s: members differ: missing %s, unexpected %s" % (
                path, sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected)))
        for k in expected:
            diff = match(expected[k], actual[k], bound, path + "." + k)
            if diff:
                return diff
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return "%s: expected %d items, got %r" % (path, len(expected), actual)
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff = match(e, a, bound, "%s[%d]" % (path, i))
            if diff:
                return diff
        return None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return None if expected is actual else "%s: expected %r, got %r" % (path, expected, actual)
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return None if expected == actual else "%s: expected %r, got %r" % (path, expected, actual)
    return None if expected == actual else "%s: expected %r, got %r" % (path, expected, actual)


class Run:
    """`coach serve` started for a transcript, fed and read in lock-step."""

    def __init__(self, binary):
        env = dict(os.environ, COACH_TODAY=TODAY, COACH_NO_STORE="1")
        self.proc = subprocess.Popen([binary, "serve", "--playbooks", PLAYBOOKS], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = b""

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def read_line(self, timeout=10):
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise AssertionError("no reply within %s s" % timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError("the server closed its output; expected a reply")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def finish(self, timeout=10):
        self.proc.stdin.close()
        fd = self.proc.stdout.fileno()
        rest = self.buffer
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                raise AssertionError("the server did not exit at the end of input")
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            rest += chunk
        return rest, self.proc.wait(timeout=timeout)


def run(binary, path, record=False, on_message=None):
    """Checks (or re-records) one transcript; returns a list of failures. `on_message(direction, message,
    entry)` sees every JSON message sent ("send") and received ("reply").

    Recording keeps every part of an expect that still matches as written (its "<<any>>", "<<$name>>",
    "<<methods>>" and "<<includes>>" too) and rewrites only what differs; a recording that changed anything
    is reported as a failure, so that it is read and run again, never taken as a pass."""
    entries = load(path)
    bound = {}
    failures = []
    changed = []
    server = Run(binary)
    for i, entry in enumerate(entries):
        data = payload(entry, bound)
        if data is not None:
            if on_message and "send" in entry:
                on_message("send", substitute(entry["send"], bound), entry)
            server.send(data)
            continue
        if "expect" not in entry:
            continue
        line = server.read_line()
        reply = json.loads(line)
        if on_message:
            on_message("reply", reply, entry)
        if record:
            old = entry.get("expect")
            entry["expect"] = rerecord(old, reply, bound)
            keep_includes(old, entry["expect"])
            if entry["expect"] != old:
                changed.append(i + 1)
            continue
        diff = match(entry["expect"], reply, bound)
        if diff:
            failures.append("%s line %d: %s\n  got: %s" % (os.path.basename(path), i + 1, diff, line.decode()[:400]))
    rest, status = server.finish()
    if rest.strip():
        failures.append("%s: unexpected output after the last expect: %r" % (os.path.basename(path), rest[:300]))
    if status != 0:
        failures.append("%s: exit status %s" % (os.path.basename(path), status))
    if record and changed:
        with open(path, "w", encoding="utf-8") as f:
            for entry in entries:
                f.write(json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + "\n")
        failures.append("%s: recorded %d changed replies (lines %s); read the diff, then run again without --record"
                        % (os.path.basename(path), len(changed), ", ".join(map(str, changed))))
    return failures


MISSING = object()


def rerecord(old, actual, bound, key=None):
    """`actual` as an expect: the old expect where it still matches, else the reply with session ids and times
    turned into placeholders, part by part, so a wildcard survives wherever its value still fits."""
    if old is not MISSING and match(old, actual, dict(bound)) is None:
        match(old, actual, bound)
        return old
    if isinstance(actual, dict):
        if key is None and isinstance(actual.get("result"), dict):
            bind_session(actual["result"].get("session"), bound)
        previous = old if isinstance(old, dict) and list(old) != ["<<includes>>"] else {}
        return {k: rerecord(previous.get(k, MISSING), v, bound, k) for k, v in actual.items()}
    if key == "methods" and actual == schema_methods():
        return "<<methods>>"
    if isinstance(actual, list):
        previous = old if isinstance(old, list) and len(old) == len(actual) else [MISSING] * len(actual)
        return [rerecord(o, a, bound, "[]") for o, a in zip(previous, actual)]
    if key in ("createdAt", "updatedAt"):
        return "<<any>>"
    names = {v: k for k, v in bound.items()}
    if isinstance(actual, str) and actual in names:
        return "<<$%s>>" % names[actual]
    return actual


def bind_session(session, bound):
    """A new session id in a result gets the next free name, s1, s2..."""
    if not isinstance(session, str) or session in bound.values():
        return
    n = 1
    while "s%d" % n in bound:
        n += 1
    bound["s%d" % n] = session


def keep_includes(old, new):
    """Where the old expect matched playbooks/list with "<<includes>>", keeps doing so for the same ids (so the
    transcript does not change whenever a shipped playbook does)."""
    try:
        wanted = old["result"]["playbooks"]["<<includes>>"]
        listed = new["result"]["playbooks"]
    except (KeyError, TypeError):
        return
    if not isinstance(listed, list):
        return
    ids = {p.get("id") for p in wanted}
    new["result"]["playbooks"] = {"<<includes>>": [p for p in listed if p.get("id") in ids]}


def main():
    args = sys.argv[1:]
    record = "--record" in args
    args = [a for a in args if a != "--record"]
    binary, files = args[0], args[1:]
    files = files or sorted(os.path.join(DIR, f) for f in os.listdir(DIR) if f.endswith(".jsonl"))
    failures = []
    for path in files:
        failures += run(os.path.abspath(binary), path, record=record)
    for f in failures:
        print(f, file=sys.stderr)
    print("transcripts: %d files, %d failures%s" % (len(files), len(failures), " (recording)" if record else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
