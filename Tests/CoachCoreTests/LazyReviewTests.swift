import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

/// A finished email's review is worked out when read; it must be the review of the draft as rendered, survive a JSON
/// round trip and give way to a review set by hand.
@Suite struct LazyReviewTests {
    @Test func reviewIsTheDraftsReview() throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == "stakeholder-reset" })
        var rng = SplitMix(seed: 42)
        var session = Session(playbook: playbook, today: Fixtures.monday)
        while let prompt = session.currentTurn().prompt {
            for candidate in PropertyTests.candidates(for: prompt, rng: &rng) {
                if case .success(let t) = session.handle(.answer(.text(candidate), step: prompt.step)), t.invalid == nil { break }
            }
        }
        let outputs = try #require(session.currentTurn().outputs)
        for output in outputs {
            let expected =
                output.kind == .email ? DraftReview.review(output.reviewDraft) : nil
            #expect(output.review == expected)
            let back = try RenderedOutput(jsonBytes: output.jsonBytes)
            #expect(back == output)
            #expect(back.review == expected)
            let stored = output.withoutReview.jsonBytes
            #expect(!String(decoding: stored, as: UTF8.self).contains("\"review\""))
            let reread = try RenderedOutput(jsonBytes: stored)
            #expect(reread.review == expected)
            #expect(reread == output)
            var changed = output
            changed.review = []
            #expect(changed.review == [])
            #expect(changed != output || expected == [])
        }
    }
}
