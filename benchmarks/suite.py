#!/usr/bin/env python3
"""The benchmark suite: Coach side by side with its floors, on a release build, with repeats.

Run through benchmarks/run.sh (which builds first). Writes the generated part of docs/benchmarks.md between
<!-- suite:start --> and <!-- suite:end --> and leaves the rest of the file (other sections) alone.

    python3 benchmarks/suite.py [--quick] [--only startup,prompt,protocol,memory,lint,store,engine] [--no-write]
        [--baseline DIR --baseline-label REV]

With --baseline (run.sh --baseline REV builds REV's release binaries into DIR), the protocol, store and engine
measurements run both builds in turn, repeat by repeat, and a side-by-side table against REV is written too.
"""

import argparse
import json
import os
import platform
import pty
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# run.sh builds everything (Coach and the floors alike) with the Swift runtime linked in, the way Coach is
# installed (README: `swift build -c release --static-swift-stdlib`), into its own build folder.
BIN = os.path.join(ROOT, os.environ.get("COACH_BENCH_BUILD", ".build-static"), "release")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
START, END = "<!-- suite:start -->", "<!-- suite:end -->"
PLAYBOOK = "stakeholder-reset"
# The core the pinned measurements run on (driver and server together), and the driver's own core otherwise.
CORE = os.cpu_count() - 1 if os.cpu_count() else 0


def exe(name, bin=None):
    return os.path.join(bin or BIN, name)


def pin(core=CORE):
    os.sched_setaffinity(0, {core})


def unpin():
    os.sched_setaffinity(0, set(range(os.cpu_count())))


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def spread(values):
    """Median with the 10th–90th percentile range (min–max for fewer than 10 values)."""
    if len(values) >= 10:
        return statistics.median(values), pct(values, 0.1), pct(values, 0.9)
    return statistics.median(values), min(values), max(values)


def fmt(values, unit, digits=1):
    m, lo, hi = spread(values)
    return "%.*f %s (%.*f–%.*f)" % (digits, m, unit, digits, lo, digits, hi)


def result_line(text):
    for line in text.splitlines():
        if line.startswith("RESULT "):
            out = {}
            for pair in line[7:].split():
                k, v = pair.split("=", 1)
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = v
            return out
    raise RuntimeError("no RESULT line in:\n" + text)


def bench(*args, bin=None):
    out = subprocess.run([exe("coach-bench", bin)] + [str(a) for a in args], check=True, capture_output=True, text=True)
    print("   ", out.stdout.strip().splitlines()[0], flush=True)
    return result_line(out.stdout)


