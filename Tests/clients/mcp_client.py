#!/usr/bin/env python3
"""End-to-end test of `coach mcp` with the official MCP Python SDK (`mcp` on PyPI) as the client.

1. Over the SDK's stdio client: initialize; list tools, prompts and resources; drive stakeholder-reset to the end
   through the step tools (with a stale answer, an invalid answer, back and preview on the way); read its draft
   resources; decline the first (required) question of a run_playbook (the run stops there, saved); then drive
   post-escalation-recovery through run_playbook with an elicitation callback that gives one
   invalid answer (re-asked with its reason), cancels once (the session stays saved and resumable), carries on,
   and declines an optional step (skipped). Every byte the server wrote to stdout is checked to be a valid MCP
   (JSON-RPC) message.
2. Over a raw pipe: bad input (a non-JSON line, an unknown tool, wrong argument types, a 2 MiB argument,
   run_playbook without the elicitation capability) gets an MCP error or an isError result, and the server goes on.
3. kill -9 right after a tool result loses nothing it acknowledged: the session shows in `coach sessions`, carries
   on over `coach serve`, and back over `coach mcp`.

    python3 Tests/clients/mcp_client.py .build/debug/coach
"""

import json
import os
import signal
import subprocess
import sys
import tempfile

import anyio
import yaml
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp import types
from mcp_types import jsonrpc_message_adapter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coach_answers  # noqa: E402

TODAY = "2026-11-23"
TOOLS = {
    "list_playbooks", "show_playbook", "start_session", "answer", "skip", "back", "goto", "preview",
    "session_state", "list_sessions", "export", "review_draft", "run_playbook",
}


