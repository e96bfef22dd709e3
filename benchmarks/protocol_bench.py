#!/usr/bin/env python3
"""Benchmark of `coach serve` (not a test): N sessions of one playbook, lock-step and pipelined, against a
release build, compared with a minimal responder that answers every line without parsing it (the floor).

Writes turns per second, p50 and p99 latency per turn and the server's peak memory (VmHWM) to its own section of
docs/benchmarks.md.

    swift build -c release --static-swift-stdlib --scratch-path .build-static --product coach
    python3 benchmarks/protocol_bench.py [--sessions 10000] [--playbook ID] [--binary .build-static/release/coach]

With no --playbook it uses stakeholder-reset when the server has it, else account-checkup from the test
fixtures. The answers are found once (defaults, examples, first choice, as Tests/clients/stdlib_client.py does)
and replayed for every session; there is no store (sessions are kept in memory).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "clients"))
import coach_answers  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite  # noqa: E402  (the benchmark suite: one pipe class for both drivers)

FIXTURES = os.path.join(ROOT, "Tests", "CoachProtocolTests", "Fixtures", "playbooks")
START, END = "<!-- protocol-bench:start -->", "<!-- protocol-bench:end -->"


class Pipe(suite.Pipe):
    """The suite's pipe to a child process, with the store off and a fixed day, plus the figures this script reports."""

    def __init__(self, args):
        super().__init__(args, dict(os.environ, COACH_TODAY="2026-11-23", COACH_NO_STORE="1"))

    def peak_kib(self):
        return self.status("VmHWM")

    def cpu_seconds(self):
        """User and system CPU time the server has used so far."""
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")



def request(i, method, params):
    return json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}, separators=(",", ":"))


def script_for(server, playbook):
    """The (method, step, value) calls that complete one session of `playbook`, found by driving it once."""
    calls = []
    turn = json.loads(server.call(request(1, "session/start", {"playbook": playbook}).encode() + b"\n"))["result"]
    while turn["status"] == "asking":
        p = turn["prompt"]
        if p["kind"] == "info":
            call = ("session/skip", p["step"], None)
            nxt = json.loads(server.call(request(2, "session/skip", {"session": turn["session"], "step": p["step"]}).encode() + b"\n"))
        else:
            for value in coach_answers.candidates(p):
                params = {"session": turn["session"], "step": p["step"], "value": value}
                nxt = json.loads(server.call(request(2, "session/answer", params).encode() + b"\n"))
                if "invalid" not in nxt["result"]:
                    break
            call = ("session/answer", p["step"], value)
        calls.append(call)
        turn = nxt["result"]
    assert not coach_answers.incomplete(turn["outputs"]), coach_answers.incomplete(turn["outputs"])
    return calls


def lines_for(calls, session, first_id):
    out = []
    for k, (method, step, value) in enumerate(calls):
        params = {"session": session, "step": step}
        if method == "session/answer":
            params["value"] = value
        out.append(request(first_id + k, method, params).encode() + b"\n")
    return out


def percentile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def lockstep(pipe, playbook, calls, sessions):
    """Every session in turn, one request in flight; returns per-turn latencies in µs, those of the turns that
    complete a session (which render the drafts and review them), and the elapsed time."""
    latencies = []
    finals = []
    clock = time.perf_counter_ns
    start_line = request(0, "session/start", {"playbook": playbook}).encode() + b"\n"
    began = clock()
    for _ in range(sessions):
        t0 = clock()
        reply = pipe.call(start_line)
        latencies.append((clock() - t0) / 1000)
        session = json.loads(reply)["result"]["session"]
        for data in lines_for(calls, session, 1):
            t0 = clock()
            reply = pipe.call(data)
            latencies.append((clock() - t0) / 1000)
            if b'"error"' in reply or b'"invalid"' in reply:
                raise RuntimeError("unexpected reply: %r" % reply[:300])
        if b'"completed"' not in reply:
            raise RuntimeError("the session did not complete: %r" % reply[:300])
        finals.append(latencies[-1])
    return latencies, finals, (clock() - began) / 1e9