class Env:
    """A private HOME and COACH_HOME for every child, so no run reads or writes the user's data."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="coach-bench-")
        self.vars = dict(os.environ, HOME=self.dir, COACH_HOME=os.path.join(self.dir, "coach"), LANG="C.UTF-8",
                         TERM="xterm-256color", COACH_TODAY="2026-11-23")
        self.vars.pop("COACH_PLAYBOOKS", None)
        self.vars.pop("NO_COLOR", None)

    def home(self, name):
        path = os.path.join(self.dir, name)
        os.makedirs(path, exist_ok=True)
        return path


# MARK: - 2. Start-up


def spawn_time(argv, env):
    devnull = os.open(os.devnull, os.O_WRONLY)
    t = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                                           (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status = os.waitpid(pid, 0)
    dt = (time.perf_counter_ns() - t) / 1e6
    os.close(devnull)
    if status != 0:
        raise RuntimeError("%s exited with %d" % (argv, status))
    return dt


def startup(env, repeats):
    pin()
    out = {}
    for label, argv in [("floor-hello", [exe("floor-hello")]), ("coach --version", [exe("coach"), "--version"]),
                        ("coach list", [exe("coach"), "list"])]:
        for _ in range(3):
            spawn_time(argv, env.vars)
        out[label] = [spawn_time(argv, env.vars) for _ in range(repeats)]
        print("  %-16s %s" % (label, fmt(out[label], "ms", 2)), flush=True)
    unpin()
    return out


# MARK: - 1. First prompt


def first_prompt(argv, env, marker=b"> "):
    t = time.perf_counter_ns()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    buf = b""
    try:
        while marker not in buf:
            r, _, _ = select.select([fd], [], [], 10)
            if not r:
                raise RuntimeError("no prompt from %s: %r" % (argv, buf[-300:]))
            buf += os.read(fd, 65536)
        return (time.perf_counter_ns() - t) / 1e6
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def prompt(env, repeats):
    # Unpinned is what a person gets (Coach opens its store on the second core while it checks the playbook);
    # pinned to one core is the stricter figure, reported beside it.
    out = {}
    for mode in ("unpinned", "pinned"):
        if mode == "pinned":
            pin()
        for label, argv in [("floor-libedit", [exe("floor-libedit")]), ("coach run " + PLAYBOOK, [exe("coach"), "run", PLAYBOOK])]:
            for _ in range(2):
                first_prompt(argv, env.vars)
            out.setdefault(mode, {})[label] = [first_prompt(argv, env.vars) for _ in range(repeats)]
            print("  %-8s %-24s %s" % (mode, label, fmt(out[mode][label], "ms", 2)), flush=True)
        unpin()
    return out


# MARK: - 3, 4, 5. Protocol


class Pipe:
    """A child process spoken to through raw file descriptors (no Python buffering)."""

    def __init__(self, argv, env, core=None):
        if core is not None:
            argv = ["taskset", "-c", str(core)] + argv
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, bufsize=0)
        self.win = self.proc.stdin.fileno()
        self.rout = self.proc.stdout.fileno()
        self.buffer = b""
        self.offset = 0

    def line(self):
        # An offset into the last read instead of slicing the rest off after each line: slicing copied the rest of
        # a 1 MiB read once per reply, which made the driver, not the server, the limit of pipelined runs.
        while True:
            i = self.buffer.find(b"\n", self.offset)
            if i >= 0:
                line = self.buffer[self.offset:i]
                self.offset = i + 1
                return line
            chunk = os.read(self.rout, 1 << 20)
            if not chunk:
                raise RuntimeError("the server closed its output")
            self.buffer = self.buffer[self.offset:] + chunk
            self.offset = 0

    def call(self, data):
        os.write(self.win, data)
        return self.line()

    def status(self, field):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for row in f:
                if row.startswith(field + ":"):
                    return int(row.split()[1])
        return 0

    def cpu_ns(self):
        """CPU time the server's threads have run so far (the scheduler's own count, in nanoseconds)."""
        total = 0
        task = "/proc/%d/task" % self.proc.pid
        for tid in os.listdir(task):
            try:
                with open("%s/%s/schedstat" % (task, tid)) as f:
                    total += int(f.read().split()[0])
            except (FileNotFoundError, ProcessLookupError):
                pass
        return total

    def close(self):
        self.proc.stdin.close()
        self.proc.stdout.read()
        return self.proc.wait(timeout=60)


def request(i, method, params):
    return (json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}, separators=(",", ":")) + "\n").encode()


FALLBACK = {"yesno": ["no", "yes"], "number": ["3", "12"], "money": ["$12,000"], "percent": ["15%"],
            "date": ["2026-12-01", "tomorrow"], "email": ["name@example.com"], "list": ["first item; second item"]}


def candidates(p):
    out = ["no"] if p["step"].endswith(".more") else []
    if "default" in p:
        out.append(p["default"])
    out += p.get("examples", [])
    out += [c["value"] for c in p.get("choices", [])[:1]]
    return out + FALLBACK.get(p["kind"], []) + ["A plain answer"]


def serve_modes(env, bin=None):
    """The `coach serve` argument lists for store off and store on, or None when a mode is not there."""
    coach = exe("coach", bin)
    help_text = subprocess.run([coach, "serve", "--help"], capture_output=True, text=True, env=env.vars)
    if help_text.returncode != 0 or "USAGE: coach serve" not in help_text.stdout:
        return None
    text = help_text.stdout
    modes = {}
    if "--no-store" in text:
        modes["off"] = [coach, "serve", "--no-store"]
        modes["on"] = [coach, "serve", "--home", env.home("serve-store")]
    elif "--store" in text:
        modes["off"] = [coach, "serve"]
        modes["on"] = [coach, "serve", "--store", "--home", env.home("serve-store")]
    else:
        modes["off"] = [coach, "serve"]  # sessions in memory: the store is not wired into serve yet
    return modes


def fresh(argv, env, core=None):
    pipe = Pipe(argv, env.vars, core)
    reply = pipe.call(request(0, "initialize", {"protocolVersion": 1, "clientInfo": {"name": "coach-suite"}}))
    assert b'"result"' in reply, reply
    return pipe


def script_for(argv, env):
    """The (method, step, value) calls that complete one session, found by driving it once."""
    pipe = fresh(argv, env)
    calls = []
    turn = json.loads(pipe.call(request(1, "session/start", {"playbook": PLAYBOOK})))["result"]
    while turn["status"] == "asking":
        p = turn["prompt"]
        if p["kind"] == "info":
            nxt = json.loads(pipe.call(request(2, "session/skip", {"session": turn["session"], "step": p["step"]})))
            calls.append(("session/skip", p["step"], None))
        else:
            for value in candidates(p):
                params = {"session": turn["session"], "step": p["step"], "value": value}
                nxt = json.loads(pipe.call(request(2, "session/answer", params)))
                if "result" in nxt and "invalid" not in nxt["result"]:
                    break
            calls.append(("session/answer", p["step"], value))
        turn = nxt["result"]
    pipe.close()
    return calls


def session_lines(calls, session, first_id=1):
    out = []
    for k, (method, step, value) in enumerate(calls):
        params = {"session": session, "step": step}
        if method == "session/answer":
            params["value"] = value
        out.append(request(first_id + k, method, params))
    return out


def lockstep(argv, env, calls, turns):
    """One request in flight, whole sessions one after another, driver and server on one core."""
    pin()
    pipe = fresh(argv, env, CORE)
    start = request(0, "session/start", {"playbook": PLAYBOOK})
    clock = time.perf_counter_ns
    lat = []
    warm = 200
    cpu0 = None
    while len(lat) < turns + warm:
        if cpu0 is None and len(lat) >= warm:
            cpu0, counted = pipe.cpu_ns(), len(lat)
        t0 = clock()
        reply = pipe.call(start)
        lat.append((clock() - t0) / 1000)
        session = json.loads(reply)["result"]["session"]
        for data in session_lines(calls, session):
            t0 = clock()
            reply = pipe.call(data)
            lat.append((clock() - t0) / 1000)
            if b'"error"' in reply or b'"invalid"' in reply:
                raise RuntimeError("unexpected reply: %r" % reply[:300])
        if b'"completed"' not in reply:
            raise RuntimeError("the session did not complete: %r" % reply[:300])
    cpu = (pipe.cpu_ns() - cpu0) / 1000 / (len(lat) - counted)
    assert pipe.close() == 0
    unpin()
    return lat[warm:warm + turns], cpu


def pipelined(argv, env, calls, sessions, window=1000):
    """`window` sessions open at a time: all their starts written at once, then all their answers interleaved
    (step by step across the sessions) written ahead by a thread while the replies are read."""
    pipe = fresh(argv, env)
    turns = 0
    cpu0 = pipe.cpu_ns()
    began = time.perf_counter_ns()
    for base in range(0, sessions, window):
        n = min(window, sessions - base)
        os.write(pipe.win, b"".join(request(base + k, "session/start", {"playbook": PLAYBOOK}) for k in range(n)))
        ids = [json.loads(pipe.line())["result"]["session"] for _ in range(n)]
        per = [session_lines(calls, sid) for sid in ids]
        blob = b"".join(per[s][k] for k in range(len(calls)) for s in range(n))
        writer = threading.Thread(target=os.write, args=(pipe.win, blob))
        writer.start()
        completed = 0
        for _ in range(n * len(calls)):
            reply = pipe.line()
            if b'"error"' in reply:
                raise RuntimeError("unexpected reply: %r" % reply[:300])
            completed += b'"completed"' in reply
        writer.join()
        if completed != n:
            raise RuntimeError("%d of %d sessions completed" % (completed, n))
        turns += n * (1 + len(calls))
    elapsed = (time.perf_counter_ns() - began) / 1e9
    cpu = (pipe.cpu_ns() - cpu0) / 1000 / turns
    peak = pipe.status("VmHWM")
    assert pipe.close() == 0
    return turns / elapsed, peak, cpu


def open_sessions(argv, env, calls, sessions):
    """Resident memory of the server with `sessions` open: started, then half answered (KiB per 1,000)."""
    pipe = fresh(argv, env)
    base = pipe.status("VmRSS")
    ids = []
    for b in range(0, sessions, 1000):
        os.write(pipe.win, b"".join(request(b + k, "session/start", {"playbook": PLAYBOOK}) for k in range(1000)))
        ids += [json.loads(pipe.line())["result"]["session"] for _ in range(1000)]
    started = pipe.status("VmRSS")
    half = len(calls) // 2
    for b in range(0, sessions, 1000):
        chunk = ids[b:b + 1000]
        blob = b"".join(line for sid in chunk for line in session_lines(calls[:half], sid))
        writer = threading.Thread(target=os.write, args=(pipe.win, blob))
        writer.start()
        for _ in range(len(chunk) * half):
            pipe.line()
        writer.join()
    halfway = pipe.status("VmRSS")
    assert pipe.close() == 0
    return (started - base) / sessions * 1000, (halfway - base) / sessions * 1000, half


def lockstep_latencies(pipe, data, count, warm=1000):
    """µs per write/read pair with one request in flight, after `warm` untimed ones."""
    for _ in range(warm):
        pipe.call(data)
    clock = time.perf_counter_ns
    lat = []
    for _ in range(count):
        t0 = clock()
        pipe.call(data)
        lat.append((clock() - t0) / 1000)
    return lat


def pipelined_rate(pipe, data, count):
    """Lines per second with `count` copies of `data` written ahead by a thread while the replies are read."""
    began = time.perf_counter_ns()
    writer = threading.Thread(target=os.write, args=(pipe.win, data * count))
    writer.start()
    for _ in range(count):
        pipe.line()
    writer.join()
    return count / ((time.perf_counter_ns() - began) / 1e9)


def floor_responder(env, lines, repeats):
    pin()
    lat_runs, rates = [], []
    data = request(1, "ping", {})
    for _ in range(repeats):
        pipe = Pipe([exe("floor-responder")], env.vars, CORE)
        lat_runs.append(lockstep_latencies(pipe, data, lines))
        pipe.close()
    unpin()
    for _ in range(repeats):
        pipe = Pipe([exe("floor-responder")], env.vars)
        rates.append(pipelined_rate(pipe, data, 200000))
        pipe.close()
    return lat_runs, rates


def protocol(env, turns, sessions, repeats, builds):
    """Lock-step and pipelined, store off and on, for every build: in turn within each repeat, so a change in the
    machine's load falls on all of them alike."""
    out = {"builds": {}}
    lat_runs, rates = floor_responder(env, turns, repeats)
    out["floor"] = {"p50": [pct(r, 0.5) for r in lat_runs], "p99": [pct(r, 0.99) for r in lat_runs], "rate": rates}
    print("  floor-responder: p50 %s, p99 %s, pipelined %s" % (
        fmt(out["floor"]["p50"], "µs"), fmt(out["floor"]["p99"], "µs"), fmt(rates, "lines/s", 0)), flush=True)
    setups = {}
    for label, bin in builds:
        modes = serve_modes(env, bin)
        if modes is None:
            print("  %s: coach serve is not in this build: protocol measurements skipped" % label)
            continue
        calls = script_for(modes["off"], env)
        setups[label] = (modes, calls)
        out["builds"][label] = {"modes": {name: {"p50": [], "p99": [], "cpu": [], "rate": [], "peak": [], "pcpu": []}
                                          for name in modes}, "turns_per_session": len(calls) + 1}
    for _ in range(repeats):
        for label, (modes, calls) in setups.items():
            for name, argv in modes.items():
                m = out["builds"][label]["modes"][name]
                if name == "on":
                    shutil.rmtree(env.home("serve-store"))
                    env.home("serve-store")
                lat, cpu = lockstep(argv, env, calls, turns)
                m["p50"].append(pct(lat, 0.5))
                m["p99"].append(pct(lat, 0.99))
                m["cpu"].append(cpu)
                rate, peak, pcpu = pipelined(argv, env, calls, sessions)
                m["rate"].append(rate)
                m["peak"].append(peak / 1024)
                m["pcpu"].append(pcpu)
                print("  %s, store %s: lock-step p50 %.1f µs, p99 %.1f µs, server CPU %.1f µs/turn; pipelined %.0f turns/s, "
                      "server CPU %.1f µs/turn, peak %.1f MiB" % (label, name, m["p50"][-1], m["p99"][-1], cpu, rate, pcpu,
                                                                   peak / 1024), flush=True)
    for label, (modes, calls) in setups.items():
        started, halfway, half = open_sessions(modes["off"], env, calls, sessions)
        out["builds"][label]["open"] = {"started": started, "half": halfway, "answers": half, "sessions": sessions}
        print("  %s: coach serve, %d sessions open: %.0f KiB per 1,000 started, %.0f KiB per 1,000 with %d answers each" % (
            label, sessions, started, halfway, half), flush=True)
    return out


