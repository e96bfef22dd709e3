import Foundation
import GRDB
import Testing

@testable import CoachStore

@Suite struct SessionTests {
    @Test func createdSessionHasAShortFriendlyIDAndItsValues() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        let id = try store.createSession(
            playbookID: "qbr", playbookVersion: 3, title: "Acme QBR", account: "Acme", currentStep: "intro",
            total: 7, state: sampleState, answers: sampleAnswers, origin: .protocol)
        #expect(id.wholeMatch(of: /s-[23456789abcdefghjkmnpqrstuvwxyz]{6}/) != nil)
        let session = try #require(try store.session(id: id))
        #expect(session.id == id)
        #expect(session.playbookID == "qbr")
        #expect(session.playbookVersion == 3)
        #expect(session.title == "Acme QBR")
        #expect(session.status == .asking)
        #expect(session.account == "Acme")
        #expect(session.currentStep == "intro")
        #expect(session.answered == 0)
        #expect(session.total == 7)
        #expect(session.state == sampleState)
        #expect(session.answers == sampleAnswers)
        #expect(session.origin == .protocol)
        #expect(session.createdAt == clock.start + 1)
        #expect(session.updatedAt == clock.start + 1)
    }

    @Test func generatedIDsDiffer() throws {
        let store = try CoachStore.inMemory()
        let ids = try (0..<200).map { _ in try store.makeSession() }
        #expect(Set(ids).count == 200)
    }

    @Test func givenIDIsKeptAndMustBeFreeAndValid() throws {
        let store = try CoachStore.inMemory()
        #expect(try store.makeSession(id: "s-given1") == "s-given1")
        #expect(
            storeError {
                try store.createSession(
                    id: "s-given1", playbookID: "p", playbookVersion: 1, title: "t",
                    total: 1, state: sampleState, answers: sampleAnswers, origin: .batch)
            }?.kind == .conflict)
        for bad in ["", "has space", String(repeating: "x", count: 65), "tab\there"] {
            #expect(storeError { try store.makeSession(id: bad) }?.kind == .invalid)
        }
    }

    @Test func lookupAcceptsAnUnambiguousPrefix() throws {
        let store = try CoachStore.inMemory()
        for id in ["s-abc111", "s-abc222", "s-xyz999"] {
            try store.makeSession(id: id)
        }
        #expect(try store.session(id: "s-xyz")?.id == "s-xyz999")
        #expect(try store.session(id: "xyz")?.id == "s-xyz999")
        #expect(try store.session(id: "abc1")?.id == "s-abc111")
        #expect(try store.session(id: "s-abc222")?.id == "s-abc222")
        #expect(try store.session(id: "nope") == nil)
        #expect(try store.session(id: "") == nil)
        let ambiguous = storeError { try store.session(id: "s-abc") }
        #expect(ambiguous?.kind == .ambiguous)
        #expect(ambiguous?.message.contains("s-abc111, s-abc222") == true)
        #expect(storeError { try store.session(id: "abc") }?.kind == .ambiguous)
        #expect(try store.resolveSessionID("xy") == "s-xyz999")
        #expect(storeError { try store.resolveSessionID("nope") }?.kind == .notFound)
    }

    @Test func exactIDWinsOverAPrefixMatch() throws {
        let store = try CoachStore.inMemory()
        try store.makeSession(id: "s-ab")
        try store.makeSession(id: "s-abc")
        #expect(try store.session(id: "s-ab")?.id == "s-ab")
    }

    @Test func saveProgressUpdatesTheSessionAndNumbersTheJournal() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        let id = try store.makeSession(title: "Before")
        let newState = Data(#"{"step":"risks"}"#.utf8)
        let newAnswers = Data(#"{"budget":100}"#.utf8)
        let saved = try store.saveProgress(
            sessionID: id, state: newState, answers: newAnswers, status: .asking, currentStep: "risks", answered: 1,
            total: 6, account: "Acme",
            journal: [
                JournalEntry(kind: .prompt, step: "budget", text: "What is the budget?"),
                JournalEntry(kind: .answer, step: "budget", text: "100k", at: 42),
            ])
        #expect(saved.map(\.seq) == [1, 2])
        #expect(saved.map(\.at) == [clock.start + 2, 42])
        var session = try #require(try store.session(id: id))
        #expect(session.state == newState)
        #expect(session.answers == newAnswers)
        #expect(session.currentStep == "risks")
        #expect(session.answered == 1)
        #expect(session.total == 6)
        #expect(session.title == "Before")
        #expect(session.account == "Acme")
        #expect(session.updatedAt == clock.start + 2)
        #expect(session.createdAt == clock.start + 1)

        let more = try store.saveProgress(
            sessionID: id, state: newState, answers: newAnswers, status: .completed, currentStep: nil, answered: 6,
            total: 6, title: "After", journal: [JournalEntry(kind: .output, text: "Summary")])
        #expect(more.map(\.seq) == [3])
        session = try #require(try store.session(id: id))
        #expect(session.status == .completed)
        #expect(session.currentStep == nil)
        #expect(session.title == "After")
        #expect(session.account == "Acme")
        #expect(try store.journal(sessionID: id).map(\.seq) == [1, 2, 3])
    }

    @Test func saveProgressOnAMissingSessionWritesNothing() throws {
        let store = try CoachStore.inMemory()
        let error = storeError {
            try store.saveProgress(
                sessionID: "s-none", state: sampleState, answers: sampleAnswers, status: .asking, currentStep: nil,
                answered: 0, total: 1, journal: [JournalEntry(kind: .note, text: "lost")])
        }
        #expect(error?.kind == .notFound)
        #expect(try store.journal(sessionID: "s-none").isEmpty)
    }

    @Test func saveProgressIsOneTransaction() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        try store.database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_on_boom BEFORE INSERT ON journal WHEN NEW.text = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'boom'); END
                    """)
        }
        let error = storeError {
            try store.saveProgress(
                sessionID: id, state: Data("{}".utf8), answers: Data("{}".utf8), status: .completed,
                currentStep: nil, answered: 5, total: 5,
                journal: [JournalEntry(kind: .answer, text: "fine"), JournalEntry(kind: .answer, text: "boom")])
        }
        #expect(error != nil)
        let session = try #require(try store.session(id: id))
        #expect(session.state == sampleState)
        #expect(session.status == .asking)
        #expect(session.answered == 0)
        #expect(try store.journal(sessionID: id).isEmpty)
        // The journal numbering did not move either.
        #expect(try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "x")]).first?.seq == 1)
    }

    @Test func listIsMostRecentFirstAndFiltersByStatus() throws {
        let store = try CoachStore.inMemory(clock: TickingClock().function)
        let first = try store.makeSession(title: "first")
        let second = try store.makeSession(title: "second")
        let third = try store.makeSession(title: "third")
        try store.saveProgress(
            sessionID: first, state: sampleState, answers: sampleAnswers, status: .completed, currentStep: nil,
            answered: 5, total: 5)
        #expect(try store.listSessions().map(\.id) == [first, third, second])
        #expect(try store.listSessions(limit: 2).map(\.id) == [first, third])
        #expect(try store.listSessions(status: .completed).map(\.id) == [first])
        #expect(try store.listSessions(status: .asking).map(\.id) == [third, second])
        #expect(try store.listSessions(status: .cancelled).isEmpty)
        let listed = try #require(try store.listSessions().first)
        #expect(listed == (try store.session(id: first))?.summary)
    }

    @Test func deleteRemovesJournalAndDraftsButKeepsFactsWithoutTheirSession() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        let other = try store.makeSession()
        try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "a")])
        try store.appendJournal(sessionID: other, entries: [JournalEntry(kind: .note, text: "b")])
        try store.addDraft(sessionID: id, outputs: Data("[]".utf8), answers: sampleAnswers)
        try store.saveFacts(
            account: "Acme", facts: [Fact(name: "budget", value: Data("100".utf8), display: "100")], sessionID: id)
        try store.deleteSession(id: id)
        #expect(try store.session(id: id) == nil)
        #expect(try store.journal(sessionID: id).isEmpty)
        #expect(try store.drafts(sessionID: id).isEmpty)
        #expect(try store.journal(sessionID: other).count == 1)
        let fact = try #require(try store.facts(account: "Acme").first)
        #expect(fact.sessionID == nil)
        #expect(fact.display == "100")
        #expect(storeError { try store.deleteSession(id: id) }?.kind == .notFound)
    }
}
