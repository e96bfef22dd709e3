#!/usr/bin/env python3
"""The fleet's database goes away mid-session and comes back; and the store URLs a person gets wrong.

A `coach serve --store postgres://…` worker has a session going when the private cluster is stopped: an answer and a
new session are refused with `1010 storeUnavailable` (nothing acknowledged), the worker stays up (ping), and once the
cluster is started again the same answer is accepted within seconds and is the only one stored. Then the mistakes a
person makes when pointing a worker at the database each give one clear message saying what to do, with the exit
status and in bounded time:
- a wrong password (to `coach sessions` and to `coach serve`): exit 1, PGPASSWORD named, and neither the wrong nor
  the right password anywhere in Coach's output, its serve log (debug level) or the server's log;
- a missing database: exit 1 and the `createdb -h HOST -p PORT -O USER DB` command that creates it, which is run
  (over the cluster's socket folder) and then the same URL works;
- no password at all, TLS asked of a server without it, store URLs with typos, a password in the URL, a server that
  is not running, a socket folder with no server, and a server that accepts connections but never answers.
Then the server stops answering without closing anything (SIGSTOP): the next answer is refused with 1010 within the
10 s deadline and a little, and once the server goes on (SIGCONT) the same answer is taken, once.
And the worker's own log (debug level) warns of the outage and never holds the password.

Usage: fleet_outage_test.py BINARY (needs COACH_TEST_POSTGRES_URL and COACH_TEST_POSTGRES_DIR, as .ci/test sets)
"""
import json
import os
import re
import select
import signal
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
UNAVAILABLE = 1010
FROZEN_ANSWER = "the late invoices of the November run"


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


class Worker:
    def __init__(self, binary, url, env):
        # Its log, at debug level, is read at the end: the password must never be in it.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen([binary, "serve", "--log-level", "debug", "--store", url],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env,
                                        text=True)
        self.next_id = 0
        reply = self.call("initialize", {"protocolVersion": 1,
                                         "clientInfo": {"name": "fleet_outage_test", "version": "1"}})
        if reply.get("result", {}).get("capabilities", {}).get("persistence") != "postgres":
            fail(f"initialize on a PostgreSQL store should say persistence 'postgres': {json.dumps(reply)[:300]}")

    def call(self, method, params, timeout=60):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                             "params": params}) + "\n")
        self.process.stdin.flush()
        if not select.select([self.process.stdout], [], [], timeout)[0]:
            fail(f"the worker gave no reply to {method} within {timeout} s: it must give up and say why")
        line = self.process.stdout.readline()
        if not line:
            fail(f"the worker exited (status {self.process.wait()}) after {method}")
        return json.loads(line)


