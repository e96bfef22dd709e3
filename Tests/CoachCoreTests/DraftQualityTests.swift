import Foundation
import Testing

@testable import CoachCore

@Suite("Drafts from realistic answers read right and pass Coach's own review")
struct DraftQualityTests {
    /// The shipped playbooks' ids; throws when the folder is missing or empty.
    static func shipped() throws -> [String] {
        try Fixtures.files(in: Fixtures.repository.appendingPathComponent("playbooks"))
            .map { $0.deletingPathExtension().lastPathComponent }
    }
    /// 40 by default; `COACH_PROPERTY_SESSIONS=500` searches harder.
    static let sessionsPerPlaybook = ProcessInfo.processInfo.environment["COACH_PROPERTY_SESSIONS"].flatMap { Int($0) } ?? 40
    /// The first seed is 1 plus this (`COACH_PROPERTY_SEED=5000` tries other answers than the default run).
    static let seedOffset = ProcessInfo.processInfo.environment["COACH_PROPERTY_SEED"].flatMap { Int($0) } ?? 0
    /// The seeds of one run.
    static var seeds: ClosedRange<Int> { (seedOffset + 1)...(seedOffset + sessionsPerPlaybook) }

    /// Every violation in every output of one generated session (empty when the drafts are clean).
    static func check(_ playbook: Playbook, seed: Int, long: Bool = false) -> (violations: [String], log: [String]) {
        // A walk can end on a step whose rule needs an earlier answer that was skipped (the impact bullets need
        // one number): such a walk starts again with other answers.
        var answers = RealisticAnswers(seed: seed, long: long)
        var (session, problem) = answers.walk(playbook)
        for retry in 1...3 where problem != nil {
            answers = RealisticAnswers(seed: seed + retry * 100_003, long: long)
            (session, problem) = answers.walk(playbook)
        }
        if let problem { return (["session: \(problem)"], answers.log) }
        var checker = DraftChecker(today: answers.today)
        // A capitalised word that is also part of a name ("Ordering" in "Store Ordering Portal") stays capitalised there.
        let names = [answers.company, answers.project, answers.contact, answers.signer].joined(separator: " ")
        checker.capitalised = answers.capitalised.filter { !names.contains($0) }
        checker.addressee = answers.contact
        checker.signer = answers.signer
        checker.weekendsPlanned = answers.log.contains { $0.contains("weekend") && $0.hasSuffix(": yes") }
        var out: [String] = []
        for output in session.render(preview: false) {
            let found = checker.violations(in: output).map { "\(output.id): \($0)" }
            out += found
            if !found.isEmpty && ProcessInfo.processInfo.environment["COACH_PROPERTY_SHOW"] == "1" { out.append(output.fullText) }
        }
        return (out, answers.log)
    }

