#!/usr/bin/env python3
"""Checks `coach serve --schema` is a valid JSON Schema (2020-12) and that every message in the golden
transcripts validates against it: each request sent (except those marked "invalid": true, which must NOT
validate), each expected reply as written, and each reply the real server gives, whose result must also match
the schema of its method's result ($defs/result.<method>).

    pip install jsonschema
    python3 Tests/clients/validate_schema.py .build/debug/coach
"""

import json
import os
import subprocess
import sys

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402


def main():
    binary = os.path.abspath(sys.argv[1])
    schema = json.loads(subprocess.run([binary, "serve", "--schema"], check=True, capture_output=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)

    def validator(ref):
        sub = {k: v for k, v in schema.items() if k != "anyOf"}
        sub["$ref"] = "#/$defs/" + ref
        return jsonschema.Draft202012Validator(sub, format_checker=jsonschema.FormatChecker())

    client = validator("clientMessage")
    server = validator("serverMessage")
    results = {}
    failures = []
    counts = {"requests": 0, "rejected": 0, "expects": 0, "replies": 0, "results": 0}
    files = sorted(f for f in os.listdir(transcripts.DIR) if f.endswith(".jsonl"))

    for name in files:
        path = os.path.join(transcripts.DIR, name)
        for entry in transcripts.load(path):
            if "expect" in entry:
                counts["expects"] += 1
                for e in server.iter_errors(transcripts.with_methods(entry["expect"])):
                    failures.append("%s: expected reply does not validate: %s at %s" % (name, e.message[:200], list(e.path)))
        methods = {}

        def on_message(direction, message, entry, name=name, methods=methods):
            if direction == "send":
                errors = list(client.iter_errors(message))
                if entry.get("invalid"):
                    counts["rejected"] += 1
                    if not errors:
                        failures.append("%s: %s should not validate but does" % (name, json.dumps(message)[:200]))
                    return
                counts["requests"] += 1
                for e in errors:
                    failures.append("%s: request does not validate: %s in %s" % (name, e.message[:200], json.dumps(message)[:200]))
                for m in message if isinstance(message, list) else [message]:
                    if isinstance(m, dict) and "id" in m:
                        methods[json.dumps(m["id"])] = m.get("method")
                return
            counts["replies"] += 1
            for e in server.iter_errors(message):
                failures.append("%s: reply does not validate: %s at %s" % (name, e.message[:200], list(e.path)))
            for r in message if isinstance(message, list) else [message]:
                method = methods.get(json.dumps(r.get("id")))
                if "result" in r and isinstance(method, str):
                    ref = "result." + method.replace("/", ".")
                    if ref not in results:
                        results[ref] = validator(ref)
                    counts["results"] += 1
                    for e in results[ref].iter_errors(r["result"]):
                        failures.append("%s: %s result does not validate: %s at %s" % (name, method, e.message[:200], list(e.path)))

        failures += transcripts.run(binary, path, on_message=on_message)

    for f in failures:
        print(f, file=sys.stderr)
    print("validate_schema: %d transcripts; %d requests valid, %d invalid ones rejected, %d expected replies, "
          "%d real replies (%d results checked by method); %d failures" % (
              len(files), counts["requests"], counts["rejected"], counts["expects"], counts["replies"],
              counts["results"], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
