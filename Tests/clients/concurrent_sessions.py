#!/usr/bin/env python3
"""Two coach processes fill sessions in one database at the same time: every run succeeds and every session is
listed afterwards, complete.

Usage: concurrent_sessions.py BINARY [RUNS_PER_PROCESS]
"""
import os
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests/CoachCoreTests/Fixtures/answers/post-escalation-recovery")


def main():
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    fixtures = [os.path.join(FIXTURES, name) for name in sorted(os.listdir(FIXTURES))]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COACH_HOME=os.path.join(tmp, "coach"), COACH_TODAY="2026-11-20")
        env.pop("COACH_NO_STORE", None)

        def worker(index):
            for n in range(runs):
                fixture = fixtures[(index + n) % len(fixtures)]
                result = subprocess.run([binary, "run", "post-escalation-recovery", "--answers", fixture],
                                        env=env, capture_output=True, text=True, timeout=60)
                if result.returncode != 0 or "Saved as session" not in result.stderr:
                    failures.append(f"worker {index} run {n}: exit {result.returncode}: {result.stderr.strip()}")

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        listed = subprocess.run([binary, "sessions", "--limit", "1000"], env=env, capture_output=True, text=True,
                                timeout=60)
        rows = [line for line in listed.stdout.splitlines()[1:] if line.strip()]
        if len(rows) != 2 * runs:
            failures.append(f"expected {2 * runs} sessions, listed {len(rows)}")
        if any(" completed " not in row for row in rows):
            failures.append("a session is not completed")
    for failure in failures:
        print("FAIL:", failure)
    print(f"concurrent_sessions: {0 if failures else 1} passed, {1 if failures else 0} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