    @Test(
        "every draft of 40 generated sessions (or COACH_PROPERTY_SESSIONS) is clean (names, currencies, weekend and month-end dates, 0 to 3 items, skipped steps)",
        arguments: try shipped())
    func generatedSessions(id: String) throws {
        #expect(try Self.shipped().count == 8, "the shipped playbooks did not load")
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/\(id).yaml"))
        var failures = 0
        var tally: [String: Int] = [:]
        for seed in Self.seeds {
            let (violations, log) = Self.check(playbook, seed: seed)
            guard !violations.isEmpty else { continue }
            failures += 1
            for v in violations { tally[String(v.split(separator: ":").prefix(2).joined(separator: ":")), default: 0] += 1 }
            if failures <= 3 {
                Issue.record(
                    Comment(
                        rawValue: "\(id) seed \(seed):\n  " + violations.joined(separator: "\n  ") + "\n answers:\n  "
                            + log.joined(separator: "\n  ")))
            }
        }
        let kinds = tally.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }.joined(separator: "\n  ")
        #expect(failures == 0, "\(failures) of \(Self.sessionsPerPlaybook) sessions of \(id) had a faulty draft:\n  \(kinds)")
    }

    /// 10 by default (or a tenth of `COACH_PROPERTY_SESSIONS`).
    static let longSessionsPerPlaybook = max(10, sessionsPerPlaybook / 10)

    @Test(
        "every draft stays clean and every email within the review's length limit when every answer is long (a clause added to each phrase, three items in each list, no optional step skipped)",
        arguments: try shipped())
    func longSessions(id: String) throws {
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/\(id).yaml"))
        var failures: [String] = []
        for seed in (Self.seedOffset + 1)...(Self.seedOffset + Self.longSessionsPerPlaybook) {
            let (violations, log) = Self.check(playbook, seed: seed, long: true)
            guard !violations.isEmpty else { continue }
            failures.append(
                "\(id) long seed \(seed):\n  " + violations.joined(separator: "\n  ") + "\n answers:\n  " + log.joined(separator: "\n  "))
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(Self.longSessionsPerPlaybook) long sessions of \(id) had a faulty draft:\n\(failures.prefix(1).joined(separator: "\n"))"
        )
    }

    @Test("the Monday checklist writes the executive update its step 7 asks for, and none when step 7 is skipped")
    func mondayExecutiveUpdate() throws {
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/monday-checklist.yaml"))
        var drafted = 0
        for seed in 1...Self.sessionsPerPlaybook {
            var answers = RealisticAnswers(seed: seed)
            let (session, problem) = answers.walk(playbook)
            try #require(problem == nil, "seed \(seed): \(problem ?? "")")
            let update = session.render(preview: false).first { $0.id == "exec_update_email" }
            if answers.log.contains("exec_update: skip") || answers.log.contains("exec_draft: no") {
                #expect(update == nil, "seed \(seed): an executive update without step 7")
                continue
            }
            let email = try #require(update, "seed \(seed): no executive update")
            drafted += 1
            let findings = email.review ?? []
            #expect(!findings.contains { $0.severity == .error }, "seed \(seed): \(findings)")
            #expect(findings.filter { $0.severity == .warning }.count <= 1, "seed \(seed): \(findings)")
            #expect(email.body.contains("The headline: "), "seed \(seed): the update has no headline number")
        }
        #expect(drafted > 0, "no session drafted the executive update")
    }

    /// A shipped playbook with one template line broken the way the checks exist to catch.
    static let breakages: [(playbook: String, from: String, to: String, check: String)] = [
        ("margin-talk", "{{a(discount_asked)}}", "a {{discount_asked}}", "article"),
        (
            "post-escalation-recovery", "I am sorry for what happened: {{what_escalated}}.", "I am sorry about {{what_escalated}}..",
            "stray punctuation"
        ),
        ("stakeholder-reset", "Could we talk it through", "Could we we talk it through", "doubled word"),
        ("post-escalation-recovery", "without(stakeholders, contact_name, your_name)", "stakeholders", "copied on their own email"),
        (
            "post-escalation-recovery", "Hi {{greeting_name}},",
            "Hi {{greeting_name}},\n\n      I have been swamped with other clients this week.", "review error"
        ),
    ]

    @Test("the same checks fail on a broken draft", arguments: 0..<breakages.count)
    func brokenDraftFails(index: Int) throws {
        let b = Self.breakages[index]
        let url = Fixtures.repository.appendingPathComponent("playbooks/\(b.playbook).yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
        #expect(yaml.contains(b.from), "the breakage no longer applies to \(b.playbook)")
        let broken = try Fixtures.playbook(yaml.replacingOccurrences(of: b.from, with: b.to))
        let caught = (1...Self.sessionsPerPlaybook).flatMap { Self.check(broken, seed: $0).violations }
        #expect(caught.contains { $0.contains(b.check) }, "\(b.check) not caught in \(caught.prefix(5))")
    }

    @Test("each check catches the fault it names")
    func checksCatchFaults() {
        let checker = DraftChecker(today: Day(year: 2026, month: 11, day: 27)!, capitalised: ["The"])
        func caught(_ body: String, kind: OutputKind = .note) -> [String] {
            let output = RenderedOutput(
                id: "x", title: "X", kind: kind, subject: kind == .email ? "Harbour & Finch: the plan for Monday" : nil,
                to: nil, body: body, missing: [], review: nil)
            return checker.violations(in: output).map(\.check)
        }
        #expect(caught("We can offer a 8% discount.\n").contains { $0.hasPrefix("article") })
        #expect(caught("It is an 18% rise and an hour.\n").isEmpty)
        #expect(caught("We are tracking 1 risks.\n").contains { $0.hasPrefix("plural") })
        #expect(caught("A portfolio of 1 national accounts.\n").contains { $0.hasPrefix("plural") })
        #expect(caught("We have 1 risk and 3 risks.\n").isEmpty)
        #expect(caught("We will will call.\n").contains { $0.hasPrefix("doubled") })
        #expect(caught("Notes:\n- \n- one\n").contains("empty bullet"))
        #expect(caught("It ended..\n").contains { $0.hasPrefix("stray") })
        #expect(caught("I am sorry about The pilot.\n").contains { $0.hasPrefix("capitalised") })
        #expect(caught("Call on Monday 30 November 2026.\n").isEmpty)
        #expect(caught("Call on Tuesday 30 November 2026.\n").contains { $0.contains("is not") })
        #expect(caught("Call on Sat 28 Nov at 10:00.\n", kind: .plan).contains("a weekend date promised"))
        #expect(
            caught("Day 1 · Fri 27 Nov: Start\n  [ ] Send the plan tomorrow.\nDay 2 · Mon 30 Nov: Go\n", kind: .plan)
                .contains { $0.hasPrefix("'tomorrow'") })
        #expect(
            caught(
                "Hi Ana,\n\nSorry, I have been swamped with other clients. Can we talk on Monday 30 November at 10:00 or Tuesday 1 December at 15:00?\n\nBest regards,\nHannah\n",
                kind: .email
            ).contains { $0.hasPrefix("review error") })
        #expect(
            caught("Hi Ana,\n\nThe fix went in on Thursday 26 November.\n\nBest regards,\nHannah\n", kind: .email).contains(
                "a date in the past"))
        #expect(caught("Hi {{first_name}},\n").contains { $0.hasPrefix("template residue") })
        #expect(caught("No newline").contains("no final newline"))

        var people = checker
        people.addressee = "Ana Ruiz"
        people.signer = "Hannah Obi"
        func named(_ body: String, kind: OutputKind = .email) -> [String] {
            let output = RenderedOutput(
                id: "x", title: "X", kind: kind, subject: kind == .email ? "Harbour & Finch: the plan for Monday" : nil,
                to: "ana.ruiz@harbour.example", body: body, missing: [], review: nil)
            return people.violations(in: output).map(\.check).filter { $0.contains("Ana Ruiz") || $0.contains("Hannah Obi") }
        }
        let letter = "Hi Ana,\n\nThe plan is attached.%@\n\nBest regards,\nHannah Obi\n"
        #expect(named(String(format: letter, " I have copied Ana Ruiz (CFO) and Li Wei.")).contains { $0.contains("copied") })
        #expect(named(String(format: letter, " I have copied Li Wei and Hannah Obi.")).contains { $0.contains("copied") })
        #expect(named(String(format: letter, " I have copied Li Wei.")).isEmpty)
        #expect(named("Also kept informed:\n- Ana Ruiz (CFO)\n- Li Wei\n", kind: .note).contains { $0.contains("copied") })
        #expect(named("People:\n- Ana Ruiz (CFO)\n- Li Wei\n- Ana Ruiz\n", kind: .note).contains { $0.contains("listed twice") })
        #expect(named("Client lead: Ana Ruiz\nPeople:\n- Ana Ruiz (CFO)\n- Li Wei\n", kind: .note).isEmpty)
    }
}