# MARK: - 6. Loading and linting


def lint(env, count, repeats):
    folder = env.home("generated")
    bench("generate", folder, count)

    def cli_run():
        t = time.perf_counter_ns()
        done = subprocess.run([exe("coach"), "lint", folder], capture_output=True, env=env.vars)
        if done.returncode != 0:
            raise RuntimeError("coach lint failed on the generated playbooks:\n" + done.stdout.decode()[-2000:])
        return (time.perf_counter_ns() - t) / 1e9

    # `coach lint` checks files on every core, as a person runs it; pinned to one core for the per-file cost.
    cli = [cli_run() for _ in range(repeats)]
    pin()
    inproc = [bench("lint", count)["seconds"] for _ in range(repeats)]
    pinned = [cli_run() for _ in range(repeats)]
    unpin()
    print("  coach lint DIR (%d files): %s; pinned %s; in-process load+lint (one core): %s" % (
        count, fmt(cli, "s", 3), fmt(pinned, "s", 3), fmt(inproc, "s", 3)), flush=True)
    return {"cli": cli, "pinned": pinned, "inproc": inproc, "count": count}


# MARK: - 7. Store at scale


def store(env, count, repeats, bin=None):
    home = env.home("store-%d" % len(os.listdir(env.dir)))
    seed = bench("store-seed", home, bin=bin)
    db = sqlite3.connect(os.path.join(home, "coach.sqlite"))
    cols = [r[1] for r in db.execute("PRAGMA table_info(sessions)")]
    picks = ", ".join("printf('s-%06d', n)" if c == "id" else "updated_at + n" if c == "updated_at" else c for c in cols)
    db.execute("""WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
                  INSERT INTO sessions (%s) SELECT %s FROM seq, (SELECT * FROM sessions WHERE id = ?)""" % (
        ", ".join(cols), picks), (count - len(db.execute("SELECT id FROM sessions").fetchall()), seed["id"]))
    db.commit()
    db.close()
    # A build whose seed has no session of 100 events (before the journal was the session) resumes a clone.
    args = [home, seed["long"], 10] if "long" in seed else [home, 10]
    pin()
    runs = [bench("store", *args, bin=bin) for _ in range(repeats)]
    unpin()
    for run in runs:
        run["events"] = seed.get("events", 0)
    return runs


