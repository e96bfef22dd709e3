import Foundation
import GRDB
import Testing

@testable import CoachStore

@Suite struct JournalTests {
    @Test func appendedEntriesKeepTheirOrderAndContent() throws {
        let clock = TickingClock()
        let store = try CoachStore.inMemory(clock: clock.function)
        let id = try store.makeSession()
        let kinds = JournalKind.allCases
        for (index, kind) in kinds.enumerated() {
            let saved = try store.appendJournal(
                sessionID: id,
                entries: [
                    JournalEntry(
                        kind: kind, step: index.isMultiple(of: 2) ? "s\(index)" : nil,
                        text: "line \(index) — café")
                ])
            #expect(saved.map(\.seq) == [index + 1])
        }
        let journal = try store.journal(sessionID: id)
        #expect(journal.map(\.seq) == Array(1...kinds.count))
        #expect(journal.map(\.kind) == kinds)
        #expect(journal[0].step == "s0")
        #expect(journal[1].step == nil)
        #expect(journal[2].text == "line 2 — café")
        #expect(journal.map(\.at) == (2...kinds.count + 1).map { clock.start + Double($0) })
        #expect(try store.journal(sessionID: id, after: 4).map(\.seq) == Array(5...kinds.count))
    }

    @Test func aSessionCreatedWithItsFirstLinesNumbersLaterOnesAfterThem() throws {
        let store = try CoachStore.inMemory()
        let id = try store.createSession(
            playbookID: "qbr", playbookVersion: 1, title: "t", total: 3, state: Data("{}".utf8), answers: Data("[]".utf8),
            origin: .repl, journal: [JournalEntry(kind: .note, text: "started"), JournalEntry(kind: .prompt, step: "a", text: "A?")])
        try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "later")])
        #expect(try store.journal(sessionID: id).map(\.seq) == [1, 2, 3])
        #expect(try store.journal(sessionID: id).map(\.text) == ["started", "A?", "later"])
        #expect(try store.journal(sessionID: id)[1].step == "a")
    }

    @Test func journalsOfSessionsAreSeparate() throws {
        let store = try CoachStore.inMemory()
        let one = try store.makeSession()
        let two = try store.makeSession()
        try store.appendJournal(sessionID: one, entries: [JournalEntry(kind: .note, text: "1a")])
        try store.appendJournal(sessionID: two, entries: [JournalEntry(kind: .note, text: "2a")])
        try store.appendJournal(
            sessionID: one, entries: [JournalEntry(kind: .note, text: "1b"), JournalEntry(kind: .note, text: "1c")])
        #expect(try store.journal(sessionID: one).map(\.text) == ["1a", "1b", "1c"])
        #expect(try store.journal(sessionID: one).map(\.seq) == [1, 2, 3])
        #expect(try store.journal(sessionID: two).map(\.seq) == [1])
    }

    @Test func journalIsAppendOnly() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .answer, step: "a", text: "yes")])
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "UPDATE journal SET text = 'no'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "DELETE FROM journal") }
        }
        #expect(try store.journal(sessionID: id).map(\.text) == ["yes"])
    }

    @Test func appendingToAMissingSessionFails() throws {
        let store = try CoachStore.inMemory()
        let error = storeError {
            try store.appendJournal(sessionID: "s-gone", entries: [JournalEntry(kind: .note, text: "x")])
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("s-gone") == true)
    }

    @Test func theCachedInsertStoresWhatTheRecordsOwnInsertStores() throws {
        let store = try CoachStore.inMemory()
        let one = try store.makeSession()
        let two = try store.makeSession()
        let lines = [
            JournalEntry(kind: .answer, step: "budget", text: "€120,000", value: Data(#"{"money":1}"#.utf8), at: 5, seq: 1),
            JournalEntry(kind: .note, step: nil, text: "line — café", value: nil, at: 6.25, seq: 2),
        ]
        try store.database.write { db in
            for line in lines {
                try JournalRecord(line, sessionID: one).insert(db)
                try JournalRecord(line, sessionID: two).insertCached(db)
            }
        }
        let rows = try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal ORDER BY session_id = ?, seq", arguments: [two])
        }
        func cells(_ row: Row) -> [DatabaseValue] {
            row.columnNames.filter { $0 != "session_id" }.map { row[$0] as DatabaseValue }
        }
        let byRecord = rows.prefix(2).map(cells)
        let byCache = rows.suffix(2).map(cells)
        #expect(rows.count == 4)
        #expect(byCache == byRecord)
        #expect(try store.journal(sessionID: two) == store.journal(sessionID: one))
    }

    @Test func appendingNothingIsFine() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        #expect(try store.appendJournal(sessionID: id, entries: []).isEmpty)
        #expect(try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "x")])[0].seq == 1)
    }
}
