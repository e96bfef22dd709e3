import CoachTestSupport
import Foundation
import GRDB
import Testing

@testable import CoachStore

/// The first schema's database, committed as `Fixtures/coach-v1.sqlite`, upgraded by this build.
@Suite struct MigrationTests {
    static let fixtureName = "coach-v1"

    static var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: fixtureName, withExtension: "sqlite", subdirectory: "Fixtures"))
        }
    }

    /// Re-records the fixture with the v1 migration: `COACH_RECORD_FIXTURES=1 swift test --filter recordV1Fixture`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COACH_RECORD_FIXTURES"] == "1"))
    func recordV1Fixture() throws {
        let path =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/\(Self.fixtureName).sqlite"
        try? FileManager.default.removeItem(atPath: path)
        let database = try DatabaseQueue(path: path)
        try CoachStore.migrator.migrate(database, upTo: "v1")
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (id, playbook_id, playbook_version, title, status, account, current_step,
                        answered, total, state, answers, journal_seq, created_at, updated_at)
                    VALUES
                    ('s-v1aaaa', 'qbr', 2, 'Acme QBR', 'asking', 'Acme', 'risks', 2, 5, CAST('{"step":"risks"}' AS BLOB),
                        CAST('{"budget":100}' AS BLOB), 3, 1700000000, 1700000300),
                    ('s-v1bbbb', 'intro', 1, 'Globex intro', 'completed', NULL, NULL, 3, 3, CAST('{}' AS BLOB),
                        CAST('{"a":1}' AS BLOB), 0, 1700000100, 1700000200);
                    INSERT INTO journal (session_id, seq, at, kind, step, text) VALUES
                    ('s-v1aaaa', 1, 1700000010, 'prompt', 'budget', 'What is the budget?'),
                    ('s-v1aaaa', 2, 1700000020, 'answer', 'budget', '100k'),
                    ('s-v1aaaa', 3, 1700000030, 'invalid', 'risks', 'Please name at least one risk.');
                    INSERT INTO drafts (session_id, version, created_at, outputs, answers) VALUES
                    ('s-v1bbbb', 1, 1700000200, CAST('["Summary"]' AS BLOB), CAST('{"a":1}' AS BLOB));
                    INSERT INTO accounts (id, key, name, created_at, updated_at) VALUES
                    (1, 'acme', 'Acme', 1700000000, 1700000020);
                    INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at) VALUES
                    (1, 'budget', CAST('100000' AS BLOB), '$100k', 's-v1aaaa', 1700000020);
                    """)
        }
        try database.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
        try database.close()
    }

    @Test func fixtureIsReallyTheFirstSchema() throws {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: try Self.fixture.path, configuration: configuration)
        let (applied, columns) = try database.read { db in
            (try CoachStore.migrator.appliedMigrations(db), try db.columns(in: "sessions").map(\.name))
        }
        #expect(applied == ["v1"])
        #expect(!columns.contains("origin"))
    }

    @Test func v1DatabaseIsUpgradedWithItsDataIntact() throws {
        let folder = TemporaryFolder()
        #expect(mkdir(folder.home, 0o700) == 0)
        try FileManager.default.copyItem(atPath: try Self.fixture.path, toPath: folder.database)
        let store = try CoachStore.open(home: folder.home, clock: TickingClock(start: 1_800_000_000).function)
        #expect(try store.schemaVersion() == "v4")
        let userVersion = try store.database.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(userVersion == 4)

        let acme = try #require(try store.session(id: "v1a"))
        #expect(acme.origin == .repl)
        #expect(acme.title == "Acme QBR")
        #expect(acme.state == Data(#"{"step":"risks"}"#.utf8))
        #expect(acme.answered == 2)
        #expect(try store.listSessions().map(\.id) == ["s-v1aaaa", "s-v1bbbb"])
        #expect(try store.listSessions(status: .completed).map(\.id) == ["s-v1bbbb"])
        #expect(try store.journal(sessionID: "s-v1aaaa").map(\.kind) == [.prompt, .answer, .invalid])
        #expect(try store.drafts(sessionID: "s-v1bbbb").map(\.version) == [1])
        #expect(try store.facts(account: "ACME").first.map { ($0.display, $0.sessionID) }! == ("$100k", "s-v1aaaa"))

        // The journal goes on after the old entries; new sessions record their origin; drafts keep counting.
        let saved = try store.saveProgress(
            sessionID: "s-v1aaaa", state: Data("{}".utf8), answers: Data("{}".utf8), status: .asking,
            currentStep: "next", answered: 3, total: 5, journal: [JournalEntry(kind: .answer, text: "supply")])
        #expect(saved.map(\.seq) == [4])
        #expect(try store.addDraft(sessionID: "s-v1bbbb", outputs: Data(), answers: Data()) == 2)
        let id = try store.makeSession(origin: .batch)
        #expect(try store.session(id: id)?.origin == .batch)
        let indexes = try store.database.read { try $0.indexes(on: "sessions").map(\.name) }
        #expect(indexes.contains("sessions_by_status_updated"))
    }

    @Test func aNewerSchemaIsRefusedWithAClearMessage() throws {
        let folder = TemporaryFolder()
        do {
            let store = try CoachStore.open(home: folder.home)
            try store.makeSession()
            try store.database.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')")
            }
        }
        let error = storeError { try CoachStore.open(home: folder.home) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.message.contains("newer version of Coach (schema v9)") == true)
        #expect(error?.message.contains(folder.database) == true)
    }

    @Test func theChecksTakeExactlyTheStoresWordsAndNeedNoTemporaryIndex() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        try store.database.write { db in
            let insert = "INSERT INTO journal (session_id, seq, at, kind, text) VALUES (?, ?, 0, ?, '')"
            for (index, kind) in JournalKind.allCases.enumerated() {
                try db.execute(sql: insert, arguments: [id, index + 1, kind.rawValue])
            }
            for word in ["", "Answer", "answers", "skip ", "other"] {
                #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: [id, 99, word]) }
            }
            let status = "UPDATE sessions SET status = ? WHERE id = ?"
            for word in SessionStatus.allCases.map(\.rawValue) {
                try db.execute(sql: status, arguments: [word, id])
            }
            #expect(throws: DatabaseError.self) { try db.execute(sql: status, arguments: ["paused", id]) }
            let origin = "UPDATE sessions SET origin = ? WHERE id = ?"
            for word in SessionOrigin.allCases.map(\.rawValue) {
                try db.execute(sql: origin, arguments: [word, id])
            }
            #expect(throws: DatabaseError.self) { try db.execute(sql: origin, arguments: ["cli", id]) }
            // SQLite checks `IN` over more than two words with an index it builds at every statement; each turn's
            // statements check the lists, so they must compile without one.
            for sql in [JournalRecord.insertSQL, status, origin] {
                let unbound = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.count { $0 == "?" }))
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql, arguments: unbound).map { $0["opcode"] as String }
                #expect(!opcodes.isEmpty)
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
            }
        }
    }

    @Test func inMemoryStoreHasTheLatestSchema() throws {
        #expect(try CoachStore.inMemory().schemaVersion() == CoachStore.migrator.migrations.last)
    }
}