def pipelined(pipe, playbook, calls, sessions, window=500):
    """Sessions in windows: all starts at once, then every answer of the window at once (a writer thread sends
    while this thread reads). Returns the number of turns and the elapsed time."""
    turns = 0
    began = time.perf_counter_ns()
    for base in range(0, sessions, window):
        n = min(window, sessions - base)
        os.write(pipe.win, b"".join(request(base + k, "session/start", {"playbook": playbook}).encode() + b"\n" for k in range(n)))
        ids = [json.loads(pipe.line())["result"]["session"] for _ in range(n)]
        blob = b"".join(b"".join(lines_for(calls, sid, 1)) for sid in ids)
        writer = threading.Thread(target=os.write, args=(pipe.win, blob))
        writer.start()
        expected = n * len(calls)
        completed = 0
        for _ in range(expected):
            reply = pipe.line()
            if b'"error"' in reply:
                raise RuntimeError("unexpected reply: %r" % reply[:300])
            completed += b'"completed"' in reply
        writer.join()
        if completed != n:
            raise RuntimeError("%d of %d sessions completed" % (completed, n))
        turns += n + expected
    return turns, (time.perf_counter_ns() - began) / 1e9


def floor(binary, count):
    pipe = Pipe([binary])
    data = request(1, "ping", {}).encode() + b"\n"
    latencies = suite.lockstep_latencies(pipe, data, count)
    rate = suite.pipelined_rate(pipe, data, count)
    pipe.close()
    latencies.sort()
    return latencies, rate


