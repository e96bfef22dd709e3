import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

/// A phrase answer placed mid-sentence loses its capital only when its first word is an ordinary word; a name keeps
/// it, and greetings and deadlines read as a client expects.
@Suite("Names in phrase answers, greetings and the reset email's deadline")
struct PhraseNameTests {
    static let known = Grammar.nameWords(in: [
        "Northwind Grocers", "Zoë Müller", "Priya Nair (Billing Lead)", "the CFO asked for a cost breakdown by store",
    ])

    @Test(
        "a first word that is evidently a name keeps its capital",
        arguments: [
            "Northwind's stores are waiting", "Tesco’s buyers asked twice", "ACME missed the slot", "NHS trusts in the north",
            "iPhone orders from the field team", "McKinsey reviews the plan", "Q4 volumes", "Route66 depots",
            "Northwind stores missed two deliveries", "Grocers in the north", "Zoë asked for weekly numbers",
            "Priya owns the fix", "NORTHWIND stores",
        ])
    func namesKept(phrase: String) {
        #expect(Grammar.midSentence(phrase + ".", knownNames: Self.known) == phrase)
    }

    @Test(
        "an ordinary first word is lowered, even after a sentence that used it",
        arguments: [
            ("The delivery run was late.", "the delivery run was late"),
            ("Missed deliveries on Tuesday", "missed deliveries on Tuesday"),
            ("Follow-up calls with Northwind", "follow-up calls with Northwind"),
            ("Cost reports by store", "cost reports by store"),
            ("Billing errors in November", "billing errors in November"),
        ])
    func ordinaryLowered(phrase: String, expected: String) {
        #expect(Grammar.midSentence(phrase, knownNames: Self.known) == expected)
    }

    @Test("only texts that read as names give name words, without their joining words or roles")
    func nameWords() {
        #expect(
            Grammar.nameWords(in: ["The Body Shop", "Marks and Spencer", "Ana Ruiz (Head of Finance)"]) == [
                "body", "shop", "marks", "spencer", "ana", "ruiz",
            ])
        #expect(Grammar.nameWords(in: ["Replies now take four days instead of same-day", ""]) == [])
    }

    /// The stakeholder-reset answer set with some answers replaced.
    static func reset(_ changes: [String: String]) throws -> BatchRun {
        var yaml = try Fixtures.text("senior/stakeholder-reset/pound-scope-and-budget.yaml")
        for (id, value) in changes {
            let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix(id + ": ") })
            yaml = yaml.replacingOccurrences(of: line, with: "\(id): \"\(value)\"")
        }
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/stakeholder-reset.yaml"))
        let sheet = try AnswerSheet.parse(yaml, path: "reset.yaml").get()
        return BatchRun(playbook: playbook, sheet: sheet, today: Day(year: 2026, month: 11, day: 27)!)
    }

    @Test("the reset email keeps a client's name at the start of a phrase and lowers an ordinary word")
    func resetEmailKeepsNames() throws {
        let run = try Self.reset([
            "client": "Northwind Grocers", "original_scope": "Northwind's stores ordering through one portal.",
            "desired_outcome": "Grocers in every region ordering before noon.",
        ])
        #expect(run.problems.isEmpty, "\(run.problems)")
        let email = try #require(run.session.render(preview: false).first { $0.kind == .email })
        #expect(email.body.contains("We agreed Northwind's stores ordering through one portal (£96,000)"), "\(email.body)")
        #expect(email.body.contains("What matters to you now is Grocers in every region"), "\(email.body)")
        #expect(!email.body.contains("northwind"), "\(email.body)")

        let plain = try Self.reset(["desired_outcome": "A daily waste report before noon."])
        let plainEmail = try #require(plain.session.render(preview: false).first { $0.kind == .email })
        #expect(plainEmail.body.contains("What matters to you now is a daily waste report before noon"), "\(plainEmail.body)")
    }

    @Test("a choice deadline before the first call is refused in plain words; one after both calls is taken")
    func deadlineAfterBothCalls() throws {
        let early = try Self.reset(["call_day_1": "2026-12-17", "call_day_2": "2026-12-10", "decide_by": "2026-12-11"])
        let problem = try #require(early.problems.first)
        #expect(early.problems.count == 1)
        #expect(problem.step == .step("decide_by"))
        #expect(problem.message.contains("after both call options"), "\(problem.message)")
        #expect(problem.message.contains("before the first call"), "\(problem.message)")

        let late = try Self.reset(["call_day_1": "2026-12-17", "call_day_2": "2026-12-10", "decide_by": "2026-12-18"])
        #expect(late.problems.isEmpty, "\(late.problems)")
        let email = try #require(late.session.render(preview: false).first { $0.kind == .email })
        #expect(email.body.contains("If I have your choice by Friday 18 December 2026"), "\(email.body)")
    }

    @Test(
        "first() greets by the first name, or by title and surname",
        arguments: [
            ("Aisha Khan", "Aisha"), ("Aisha Khan (Head of IT)", "Aisha"), ("José", "José"), ("Dr Haddad", "Dr Haddad"),
            ("Dr Aisha Khan", "Dr Khan"), ("Prof. Lena Berg, CTO", "Prof. Berg"),
        ])
    func greeting(typed: String, expected: String) {
        #expect(Grammar.greetingName(typed) == expected)
    }

    @Test("the not-now email greets the requester by the first name")
    func notNowGreetsByFirstName() throws {
        let yaml = try Fixtures.text("senior/decision-filter/dollar-weighted.yaml")
            .replacingOccurrences(of: "requester: Priya", with: "requester: Priya Raman (Head of Loyalty)")
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/decision-filter.yaml"))
        let sheet = try AnswerSheet.parse(yaml, path: "filter.yaml").get()
        let run = BatchRun(playbook: playbook, sheet: sheet, today: Day(year: 2026, month: 12, day: 7)!)
        #expect(run.problems.isEmpty, "\(run.problems)")
        let email = try #require(run.session.render(preview: false).first { $0.id == "not_now_email" })
        #expect(email.body.hasPrefix("Hi Priya,\n"), "\(email.body)")
    }
}
