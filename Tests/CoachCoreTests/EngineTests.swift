import Foundation
import Testing

@testable import CoachCore

@Suite("Engine state machine")
struct EngineTests {
    /// A session of the example playbook answered up to (not including) the health question.
    func started() throws -> Session {
        var s = Session(playbook: try Fixtures.example(), today: Fixtures.monday)
        #expect(s.currentTurn().prompt?.kind == .info)
        s.say("")
        s.say("Acme")
        s.say("zoe@acme.example")
        s.say("120k")
        s.say("12k")
        #expect(s.stepID == "health")
        return s
    }

    /// Answers the rest of a shaky-health route.
    func finishShaky(_ s: inout Session) {
        s.say("shaky")
        s.say("Late deliveries")
        s.say("4")
        s.say("José Álvarez")
        s.say("yes")
        s.say("Billing errors")
        s.say("2")
        s.say("no")
        s.say("2026-11-27")
        s.say("no")
        s.say("email, phone")
        s.say("Zoë Müller; Tom Reed")
        s.say("82")
    }

    @Test("a full walk completes with every output filled")
    func fullWalk() throws {
        var s = try started()
        finishShaky(&s)
        let turn = s.currentTurn()
        #expect(turn.status == .completed)
        #expect(turn.prompt == nil)
        let outputs = try #require(turn.outputs)
        #expect(outputs.map(\.id) == ["email", "plan_note"])
        let email = outputs[0]
        #expect(email.subject == "Acme: our account check-up")
        #expect(email.to == "zoe@acme.example")
        #expect(email.body.contains("The budget stays at $120,000 with a change of $12,000 (10%)."))
        #expect(email.body.contains("The first thing we fix: Late deliveries."))
        #expect(email.body.contains("by email and phone."))
        let plan = outputs[1].body
        #expect(plan.contains("Risk level: Medium (satisfaction 82%)"))
        // No weekends: Friday, then Monday and Tuesday.
        #expect(plan.contains("Day 1, Fri 27 Nov: Listen"))
        #expect(plan.contains("Day 2, Mon 30 Nov: Agree the fixes"))
        #expect(plan.contains("Day 3, Tue 1 Dec: Report back"))
        #expect(plan.contains("Issue 1: Late deliveries (severity 4, owner José Álvarez)"))
        #expect(plan.contains("Issue 2: Billing errors (severity 2)"))
        #expect(turn.progress.answered == turn.progress.total)
    }

    @Test("an invalid answer gives a reason and an attempt count; the third shows an example")
    func invalidAnswers() throws {
        var s = try started()
        s.say("shaky")
        s.say("Late deliveries")
        let first = s.say("very")
        #expect(first.invalid?.attempt == 1)
        #expect(first.invalid?.message == "'very' is not a number: type digits, like 12 or 1,200.")
        #expect(first.invalid?.example == nil)
        #expect(first.prompt?.step == "issues[1].severity")
        #expect(s.say("9").invalid?.message == "Give a value from 1 to 5.")
        let third = s.say("huge")
        #expect(third.invalid?.attempt == 3)
        #expect(third.invalid?.example == "3")
        let ok = s.say("3")
        #expect(ok.invalid == nil)
        #expect(ok.prompt?.step == "issues[1].owner")
    }

    @Test("back re-asks the previous step with its answer as the default")
    func back() throws {
        var s = try started()
        let turn = try s.handle(.back).get()
        #expect(turn.prompt?.step == "budget_change")
        #expect(turn.prompt?.revisiting == true)
        #expect(turn.prompt?.default == "$12,000")
        // Enter keeps it and moves on.
        #expect(s.say("").prompt?.step == "health")
    }

    @Test("back on the first step is refused")
    func backAtStart() throws {
        var s = Session(playbook: try Fixtures.example(), today: Fixtures.monday)
        guard case .failure(let r) = s.handle(.back) else { return fail("went back") }
        #expect(r.kind == .nothingBefore)
    }

    @Test("go to an earlier step keeps later answers that still apply")
    func gotoKeeps() throws {
        var s = try started()
        finishShaky(&s)
        let t = try s.handle(.goto("client")).get()
        #expect(t.status == .asking)
        #expect(t.prompt?.default == "Acme")
        let after = s.say("Acme Logistics")
        #expect(after.status == .completed)
        #expect(after.outputs?.first?.subject == "Acme Logistics: our account check-up")
        #expect(after.outputs?[1].body.contains("Issue 2: Billing errors") == true)
    }