def build_floor():
    """The `floor-responder` target (benchmarks/Floors/Responder), built the same way as the suite builds it (the
    floors are package targets only when COACH_BENCHMARKS is set)."""
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static",
                    "--product", "floor-responder"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, COACH_BENCHMARKS="1"))
    return os.path.join(ROOT, ".build-static", "release", "floor-responder")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-static", "release", "coach"))
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--playbook")
    parser.add_argument("--playbooks", action="append", default=[])
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--no-pin", action="store_true", help="do not pin driver and server to one core")
    args = parser.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        # Driver and server (which inherits the mask) share one core: unpinned runs are bimodal on 2-core machines.
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    dirs = args.playbooks or [FIXTURES]
    serve = [args.binary, "serve"] + [a for d in dirs for a in ("--playbooks", d)]

    def fresh():
        pipe = Pipe(serve)
        init = request(0, "initialize", {"protocolVersion": 1, "clientInfo": {"name": "protocol_bench"}})
        assert b'"result"' in pipe.call(init.encode() + b"\n")
        return pipe

    probe = fresh()
    known = [p["id"] for p in json.loads(probe.call(request(1, "playbooks/list", {}).encode() + b"\n"))["result"]["playbooks"]]
    playbook = args.playbook or ("stakeholder-reset" if "stakeholder-reset" in known else "account-checkup")
    calls = script_for(probe, playbook)
    probe.close()
    print("playbook %s: %d turns per session (start + %d answers/skips)" % (playbook, len(calls) + 1, len(calls)))

    floor_lat, floor_rate = floor(build_floor(), 200000)
    print("floor responder: p50 %.1f µs, p99 %.1f µs, pipelined %.0f lines/s" % (
        percentile(floor_lat, 0.5), percentile(floor_lat, 0.99), floor_rate))

    pipe = fresh()
    lat, finals, elapsed = lockstep(pipe, playbook, calls, args.sessions)
    finals.sort()
    lock_peak = pipe.peak_kib()
    lock_cpu = pipe.cpu_seconds()
    assert pipe.close() == 0
    lat.sort()
    lock = {"turns": len(lat), "rate": len(lat) / elapsed, "p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99),
            "mean": statistics.fmean(lat), "peak": lock_peak, "cpu": lock_cpu * 1e6 / len(lat),
            "final50": percentile(finals, 0.5), "final99": percentile(finals, 0.99)}
    print("lock-step: %d turns in %.2f s = %.0f turns/s; p50 %.1f µs, p99 %.1f µs; server CPU %.1f µs/turn; peak %.1f MiB" % (
        lock["turns"], elapsed, lock["rate"], lock["p50"], lock["p99"], lock["cpu"], lock_peak / 1024))

    pipe = fresh()
    turns, elapsed = pipelined(pipe, playbook, calls, args.sessions)
    pipe_peak = pipe.peak_kib()
    pipe_cpu = pipe.cpu_seconds()
    assert pipe.close() == 0
    pipe_rate = turns / elapsed
    pipe_cpu_turn = pipe_cpu * 1e6 / turns
    print("pipelined: %d turns in %.2f s = %.0f turns/s; server CPU %.1f µs/turn; peak %.1f MiB" % (
        turns, elapsed, pipe_rate, pipe_cpu_turn, pipe_peak / 1024))

    ratio = lock["p50"] / percentile(floor_lat, 0.5)
    command = "python3 benchmarks/protocol_bench.py --sessions %d%s" % (
        args.sessions, "" if not args.playbook else " --playbook " + args.playbook)
    section = "\n".join([
        START,
        "## Protocol: `coach serve` turns per second and latency",
        "",
        "Measured by `benchmarks/protocol_bench.py` against a release build (`swift build -c release --static-swift-stdlib --product coach`),",
        "sessions kept in memory (no store). Command:",
        "",
        "```",
        command,
        "```",
        "",
        "%d sessions of `%s` (%d turns each: `session/start`, then every answer or skip), on %s, Python %s client." % (
            args.sessions, playbook, len(calls) + 1, platform.machine(), platform.python_version()),
        "Driver and server pinned to one core (`--no-pin` to turn that off). Lock-step: one request in flight, latency timed around each write/read pair. Pipelined: windows of 500",
        "sessions, every request of a window written at once while the replies are read. The floor is",
        "`floor-responder` (benchmarks/Floors/Responder), which answers every line with a fixed reply and parses nothing.",
        "",
        "| run | turns | turns/s | p50 µs | p99 µs | server CPU µs/turn | peak memory (VmHWM) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| floor responder, lock-step | %d | %.0f | %.1f | %.1f | | |" % (
            len(floor_lat), len(floor_lat) / (sum(floor_lat) / 1e6), percentile(floor_lat, 0.5), percentile(floor_lat, 0.99)),
        "| floor responder, pipelined | %d | %.0f | | | | |" % (len(floor_lat), floor_rate),
        "| coach serve, lock-step | %d | %.0f | %.1f | %.1f | %.1f | %.1f MiB |" % (
            lock["turns"], lock["rate"], lock["p50"], lock["p99"], lock["cpu"], lock["peak"] / 1024),
        "| coach serve, pipelined | %d | %.0f | | | %.1f | %.1f MiB |" % (turns, pipe_rate, pipe_cpu_turn, pipe_peak / 1024),
        "| coach serve, lock-step, only the turns that complete a session | %d | | %.1f | %.1f | | |" % (
            len(finals), lock["final50"], lock["final99"]),
        "",
        "Lock-step p50 is %.1f× the floor's (target: within 3×); pipelined %.0f turns/s (target: at least 100,000)." % (
            ratio, pipe_rate),
        "The turn that completes a session renders every draft (the review of an email is worked out only when read), in the engine",
        "(CoachCore); it takes most of the server's time, so throughput depends on how often sessions complete.",
        "Peak memory is for the whole process holding all %d sessions at the end of the run." % args.sessions,
        "On a shared 2-core machine with other builds running, repeated runs vary, the lock-step p50 most.",
        "Measured %s." % time.strftime("%Y-%m-%d"),
        END,
    ])
    print(section)
    if args.no_write:
        return 0
    text = open(args.out, encoding="utf-8").read() if os.path.exists(args.out) else "# Benchmarks\n"
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", os.path.relpath(args.out, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