def fixture(playbook, name):
    with open(os.path.join(coach_answers.ANSWERS, playbook, name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def check(condition, message, *details):
    if not condition:
        raise AssertionError(message + ("".join("\n  " + repr(d)[:1500] for d in details)))


def check_stdout(path, label):
    """Every line the server wrote is one valid JSON-RPC 2.0 message; nothing else is on stdout."""
    with open(path, "rb") as f:
        data = f.read()
    check(data.endswith(b"\n"), label + ": stdout does not end with a newline", data[-200:])
    lines = data.split(b"\n")[:-1]
    for n, line in enumerate(lines, 1):
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise AssertionError("%s: stdout line %d is not JSON (%s): %r" % (label, n, e, line[:200]))
        check(isinstance(message, dict) and message.get("jsonrpc") == "2.0", "%s: line %d is not JSON-RPC 2.0" % (label, n), message)
        jsonrpc_message_adapter.validate_python(message)
    return len(lines)


class Env:
    def __init__(self, binary):
        self.binary = binary
        self.home = tempfile.mkdtemp(prefix="coach-mcp-")
        self.env = {"COACH_HOME": self.home, "COACH_TODAY": TODAY, "LANG": "C.UTF-8"}

    def run(self, *args, stdin=""):
        env = dict(os.environ, **self.env)
        return subprocess.run([self.binary, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60)


# ---------------------------------------------------------------------------------------------------------------
# 1. The SDK client


def structured(result, label):
    check(result.structured_content is not None, label + ": no structured content", result)
    check(result.content and result.content[0].type == "text" and result.content[0].text, label + ": no text", result)
    return result.structured_content


async def tool(session, name, arguments=None, expect_error=False):
    result = await session.call_tool(name, arguments or {})
    check(bool(result.is_error) == expect_error, "%s %s: isError is %r" % (name, arguments, result.is_error),
          result.content[0].text if result.content else result)
    return result


async def drive_stakeholder_reset(session):
    answers = fixture("stakeholder-reset", "scope-change-with-order.yaml")
    turn = structured(await tool(session, "start_session", {"playbook": "stakeholder-reset", "account": answers["client"]}), "start")
    sid = turn["session"]
    check(turn["status"] == "asking" and turn["prompt"]["kind"] == "info", "start: the first prompt is the intro note", turn)
    seen = set()
    while turn["status"] == "asking":
        prompt = turn["prompt"]
        step = prompt["step"]
        if prompt["kind"] == "info":
            turn = structured(await tool(session, "skip", {"session": sid, "step": step}), "skip " + step)
            continue
        if step == "contact_name" and "stale" not in seen:
            seen.add("stale")
            # An answer for a step that is not being asked is refused and changes nothing.
            r = await tool(session, "answer", {"session": sid, "step": "project", "value": "Wrong"}, expect_error=True)
            check(r.structured_content["error"]["kind"] == "staleStep", "stale answer: kind", r.structured_content)
            check("contact_name" in r.content[0].text, "stale answer: the text names the step being asked", r.content[0].text)
        if step == "budget" and "invalid" not in seen:
            seen.add("invalid")
            r = await tool(session, "answer", {"session": sid, "step": step, "value": "a lot"}, expect_error=True)
            check("not an amount" in r.content[0].text and r.structured_content["invalid"]["message"],
                  "invalid answer: the reason is given", r.content[0].text)
            check(r.structured_content["prompt"]["step"] == "budget", "invalid answer: the same step is asked again", r.structured_content)
        if step == "original_scope" and "back" not in seen:
            seen.add("back")
            back = structured(await tool(session, "back", {"session": sid}), "back")
            check(back["prompt"]["step"] == "project" and back["prompt"]["revisiting"], "back: project again", back)
            turn = structured(await tool(session, "answer", {"session": sid, "step": "project", "value": answers["project"]}), "re-answer")
            preview = structured(await tool(session, "preview", {"session": sid}), "preview")
            bodies = " ".join(o["body"] for o in preview["outputs"])
            check(answers["project"] in bodies and "[missing:" in bodies, "preview: answers so far and visible gaps", bodies[:400])
            continue
        given = coach_answers.fixture_answer(answers, step)
        if given is None:
            check(not prompt["required"], "no fixture answer for required step " + step)
            turn = structured(await tool(session, "skip", {"session": sid, "step": step}), "skip " + step)
            continue
        turn = structured(await tool(session, "answer", {"session": sid, "step": step, "value": coach_answers.to_value(given)}), step)
        check("invalid" not in turn, "answer %s=%r was not accepted" % (step, given), turn)
    check(turn["status"] == "completed", "stakeholder-reset did not complete", turn)
    check(seen == {"stale", "invalid", "back"}, "every detour was taken", seen)
    problems = coach_answers.incomplete(turn["outputs"])
    check(not problems, "stakeholder-reset drafts are incomplete", problems)
    email = next(o for o in turn["outputs"] if o["id"] == "reset_email")
    check("Zoë" in email["body"] and email["subject"], "the reset email greets Zoë and has a subject", email)
    return sid


def pick(records, step):
    return [r for r in records if step in r["schema"]["properties"]["answer"].get("title", "")]


async def decline_required(session, plan):
    """run_playbook declined at its first question, a required one: the run stops there, saved and resumable."""
    r = await tool(session, "run_playbook", {"playbook": "post-escalation-recovery"})
    stopped = r.structured_content
    check(r.is_error is not True, "a decline is not an error", r)
    check(stopped["stopped"]["reason"] == "declined" and stopped["stopped"]["step"] == plan["declined"],
          "declining a required question stops the run there", stopped, plan)
    check("declined a required question" in r.content[0].text and "saved" in r.content[0].text,
          "the stop says the question was required and the session is saved", r.content[0].text)
    state = structured(await tool(session, "session_state", {"session": stopped["session"]}), "state after decline")
    check(state["status"] == "asking" and state["prompt"]["step"] == plan["declined"] and state["prompt"]["required"],
          "the session waits at the declined required step", state)
    plan["phase"] = 1


async def drive_recovery(session, records, plan):
    """run_playbook on post-escalation-recovery: cancelled at start_date, then carried on to the end."""
    r = await tool(session, "run_playbook", {"playbook": "post-escalation-recovery", "account": "Brasserie Lumière Group"})
    stopped = r.structured_content
    check(stopped["stopped"]["reason"] == "cancelled" and stopped["stopped"]["step"] == "start_date", "cancel stops the run", stopped)
    check("saved" in r.content[0].text and stopped["session"] in r.content[0].text, "the stop says it is saved", r.content[0].text)
    sid = stopped["session"]
    # The invalid email was re-asked with its reason.
    emails = pick(records, "contact_email")
    check(len(emails) == 2, "contact_email asked twice", [e["message"] for e in emails])
    check("Not accepted" in emails[1]["message"] and "email address" in emails[1]["message"],
          "the re-ask gives the reason", emails[1]["message"])
    check(emails[0]["schema"]["properties"]["answer"].get("format") == "email", "email field has format email", emails[0]["schema"])
    # Step kinds map to flat schemas.
    props = {r["step"]: r["schema"]["properties"]["answer"] for r in records}
    check(props["still_ongoing"]["type"] == "boolean", "yes/no is a boolean", props["still_ongoing"])
    check(props["stakeholders"]["type"] == "string" and "One item per line" in props["stakeholders"]["description"],
          "a list is a string with its rule", props["stakeholders"])
    check(props["start_date"].get("format") == "date", "a date has format date", props["start_date"])
    check(all(r["schema"]["type"] == "object" and list(r["schema"]["properties"]) == ["answer"] for r in records), "flat schemas")
    # An info note is shown above the next question rather than as a form of its own.
    check(any("escalation is a test" in r["message"] for r in records), "the intro note is shown", records[0]["message"])
    # Saved and resumable: the session is where it stopped.
    state = structured(await tool(session, "session_state", {"session": sid}), "state after cancel")
    check(state["status"] == "asking" and state["prompt"]["step"] == "start_date", "resumable at start_date", state)
    check(any(a["step"] == "contact_email" for a in state["answers"]), "answers before the cancel are saved", state["answers"])

    plan["phase"] = 2
    r = await tool(session, "run_playbook", {"session": sid})
    turn = r.structured_content
    check(turn["status"] == "completed", "the second run completes", turn)
    check(pick(records, "support_needed"), "support_needed was asked")
    problems = coach_answers.incomplete(turn["outputs"])
    check(not problems, "recovery drafts incomplete", problems)
    day2 = next(o for o in turn["outputs"] if o["id"] == "day2_email")
    check("José" in day2["body"], "the day-2 email greets José", day2["body"][:300])
    final = structured(await tool(session, "session_state", {"session": sid}), "final state")
    support = [a["answer"] for a in final["answers"] if a["step"] == "support_needed"]
    check(support == ["(skipped)"], "the declined optional step is skipped", support)
    return sid


async def sdk_client(env):
    stdout_copy = os.path.join(env.home, "mcp-stdout.jsonl")
    errlog = open(os.path.join(env.home, "mcp-stderr.log"), "w")
    params = StdioServerParameters(
        command="bash", args=["-c", '"$0" mcp --log-level info | tee -a "$1"', env.binary, stdout_copy], env=env.env)
    answers = fixture("post-escalation-recovery", "contained-weekdays.yaml")
    records = []
    plan = {"phase": 0}

    async def elicit(context, p):
        prop = p.requested_schema["properties"]["answer"]
        step = prop["title"]
        if plan["phase"] == 0:
            plan["declined"] = step
            return types.ElicitResult(action="decline")
        records.append({"step": step, "message": p.message, "schema": p.requested_schema})
        if step == "contact_email" and len(pick(records, "contact_email")) == 1:
            return types.ElicitResult(action="accept", content={"answer": "jose.alvarez-at-lumiere"})
        if step == "start_date" and plan["phase"] == 1:
            return types.ElicitResult(action="cancel")
        if step == "support_needed":
            return types.ElicitResult(action="decline")
        given = coach_answers.fixture_answer(answers, step)
        check(given is not None, "no answer for " + step, p.message)
        value = coach_answers.to_value(given)
        if prop["type"] == "string" and isinstance(value, list):
            value = "\n".join(value)
        if prop["type"] == "string" and not isinstance(value, str):
            value = str(value)
        if prop["type"] == "boolean" and isinstance(value, str):
            value = value == "yes"
        return types.ElicitResult(action="accept", content={"answer": value})

    with anyio.fail_after(180):
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write, elicitation_callback=elicit) as session:
                init = await session.initialize()
                check(init.server_info.name == "coach", "server name", init.server_info)
                caps = init.capabilities
                check(caps.tools is not None and caps.prompts is not None and caps.resources is not None, "capabilities", caps)

                tools = (await session.list_tools()).tools
                check({t.name for t in tools} == TOOLS, "tool names", sorted(t.name for t in tools))
                for t in tools:
                    check(t.input_schema["type"] == "object" and t.description, "tool %s has a schema" % t.name, t)
                    # The SDK checks every structured result against this schema (so optional members must be allowed).
                    check(t.output_schema and t.output_schema["type"] == "object" and "$ref" in t.output_schema,
                          "tool %s has an output schema" % t.name, t.output_schema)
                run_schema = next(t for t in tools if t.name == "run_playbook").output_schema
                check("stopped" in run_schema["properties"], "run_playbook's output schema allows stopped", run_schema)
                answer = next(t for t in tools if t.name == "answer")
                check(set(answer.input_schema["required"]) == {"session", "step", "value"}, "answer's required arguments", answer)

                prompts = (await session.list_prompts()).prompts
                names = {p.name for p in prompts}
                check({"stakeholder-reset", "post-escalation-recovery"} <= names, "a prompt per playbook", names)
                reset = next(p for p in prompts if p.name == "stakeholder-reset")
                check([a.name for a in reset.arguments] == ["account"] and reset.description, "prompt arguments", reset)
                got = await session.get_prompt("stakeholder-reset", {"account": "Hôtels Beaumont"})
                text = got.messages[0].content.text
                check("start_session" in text and "Hôtels Beaumont" in text and "answer" in text, "the prompt says how", text)

                listed = await tool(session, "list_playbooks")
                check(any(p["id"] == "stakeholder-reset" for p in listed.structured_content["playbooks"]), "list_playbooks")
                shown = await tool(session, "show_playbook", {"playbook": "stakeholder-reset"})
                check("budget" in shown.content[0].text, "show_playbook lists the steps", shown.content[0].text[:300])
                check((await session.list_resources()).resources == [], "no resources before any session")

                sid = await drive_stakeholder_reset(session)
                resources = {r.uri: r for r in (await session.list_resources()).resources}
                base = "coach://sessions/%s/" % sid
                expected = {
                    base + "drafts/reset_email.txt": "text/plain",
                    base + "drafts/team_note.txt": "text/plain",
                    base + "drafts/drafts.md": "text/markdown",
                    base + "drafts/reset_email.eml": "message/rfc822",
                    base + "transcript": "text/markdown",
                }
                for uri, mime in expected.items():
                    check(uri in resources and resources[uri].mime_type == mime, "resource " + uri, sorted(resources))
                eml = (await session.read_resource(base + "drafts/reset_email.eml")).contents[0]
                check(eml.mime_type == "message/rfc822" and "Subject:" in eml.text and "zoe.mueller@beaumont.example" in eml.text,
                      "the .eml resource", eml.text[:400])
                transcript = (await session.read_resource(base + "transcript")).contents[0].text
                check("Guest App Relaunch" in transcript and "a lot" in transcript, "the transcript keeps every answer", transcript[:400])

                exported = await tool(session, "export", {"session": sid, "format": "eml"})
                check(exported.structured_content["files"][0]["name"].endswith(".eml"), "export eml", exported.structured_content)
                review = await tool(session, "review_draft", {"text": "Subject: Sorry\n\nWe will try to fix it asap, maybe next week."})
                check(review.structured_content["findings"], "review_draft finds something", review.structured_content)
                listing = await tool(session, "list_sessions")
                check(any(s["session"] == sid and s["status"] == "completed" for s in listing.structured_content["sessions"]), "list_sessions")

                await decline_required(session, plan)
                rid = await drive_recovery(session, records, plan)
                ics = (await session.read_resource("coach://sessions/%s/drafts/plan.ics" % rid)).contents[0]
                check(ics.mime_type == "text/calendar" and "BEGIN:VCALENDAR" in ics.text and "20261126" in ics.text, "plan.ics", ics.text[:300])
    errlog.close()
    n = check_stdout(stdout_copy, "sdk session")
    print("mcp_client: SDK session ok (%d stdout messages, %d forms)" % (n, len(records)))
    return sid, rid


# ---------------------------------------------------------------------------------------------------------------
# 2. and 3. Raw pipes


class Raw:
    """`coach mcp` on a pipe, spoken to line by line without the SDK."""

    def __init__(self, env, capabilities=None):
        self.out_path = os.path.join(env.home, "raw-%d.jsonl" % id(self))
        self.out = open(self.out_path, "wb")
        self.proc = subprocess.Popen([env.binary, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=dict(os.environ, **env.env))
        self.next_id = 0
        reply = self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": capabilities or {},
                                            "clientInfo": {"name": "raw", "version": "1"}})
        check(reply["result"]["serverInfo"]["name"] == "coach", "raw initialize", reply)
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def send_bytes(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_bytes(json.dumps(message).encode() + b"\n")

    def read(self):
        line = self.proc.stdout.readline()
        check(line, "coach mcp closed its output (exit status %r)" % self.proc.poll())
        self.out.write(line)
        self.out.flush()
        return json.loads(line)

    def request(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                return reply

    def call(self, name, arguments):
        reply = self.request("tools/call", {"name": name, "arguments": arguments})
        check("result" in reply, "tools/call %s gave an MCP error" % name, reply)
        return reply["result"]

    def close(self):
        self.proc.stdin.close()
        rest = self.proc.stdout.read()
        self.out.write(rest)
        self.out.close()
        check(self.proc.wait(timeout=20) == 0, "coach mcp exit status %r" % self.proc.returncode)
        return check_stdout(self.out_path, "raw session")


def bad_input(env):
    raw = Raw(env)
    raw.send_bytes(b"this is not json\n")
    reply = raw.read()
    check(reply.get("error", {}).get("code") == -32700, "a non-JSON line gets a parse error", reply)
    raw.send_bytes(b'{"jsonrpc": "2.0", "id": 99, "method": \n')
    reply = raw.read()
    check("error" in reply, "a broken JSON line gets an error", reply)

    reply = raw.request("tools/call", {"name": "no_such_tool", "arguments": {}})
    check("error" in reply or reply["result"].get("isError"), "an unknown tool is an error", reply)

    r = raw.call("start_session", {"playbook": ["stakeholder-reset"]})
    check(r.get("isError") and "playbook" in r["content"][0]["text"], "a mistyped playbook is refused", r)
    r = raw.call("answer", {"session": 42, "step": "client", "value": {"nested": True}})
    check(r.get("isError"), "mistyped answer arguments are refused", r)
    r = raw.call("answer", {"session": "s-nothere", "step": "client", "value": "Acme", "extra": 1})
    check(r.get("isError") and "extra" in r["content"][0]["text"], "an unknown argument is refused", r)
    r = raw.call("session_state", {"session": "s-nothere"})
    check(r.get("isError") and r["structuredContent"]["error"]["kind"] == "unknownSession", "an unknown session", r)
    r = raw.call("export", {"session": "s-nothere", "format": "pdf"})
    check(r.get("isError"), "an unknown format is refused", r)

    turn = raw.call("start_session", {"playbook": "stakeholder-reset"})["structuredContent"]
    sid = turn["session"]
    raw.call("skip", {"session": sid, "step": "intro"})
    big = "x" * (2 * 1024 * 1024)
    r = raw.call("answer", {"session": sid, "step": "client", "value": big})
    check(r.get("isError") and "bytes" in r["content"][0]["text"], "a 2 MiB argument is refused", r["content"])
    state = raw.call("session_state", {"session": sid})["structuredContent"]
    check(state["prompt"]["step"] == "client" and state["answers"] == [], "the refused argument changed nothing", state)

    r = raw.call("run_playbook", {"playbook": "stakeholder-reset"})
    check(r.get("isError") and "start_session" in r["content"][0]["text"], "run_playbook without forms says what to use", r)

    check(raw.request("ping")["result"] == {}, "ping after bad input")
    check(raw.proc.poll() is None, "the server is still running")
    n = raw.close()
    print("mcp_client: bad input ok (%d stdout messages)" % n)


def kill_nine(env):
    raw = Raw(env)
    turn = raw.call("start_session", {"playbook": "stakeholder-reset"})["structuredContent"]
    sid = turn["session"]
    raw.call("skip", {"session": sid, "step": "intro"})
    r = raw.call("answer", {"session": sid, "step": "client", "value": "Killed Right After Ltd"})
    check(not r.get("isError") and r["structuredContent"]["prompt"]["step"] == "contact_name", "answer accepted", r)
    raw.proc.send_signal(signal.SIGKILL)
    raw.proc.wait(timeout=10)

    listing = env.run("sessions")
    check(sid in listing.stdout and "Killed Right After" in listing.stdout, "the session shows in coach sessions", listing.stdout, listing.stderr)
    # Carry on over coach serve.
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": 1, "clientInfo": {"name": "t"}}},
        {"jsonrpc": "2.0", "id": 2, "method": "session/resume", "params": {"session": sid}},
        {"jsonrpc": "2.0", "id": 3, "method": "session/answer", "params": {"session": sid, "step": "contact_name", "value": "Ana Silva"}},
    ]
    served = env.run("serve", stdin="".join(json.dumps(l) + "\n" for l in lines))
    replies = [json.loads(l) for l in served.stdout.splitlines()]
    check(replies[1]["result"]["prompt"]["step"] == "contact_name", "serve resumes where mcp stopped", replies)
    check(replies[2]["result"]["prompt"]["step"] == "greeting_name", "serve carries it on", replies)
    # And back over coach mcp.
    raw = Raw(env)
    state = raw.call("session_state", {"session": sid})["structuredContent"]
    check(state["prompt"]["step"] == "greeting_name", "mcp picks up what serve saved", state)
    check([a["answer"] for a in state["answers"]] == ["Killed Right After Ltd", "Ana Silva"], "both answers are kept", state["answers"])
    r = raw.call("answer", {"session": sid, "step": "greeting_name", "value": "Ana"})
    check(not r.get("isError"), "mcp answers the next step", r)
    raw.close()
    shown = env.run("sessions", "show", sid)
    check("Ana" in shown.stdout and shown.returncode == 0, "coach sessions show has every answer", shown.stdout)
    print("mcp_client: kill -9 ok (session %s survived and moved between mcp, serve and back)" % sid)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    env = Env(os.path.abspath(sys.argv[1]))
    anyio.run(sdk_client, env)
    bad_input(env)
    kill_nine(env)
    print("mcp_client: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
