#!/usr/bin/env python3
"""Runs the real coach binary: fills post-escalation-recovery from an answers file, exports the session as .eml
and .ics, and checks them with Python's `email` package and the `icalendar` package; checks file modes too.

Usage: test_exports.py BINARY
"""
import email
import email.policy
import os
import re
import stat
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests/CoachCoreTests/Fixtures/answers/post-escalation-recovery/ongoing-weekends.yaml")


def run(binary, args, env, check=True):
    result = subprocess.run([binary] + args, env=env, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"coach {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def main():
    binary = os.path.abspath(sys.argv[1])
    import icalendar

    with tempfile.TemporaryDirectory() as tmp:
        home = os.path.join(tmp, "home", "coach")
        env = dict(os.environ, COACH_HOME=home, COACH_TODAY="2026-11-20", NO_COLOR="1")
        env.pop("COACH_NO_STORE", None)
        filled = run(binary, ["run", "post-escalation-recovery", "--answers", FIXTURE], env)
        match = re.search(r"session (s-[0-9a-z]+)", filled.stderr)
        assert match, f"no session id in: {filled.stderr!r}"
        session = match.group(1)

        # Data folder 0700, database files 0600.
        assert stat.S_IMODE(os.stat(home).st_mode) == 0o700, oct(os.stat(home).st_mode)
        for name in os.listdir(home):
            mode = stat.S_IMODE(os.stat(os.path.join(home, name)).st_mode)
            assert mode & 0o077 == 0, f"{name} is {oct(mode)}"

        out = os.path.join(tmp, "out")
        run(binary, ["sessions", "export", session, "--format", "eml", "--output", out], env)
        emails = sorted(os.listdir(out))
        assert len(emails) == 2, emails
        for name in emails:
            mode = stat.S_IMODE(os.stat(os.path.join(out, name)).st_mode)
            assert mode == 0o600, f"{name} is {oct(mode)}"
        with open(os.path.join(out, emails[0]), "rb") as handle:
            raw = handle.read()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "line ends are not CRLF"
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["Subject"] == "Northwind Grocers: what went wrong and our recovery plan", message["Subject"]
        assert message["To"] == "zoe.mueller@northwind.example", message["To"]
        assert message["X-Unsent"] == "1"
        assert message["From"] is None
        assert message.get_content_type() == "text/plain"
        body = message.get_content()
        assert "Zoë" in body, body[:200]
        assert "Daniel Okafor" in body

        # A configured From, and a non-ASCII subject encoded by RFC 2047, decode back.
        piped = run(binary, ["sessions", "export", session, "--format", "eml", "--from", "Zoë Test <z@example.com>"], env)
        headers = piped.stdout.split("X-Unsent: 1\r\n", 1)[0] + "X-Unsent: 1\r\n\r\n"
        parsed = email.message_from_string(headers, policy=email.policy.default)
        assert parsed["From"].addresses[0].display_name == "Zoë Test", parsed["From"]

        ics_path = os.path.join(tmp, "plan.ics")
        run(binary, ["sessions", "export", session, "--format", "ics", "--output", ics_path], env)
        assert stat.S_IMODE(os.stat(ics_path).st_mode) == 0o600
        with open(ics_path, "rb") as handle:
            data = handle.read()
        assert all(len(line) <= 75 for line in data.split(b"\r\n")), "a line is longer than 75 octets"
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
        events = [c for c in calendar.walk() if c.name == "VEVENT"]
        assert len(events) == 7, len(events)
        dates = [e.decoded("DTSTART").isoformat() for e in events]
        assert dates == [f"2026-11-{d}" for d in range(27, 31)] + ["2026-12-01", "2026-12-02", "2026-12-03"], dates
        assert str(events[0]["SUMMARY"]) == "Day 1: Assess the damage", events[0]["SUMMARY"]
        description = str(events[0]["DESCRIPTION"])
        assert "Phone Zoë Müller" in description, description
        assert "$41,000" in description, description
        assert all(str(e["DESCRIPTION"]).startswith("- ") for e in events)
        assert len({str(e["UID"]) for e in events}) == 7
        assert all("DTSTAMP" in e for e in events)

        # Markdown, text and transcripts print.
        for fmt, needle in [("markdown", "# post-escalation-recovery"), ("text", "== Answers =="),
                            ("jsonl", '"kind":"answer"'), ("transcript", "# Transcript")]:
            printed = run(binary, ["sessions", "export", session, "--format", fmt], env).stdout
            assert needle in printed, (fmt, printed[:200])

        # Deleting needs --yes without a terminal.
        refused = subprocess.run([binary, "sessions", "delete", session], env=env, capture_output=True, text=True,
                                 stdin=subprocess.DEVNULL, timeout=60)
        assert refused.returncode == 1 and "--yes" in refused.stderr, refused.stderr
        run(binary, ["sessions", "delete", session, "--yes"], env)
        gone = run(binary, ["sessions", "show", session], env, check=False)
        assert gone.returncode == 1 and "no session" in gone.stderr, gone.stderr
    print("test_exports: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
