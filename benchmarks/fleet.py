#!/usr/bin/env python3
"""Benchmark of a fleet (not a test): durable turns through `coach serve` on SQLite, on PostgreSQL with one worker
and on PostgreSQL with two workers, in one run, repeat by repeat, with the CPU each process used.

    swift build -c release --static-swift-stdlib --traits Postgres --scratch-path .build-fleet --product coach
    python3 benchmarks/fleet.py [--binary .build-fleet/release/coach] [--sessions 2000] [--turns 3000] [--repeats 3]
        [--cluster DIR] [--no-write]

Starts a private PostgreSQL cluster (Tests/clients/pg_cluster.sh, with PostgreSQL's durable defaults: fsync and
synchronous_commit on) unless --cluster names a running one, and gives every run a new database and every SQLite run
a new data folder. Every answer is durable before its reply in all three set-ups.

- pipelined: `--sessions` whole sessions of stakeholder-reset; the sessions are spread over the workers (each worker
  gets its share, driven by its own writer and reader threads), 1,000 sessions open at a time in all: their starts
  written at once, then every answer interleaved step by step across them, written ahead while the replies are read.
- lock-step: one client per worker, each with one request in flight, `--turns` turns per client through whole
  sessions; latency is timed around each write/read pair.

During each pipelined run the CPU time of every process (`/proc/PID/task/*/schedstat`: the coach workers, their
PostgreSQL backends, PostgreSQL's other processes, this driver) is read before and after and shown as a share of
one core over the run's wall time; `/proc/stat` gives the whole machine's (the `nice` column is other people's
niced builds). Writes the "Fleet" section of docs/benchmarks.md between its markers.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import suite  # noqa: E402  (the suite's pipe, requests and the script of one session)

CLUSTER = os.path.join(ROOT, "Tests", "clients", "pg_cluster.sh")
START, END = "<!-- fleet:start -->", "<!-- fleet:end -->"
SETUPS = [("sqlite", "SQLite, one worker", 1), ("pg1", "PostgreSQL, one worker", 1),
          ("pg2", "PostgreSQL, two workers", 2)]
WINDOW = 1000  # sessions open at a time in a pipelined run, over all workers


def schedstat_ns(pid):
    """CPU time all threads of `pid` have run (ns), or 0 when it has gone."""
    total = 0
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except FileNotFoundError:
        return 0
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def machine_jiffies():
    """(busy, niced, total) jiffies of the whole machine from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait = fields[:5]
    total = sum(fields[:8])
    return total - idle - iowait, nice, total


class Cluster:
    """The private PostgreSQL cluster: a new database per run, and the processes of the server."""

    def __init__(self, directory):
        self.owned = directory is None
        self.dir = directory or tempfile.mkdtemp(prefix="coach-fleet-pg-")
        if self.owned:
            subprocess.run([CLUSTER, "up", self.dir], check=True, env=dict(os.environ, PG_CLUSTER_FSYNC="on"))
        exports = subprocess.run([CLUSTER, "env", self.dir], check=True, capture_output=True, text=True).stdout
        self.vars = {}
        for line in exports.splitlines():
            key, value = line[len("export "):].split("=", 1)
            self.vars[key] = value.strip("'")
        self.port = int(open(os.path.join(self.dir, "port")).read())
        self.count = 0

    def sql(self, statement, database="postgres"):
        return subprocess.run(["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p", str(self.port),
                               "-U", "postgres", "-d", database, "-c", statement],
                              check=True, capture_output=True, text=True).stdout

    def setting(self, name):
        return self.sql("SHOW %s" % name).strip()

    def new_database(self):
        self.count += 1
        name = "fleet_bench_%d" % self.count
        self.sql("CREATE DATABASE %s OWNER coach" % name)
        return name, "postgres://coach@127.0.0.1:%d/%s" % (self.port, name)

    def drop(self, name):
        self.sql("DROP DATABASE IF EXISTS %s" % name)

    def backends(self, database):
        rows = self.sql("SELECT pid FROM pg_stat_activity WHERE datname = '%s' AND backend_type = 'client backend'"
                        " AND pid <> pg_backend_pid()" % database)
        return [int(x) for x in rows.split()]

    def processes(self):
        """Every process of the server: the postmaster and its children."""
        with open(os.path.join(self.dir, "data", "postmaster.pid")) as f:
            master = int(f.readline())
        found = [master]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == master:
                            found.append(int(entry))
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return found

    def close(self):
        if self.owned:
            subprocess.run([CLUSTER, "down", self.dir], check=False)