# MARK: - Engine (in process, for the record)


def engine(sessions, repeats, builds):
    """`coach-bench engine` of every build in turn, repeat by repeat, and `coach-bench memory` once each."""
    pin()
    runs = {label: [] for label, _ in builds}
    for _ in range(repeats):
        for label, bin in builds:
            runs[label].append(bench("engine", sessions, PLAYBOOK, bin=bin))
    out = {label: (runs[label], bench("memory", 10000, PLAYBOOK, bin=bin)) for label, bin in builds}
    unpin()
    return out


# MARK: - Report


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for row in f:
            if row.startswith("model name"):
                model = row.split(":", 1)[1].strip()
                break
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    swift = swift[0] if swift else subprocess.run(["swift", "--version"], capture_output=True, text=True).stderr.splitlines()[0]
    mem = 0
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(), "swift": swift.strip(),
            "python": platform.python_version(), "memory": "%d MiB" % mem, "load": "%.2f %.2f %.2f" % os.getloadavg(),
            "when": time.strftime("%Y-%m-%d %H:%M")}


def verdict(ok):
    return "**pass**" if ok else "**FAIL**"


def report(r, args):
    m = r["machine"]
    lines = [START, "## Latest figures (generated by `benchmarks/run.sh`)", ""]
    lines += ["Measured %s with `%s`%s." % (m.get("when", time.strftime("%Y-%m-%d %H:%M")), "benchmarks/run.sh" + (" --quick" if args.quick else ""),
                                            " (quick: fewer repeats and sessions)" if args.quick else ""),
              "",
              "Machine: %d cores, %s, Linux %s, %s, Python %s, %s RAM; load average at start %s (other builds share it)." % (
                  m["nproc"], m["cpu"], m["kernel"], m["swift"], m["python"], m["memory"], m["load"]),
              "Release build (`swift build -c release --static-swift-stdlib`, Coach and floors alike). Figures are medians, with the 10th–90th percentile range in",
              "brackets (min–max when there are fewer than ten repeats). Pinned runs use `taskset -c %d` for driver and" % CORE,
              "program together.", ""]
    budget = []
    lines += ["| # | measurement | floor | Coach | budget | verdict |", "|---|---|---|---|---|---|"]
    if "prompt" in r:
        un, pn = r["prompt"]["unpinned"], r["prompt"]["pinned"]
        key = "coach run " + PLAYBOOK
        floor = statistics.median(un["floor-libedit"])
        coach = statistics.median(un[key])
        ok = coach <= 2 * floor
        lines.append("| 1 | first prompt of `coach run %s` in a pseudo-terminal, unpinned (pinned: driver and program on one core) | floor-libedit %s (pinned %s) | %s (%.1f× floor) (pinned %s, %.1f× floor) | within 2× floor (%.1f ms) | %s |" % (
            PLAYBOOK, fmt(un["floor-libedit"], "ms"), fmt(pn["floor-libedit"], "ms"), fmt(un[key], "ms"), coach / floor,
            fmt(pn[key], "ms"), statistics.median(pn[key]) / statistics.median(pn["floor-libedit"]), 2 * floor, verdict(ok)))
        budget.append(ok)
    if "startup" in r:
        s = r["startup"]
        v = statistics.median(s["coach --version"])
        lines.append("| 2 | `coach --version` cold start | floor-hello %s | %s | under 15 ms | %s |" % (
            fmt(s["floor-hello"], "ms", 2), fmt(s["coach --version"], "ms", 2), verdict(v < 15)))
        lines.append("| 2 | `coach list` cold start | floor-hello %s | %s | (no line; same scale as --version) | — |" % (
            fmt(s["floor-hello"], "ms", 2), fmt(s["coach list"], "ms", 2)))
        budget.append(v < 15)
    if "protocol" in r and "now" in r["protocol"]["builds"]:
        p = r["protocol"]["builds"]["now"]
        fl = r["protocol"]["floor"]
        floor50 = statistics.median(fl["p50"])
        n_turns = args.turns
        for name, label in [("off", "store off"), ("on", "store on")]:
            mm = p["modes"].get(name)
            if not mm:
                lines.append("| 3 | lock-step, %s | | not measured: `coach serve` has no %s mode in this build | %s | — |" % (
                    label, label, "under 100 µs p50" if name == "on" else "p50 within 3× floor"))
                continue
            c50 = statistics.median(mm["p50"])
            if name == "off":
                ok = c50 <= 3 * floor50
                target = "p50 within 3× floor (%.1f µs)" % (3 * floor50)
            else:
                ok = c50 < 100
                target = "p50 under 100 µs"
            lines.append("| 3 | lock-step, %s, %d turns: p50 / p99 per turn | floor-responder %s / %s | %s / %s (%.1f× floor) | %s | %s |" % (
                label, n_turns, fmt(fl["p50"], "µs"), fmt(fl["p99"], "µs"), fmt(mm["p50"], "µs"), fmt(mm["p99"], "µs"),
                c50 / floor50, target, verdict(ok)))
            budget.append(ok)
        for name, label, need in [("off", "store off", 100000), ("on", "store on", 30000)]:
            mm = p["modes"].get(name)
            if not mm:
                lines.append("| 4 | pipelined, %s | | not measured (see above) | at least %d turns/s | — |" % (label, need))
                continue
            rate = statistics.median(mm["rate"])
            lines.append("| 4 | pipelined, %s, %d sessions (1,000 open): turns/s; peak memory | floor-responder %s | %s; peak %s | at least %s turns/s | %s |" % (
                label, args.sessions, fmt(fl["rate"], "lines/s", 0), fmt(mm["rate"], "turns/s", 0), fmt(mm["peak"], "MiB"),
                "{:,}".format(need), verdict(rate >= need)))
            budget.append(rate >= need)
        if "open" in p:
            o = p["open"]
            ok = o["started"] <= 1024
            lines.append("| 5 | resident memory, %d sessions open in `coach serve` (per 1,000) | | %.0f KiB started; %.0f KiB with %d answers each | at most 1 MB per 1,000 | %s (started) |" % (
                o["sessions"], o["started"], o["half"], o["answers"], verdict(ok)))
            budget.append(ok)
    if "engine" in r:
        mem = r["engine"]["now"][1]
        lines.append("| 5 | resident memory, 10,000 engine sessions in process (per 1,000) | | %.0f KiB started; %.0f KiB with %d answers each | at most 1 MB per 1,000 | %s (started) |" % (
            mem["started_kib_per_1000"], mem["half_kib_per_1000"], mem["answers"], verdict(mem["started_kib_per_1000"] <= 1024)))
    if "lint" in r:
        lt = r["lint"]
        cli = statistics.median(lt["cli"])
        lines.append("| 6 | load + lint %d generated playbooks: `coach lint DIR` (both cores) / pinned to one core / in process on one core | | %s / %s / %s | under 1 s | %s |" % (
            lt["count"], fmt(lt["cli"], "s", 3), fmt(lt["pinned"], "s", 3), fmt(lt["inproc"], "s", 3), verdict(cli < 1)))
        budget.append(cli < 1)
    if "store" in r:
        runs = r["store"]["now"]
        lst = [x["list_ms"] for x in runs]
        ok = statistics.median(lst) < 100
        lines.append("| 7 | %d stored sessions: list newest 50 / list all / resume a session of 100 events / open store | | %s / %s / %s / %s | listing under 100 ms | %s |" % (
            int(runs[0]["sessions"]), fmt(lst, "ms", 2), fmt([x["list_all_ms"] for x in runs], "ms", 0),
            fmt([x["resume_us"] for x in runs], "µs", 0), fmt([x["open_ms"] for x in runs], "ms", 1), verdict(ok)))
        budget.append(ok)
    lines.append("")
    if "engine" in r:
        runs = r["engine"]["now"][0]
        lines += ["Engine in process (`coach-bench engine %d %s`, %d runs): %s per turn on average; start %s, mid-session answer %s," % (
            args.engine_sessions, PLAYBOOK, len(runs), fmt([x["per_turn_us"] for x in runs], "µs"), fmt([x["start_us"] for x in runs], "µs"),
            fmt([x["mid_us"] for x in runs], "µs")),
            "completing answer (renders every draft; the review of an email is worked out when it is read) %s." % fmt([x["last_us"] for x in runs], "µs"), ""]
    if "protocol" in r and "now" in r["protocol"]["builds"]:
        lines += ["Protocol sessions have %d turns each (`session/start`, then every answer or skip); the driver is Python" % r["protocol"]["builds"]["now"]["turns_per_session"],
                  "(`benchmarks/suite.py`), timing each write/read pair in lock-step; pipelined runs write every request of",
                  "1,000 sessions ahead, interleaved step by step across the sessions.", ""]
    lines += ["%d of %d budget lines measured here pass." % (sum(budget), len(budget)), ""]
    if args.baseline:
        lines += side_by_side(r, args)
    lines += [
              "Reproduce: `benchmarks/run.sh%s` (builds the release products and floors, then runs everything)." % (
                  (" --quick" if args.quick else "") + (" --baseline %s" % args.baseline_label if args.baseline else "")
                  + (" --only " + args.only if args.only != args.default_only else "")
                  + (" --sessions %d" % args.sessions if args.sessions != args.default_sessions else "")
                  + (" --repeats %d" % args.repeats if args.repeats else "")),
              END]
    return "\n".join(lines)


