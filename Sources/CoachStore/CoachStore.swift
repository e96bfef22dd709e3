import Foundation
import GRDB
import Synchronization

/// The durable layer: sessions, their journal and drafts, and account memory, in one SQLite database (WAL).
///
/// Every method is synchronous and commits before it returns, so a caller may acknowledge what it saved.
public final class CoachStore: Sendable {
    /// The database file's path, or `:memory:` for an in-memory store.
    public let path: String
    let database: DatabaseQueue
    let clock: @Sendable () -> Double
    /// The open group of writes, if any (see ``beginGroup()``).
    let group = Mutex(Group())

    /// Whether writes are grouped, and the first failure that lost the group's transaction.
    struct Group {
        var open = false
        var broken: StoreError?
    }

    init(database: DatabaseQueue, path: String, clock: @escaping @Sendable () -> Double) {
        self.database = database
        self.path = path
        self.clock = clock
    }

    /// The file name of the database inside the Coach home folder.
    public static let databaseFileName = "coach.sqlite"

    /// The file locked while a store opens, so that processes create and migrate the schema one at a time.
    public static let lockFileName = "coach.lock"

    /// Opens (creating if needed) the store in `home`: folder 0700, database files 0600, WAL, busy timeout.
    public static func open(
        home: String, busyTimeout: Double = 5, clock: @escaping @Sendable () -> Double = CoachStore.now
    ) throws(StoreError) -> CoachStore {
        let path = try prepareHome(home)
        var configuration = Configuration()
        configuration.label = "Coach"
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        // A group of writes (``beginGroup()``) keeps its transaction open between database accesses.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL writes every commit to the WAL file before COMMIT returns (so a killed process
            // loses nothing committed) and syncs at checkpoints instead of at every commit; the database stays
            // consistent through a power cut, which may take back the last commits. FULL (SQLite's default)
            // added an fdatasync to every saved answer.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The CHECK constraints (`kind IN (...)`, `status IN (...)`, `origin IN (...)`) stay in the schema for
            // every other writer, but this connection only writes those columns from Swift enums (JournalKind,
            // SessionStatus, SessionOrigin), and SQLite 3.40 checks an IN list by building a temporary b-tree for
            // every row written: about a fifth of the cost of saving an answer.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            // A bot with a thousand sessions open touches a few thousand pages (each session's row and journal
            // leaf): with SQLite's 2 MiB cache every save read them back from the file. The cache grows only as
            // pages are used. A checkpoint every 8,000 WAL pages (32 MiB) instead of 1,000 copies each hot page
            // to the database once per many saves and syncs eight times less often. Measured on `coach serve`,
            // 3,000 sessions pipelined (69,000 turns): pread 528 k -> 63 k, pwrite 650 k -> 424 k,
            // fdatasync 404 -> 68.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8000")
        }
        // A connection opened while another process creates or migrates the schema can see a stale schema.
        let folder = String(path.dropLast(databaseFileName.count + 1))
        return try withOpeningLock(folder: folder, path: path, timeout: busyTimeout) { () throws(StoreError) in
            let database: DatabaseQueue
            do {
                database = try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                throw StoreError(mapping: error, path: path)
            }
            restrictSidecarFiles(of: path)
            let store = CoachStore(database: database, path: path, clock: clock)
            try store.migrate()
            return store
        }
    }

    /// Opens a fresh, empty store in memory (for tests, or when the disk cannot be written).
    public static func inMemory(clock: @escaping @Sendable () -> Double = CoachStore.now) throws(StoreError)
        -> CoachStore
    {
        let path = ":memory:"
        let database: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.label = "Coach"
            configuration.foreignKeysEnabled = true
            configuration.allowsUnsafeTransactions = true
            database = try DatabaseQueue(configuration: configuration)
        } catch {
            throw StoreError(mapping: error, path: path)
        }
        let store = CoachStore(database: database, path: path, clock: clock)
        try store.migrate()
        return store
    }

    /// The Coach home folder: `$COACH_HOME`, else `$XDG_DATA_HOME/coach`, else `~/.local/share/coach`.
    public static func defaultHome(environment: [String: String]) -> String {
        if let home = environment["COACH_HOME"], !home.isEmpty {
            return home
        }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data.hasSuffix("/") ? data + "coach" : data + "/coach"
        }
        var user = environment["HOME"] ?? ""
        if user.isEmpty {
            user = NSHomeDirectory()
        }
        return (user.hasSuffix("/") ? String(user.dropLast()) : user) + "/.local/share/coach"
    }

    /// The current time in seconds since 1970, without Foundation.
    @Sendable public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    /// The last schema migration applied to this database (for example `v2`).
    public func schemaVersion() throws(StoreError) -> String? {
        try read { db in try Self.migrator.appliedMigrations(db).last }
    }

    /// Runs `body` in one IMMEDIATE write transaction, mapping every failure to a ``StoreError``.
    ///
    /// BEGIN and COMMIT are cached statements: GRDB's `write` prepares them anew for every transaction, which
    /// costs more than the work of a typical `saveProgress`.
    ///
    /// While a group is open (``beginGroup()``) the transaction is left open for ``commitGroup()``: the first
    /// write of the group begins it and the later ones run in it. A write of the group that fails on SQLite's
    /// side may have changed part of the group's transaction, or lost it: the group is broken, and its commit
    /// fails (the session service then keeps the whole group in memory). A ``StoreError`` thrown by a write's own
    /// checks (an unknown session) comes before it changes anything, and leaves the group as it was.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        let grouped = group.withLock { $0.open }
        do {
            return try database.writeWithoutTransaction { db in
                if grouped && db.isInsideTransaction {
                    do {
                        return try body(db)
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        let failure = StoreError(mapping: error, path: path)
                        group.withLock { if $0.broken == nil { $0.broken = failure } }
                        throw error
                    }
                }
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                do {
                    let result = try body(db)
                    if !grouped {
                        try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                    }
                    return result
                } catch {
                    try? db.rollback()  // No-op when SQLite already rolled back (SQLITE_FULL, SQLITE_BUSY, ...).
                    throw error
                }
            }
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }

    // MARK: - Group commit

    /// Opens a group: every write until ``commitGroup()`` goes into one transaction, committed once.
    ///
    /// Nothing written in a group is durable before ``commitGroup()`` returns, so a caller must not acknowledge
    /// any of it before then. A group that is already open stays as it is.
    public func beginGroup() {
        group.withLock { if !$0.open { $0 = Group(open: true) } }
    }

    /// Whether a group is open.
    public var isGrouping: Bool { group.withLock { $0.open } }

    /// Commits the group's writes in one transaction and closes the group.
    ///
    /// Throws when the commit fails or a write of the group lost the transaction; then none of the group's
    /// writes are in the database.
    public func commitGroup() throws(StoreError) {
        let state = group.withLock { state in
            defer { state = Group() }
            return state
        }
        guard state.open else { return }
        do {
            try database.writeWithoutTransaction { db in
                guard db.isInsideTransaction else { return }
                if state.broken != nil {
                    try? db.rollback()
                    return
                }
                do {
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        } catch {
            throw StoreError(mapping: error, path: path)
        }
        if let broken = state.broken { throw broken }
    }

    /// Drops the group's writes and closes the group.
    public func rollbackGroup() {
        group.withLock { $0 = Group() }
        try? database.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.rollback() }
        }
    }

    /// Runs `body` in a read transaction (or in the transaction already open), mapping every failure to a
    /// ``StoreError``.
    ///
    /// Not GRDB's `read`: that one sets `PRAGMA query_only` on and off around each read, and SQLite expires every
    /// prepared statement when a flag pragma changes, so each cached statement was compiled again after every
    /// read. Every `body` here only reads.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                if db.isInsideTransaction {
                    return try body(db)
                }
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                do {
                    let result = try body(db)
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                    return result
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }
}
