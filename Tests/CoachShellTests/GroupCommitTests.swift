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
        _ = try service.apply(a, .answer(.text("Acme Corp"), step: "client"))
        service.beginGroup()
        _ = try service.apply(b, .answer(.text("Bolt Ltd"), step: "client"))
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        _ = try service.apply(b, .answer(.text("Bravo"), step: "project"))
        _ = try service.apply(a, .answer(.text("$5"), step: "budget"))
        #expect(try Self.stored(home, a) == ["Acme Corp"])
        #expect(try Self.stored(home, b).isEmpty)
        #expect(service.endGroup() == nil)
        #expect(service.isDurable)
        #expect(try Self.stored(home, a) == ["Acme Corp", "Atlas", "$5"])
        #expect(try Self.stored(home, b) == ["Bolt Ltd", "Bravo"])
        // Outside a group every change commits at once.
        _ = try service.apply(b, .answer(.text("$7"), step: "budget"))
        #expect(try Self.stored(home, b) == ["Bolt Ltd", "Bravo", "$7"])
    }

    @Test("a request that reads the store inside a group sees the group's changes (they are saved first)")
    func readsSeeTheGroup() throws {
        let home = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let (service, _) = try Self.service(home: home)
        let a = try service.start(playbookID: "mini", origin: .protocol).sessionID
        _ = try service.apply(a, .answer(.text("Acme Corp"), step: "client"))
        service.beginGroup()
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        #expect(try service.list().first { $0.id == a }?.currentStep == "budget")
        #expect(try service.resume(a).turn.prompt?.step == "budget")
        #expect(service.endGroup() == nil)
        #expect(try Self.stored(home, a) == ["Acme Corp", "Atlas"])
    }

    @Test("a group whose commit fails: none of its changes are in the database, all of it goes on in memory, with the notice")
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
        // The last line of the group fails on the database's side, as on an I/O error: the group's transaction is
        // rolled back whole.
        try store.database.write { db in
            try db.execute(
                sql: """
                    CREATE TEMP TRIGGER fail_cobalt BEFORE INSERT ON journal WHEN NEW.text = 'Cobalt'
                    BEGIN SELECT RAISE(ABORT, 'simulated I/O failure'); END
                    """)
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

    @Test("a group that cannot be saved (disk full) goes to memory whole and says so")
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
        _ = try service.apply(b, .answer(.text(long), step: "client"))
        _ = try service.apply(a, .answer(.text("Atlas"), step: "project"))
        let notice = try #require(service.endGroup())
        #expect(notice.contains("full"))
        #expect(!service.isDurable)
        #expect(try Self.stored(home, a).isEmpty)
        #expect(try service.session(a).state.answers["client"]?.display == "Acme Corp")
        #expect(try service.session(a).state.answers["project"]?.display == "Atlas")
        #expect(try service.session(b).state.answers["client"]?.display == long)
        #expect(try service.journal(a).filter { $0.kind == .answer }.map(\.text) == ["Acme Corp", "Atlas"])
    }
}