def side_by_side(r, args):
    """The redesign's budget lines: this build against the baseline build, measured in the same run."""
    base = args.baseline_label
    med = statistics.median
    lines = ["### Against `%s`, measured in the same run" % base, "",
             "Both builds ran every measurement below in turn, repeat by repeat (`benchmarks/run.sh --baseline %s`)." % base,
             "Server CPU is the scheduler's count for the `coach serve` process (`/proc/PID/task/*/schedstat`) over the",
             "timed turns, divided by the turns.", "",
             "| line | `%s` | now | budget | verdict |" % base, "|---|---|---|---|---|"]
    ok_all = []

    def row(what, old, new, budget, ok):
        lines.append("| %s | %s | %s | %s | %s |" % (what, old, new, budget, "—" if ok is None else verdict(ok)))
        if ok is not None:
            ok_all.append(ok)

    if "protocol" in r:
        b = r["protocol"]["builds"]
        old, new = b.get(base, {}).get("modes", {}), b.get("now", {}).get("modes", {})
        if "off" in old and "off" in new:
            o, n = old["off"], new["off"]
            ratio = med(n["cpu"]) / med(o["cpu"])
            row("store off: server CPU per lock-step turn", fmt(o["cpu"], "µs"), "%s (%.2f×)" % (fmt(n["cpu"], "µs"), ratio),
                "at most 1.10× `%s`" % base, ratio <= 1.10)
            ratio = med(n["pcpu"]) / med(o["pcpu"])
            row("store off: server CPU per pipelined turn", fmt(o["pcpu"], "µs"), "%s (%.2f×)" % (fmt(n["pcpu"], "µs"), ratio),
                "at most 1.10× `%s`" % base, ratio <= 1.10)
            ratio = med(n["p50"]) / med(o["p50"])
            row("store off: lock-step p50", fmt(o["p50"], "µs"), "%s (%.2f×)" % (fmt(n["p50"], "µs"), ratio),
                "at most 1.10× `%s`" % base, ratio <= 1.10)
            row("store off: pipelined", fmt(o["rate"], "turns/s", 0), fmt(n["rate"], "turns/s", 0), "(no line)", None)
        if "on" in new and "off" in new:
            n_on, n_off = new["on"], new["off"]
            o_on, o_off = old.get("on"), old.get("off")

            def vs(m_on, m_off, key):
                return "%s (%.2f× store off)" % (fmt(m_on[key], "µs"), med(m_on[key]) / med(m_off[key]))
            ratio = med(n_on["cpu"]) / med(n_off["cpu"])
            row("store on: server CPU per durable lock-step turn", vs(o_on, o_off, "cpu") if o_on else "",
                vs(n_on, n_off, "cpu"), "at most 1.5× store off", ratio <= 1.5)
            ratio = med(n_on["pcpu"]) / med(n_off["pcpu"])
            row("store on: server CPU per durable pipelined turn", vs(o_on, o_off, "pcpu") if o_on else "",
                vs(n_on, n_off, "pcpu"), "at most 1.5× store off", ratio <= 1.5)
            ratio = med(n_on["p50"]) / med(n_off["p50"])
            row("store on: lock-step p50", vs(o_on, o_off, "p50") if o_on else "", vs(n_on, n_off, "p50"),
                "at most 2× store off", ratio <= 2)
            row("store on: pipelined", fmt(o_on["rate"], "turns/s", 0) if o_on else "", fmt(n_on["rate"], "turns/s", 0),
                "at least 30,000 turns/s", med(n_on["rate"]) >= 30000)
        if "open" in b.get("now", {}):
            o, n = b.get(base, {}).get("open"), b["now"]["open"]
            row("`coach serve --no-store`, %d sessions open halfway (%d answers each), per 1,000" % (n["sessions"], n["answers"]),
                "%.0f KiB" % o["half"] if o else "", "%.0f KiB" % n["half"], "at most 1 MiB (1,024 KiB)", n["half"] <= 1024)
    if "store" in r and "now" in r["store"]:
        o, n = r["store"].get(base), r["store"]["now"]
        row("resume a stored session of %d events (snapshot read, later events replayed, turn shown)" % n[0]["events"],
            (fmt([x["resume_us"] for x in o], "µs", 0) + " (a half-answered session: its one saved state)") if o else "",
            fmt([x["resume_us"] for x in n], "µs", 0), "under 2 ms", med([x["resume_us"] for x in n]) < 2000)
        row("list the newest 50 of %d stored sessions" % int(n[0]["sessions"]),
            fmt([x["list_ms"] for x in o], "ms", 2) if o else "", fmt([x["list_ms"] for x in n], "ms", 2), "under 1 ms",
            med([x["list_ms"] for x in n]) < 1)
    if "engine" in r and "now" in r["engine"]:
        o, n = r["engine"].get(base), r["engine"]["now"]
        for key, what in [("mid_us", "engine in process: mid-session answer"), ("last_us", "engine in process: completing answer"),
                          ("per_turn_us", "engine in process: average turn")]:
            row(what, fmt([x[key] for x in o[0]], "µs") if o else "", fmt([x[key] for x in n[0]], "µs"), "(no line)", None)
    lines += ["", "%d of %d lines against `%s` pass." % (sum(ok_all), len(ok_all), base), ""]
    return lines


