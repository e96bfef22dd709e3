#!/usr/bin/env python3
"""Checks that re-recording a transcript keeps its placeholders and never passes as a check.

    python3 Tests/clients/transcripts_record_test.py BINARY

On a copy of export.jsonl (which matches file names and contents with "<<any>>" and session ids with
"<<$s1>>"), one recorded reply is broken. Recording must then exit 1 and name the changed line, put the real
reply back in that one place only, keep every placeholder, and leave a file that checks clean; recording an
unchanged transcript must change nothing and exit 0.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "CoachProtocolTests", "Transcripts", "export.jsonl")


def transcripts(binary, *args):
    return subprocess.run([sys.executable, os.path.join(HERE, "transcripts.py"), binary, *args],
                          capture_output=True, text=True, timeout=120)


def placeholders(text):
    return sorted(word for word in text.replace('"', " ").split() if word.startswith("<<"))


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="coach-record-")
    failures = []
    try:
        path = os.path.join(folder, "export.jsonl")
        shutil.copy(SOURCE, path)
        original = open(path, encoding="utf-8").read()

        same = transcripts(binary, "--record", path)
        if same.returncode != 0 or open(path, encoding="utf-8").read() != original:
            failures.append("recording a transcript that matches changed it or failed: %s" % same.stderr.strip())

        lines = original.splitlines()
        # A reply that also holds a bound session id ("<<$s1>>"), which must stay a placeholder.
        target = next(i for i, l in enumerate(lines) if '"expect"' in l and '"outputs": [' in l and "<<$s1>>" in l)
        entry = json.loads(lines[target])
        entry["expect"]["result"]["outputs"][0]["title"] = "A title the server never sent"
        lines[target] = json.dumps(entry, ensure_ascii=False, separators=(", ", ": "))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

        checked = transcripts(binary, path)
        if checked.returncode == 0:
            failures.append("a check passed with a broken expect")
        recorded = transcripts(binary, "--record", path)
        if recorded.returncode == 0:
            failures.append("a recording that changed a reply exited 0: it must fail until run again")
        if "line %d" % (target + 1) not in recorded.stderr and "lines %d" % (target + 1) not in recorded.stderr:
            failures.append("the recording did not name line %d: %s" % (target + 1, recorded.stderr.strip()))
        after = open(path, encoding="utf-8").read()
        if after != original:
            failures.append("the recording did not restore the file exactly (placeholders before %s, after %s)"
                            % (placeholders(original).count("<<any>>"), placeholders(after).count("<<any>>")))
        again = transcripts(binary, path)
        if again.returncode != 0:
            failures.append("the re-recorded transcript does not check clean: %s" % again.stderr.strip())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for f in failures:
        print(f, file=sys.stderr)
    print("transcripts_record_test: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
