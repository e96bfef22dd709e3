import CoachCore
import Testing

@testable import CoachShell

@Suite("Stored drafts")
struct StoredDraftTests {
    /// A draft version as earlier versions of Coach stored it (Foundation's encoder, sorted keys, `\/` escapes).
    static let earlier = #"""
        {"outputs":[{"body":"Hello Zo\u00eb,\n\nWe fixed the 2\/3 late orders.\n","id":"email","kind":"email","missing":[],"subject":"Acme: next steps","title":"Reset email","to":"zoe@acme.example"},{"body":"Day 1","id":"plan_note","kind":"plan","missing":[],"title":"Plan"}],"plans":[{"days":[{"actions":["Call Zo\u00eb","Agree owners"],"day":1,"on":"2026-11-24","title":"Listen"}],"id":"plan","isMain":true,"title":"Follow-up plan"}]}
        """#

    @Test("a draft stored by earlier versions reads back, the email with its review worked out again")
    func earlierDraftsRead() throws {
        let draft = try StoredDraft(jsonBytes: Array(Self.earlier.utf8))
        #expect(draft.outputs.map(\.id) == ["email", "plan_note"])
        let email = try #require(draft.outputs.first)
        #expect(email.body == "Hello Zoë,\n\nWe fixed the 2/3 late orders.\n")
        #expect(email.to == "zoe@acme.example")
        #expect(email.review == DraftReview.review(email.reviewDraft))
        #expect(draft.outputs[1].review == nil)
        let plan = try #require(draft.plans.first)
        #expect(plan.isMain && plan.title == "Follow-up plan")
        #expect(plan.days.map(\.on) == [Day(year: 2026, month: 11, day: 24)!])
        #expect(plan.days.first?.actions == ["Call Zoë", "Agree owners"])
    }

    @Test("a stored draft is written in its one encoding and reads back equal, without the emails' reviews")
    func roundTrip() throws {
        let draft = try StoredDraft(jsonBytes: Array(Self.earlier.utf8))
        let stored = StoredDraft(outputs: draft.outputs.map(\.withoutReview), plans: draft.plans)
        let text = stored.jsonText
        #expect(!text.contains("\"review\""))
        #expect(try StoredDraft(jsonBytes: stored.jsonBytes) == draft)
    }

    @Test("a stored draft that is not one is an error naming the member at fault")
    func damaged() {
        #expect(throws: JSONDecodingError.self) { try StoredDraft(jsonBytes: Array(#"{"outputs":[{"id":"x"}],"plans":[]}"#.utf8)) }
    }
}
