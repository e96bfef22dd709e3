import Foundation
import GRDB

/// The SQLite store (the default): sessions, their journal and drafts, and account memory, in one database file
/// (WAL) in the data folder, or in memory.
///
/// Every method is synchronous and commits before it returns, so a caller may acknowledge what it saved.
public final class CoachStore: SessionStore {
    /// The database file's path, or `:memory:` for an in-memory store.
    public let path: String
    /// The database file's path, or `:memory:`.
    public var location: String { path }
    /// `sqlite`.
    public var persistence: String { "sqlite" }
    let database: DatabaseQueue
    let clock: @Sendable () -> Double
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
        try open(preparedPath: prepareHome(home), busyTimeout: busyTimeout, clock: clock)
    }

    /// Opens (creating if needed) the database file at `path` (`--store sqlite:PATH`): a missing folder is created
    /// 0700 (an existing one keeps its mode), a new database file is 0600; WAL, busy timeout.
    public static func open(
        path: String, busyTimeout: Double = 5, clock: @escaping @Sendable () -> Double = CoachStore.now
    ) throws(StoreError) -> CoachStore {
        try open(preparedPath: prepareFile(path), busyTimeout: busyTimeout, clock: clock)
    }

    private static func open(
        preparedPath path: String, busyTimeout: Double, clock: @escaping @Sendable () -> Double
    ) throws(StoreError) -> CoachStore {
        var configuration = Configuration()
        configuration.label = "Coach"
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL writes every commit to the WAL file before COMMIT returns (so a killed process
            // loses nothing committed) and syncs at checkpoints instead of at every commit; the database stays
            // consistent through a power cut, which may take back the last commits. FULL (SQLite's default)
            // added an fdatasync to every saved answer.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
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
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
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

    /// Opens a fresh, empty SQLite database in memory, for tests of the SQLite store. (Coach itself keeps sessions
    /// in memory in a ``MemoryStore``: with `--no-store`, or when the disk cannot be written.)
    public static func inMemory(clock: @escaping @Sendable () -> Double = CoachStore.now) throws(StoreError)
        -> CoachStore
    {
        let path = ":memory:"
        let database: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.label = "Coach"
            configuration.foreignKeysEnabled = true
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

    /// Runs `body` in one write transaction (IMMEDIATE: it takes the write lock first, so two processes wait for
    /// each other within the busy timeout instead of failing), mapping every failure to a ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }

    /// Runs `body` in a read-only transaction, mapping every failure to a ``StoreError``.
    ///
    /// GRDB makes the connection read-only for it (`PRAGMA query_only`), which expires every prepared statement:
    /// the next use of each cached statement compiles it again. Reads made on every turn use ``readOne(_:)``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }

    /// Runs `body`, which must run one statement that only reads, mapping every failure to a ``StoreError``.
    ///
    /// SQLite runs a lone statement as its own read transaction, so it sees one committed state without the
    /// transaction and read-only switch of ``read(_:)``, and the cached statements stay compiled. Measured by
    /// callgrind on `coach-bench service`: through ``read(_:)``, the version check every turn makes cost about 400k
    /// instructions, most of it compiling the turn's UPDATE and INSERTs again.
    func readOne<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.unsafeRead(body)
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }
}