def server_processes():
    """The postmaster of the private cluster and every process it started (its backends and helpers)."""
    with open(os.path.join(os.environ["COACH_TEST_POSTGRES_DIR"], "data", "postmaster.pid")) as f:
        postmaster = int(f.readline())
    children = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                # The parent's pid is the 2nd field after the parenthesised command name.
                if int(f.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                    children.append(int(entry))
        except (ValueError, OSError, IndexError):
            continue
    return [postmaster] + children


def frozen_server(worker, session, turn):
    """The server stops answering (SIGSTOP) without closing anything: the next answer is refused with 1010 within
    the 10 s deadline (and a little), and once the server goes on (SIGCONT) the same answer is taken, once."""
    step = turn["prompt"]["step"]
    processes = server_processes()
    for pid in processes:
        os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        reply = worker.call("session/answer", {"session": session, "step": step, "value": FROZEN_ANSWER}, timeout=30)
        took = time.monotonic() - started
        error = reply.get("error")
        if not error or error["code"] != UNAVAILABLE or "nothing was saved" not in error["message"] \
                or "no answer within 10 s" not in error["message"]:
            fail(f"an answer to a server that stopped answering: expected 1010 storeUnavailable saying it got no "
                 f"answer within 10 s, got {json.dumps(reply)[:400]}")
        if took > 12:
            fail(f"the refusal took {took:.1f} s, more than the 10 s deadline and 2 s")
    finally:
        for pid in processes:
            os.kill(pid, signal.SIGCONT)
    resumed = time.monotonic()
    while True:
        reply = worker.call("session/answer", {"session": session, "step": step, "value": FROZEN_ANSWER}, timeout=30)
        if "result" in reply:
            break
        if reply["error"]["code"] != UNAVAILABLE or time.monotonic() - resumed > 20:
            fail(f"the worker did not carry on after the server answered again: {json.dumps(reply)[:300]}")
        time.sleep(0.1)
    state = worker.call("session/state", {"session": session})["result"]
    answered = [a for a in state["answers"] if a["step"] == step]
    if len(answered) != 1 or answered[0]["answer"] != FROZEN_ANSWER:
        fail(f"after the server answered again the session holds {answered} for {step}, expected one answer")
    return took


def cluster(action):
    subprocess.run([os.path.join(HERE, "pg_cluster.sh"), action, os.environ["COACH_TEST_POSTGRES_DIR"]], check=True)


def coach(binary, args, env, timeout=30):
    """Runs `coach ARGS`; fails the test when it has not finished within `timeout` seconds."""
    started = time.monotonic()
    try:
        run = subprocess.run([binary] + args, capture_output=True, text=True, env=env, timeout=timeout,
                             stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        fail(f"coach {' '.join(args)} was still running after {timeout} s: it must give up and say why")
    return run, time.monotonic() - started


def check(what, run, status, advice, secrets=()):
    """`run` exited with `status`, its stderr says `advice`, and no secret appears in anything it wrote."""
    said = run.stdout + run.stderr
    if run.returncode != status or advice not in run.stderr:
        fail(f"{what}: exit {run.returncode} (expected {status}), stderr {run.stderr.strip()!r} should say {advice!r}")
    for secret in secrets:
        if secret in said:
            fail(f"{what}: a password appears in Coach's output: {said.strip()!r}")


def bad_stores(binary, url, env):
    """The mistakes a person makes pointing a worker at the database; returns how many were checked."""
    directory = os.environ["COACH_TEST_POSTGRES_DIR"]
    port = url.rsplit(":", 1)[1].split("/")[0]
    right = env["PGPASSWORD"]
    wrong = "not-the-password-%d" % os.getpid()
    count = 0

    # A wrong password: `coach sessions` and `coach serve` (its log at debug level) stop with exit 1 and say where
    # the password goes; neither password is in what Coach wrote, nor in the server's log.
    wrong_env = dict(env, PGPASSWORD=wrong)
    for args in (["sessions", "list", "--store", url], ["serve", "--log-level", "debug", "--store", url]):
        run, _ = coach(binary, args, wrong_env)
        check(f"a wrong password ({args[0]})", run, 1, "PGPASSWORD", secrets=(wrong, right))
        count += 1
    with open(os.path.join(directory, "data", "server.log"), errors="replace") as log:
        if wrong in log.read():
            fail("the wrong password appears in PostgreSQL's log")
    # No password at all (none in the environment, no password file): where to put one.
    with tempfile.TemporaryDirectory() as home:
        bare_env = {k: v for k, v in env.items() if k not in ("PGPASSWORD", "PGPASSFILE")}
        run, _ = coach(binary, ["sessions", "list", "--store", url], dict(bare_env, HOME=home))
        check("no password", run, 1, "set PGPASSWORD or add a line to ~/.pgpass")
        count += 1

    # A missing database: exit 1 and the createdb command that creates it, with the URL's host (or socket folder)
    # and port; run as the cluster's admin role, it creates the database, and then the same URL works.
    # (Its name has a space, so the command must quote it.)
    missing = "coach missing %d" % os.getpid()
    tcp_url = f"postgres://coach@127.0.0.1:{port}/{urllib.parse.quote(missing)}"
    run, _ = coach(binary, ["sessions", "list", "--store", tcp_url], env)
    check("a missing database", run, 1, f"createdb -h 127.0.0.1 -p {port} -O coach '{missing}'")
    count += 1
    socket_url = f"postgres://coach@/{urllib.parse.quote(missing)}?host={directory}&port={port}"
    run, _ = coach(binary, ["sessions", "list", "--store", socket_url], env)
    check("a missing database (socket)", run, 1, f"createdb -h {directory} -p {port} -O coach '{missing}'")
    count += 1
    hint = re.search(r"createdb [^\n]*", run.stderr).group(0)
    created = subprocess.run(shlex.split(hint), capture_output=True, text=True, env=dict(env, PGUSER="postgres"))
    if created.returncode != 0:
        fail(f"the hint {hint!r} did not create the database: {created.stderr.strip()}")
    try:
        for store in (tcp_url, socket_url):
            run, _ = coach(binary, ["sessions", "list", "--store", store], env)
            if run.returncode != 0:
                fail(f"after {hint!r}, coach sessions --store {store} fails: {run.stderr.strip()!r}")
    finally:
        subprocess.run(["dropdb", "-h", directory, "-p", port, "--if-exists", missing],
                       env=dict(env, PGUSER="postgres"))

    # Store URLs with typos (usage errors, exit 2) and servers that cannot be used (exit 1): one clear message
    # each, in seconds, never the password.
    cases = [
        ("a malformed URL", "postgres://127.0.0.1/coach", 2, "write postgres://USER@"),
        ("a scheme with one slash", "postgres:/coach", 2, "starts with neither sqlite: nor postgres://"),
        ("a misspelt scheme", "sqllite:/tmp/coach.sqlite", 2, "starts with neither sqlite: nor postgres://"),
        ("an unknown sslmode", f"postgres://coach@127.0.0.1:{port}/coach_test?sslmode=bogus", 2,
         "sslmode 'bogus' is not one of disable, prefer, require"),
        ("a password in the URL", f"postgres://coach:secret@127.0.0.1:{port}/coach_test", 2, "PGPASSWORD"),
        ("a server not running", "postgres://coach@127.0.0.1:1/coach_test", 1,
         "(connection refused). Check that the server is running and accepts connections there, then run the "
         "command again."),
        ("TLS asked of a server without it", f"{url}?sslmode=require", 1, "Turn TLS on in the server (ssl = on"),
        ("a socket folder with no server", f"postgres://coach@/coach_test?host={directory}/nowhere", 1,
         "(no such file or directory). Check that the server is running"),
    ]
    for what, bad, status, advice in cases:
        run, _ = coach(binary, ["sessions", "list", "--store", bad], env)
        check(what, run, status, advice, secrets=("secret", right))
        count += 1

    # A server that accepts the connection but never answers (hung, or not PostgreSQL): Coach gives up in bounded
    # time with exit 1 instead of waiting for ever.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        bad = f"postgres://coach@127.0.0.1:{silent.getsockname()[1]}/coach_test"
        run, took = coach(binary, ["sessions", "list", "--store", bad], env, timeout=60)
        check("a server that never answers", run, 1, "(no answer within 10 s: the server may be stopped",
              secrets=(right,))
        count += 1
    finally:
        silent.close()
    print(f"fleet_outage_test: a server that never answers was given up on after {took:.1f} s")
    return count


def main():
    binary = os.path.abspath(sys.argv[1])
    url = os.environ.get("COACH_TEST_POSTGRES_URL")
    if not url or not os.environ.get("COACH_TEST_POSTGRES_DIR"):
        print("fleet_outage_test: skipped: no private PostgreSQL cluster (.ci/test starts one when PostgreSQL is "
              "installed)")
        return
    env = dict(os.environ, COACH_TODAY="2026-11-20")
    env.pop("COACH_STORE", None)
    worker = Worker(binary, url, env)
    turn = worker.call("session/start", {"playbook": "post-escalation-recovery"})["result"]
    session = turn["session"]
    while turn["prompt"]["kind"] == "info":
        turn = worker.call("session/skip", {"session": session, "step": turn["prompt"]["step"]})["result"]
    step = turn["prompt"]["step"]

    cluster("stop")
    try:
        for method, params in [("session/answer", {"session": session, "step": step, "value": "Acme Freight"}),
                               ("session/start", {"playbook": "post-escalation-recovery"})]:
            reply = worker.call(method, params)
            error = reply.get("error")
            if not error or error["code"] != UNAVAILABLE or error["data"]["kind"] != "storeUnavailable":
                fail(f"{method} with the database stopped: expected 1010 storeUnavailable, got {json.dumps(reply)[:300]}")
            if "reconnects" not in error["data"]["hint"] or "nothing was saved" not in error["message"]:
                fail(f"the message does not say what happened and what to do: {error}")
        if "result" not in worker.call("ping", {}):
            fail("the worker does not answer ping while the database is down")
    finally:
        cluster("start")

    started = time.monotonic()
    while True:
        reply = worker.call("session/answer", {"session": session, "step": step, "value": "Acme Freight"})
        if "result" in reply:
            break
        if reply["error"]["code"] != UNAVAILABLE or time.monotonic() - started > 20:
            fail(f"the worker did not carry on after the database came back: {json.dumps(reply)[:300]}")
        time.sleep(0.1)
    waited = time.monotonic() - started
    state = worker.call("session/state", {"session": session})["result"]
    answered = [a for a in state["answers"] if a["step"] == step]
    if len(answered) != 1 or answered[0]["answer"] != "Acme Freight":
        fail(f"after the outage the session holds {answered}, expected the one answer: {json.dumps(state)[:600]}")
    listing = subprocess.run([binary, "sessions", "list", "--store", url], capture_output=True, text=True, env=env)
    if session not in listing.stdout:
        fail(f"coach sessions does not list {session}: {listing.stdout} {listing.stderr}")

    frozen = frozen_server(worker, session, reply["result"])
    cases = bad_stores(binary, url, env)
    worker.process.stdin.close()
    worker.process.wait(timeout=10)
    worker.log.seek(0)
    log = worker.log.read()
    if env["PGPASSWORD"] in log or "warn: nothing was saved" not in log or "cannot reach the PostgreSQL" not in log:
        fail(f"the worker's debug log should warn that nothing was saved while the database was away, without the "
             f"password: {log[-600:]!r}")
    print(f"fleet_outage_test: refused while down, carried on {waited:.1f} s after the database came back; a "
          f"stopped server refused in {frozen:.1f} s; "
          f"{cases} mistakes in pointing a worker at the database each explained")
    print("fleet_outage_test: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
