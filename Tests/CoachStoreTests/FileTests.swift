import CoachTestSupport
import Foundation
import GRDB
import Testing

@testable import CoachStore

@Suite struct FileTests {
    @Test func newHomeIsPrivateAndTheDatabaseIsWALWithNormalSync() throws {
        let folder = TemporaryFolder()
        let home = folder.path + "/nested/deeper/coach"
        let store = try CoachStore.open(home: home)
        try store.makeSession()
        let database = home + "/coach.sqlite"
        #expect(store.path == database)
        #expect(mode(of: home) == 0o700)
        #expect(mode(of: database) == 0o600)
        #expect(mode(of: database + "-wal") == 0o600)
        #expect(mode(of: database + "-shm") == 0o600)
        #expect(mode(of: home + "/coach.lock") == 0o600)
        let pragmas = try store.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(pragmas.0 == "wal")
        #expect(pragmas.1 == 1)
        #expect(pragmas.2 == 5000)
        #expect(pragmas.3 == true)
        #expect(try store.schemaVersion() == "v4")
    }

    @Test func wideModesLeftByOthersAreTightened() throws {
        let folder = TemporaryFolder()
        let home = folder.home
        #expect(mkdir(home, 0o755) == 0)
        #expect(chmod(home, 0o755) == 0)
        for file in ["coach.sqlite", "coach.sqlite-wal"] {
            #expect(FileManager.default.createFile(atPath: home + "/" + file, contents: nil))
            #expect(chmod(home + "/" + file, 0o644) == 0)
        }
        let store = try CoachStore.open(home: home)
        try store.makeSession()
        #expect(mode(of: home) == 0o700)
        #expect(mode(of: folder.database) == 0o600)
        #expect(mode(of: folder.database + "-wal") == 0o600)
        #expect(mode(of: folder.database + "-shm") == 0o600)
    }

    @Test func dataSurvivesReopening() throws {
        let folder = TemporaryFolder()
        var id = ""
        do {
            let store = try CoachStore.open(home: folder.home)
            id = try store.makeSession()
            try store.saveProgress(
                sessionID: id, state: Data("{}".utf8), answers: Data("{}".utf8), status: .asking,
                currentStep: "b", answered: 1, total: 5, journal: [JournalEntry(kind: .answer, text: "yes")])
        }
        let store = try CoachStore.open(home: folder.home)
        #expect(try store.session(id: id)?.answered == 1)
        #expect(try store.journal(sessionID: id).map(\.text) == ["yes"])
    }