    @Test("go to an earlier step drops answers the new answer makes unreachable")
    func gotoDrops() throws {
        var s = try started()
        finishShaky(&s)
        _ = try s.handle(.goto("health")).get()
        let t = s.say("good")
        #expect(t.notice == "7 later answers no longer apply and were dropped.")
        #expect(t.status == .completed)
        #expect(s.state.answers.keys.contains { $0.group == "issues" } == false)
        #expect(t.outputs?.first?.body.contains("The first thing we fix") == false)
        #expect(t.outputs?[1].body.contains("Risk level: Low") == true)
    }

    @Test("go to a step not reached yet, or that does not exist, is refused")
    func gotoRefusals() throws {
        var s = try started()
        guard case .failure(let later) = s.handle(.goto("satisfaction")) else { return fail("allowed") }
        #expect(later.kind == .notReached)
        guard case .failure(let unknown) = s.handle(.goto("clinet")) else { return fail("allowed") }
        #expect(unknown.kind == .unknownStep)
        #expect(unknown.message.contains("Did you mean 'client'?"))
    }

    @Test("optional steps can be skipped; required ones cannot")
    func skip() throws {
        var s = Session(playbook: try Fixtures.example(), today: Fixtures.monday)
        s.say("")
        guard case .failure(let r) = s.handle(.skip()) else { return fail("skipped a required step") }
        #expect(r.kind == .notOptional)
        s.say("Acme")
        #expect(s.stepID == "contact_email")
        let t = try s.handle(.skip(step: "contact_email")).get()
        #expect(t.prompt?.step == "budget")
        #expect(s.state.skipped.contains("contact_email"))
        // An empty answer on an optional step skips it too.
        s.say("120k")
        s.say("")
        s.say("shaky")
        s.say("x")
        s.say("1")
        s.say("no")
        s.say("")
        s.say("")
        s.say("")
        #expect(s.stepID == "stakeholders")
        s.say("")
        #expect(s.state.skipped.contains("stakeholders"))
        let done = s.say("50")
        #expect(done.status == .completed)
        #expect(done.outputs?.first?.to == nil)
        #expect(done.outputs?[1].body.contains("Tell:") == false)
    }

    @Test("an answer for a step that is not current is refused and changes nothing")
    func staleStep() throws {
        var s = try started()
        let before = s.state
        guard case .failure(let r) = s.handle(.answer(.text("Acme"), step: "client")) else { return fail("accepted") }
        #expect(r.kind == .staleStep)
        #expect(r.current == "health")
        #expect(s.state == before)
        #expect(try s.handle(.answer(.text("good"), step: "health")).get().prompt?.step == "start")
    }

    @Test("groups ask each item's fields, then whether to add another, within min and max")
    func groups() throws {
        var s = try started()
        s.say("bad")
        #expect(s.stepID == "issues[1].issue")
        s.say("One")
        s.say("1")
        // Severity below 3: no owner question.
        #expect(s.stepID == "issues[1].more")
        #expect(s.currentTurn().prompt?.text == "Add another issue?")
        #expect(s.currentTurn().prompt?.group == Prompt.GroupPosition(id: "issues", item: 1, itemName: "issue"))
        for n in 2...5 {
            s.say("yes")
            s.say("Issue \(n)")
            s.say("1")
        }
        // max_items 5: no "another?" after the fifth.
        #expect(s.stepID == "start")
        s.say("")
        s.say("yes")
        s.say("")
        s.say("")
        let done = s.say("10%")
        #expect(done.status == .completed)
        #expect(done.outputs?[1].body.contains("Risk level: High") == true)
        // Weekends included: tomorrow, then the next two days.
        #expect(done.outputs?[1].body.contains("Day 1, Tue 24 Nov") == true)
        #expect(done.outputs?[1].body.contains("Day 3, Thu 26 Nov") == true)
    }

