import Foundation
import Testing

@testable import CoachStore

@Suite struct DraftTests {
    @Test func draftsAreNumberedPerSession() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        let one = try store.makeSession()
        let two = try store.makeSession()
        #expect(try store.addDraft(sessionID: one, outputs: Data("[1]".utf8), answers: Data("{}".utf8)) == 1)
        #expect(try store.addDraft(sessionID: one, outputs: Data("[2]".utf8), answers: Data("{}".utf8)) == 2)
        #expect(try store.addDraft(sessionID: two, outputs: Data("[a]".utf8), answers: Data("{}".utf8)) == 1)
        #expect(try store.addDraft(sessionID: one, outputs: Data("[3]".utf8), answers: sampleAnswers) == 3)
        let drafts = try store.drafts(sessionID: one)
        #expect(drafts.map(\.version) == [1, 2, 3])
        #expect(drafts.map(\.outputs) == ["[1]", "[2]", "[3]"].map { Data($0.utf8) })
        #expect(drafts[2].answers == sampleAnswers)
        #expect(drafts.allSatisfy { $0.sessionID == one })
        #expect(drafts[0].createdAt == clock.start + 3)
        #expect(try store.drafts(sessionID: two).map(\.outputs) == [Data("[a]".utf8)])
    }

    @Test func draftOfAMissingSessionFails() throws {
        let store = try CoachStore.inMemory()
        #expect(
            storeError { try store.addDraft(sessionID: "s-gone", outputs: Data(), answers: Data()) }?.kind == .notFound)
        #expect(try store.drafts(sessionID: "s-gone").isEmpty)
    }
}
