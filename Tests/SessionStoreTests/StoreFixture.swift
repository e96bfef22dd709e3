import CoachStore
import Foundation
import Synchronization
import Testing

#if Postgres
    import CoachPostgres
#endif

/// The stores the shared behaviour tests run against: each test gets stores of one kind over one database.
enum StoreKind: String, Sendable, CustomStringConvertible {
    case sqlite, memory, postgres

    var description: String { rawValue }

    /// The PostgreSQL database the tests use (CI starts a private cluster and sets it), or nil.
    static let postgresURL = ProcessInfo.processInfo.environment["COACH_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Whether the PostgreSQL tests can run: a database is given and this build has PostgreSQL support.
    static var postgresAvailable: Bool {
        #if Postgres
            return postgresURL != nil
        #else
            return false
        #endif
    }

    /// Why the PostgreSQL tests are skipped.
    static var postgresSkipReason: Comment {
        #if Postgres
            return "COACH_TEST_POSTGRES_URL is not set: start a PostgreSQL cluster (Tests/clients/pg_cluster.sh) and export it"
        #else
            return "this build has no PostgreSQL support: test with `swift test --traits Postgres`"
        #endif
    }
}

/// One database and a way to open more connections (stores) on it: a new SQLite file, a memory store (every
/// connection is the one store, as a process shares it), or the test PostgreSQL database. Tests on PostgreSQL share
/// that database, so each uses ids and names of its own (``unique(_:)``).
final class StoreFixture: Sendable {
    let kind: StoreKind
    private let folder: String
    private let memory = Mutex<MemoryStore?>(nil)
    private let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    init(_ kind: StoreKind) {
        self.kind = kind
        folder = NSTemporaryDirectory() + "coach-store-\(getpid())-\(tag)"
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new connection to the fixture's database (a second call is another worker on the same data).
    func open(clock: @escaping @Sendable () -> Double = CoachStore.now) throws -> any SessionStore {
        switch kind {
        case .sqlite:
            return try CoachStore.open(path: folder + "/coach.sqlite", clock: clock)
        case .memory:
            return memory.withLock { store in
                if let store { return store }
                let opened = MemoryStore(clock: clock)
                store = opened
                return opened
            }
        case .postgres:
            #if Postgres
                guard let text = StoreKind.postgresURL, case .postgres(let url) = try StoreURL(parsing: text) else {
                    throw StoreError(.invalid, "COACH_TEST_POSTGRES_URL is not a postgres:// URL")
                }
                return try PostgresStore.open(url, environment: ProcessInfo.processInfo.environment, clock: clock)
            #else
                throw StoreError(.invalid, "\(StoreKind.postgresSkipReason)")
            #endif
        }
    }

    /// `name` made unique to this test, for ids and names in a database other tests share.
    func unique(_ name: String) -> String {
        "\(name)-\(tag)"
    }
}

let sampleState = Data(#"{"step":"budget"}"#.utf8)
let sampleAnswers = Data(#"[]"#.utf8)

/// A session start with sample values and `lines` prompt lines.
func start(_ id: String, account: String? = nil, lines: Int = 1) -> SessionChange {
    .start(
        SessionStart(
            id: id, playbookID: "qbr", playbookVersion: 3, title: "Quarterly review", account: account,
            currentStep: "client", answered: 0, total: 4,
            snapshot: SessionProgress.Snapshot(state: sampleState, answers: sampleAnswers), origin: .protocol,
            journal: (0..<lines).map { JournalEntry(kind: .prompt, step: "client", text: "Which client? \($0)") }))
}

/// An accepted answer made against version `after`: its event line and the next prompt.
func answer(
    _ id: String, _ text: String, step: String = "client", after: Int, snapshot: Bool = false,
    status: SessionStatus = .asking
) -> SessionChange {
    .progress(
        SessionProgress(
            sessionID: id, status: status, currentStep: "project", answered: 1, total: 4,
            snapshot: snapshot ? SessionProgress.Snapshot(state: Data(text.utf8), answers: sampleAnswers) : nil,
            journal: [
                JournalEntry(kind: .answer, step: step, text: text, value: Data("\"\(text)\"".utf8)),
                JournalEntry(kind: .prompt, step: "project", text: "Which project?"),
            ], expectedSeq: after))
}
