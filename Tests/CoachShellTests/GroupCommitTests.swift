import CoachCore
import CoachShell
import Foundation
import GRDB
import Testing

@testable import CoachStore

/// Group commit: the changes of several requests saved in one transaction, acknowledged only once committed.
@Suite("SessionService: groups of requests share one commit")
struct GroupCommitTests {
    /// A service over the store in a fresh folder, and that store (to reach its connection).
    static func service(home: String) throws -> (SessionService, CoachStore) {
        let store = try CoachStore.open(home: home)
        let service = SessionService(
            catalog: ServiceFixture.catalog(), store: store, mode: .database(path: store.path),
            today: { ServiceFixture.today })
        return (service, store)
    }

    /// What another process reads from the database file right now.
    static func stored(_ home: String, _ id: String) throws -> [String] {
        let other = try CoachStore.open(home: home)
        return try other.journal(sessionID: id).filter { $0.kind == .answer }.map(\.text)
    }

    @Test("a group's changes reach the database together, at endGroup and not before")
    func commitsOnce() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (service, _) = try Self.service(home: home)
        let a = try service.start(playbookID: "mini", origin: .protocol).sessionID
        let b = try service.start(playbookID: "mini", origin: .protocol).sessionID
        service.beginGroup()
        _ = try service.apply(a, .answer(.text("Acme Corp"), step: "client"))
        _ = try service.apply(b, .answer(.text("Bolt Ltd"), step: "client"))
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        #expect(try Self.stored(home, a).isEmpty)
        #expect(service.endGroup() == nil)
        #expect(service.isDurable)
        #expect(try Self.stored(home, a) == ["Acme Corp", "Atlas"])
        #expect(try Self.stored(home, b) == ["Bolt Ltd"])
        // Outside a group every change commits at once, as before.
        _ = try service.apply(b, .answer(.text("Bravo"), step: "project"))
        #expect(try Self.stored(home, b) == ["Bolt Ltd", "Bravo"])
    }

    @Test("a group whose commit fails: nothing of it is in the database, all of it goes on in memory, with the notice")
    func failedCommitFallsBackWithEverything() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (service, store) = try Self.service(home: home)
        let a = try service.start(playbookID: "mini", origin: .protocol).sessionID
        let b = try service.start(playbookID: "mini", origin: .protocol).sessionID
        _ = try service.apply(a, .answer(.text("Acme Corp"), step: "client"))
        service.beginGroup()
        let c = try service.start(playbookID: "mini", origin: .protocol)
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(b, .answer(.text("Bolt Ltd"), step: "client"))
        _ = try service.apply(c.sessionID, .answer(.text("Cobalt"), step: "client"))
        // A change that breaks a deferred foreign key: the COMMIT of the group fails, as on an I/O error.
        try store.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try db.execute(
                sql: "INSERT INTO journal (session_id, seq, at, kind, text) VALUES ('s-none', 1, 0, 'note', 'x')")
        }
        let notice = try #require(service.endGroup())
        #expect(notice.contains("export"))
        #expect(!service.isDurable)
        // Nothing of the group is in the database: what was there before stays.
        #expect(try Self.stored(home, a) == ["Acme Corp"])
        #expect(try Self.stored(home, b).isEmpty)
        #expect(try CoachStore.open(home: home).session(id: c.sessionID) == nil)
        // Every change of the group goes on in memory: answers and journal.
        #expect(try service.session(a).state.answers["project"]?.display == "Atlas")
        #expect(try service.session(b).state.answers["client"]?.display == "Bolt Ltd")
        #expect(try service.session(c.sessionID).state.answers["client"]?.display == "Cobalt")
        #expect(try service.journal(a).filter { $0.kind == .answer }.map(\.text) == ["Atlas"])
        #expect(try service.journal(c.sessionID).filter { $0.kind == .answer }.map(\.text) == ["Cobalt"])
        let next = try service.apply(a, .answer(.text("$5"), step: "budget"))
        #expect(next.turn.prompt?.step == "contact_email")
        #expect(next.notices.isEmpty)
    }

    @Test("a write that fails inside a group (disk full) takes the whole group to memory and says so")
    func failedWriteInsideGroup() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (service, store) = try Self.service(home: home)
        let a = try service.start(playbookID: "mini", origin: .protocol).sessionID
        let b = try service.start(playbookID: "mini", origin: .protocol).sessionID
        service.beginGroup()
        _ = try service.apply(a, .answer(.text("Acme Corp"), step: "client"))
        try store.database.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let long = String(repeating: "A long answer that needs new pages", count: 2_000)
        let failed = try service.apply(b, .answer(.text(long), step: "client"))
        #expect(failed.notices.count == 1)
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        let notice = try #require(service.endGroup())
        #expect(notice == failed.notices[0])
        #expect(!service.isDurable)
        #expect(try Self.stored(home, a).isEmpty)
        #expect(try service.session(a).state.answers["client"]?.display == "Acme Corp")
        #expect(try service.session(a).state.answers["project"]?.display == "Atlas")
        #expect(try service.session(b).state.answers["client"]?.display == long)
        #expect(try service.journal(a).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp", "Atlas"])
    }
}