    @Test("preview marks every value still missing")
    func preview() throws {
        var s = Session(playbook: try Fixtures.example(), today: Fixtures.monday)
        s.say("")
        s.say("Acme")
        let outputs = s.preview()
        #expect(outputs[0].subject == "Acme: our account check-up")
        #expect(outputs[0].body.contains("[missing: budget]"))
        #expect(outputs[0].missing.contains("budget"))
        #expect(outputs[1].body.contains("[missing: level]") == false)
        #expect(outputs[1].body.contains("[missing: satisfaction]"))
    }

    @Test("cancel closes the session; restart starts over")
    func cancelRestart() throws {
        var s = try started()
        #expect(try s.handle(.cancel).get().status == .cancelled)
        guard case .failure(let r) = s.handle(.answer(.text("good"))) else { return fail("accepted") }
        #expect(r.kind == .closed)
        let t = try s.handle(.restart).get()
        #expect(t.prompt?.kind == .info)
        #expect(s.state.answers.isEmpty)
    }

    @Test("the status follows from the answers: a finished session asks again after a go-to, and a new step finds it open")
    func derivedStatus() throws {
        var s = try started()
        #expect(s.status == .asking)
        finishShaky(&s)
        #expect(s.status == .completed)
        _ = try s.handle(.goto("budget")).get()
        #expect(s.status == .asking)
        s.say("")
        #expect(s.status == .completed)
        // The same answers under a playbook whose first step is new: asking again, at that step.
        let yaml = try Fixtures.text("playbooks/account-checkup.yaml").replacingOccurrences(
            of: "\nsteps:\n", with: "\nsteps:\n  - id: region\n    ask: Which region?\n")
        let changed = try Fixtures.playbook(yaml)
        let resumed = Session(playbook: changed, state: s.state)
        #expect(resumed.status == .asking)
        #expect(resumed.currentTurn().prompt?.step == "region")
        _ = try s.handle(.cancel).get()
        #expect(s.status == .cancelled)
        #expect(Session(playbook: changed, state: s.state).status == .cancelled)
    }

    @Test("state encoded mid-session, decoded and continued ends exactly like a session never stopped")
    func codableRoundTrip() throws {
        let playbook = try Fixtures.example()
        var straight = try started()
        var stopped = try started()
        straight.say("shaky")
        stopped.say("shaky")
        straight.say("Late deliveries")
        stopped.say("Late deliveries")
        _ = stopped.say("not a number")
        _ = straight.say("not a number")
        let decoded = try SessionState(jsonBytes: stopped.state.jsonBytes)
        #expect(decoded == stopped.state)
        var resumed = Session(playbook: playbook, state: decoded)
        #expect(resumed.currentTurn() == straight.currentTurn())
        for answer in ["4", "José", "no", "2026-11-27", "no", "email", "", "82"] {
            #expect(resumed.say(answer) == straight.say(answer))
        }
        #expect(resumed.currentTurn().status == .completed)
        #expect(resumed.currentTurn().outputs == straight.currentTurn().outputs)
    }

    @Test("answers with template syntax, markup or ampersands come out exactly as typed")
    func literalAnswers() throws {
        var s = Session(playbook: try Fixtures.example(), today: Fixtures.monday)
        s.say("")
        s.say("{{client}} <b>Acme</b> & Sons &amp;")
        s.say("")
        s.say("1000")
        s.say("")
        s.say("good")
        s.say("")
        s.say("")
        s.say("")
        s.say("{{#x}}boom{{/x}}; R&D")
        let t = s.say("5")
        let outputs = try #require(t.outputs)
        #expect(outputs[0].subject == "{{client}} <b>Acme</b> & Sons &amp;: our account check-up")
        #expect(outputs[1].body.contains("Tell: {{#x}}boom{{/x}}"))
        #expect(outputs[1].body.contains("Tell: R&D"))
    }

    @Test("remembered answers are offered as defaults with their age")
    func prefill() throws {
        var s = Session(
            playbook: try Fixtures.example(), today: Fixtures.monday,
            prefill: ["client": .init(text: "Acme", note: "from 12 days ago")])
        s.say("")
        let p = try #require(s.currentTurn().prompt)
        #expect(p.default == "Acme")
        #expect(p.defaultNote == "from 12 days ago")
        #expect(s.say("").prompt?.step == "contact_email")
        #expect(s.accountFacts() == ["client": "Acme"])
    }
}