class Fleet:
    """The workers of one set-up, each a `coach serve` on the same store."""

    def __init__(self, binary, store_args, workers, env):
        self.pipes = [suite.Pipe([binary, "serve"] + store_args, env) for _ in range(workers)]
        for pipe in self.pipes:
            reply = pipe.call(suite.request(0, "initialize", {"protocolVersion": 1, "clientInfo": {"name": "fleet"}}))
            if b'"result"' not in reply:
                raise RuntimeError("initialize failed: %r" % reply[:300])
            self.persistence = json.loads(reply)["result"]["capabilities"]["persistence"]

    def close(self):
        for pipe in self.pipes:
            if pipe.close() != 0:
                raise RuntimeError("a worker exited with an error")


def drive_pipelined(pipe, calls, sessions, window, counts, index):
    """Runs `sessions` whole sessions through one worker, `window` open at a time, requests written ahead."""
    turns = 0
    for base in range(0, sessions, window):
        n = min(window, sessions - base)
        os.write(pipe.win, b"".join(suite.request(base + k, "session/start", {"playbook": suite.PLAYBOOK})
                                    for k in range(n)))
        ids = []
        for _ in range(n):
            reply = pipe.line()
            if b'"error"' in reply:
                raise RuntimeError("session/start failed: %r" % reply[:300])
            ids.append(json.loads(reply)["result"]["session"])
        per = [suite.session_lines(calls, sid) for sid in ids]
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
    counts[index] = turns


def drive_lockstep(pipe, calls, turns, latencies, index):
    """One request in flight: whole sessions one after another until `turns` turns are timed (after 100 untimed)."""
    clock = time.perf_counter_ns
    lat = []
    start = suite.request(0, "session/start", {"playbook": suite.PLAYBOOK})
    while len(lat) < turns + 100:
        t0 = clock()
        reply = pipe.call(start)
        lat.append((clock() - t0) / 1000)
        session = json.loads(reply)["result"]["session"]
        for data in suite.session_lines(calls, session):
            t0 = clock()
            reply = pipe.call(data)
            lat.append((clock() - t0) / 1000)
            if b'"error"' in reply or b'"invalid"' in reply:
                raise RuntimeError("unexpected reply: %r" % reply[:300])
    latencies[index] = lat[100:100 + turns]


