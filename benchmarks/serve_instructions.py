#!/usr/bin/env python3
"""Instructions per protocol turn of `coach serve --no-store`, counted by callgrind.

    python3 benchmarks/serve_instructions.py BINARY [--sessions 5,25] [--top 30]

Runs the server twice under `valgrind --tool=callgrind` (on a copy with the DWARF stripped: valgrind cannot read
Swift 6.3's debug info) and drives whole `stakeholder-reset` sessions through it in lock-step, as the suite does.
The difference of the two runs, divided by the difference in turns, is the cost of one turn without start-up and
playbook loading. With --top, it also prints the functions with the most inclusive instructions per turn.
Instruction counts do not depend on the machine's load, so two builds compare fairly on a busy machine.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite  # noqa: E402


def run(binary, sessions, calls, env, out):
    argv = ["valgrind", "-q", "--tool=callgrind", "--callgrind-out-file=" + out, binary, "serve", "--no-store"]
    pipe = suite.fresh(argv, env)
    i = 10
    for _ in range(sessions):
        started = json.loads(pipe.call(suite.request(i, "session/start", {"playbook": suite.PLAYBOOK})))
        i += 1
        for line in suite.session_lines(calls, started["result"]["session"], i):
            pipe.call(line)
            i += 1
    pipe.close()
    return sessions * (len(calls) + 1)


def inclusive(out):
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", out], capture_output=True, text=True).stdout
    costs = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S.*)", line)
        if m:
            name, value = m.group(2), int(m.group(1).replace(",", ""))
            costs[name] = max(costs.get(name, 0), value)
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--sessions", default="5,25", help="the two session counts (default 5,25)")
    parser.add_argument("--top", type=int, default=0, help="also list this many functions by inclusive cost")
    args = parser.parse_args()
    small, large = (int(n) for n in args.sessions.split(","))
    work = tempfile.mkdtemp(prefix="coach-callgrind-")
    binary = os.path.join(work, "coach")
    subprocess.run(["objcopy", "--strip-debug", args.binary, binary], check=True)
    env = suite.Env()
    calls = suite.script_for([binary, "serve", "--no-store"], env)
    counts, turns = {}, {}
    for n in (small, large):
        out = os.path.join(work, "callgrind.%d" % n)
        turns[n] = run(binary, n, calls, env, out)
        counts[n] = inclusive(out)
    per_turn = turns[large] - turns[small]
    total = counts[large]["PROGRAM TOTALS"] - counts[small]["PROGRAM TOTALS"]
    print("%s: %.1f k instructions per turn (%d sessions minus %d, %d turns)"
          % (args.binary, total / per_turn / 1000, large, small, per_turn))
    if args.top:
        skip = ("PROGRAM TOTALS", "(below main)", "libc-start", "libc_start", "???:0x")
        rows = sorted(((v - counts[small].get(k, 0), k) for k, v in counts[large].items()
                       if not any(s in k for s in skip)), reverse=True)
        names = [k for _, k in rows[: args.top]]
        shown = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                               capture_output=True, text=True).stdout.splitlines()
        for (v, _), name in zip(rows, shown):
            print("%9.1f k  %s" % (v / per_turn / 1000, name[:150]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