    @Test func garbageFileIsReportedAsCorruptWithAdvice() throws {
        let folder = TemporaryFolder()
        #expect(mkdir(folder.home, 0o700) == 0)
        let garbage = Data(String(repeating: "this is not a database\n", count: 400).utf8)
        #expect(FileManager.default.createFile(atPath: folder.database, contents: garbage))
        let error = storeError { try CoachStore.open(home: folder.home) }
        #expect(error?.kind == .corrupt)
        #expect(error == StoreError.corrupt(path: folder.database))
        #expect(
            error?.description
                == "The Coach database at \(folder.database) is not a valid database (it may be damaged). "
                + "Move it aside and Coach will start a fresh one: mv \(folder.database) \(folder.database).broken")
    }

    @Test func damagedSchemaPageIsReportedAsCorrupt() throws {
        let folder = TemporaryFolder()
        do {
            let store = try CoachStore.open(home: folder.home)
            try store.makeSession()
        }
        // Keep SQLite's 100-byte header, scribble over the rest of page 1 (the schema).
        let handle = try #require(FileHandle(forUpdatingAtPath: folder.database))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 3000))
        try handle.close()
        let error = storeError {
            let store = try CoachStore.open(home: folder.home)
            _ = try store.listSessions()
        }
        #expect(error?.kind == .corrupt)
    }

    @Test(arguments: [(0o500, 0o600), (0o700, 0o400), (0o500, 0o400)] as [(mode_t, mode_t)])
    func readOnlyFolderOrFileIsAClearError(folderMode: mode_t, fileMode: mode_t) throws {
        let folder = TemporaryFolder()
        let id: String
        do {
            let store = try CoachStore.open(home: folder.home)
            id = try store.makeSession()
        }
        #expect(chmod(folder.database, fileMode) == 0)
        #expect(chmod(folder.home, folderMode) == 0)
        defer {
            _ = chmod(folder.home, 0o700)
            _ = chmod(folder.database, 0o600)
        }
        // Root ignores permission bits: probe whether they stop this process at all.
        let blocked = !canCreateFile(in: folder.home) || access(folder.database, W_OK) != 0
        if !blocked {
            // Privileged (root): permission bits do not stop writes here, so the store must simply work.
            let store = try CoachStore.open(home: folder.home)
            #expect(try store.session(id: id) != nil)
        } else {
            let error = storeError { try CoachStore.open(home: folder.home) }
            #expect(error?.kind == .readOnly)
            #expect(error?.message.contains(folder.database) == true)
            #expect(error?.message.contains("COACH_HOME") == true)
            // The user's choice stands: Coach does not give itself write access back.
            #expect(mode(of: folder.home) == folderMode)
            #expect(mode(of: folder.database) == fileMode)
        }
    }

    @Test func sqliteReadOnlyErrorsMapToReadOnly() throws {
        let folder = TemporaryFolder()
        do {
            _ = try CoachStore.open(home: folder.home)
        }
        var configuration = Configuration()
        configuration.readonly = true
        let readOnly = try DatabaseQueue(path: folder.database, configuration: configuration)
        let store = CoachStore(database: readOnly, path: folder.database, clock: CoachStore.now)
        let error = storeError { try store.makeSession() }
        #expect(error?.kind == .readOnly)
        #expect(error?.message.contains("COACH_HOME") == true)
        #expect(try store.listSessions().isEmpty)
    }

    @Test func fullDiskIsAClearErrorAndLosesNothingSaved() throws {
        let store = try CoachStore.inMemory()
        let id = try store.makeSession()
        try store.database.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        let big = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        let error = storeError {
            try store.saveProgress(
                sessionID: id, state: big, answers: big, status: .asking, currentStep: "b", answered: 1, total: 5,
                journal: [JournalEntry(kind: .answer, text: "yes")])
        }
        #expect(error?.kind == .diskFull)
        #expect(error?.message.contains("Free some disk space") == true)
        #expect(try store.session(id: id)?.state == sampleState)
        #expect(try store.journal(sessionID: id).isEmpty)
    }

    @Test func aLockHeldTooLongIsReportedAsLocked() throws {
        let folder = TemporaryFolder()
        let store = try CoachStore.open(home: folder.home, busyTimeout: 0.2)
        let id = try store.makeSession()
        var configuration = Configuration()
        configuration.journalMode = .wal
        let other = try DatabaseQueue(path: folder.database, configuration: configuration)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let started = CoachStore.now()
            let error = storeError {
                try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "x")])
            }
            #expect(error?.kind == .locked)
            #expect(CoachStore.now() - started >= 0.15)
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.appendJournal(sessionID: id, entries: [JournalEntry(kind: .note, text: "x")])[0].seq == 1)
    }

    @Test func openingWaitsForAnotherOpenerThenGivesUp() throws {
        let folder = TemporaryFolder()
        _ = try CoachStore.open(home: folder.home)
        let descriptor = open(folder.home + "/" + CoachStore.lockFileName, O_RDWR)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        let started = CoachStore.now()
        let error = storeError { try CoachStore.open(home: folder.home, busyTimeout: 0.2) }
        #expect(error?.kind == .locked)
        #expect(CoachStore.now() - started >= 0.15)
        #expect(flock(descriptor, LOCK_UN) == 0)
        #expect(try CoachStore.open(home: folder.home, busyTimeout: 0.2).schemaVersion() == "v4")
    }

    @Test func aFileWhereTheFolderShouldBeIsAnIOError() throws {
        let folder = TemporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder.home, contents: Data("x".utf8)))
        let error = storeError { try CoachStore.open(home: folder.home) }
        #expect(error?.kind == .io)
        #expect(error?.message.contains("not a folder") == true)
    }
}