def write_section(section, start_marker, end_marker):
    """Puts `section` (which begins with start_marker and ends with end_marker) into docs/benchmarks.md in place of
    the previous one between those markers, or at the end of the page the first time."""
    text = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else "# Benchmarks\n"
    # The markers count only on lines of their own (the prose of the page may quote them).
    start, end = "\n" + start_marker + "\n", "\n" + end_marker + "\n"
    if start in text and end in text[text.index(start):]:
        a = text.index(start) + 1
        b = text.index(end, a) + 1 + len(end_marker)
        text = text[:a] + section + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", os.path.relpath(DOC, ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="startup,prompt,protocol,lint,store,engine")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--baseline", help="a folder of the baseline's release binaries (coach, coach-bench)")
    parser.add_argument("--baseline-label", default="baseline")
    parser.add_argument("--from", dest="results", help="write the report from a run's saved figures (suite-results.json)")
    parser.add_argument("--sessions", type=int, help="pipelined and open sessions (default 10000, quick 2000)")
    parser.add_argument("--repeats", type=int, help="repeats of the protocol, store and engine runs (default 3)")
    args = parser.parse_args()
    builds = ([(args.baseline_label, os.path.abspath(args.baseline))] if args.baseline else []) + [("now", BIN)]
    q = args.quick
    args.default_only, args.default_sessions = parser.get_default("only"), 2000 if q else 10000
    args.turns = 10000
    args.sessions = args.sessions or (2000 if q else 10000)
    args.engine_sessions = 300 if q else 2000
    only = set(args.only.split(","))
    env = Env()
    r = {"machine": machine()}
    print("machine:", r["machine"], flush=True)
    if args.results:
        with open(args.results) as f:
            r = json.load(f)
        only = set()
    try:
        if "startup" in only:
            print("2. start-up", flush=True)
            r["startup"] = startup(env, 10 if q else 40)
        if "prompt" in only:
            print("1. first prompt", flush=True)
            r["prompt"] = prompt(env, 8 if q else 25)
        if "protocol" in only:
            print("3-5. protocol", flush=True)
            r["protocol"] = protocol(env, args.turns, args.sessions, args.repeats or (1 if q else 3), builds)
        if "lint" in only:
            print("6. load + lint", flush=True)
            r["lint"] = lint(env, 1000, 2 if q else 5)
        if "store" in only:
            print("7. store", flush=True)
            r["store"] = {label: store(env, 100000, args.repeats or (1 if q else 3), bin) for label, bin in builds}
        if "engine" in only:
            print("engine (in process)", flush=True)
            r["engine"] = engine(args.engine_sessions, args.repeats or (1 if q else 3), builds)
    finally:
        shutil.rmtree(env.dir, ignore_errors=True)
    # The raw figures, kept beside the build so that a report can be written again from them.
    with open(os.path.join(os.path.dirname(BIN), "suite-results.json"), "w") as f:
        json.dump(r, f)
    section = report(r, args)
    print(section)
    if args.no_write:
        return 0
    write_section(section, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
