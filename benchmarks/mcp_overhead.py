#!/usr/bin/env python3
"""Per-call overhead of `coach mcp` next to `coach serve`, same binary, same run, same machine.

Both servers get the same work in lock-step (one request in flight): start stakeholder-reset, skip the intro,
then N times answer `client` and go `back` to it (each answer saved to the store before its reply). The figure is
the median and p99 wall time per call, measured around each write/read pair.

    python3 benchmarks/mcp_overhead.py .build/release/coach [N]
"""
import json, os, statistics, subprocess, sys, tempfile, time


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


class Pipe:
    def __init__(self, args, home):
        env = dict(os.environ, COACH_HOME=home, COACH_TODAY="2026-11-23")
        self.p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.n = 0

    def call(self, method, params):
        self.n += 1
        self.p.stdin.write((json.dumps({"jsonrpc": "2.0", "id": self.n, "method": method, "params": params}) + "\n").encode())
        self.p.stdin.flush()
        while True:
            reply = json.loads(self.p.stdout.readline())
            if reply.get("id") == self.n:
                return reply


def run(binary, kind, n):
    home = tempfile.mkdtemp(prefix="coach-bench-")
    if kind == "serve":
        s = Pipe([binary, "serve"], home)
        s.call("initialize", {"protocolVersion": 1, "clientInfo": {"name": "bench"}})
        call = lambda m, p: s.call(m, p)["result"]
        start = lambda: call("session/start", {"playbook": "stakeholder-reset"})
        answer = lambda sid: call("session/answer", {"session": sid, "step": "client", "value": "Acme"})
        back = lambda sid: call("session/back", {"session": sid})
        skip = lambda sid: call("session/skip", {"session": sid, "step": "intro"})
    else:
        s = Pipe([binary, "mcp"], home)
        s.call("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
        s.p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        tool = lambda name, a: s.call("tools/call", {"name": name, "arguments": a})["result"]["structuredContent"]
        start = lambda: tool("start_session", {"playbook": "stakeholder-reset"})
        answer = lambda sid: tool("answer", {"session": sid, "step": "client", "value": "Acme"})
        back = lambda sid: tool("back", {"session": sid})
        skip = lambda sid: tool("skip", {"session": sid, "step": "intro"})
    sid = start()["session"]
    skip(sid)
    times = []
    for _ in range(n):
        for f in (answer, back):
            t = time.perf_counter()
            f(sid)
            times.append((time.perf_counter() - t) * 1e6)
    s.p.stdin.close()
    s.p.wait()
    return times


def main():
    binary = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    print("| server | calls | p50 µs | p99 µs |")
    print("|---|---|---|---|")
    for kind in ("serve", "mcp"):
        t = run(binary, kind, n)
        print("| coach %s | %d | %.0f | %.0f |" % (kind, len(t), statistics.median(t), percentile(t, 0.99)))


if __name__ == "__main__":
    main()
