import Foundation
import Testing

@testable import CoachCore

/// An output's `when` and a ranking's `keep`, in the engine (the shells are covered by the end-to-end tests).
@Suite("Output 'when' and ranking 'keep'")
struct OutputConditionTests {
    static func playbook() throws -> Playbook {
        try Fixtures.load(Fixtures.root.appendingPathComponent("conditional/weekly-risks.yaml"))
    }

    /// A session with three risks (likelihood now, last week) and the email asked for or not.
    static func session(email: Bool, risks: [(String, Int, Int)] = [("Late pallets", 3, 5), ("A new buyer", 6, 2), ("Price rise", 8, 0)])
        throws -> Session
    {
        var s = Session(playbook: try playbook(), today: Fixtures.monday)
        s.say("Oakline Foods")
        for (i, risk) in risks.enumerated() {
            s.say(risk.0)
            s.say(String(risk.1))
            s.say(String(risk.2))
            s.say(i == risks.count - 1 ? "no" : "yes")
        }
        s.say(email ? "yes" : "no")
        #expect(s.status == .completed)
        return s
    }

    @Test("an output whose 'when' is false is left out of the drafts and the preview; true puts it back")
    func whenLeavesOutputOut() throws {
        let without = try Self.session(email: false)
        #expect(without.render(preview: false).map(\.id) == ["note"])
        #expect(without.preview().map(\.id) == ["note"])
        #expect(without.currentTurn().outputs?.map(\.id) == ["note"])

        var with = try Self.session(email: true)
        #expect(with.render(preview: false).map(\.id) == ["note", "email"])
        #expect(with.currentTurn().outputs?.map(\.id) == ["note", "email"])
        // Changing the answer that the condition reads takes the draft away again.
        _ = with.handle(.back)
        #expect(with.stepID == .step("write_email"))
        with.say("no")
        #expect(with.render(preview: false).map(\.id) == ["note"])
    }

    @Test("while the answer 'when' reads is still to come, the preview leaves the output out")
    func whenOnAnUnansweredStep() throws {
        var s = Session(playbook: try Self.playbook(), today: Fixtures.monday)
        s.say("Oakline Foods")
        #expect(s.preview().map(\.id) == ["note"])
    }

    @Test("'keep' lists only the items it holds for, ranked by score, and an empty list when none")
    func keepFilters() throws {
        let note = try #require(try Self.session(email: false).render(preview: false).first)
        #expect(note.body.contains("of the 3 risks we track"), "the count is of every risk: \(note.body)")
        #expect(note.body.contains("1. Price rise, from 0 to 8\n2. A new buyer, from 2 to 6\n"), "\(note.body)")
        #expect(!note.body.contains("Late pallets"), "an easing risk was kept: \(note.body)")
        #expect(!note.body.contains("None rose"))

        let calm = try Self.session(email: false, risks: [("Late pallets", 3, 5), ("A new buyer", 2, 2)])
        let quiet = try #require(calm.render(preview: false).first)
        #expect(quiet.body.contains("None rose."), "\(quiet.body)")
        #expect(!quiet.body.contains("Late pallets") && !quiet.body.contains("A new buyer"), "\(quiet.body)")
    }
}

@Suite("Template helpers")
struct TemplateHelperTests {
    @Test("compact() shortens an amount of a thousand or more and keeps its currency and the text around it")
    func compact() {
        #expect(Grammar.compactAmount("$11,500,000") == "$11.5M")
        #expect(Grammar.compactAmount("£850,000") == "£850k")
        #expect(Grammar.compactAmount("€1,150,000") == "€1.15M")
        #expect(Grammar.compactAmount("€4,200,000 a year") == "€4.2M a year")
        #expect(Grammar.compactAmount("$12,500") == "$12.5k")
        #expect(Grammar.compactAmount("$999,999") == "$1M")
        #expect(Grammar.compactAmount("$950") == "$950")
        #expect(Grammar.compactAmount("none") == "none")
    }
}
