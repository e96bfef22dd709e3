import CoachStore
import Foundation

#if Postgres
    import CoachPostgres
#endif

/// The store being opened, possibly on another thread: the data folder's SQLite database, or the one `--store` /
/// `COACH_STORE` names (`sqlite:PATH`, `postgres://…`).
///
/// Opening the database (folder modes, the opening lock, WAL set-up, migrations) takes about as long as finding
/// and checking a playbook; `coach run` starts it in the background first and does that work meanwhile.
/// ``SessionService/open(opening:catalog:today:)`` waits for the result.
public final class StoreOpening: @unchecked Sendable {
    /// The store opened, or nil when nothing is to be stored (`--no-store`, `COACH_NO_STORE=1`).
    public let url: StoreURL?
    private let condition = NSCondition()
    private var result: Result<any SessionStore, StoreError>?

    /// Opens the store `store` names (a `--store` value, else `COACH_STORE`), else the SQLite database in `home`
    /// (else `$COACH_HOME`, `$XDG_DATA_HOME/coach`, `~/.local/share/coach`), now or on a background thread with
    /// `inBackground`. A store URL that cannot be read fails the opening with its message.
    public init(
        home: String?, store: String? = nil, environment: [String: String], noStore: Bool, inBackground: Bool = false
    ) {
        if noStore || environment["COACH_NO_STORE"] == "1" {
            url = nil
            return
        }
        let url: Location
        do {
            url = try Self.location(home: home, store: store, environment: environment)
        } catch {
            self.url = .sqlite(path: "")
            result = .failure(error)
            return
        }
        self.url = url.url
        guard inBackground else {
            result = Self.open(url, environment: environment)
            return
        }
        Thread.detachNewThread { [self] in
            let opened = Self.open(url, environment: environment)
            condition.lock()
            result = opened
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The store to open: `store` (a `--store` value), else `COACH_STORE`, else the database in the data folder.
    public static func url(home: String?, store: String?, environment: [String: String]) throws(StoreError)
        -> StoreURL
    {
        try location(home: home, store: store, environment: environment).url
    }

    /// A store named by URL, or the data folder's own database.
    private enum Location {
        case url(StoreURL)
        case home(String)

        var url: StoreURL {
            switch self {
            case .url(let url): return url
            case .home(let folder):
                return .sqlite(
                    path: (folder.hasSuffix("/") ? String(folder.dropLast()) : folder) + "/" + CoachStore.databaseFileName)
            }
        }
    }

    private static func location(home: String?, store: String?, environment: [String: String]) throws(StoreError)
        -> Location
    {
        if let text = store ?? environment["COACH_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return .url(try StoreURL(parsing: text, environment: environment))
        }
        return .home(home.flatMap { $0.isEmpty ? nil : $0 } ?? CoachStore.defaultHome(environment: environment))
    }

    /// Whether the store is one several processes share (PostgreSQL): failing to open it must not quietly run a
    /// worker on its own in memory.
    public var isShared: Bool {
        if case .postgres = url { return true }
        return false
    }

    /// The opened store or why it failed; nil when nothing is to be stored. Waits for a background opening.
    public func wait() -> Result<any SessionStore, StoreError>? {
        guard url != nil else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result
    }

    private static func open(_ url: Location, environment: [String: String]) -> Result<any SessionStore, StoreError> {
        do throws(StoreError) {
            switch url {
            case .url(.sqlite(let path)):
                return .success(try CoachStore.open(path: path))
            case .home(let folder):
                // The data folder's database: the folder is Coach's own, kept 0700.
                return .success(try CoachStore.open(home: folder))
            case .url(.postgres(let postgres)):
                #if Postgres
                    return .success(try PostgresStore.open(postgres, environment: environment))
                #else
                    throw StoreError(
                        .invalid,
                        "This build of Coach has no PostgreSQL support, so it cannot open \(postgres). Build Coach "
                            + "with `swift build --traits Postgres`, or use --store sqlite:PATH.")
                #endif
            }
        } catch {
            return .failure(error)
        }
    }
}