def in_threads(target, fleet, *args):
    results = [None] * len(fleet.pipes)
    threads = [threading.Thread(target=target, args=(pipe,) + args + (results, i)) for i, pipe in enumerate(fleet.pipes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(r is None for r in results):
        raise RuntimeError("a client thread failed (see above)")
    return results


def one_run(setup, workers, binary, calls, args, cluster, env):
    """One set-up's pipelined and lock-step runs, each on a fresh store; returns the figures."""
    out = {}
    for mode in ("pipelined", "lockstep"):
        database = None
        if setup == "sqlite":
            home = tempfile.mkdtemp(prefix="coach-fleet-sqlite-", dir=env.dir)
            store_args = ["--home", home]
        else:
            database, url = cluster.new_database()
            store_args = ["--store", url]
        fleet = Fleet(binary, store_args, workers, env.vars)
        out["persistence"] = fleet.persistence
        if mode == "pipelined":
            backends = cluster.backends(database) if database else []
            server = [p for p in cluster.processes() if p not in backends] if database else []
            watched = {"worker": [p.proc.pid for p in fleet.pipes], "backend": backends, "postgres other": server}
            before = {k: [schedstat_ns(p) for p in pids] for k, pids in watched.items()}
            driver0 = time.process_time()
            machine0 = machine_jiffies()
            began = time.perf_counter()
            counts = in_threads(drive_pipelined, fleet, calls, args.sessions // workers, WINDOW // workers)
            elapsed = time.perf_counter() - began
            machine1 = machine_jiffies()
            driver = time.process_time() - driver0
            cpu = {k: [(schedstat_ns(p) - b) / 1e9 / elapsed * 100 for p, b in zip(pids, before[k])]
                   for k, pids in watched.items()}
            # PostgreSQL's own processes (checkpointer, WAL writer, ...) together: their number varies.
            cpu["postgres other"] = [sum(cpu["postgres other"])] if cpu["postgres other"] else []
            cpu["driver"] = [driver / elapsed * 100]
            total = machine1[2] - machine0[2]
            cpu["machine busy"] = [(machine1[0] - machine0[0]) / total * 100 * os.cpu_count()]
            cpu["machine niced"] = [(machine1[1] - machine0[1]) / total * 100 * os.cpu_count()]
            out["turns_per_s"] = sum(counts) / elapsed
            out["turns"] = sum(counts)
            out["cpu"] = cpu
            out["cpu_us_per_turn"] = {k: sum(v) * elapsed / 100 / sum(counts) * 1e6 for k, v in cpu.items()
                                      if not k.startswith("machine")}
        else:
            lat = in_threads(drive_lockstep, fleet, calls, args.turns)
            everything = [x for client in lat for x in client]
            out["p50_us"] = statistics.median(everything)
            out["p99_us"] = suite.pct(everything, 0.99)
        fleet.close()
        if database:
            completed = cluster.sql("SELECT count(*) FROM sessions WHERE status = 'completed'", database).strip()
            out.setdefault("completed_in_store", {})[mode] = int(completed)
            cluster.drop(database)
    return out


def med(runs, key):
    values = [r[key] for r in runs]
    return statistics.median(values), min(values), max(values)


def report(r, args):
    m = r["machine"]
    lines = [START, "## Fleet: SQLite, PostgreSQL with one worker, PostgreSQL with two workers", "",
             "Measured %s with `python3 benchmarks/fleet.py --sessions %d --turns %d --repeats %d` against a release "
             "build with the PostgreSQL store (`swift build -c release --static-swift-stdlib --traits Postgres "
             "--scratch-path .build-fleet --product coach`), the driver and every server unpinned and not niced." %
             (m["when"], args.sessions, args.turns, args.repeats), "",
             "Machine: %d cores, %s, %s; PostgreSQL %s (private cluster, fsync=%s, synchronous_commit=%s, "
             "on 127.0.0.1); load average at start %s, at the end %s (other builds shared the machine: its busy share below includes them)." %
             (m["nproc"], m["cpu"], m["swift"], r["postgres"]["version"], r["postgres"]["fsync"],
              r["postgres"]["synchronous_commit"], m["load"], r["load_end"]), "",
             "Every answer is committed before its reply in all three set-ups (each answer's reply waits for the "
             "commit of the group it came in). SQLite runs in WAL mode with `synchronous=NORMAL` (no fsync at "
             "commit: safe against a killed process, not against a power cut); PostgreSQL flushes its WAL at "
             "every commit. Stakeholder-reset sessions, %d turns each; medians of %d repeats with min–max in "
             "brackets; the set-ups run in turn within each repeat, each on a new database." %
             (r["turns_per_session"], args.repeats), "",
             "| set-up | pipelined turns/s | lock-step p50 | lock-step p99 |",
             "|---|---:|---:|---:|"]
    for key, label, _ in SETUPS:
        runs = r["runs"][key]
        t, p50, p99 = med(runs, "turns_per_s"), med(runs, "p50_us"), med(runs, "p99_us")
        lines.append("| %s | %.0f (%.0f–%.0f) | %.0f µs (%.0f–%.0f) | %.0f µs (%.0f–%.0f) |" %
                     ((label,) + t + p50 + p99))
    one, two = med(r["runs"]["pg1"], "turns_per_s")[0], med(r["runs"]["pg2"], "turns_per_s")[0]
    ratios = [b["turns_per_s"] / a["turns_per_s"] for a, b in zip(r["runs"]["pg1"], r["runs"]["pg2"])]
    lines += ["", "Two workers against one, pipelined: **%.2f×** (repeat by repeat %s; budget at least 1.3×: %s)." %
              (two / one, ", ".join("%.2f×" % x for x in ratios), "**pass**" if two / one >= 1.3 else "**FAIL**"), ""]
    lines += ["CPU during the pipelined runs, as a share of one core over the run's wall time (median of the "
              "repeats; for two workers each process on its own; 100 %% is one core, the machine has %d):" %
              m["nproc"], "",
              "| set-up | coach worker | its PostgreSQL backend | PostgreSQL's other processes | driver | "
              "whole machine (of it niced) |", "|---|---:|---:|---:|---:|---:|"]
    for key, label, _ in SETUPS:
        runs = r["runs"][key]

        def each(name):
            n = len(runs[0]["cpu"][name])
            if n == 0:
                return "—"
            return " + ".join("%.0f %%" % statistics.median(run["cpu"][name][i] for run in runs) for i in range(n))

        machine = statistics.median(run["cpu"]["machine busy"][0] for run in runs)
        niced = statistics.median(run["cpu"]["machine niced"][0] for run in runs)
        lines.append("| %s | %s | %s | %s | %s | %.0f %% (%.0f %%) |" % (
            label, each("worker"), each("backend"), each("postgres other"), each("driver"), machine, niced))
    lines += ["", "CPU per pipelined turn (µs, all processes of a kind together, median of the repeats):", "",
              "| set-up | coach workers | PostgreSQL backends | PostgreSQL's other processes | driver |",
              "|---|---:|---:|---:|---:|"]
    for key, label, _ in SETUPS:
        runs = r["runs"][key]
        per = {k: statistics.median(run["cpu_us_per_turn"][k] for run in runs) for k in runs[0]["cpu_us_per_turn"]}
        lines.append("| %s | %.1f | %s | %s | %.1f |" % (
            label, per["worker"], "%.1f" % per["backend"] if runs[0]["cpu"]["backend"] else "—",
            "%.1f" % per["postgres other"] if runs[0]["cpu"]["postgres other"] else "—", per["driver"]))
    lines += ["", "Every pipelined and lock-step session completed (checked in the driver, and for PostgreSQL by "
              "counting completed sessions in the database after each run).", END]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-fleet", "release", "coach"))
    parser.add_argument("--sessions", type=int, default=2000, help="pipelined sessions per run, over all workers")
    parser.add_argument("--turns", type=int, default=3000, help="timed lock-step turns per client")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cluster", help="a running cluster made by Tests/clients/pg_cluster.sh up DIR")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    env = suite.Env()
    r = {"machine": suite.machine(), "runs": {key: [] for key, _, _ in SETUPS}}
    print("machine:", r["machine"], flush=True)
    cluster = Cluster(args.cluster)
    env.vars["PGPASSWORD"] = cluster.vars["PGPASSWORD"]
    env.vars.pop("COACH_STORE", None)
    try:
        r["postgres"] = {"version": cluster.setting("server_version"), "fsync": cluster.setting("fsync"),
                         "synchronous_commit": cluster.setting("synchronous_commit")}
        calls = suite.script_for([binary, "serve", "--no-store"], env)
        r["turns_per_session"] = len(calls) + 1
        for repeat in range(args.repeats):
            for key, label, workers in SETUPS:
                run = one_run(key, workers, binary, calls, args, cluster, env)
                r["runs"][key].append(run)
                print("repeat %d, %s: %.0f turns/s pipelined, lock-step p50 %.0f µs; CPU %% %s" % (
                    repeat + 1, label, run["turns_per_s"], run["p50_us"],
                    {k: [round(x) for x in v] for k, v in run["cpu"].items()}), flush=True)
        r["load_end"] = "%.2f %.2f %.2f" % os.getloadavg()
    finally:
        cluster.close()
        subprocess.run(["rm", "-rf", env.dir])
    with open(os.path.join(os.path.dirname(binary), "fleet-results.json"), "w") as f:
        json.dump(r, f)
    return write(r, args)


def write(r, args):
    section = report(r, args)
    print(section)
    if args.no_write:
        return 0
    suite.write_section(section, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
