"""Test helpers shared by the Python clients (standard library only): answer candidates for a prompt, answers
fixtures, and the check that finished drafts are complete."""

import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE_PLAYBOOKS = os.path.join(ROOT, "Tests", "CoachProtocolTests", "Fixtures", "playbooks")
ANSWERS = os.path.join(ROOT, "Tests", "CoachCoreTests", "Fixtures", "answers")
# The playbooks every client drives when the server has them.
CORE = ["account-checkup", "post-escalation-recovery", "stakeholder-reset", "margin-talk"]

FALLBACK = {
    "yesno": ["no", "yes"],
    "number": ["3", "12"],
    "money": ["$12,000"],
    "percent": ["15%"],
    "date": ["2026-12-01", "tomorrow"],
    "email": ["name@example.com"],
    "list": ["first item; second item"],
}


def candidates(prompt, given=None):
    """Answers to try for `prompt`, best first: a given answer, the default, the examples, the first choice,
    then a plausible value for the kind."""
    out = []
    if given is not None:
        out.append(given)
    if prompt["step"].endswith(".more"):
        out.append("no")
    if "default" in prompt:
        out.append(prompt["default"])
    out += prompt.get("examples", [])
    for c in prompt.get("choices", [])[:1]:
        out.append(c["value"])
    out += FALLBACK.get(prompt["kind"], [])
    out.append("A plain answer for the test")
    return out


def incomplete(outputs):
    """The problems with finished outputs: template braces or missing markers left in them."""
    problems = []
    if not outputs:
        problems.append("no outputs")
    for o in outputs or []:
        for field in ("subject", "body", "to"):
            text = o.get(field) or ""
            if "{{" in text or "[missing:" in text:
                problems.append("%s.%s is not complete: %r" % (o["id"], field, text[:200]))
        if o.get("missing"):
            problems.append("%s lists missing values %r" % (o["id"], o["missing"]))
    return problems


def fixture_answer(answers, step):
    """The answer a fixture gives for a prompt id (`client`, `risks[2].owner`, `risks[2].more`), or None."""
    if step in answers:
        return answers[step]
    if "[" not in step:
        return None
    group, rest = step.split("[", 1)
    n, field = rest.split("].", 1)
    n = int(n)
    items = answers.get(group)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    if field == "more":
        return "yes" if n < len(items) else "no"
    if 1 <= n <= len(items):
        return items[n - 1].get(field)
    return None


def to_value(v):
    """A YAML value as a protocol answer value (dates as ISO text, lists of scalars as lists of strings)."""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, list):
        return [str(x) if not isinstance(x, str) else x for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v
