import Foundation
import GRDB

/// A row of `sessions`: the listing columns and the latest snapshot of the engine's state.
struct SessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "sessions"

    var id: String
    var playbookID: String
    var playbookVersion: Int
    var title: String
    var status: SessionStatus
    var account: String?
    var currentStep: String?
    var answered: Int
    var total: Int
    /// The engine's state as of journal line `snapshotSeq` (JSON).
    var state: Data
    /// The answers with their questions as of the snapshot (JSON), readable without the playbook.
    var answers: Data
    /// The number of the session's last journal line.
    var journalSeq: Int
    /// The journal line the snapshot was taken after; later event lines are replayed on resume.
    var snapshotSeq: Int
    var createdAt: Double
    var updatedAt: Double
    var origin: SessionOrigin

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, title, status, account, answered, total, state, answers, origin
        case playbookID = "playbook_id"
        case playbookVersion = "playbook_version"
        case currentStep = "current_step"
        case journalSeq = "journal_seq"
        case snapshotSeq = "snapshot_seq"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    typealias Columns = CodingKeys

    /// The listing columns, without the snapshot.
    static var listing: [any SQLSelectable] {
        [
            Columns.id, Columns.playbookID, Columns.playbookVersion, Columns.title, Columns.status, Columns.account,
            Columns.currentStep, Columns.answered, Columns.total, Columns.createdAt, Columns.updatedAt, Columns.origin,
        ]
    }

    var stored: StoredSession {
        StoredSession(
            id: id, playbookID: playbookID, playbookVersion: playbookVersion, title: title, status: status,
            account: account, currentStep: currentStep, answered: answered, total: total, state: state,
            answers: answers, createdAt: createdAt, updatedAt: updatedAt, origin: origin, journalSeq: journalSeq,
            snapshotSeq: snapshotSeq)
    }
}

/// A listing row of `sessions` (``SessionRecord/listing``).
extension SessionSummary: FetchableRecord {
    public init(row: Row) throws {
        typealias Columns = SessionRecord.Columns
        self.init(
            id: row[Columns.id], playbookID: row[Columns.playbookID], playbookVersion: row[Columns.playbookVersion],
            title: row[Columns.title], status: try Self.decoded(row[Columns.status]), account: row[Columns.account],
            currentStep: row[Columns.currentStep], answered: row[Columns.answered], total: row[Columns.total],
            createdAt: row[Columns.createdAt], updatedAt: row[Columns.updatedAt],
            origin: SessionOrigin(rawValue: row[Columns.origin]) ?? .repl)
    }

    private static func decoded(_ status: String) throws -> SessionStatus {
        guard let status = SessionStatus(rawValue: status) else {
            throw StoreError(.corrupt, "A session has the unknown status '\(status)'.")
        }
        return status
    }
}

/// A row of `journal`: one event or transcript line of a session.
struct JournalRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "journal"

    var sessionID: String
    var seq: Int
    var at: Double
    var kind: JournalKind
    var step: String?
    var text: String
    /// An answer's typed value (JSON), for replay.
    var value: Data?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case seq, at, kind, step, text, value
        case sessionID = "session_id"
    }

    typealias Columns = CodingKeys

    init(_ entry: JournalEntry, sessionID: String) {
        self.sessionID = sessionID
        seq = entry.seq
        at = entry.at
        kind = entry.kind
        step = entry.step
        text = entry.text
        value = entry.value
    }

    var entry: JournalEntry {
        JournalEntry(kind: kind, step: step, text: text, value: value, at: at, seq: seq)
    }

    /// The INSERT of one line, kept compiled in the connection's statement cache.
    static let insertSQL = "INSERT INTO journal (session_id, seq, at, kind, step, text, value) VALUES (?, ?, ?, ?, ?, ?, ?)"

    /// Inserts this line with the cached ``insertSQL``. Every turn appends two lines or more, and `insert(_:)` encodes
    /// the record and looks up its statement each time: about 63k instructions a line besides SQLite's own work
    /// (callgrind), against 5k this way.
    func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: [sessionID, seq, at, kind, step, text, value])
    }
}

/// A row of `drafts`.
struct DraftRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "drafts"

    var sessionID: String
    var version: Int
    var createdAt: Double
    var outputs: Data
    var answers: Data

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case version, outputs, answers
        case sessionID = "session_id"
        case createdAt = "created_at"
    }

    typealias Columns = CodingKeys

    var draft: Draft {
        Draft(sessionID: sessionID, version: version, createdAt: createdAt, outputs: outputs, answers: answers)
    }
}
