import Foundation
import GRDB

extension CoachStore {
    /// Starts a session (status `asking`) with its first `journal` lines, in one transaction, and returns its id:
    /// `id` if given, else a new one like `s-7k3m9q`. `state` is its state after those lines.
    @discardableResult
    public func createSession(
        id: String? = nil, playbookID: String, playbookVersion: Int, title: String, account: String? = nil,
        currentStep: String? = nil, answered: Int = 0, total: Int, state: Data, answers: Data,
        origin: SessionOrigin, journal: [JournalEntry] = []
    ) throws(StoreError) -> String {
        if let id, !SessionID.isValid(id) {
            throw StoreError(.invalid, "'\(id)' cannot be a session id: use 1 to 64 characters without spaces.")
        }
        let now = clock()
        return try write { db in
            var record = SessionRecord(
                id: "", playbookID: playbookID, playbookVersion: playbookVersion, title: title, status: .asking,
                account: account, currentStep: currentStep, answered: answered, total: total, state: state,
                answers: answers, journalSeq: journal.count, snapshotSeq: journal.count, createdAt: now,
                updatedAt: now, origin: origin)
            for _ in 0..<20 {
                record.id = id ?? SessionID.random()
                try record.insert(db, onConflict: .ignore)
                if db.changesCount == 1 {
                    try Self.insert(journal, sessionID: record.id, firstSeq: 1, now: now, db)
                    return record.id
                }
                if let id {
                    throw StoreError(.conflict, "A session '\(id)' already exists. Choose another id or resume it.")
                }
            }
            throw StoreError(.io, "Coach could not find a free session id. Delete old sessions and try again.")
        }
    }

    /// Whether a session has this exact id.
    public func hasSession(id: String) throws(StoreError) -> Bool {
        try readOne { db in try Self.sessionExists(id, db) }
    }

    static func insert(_ start: SessionStart, now: Double, _ db: Database) throws {
        let record = SessionRecord(
            id: start.id, playbookID: start.playbookID, playbookVersion: start.playbookVersion, title: start.title,
            status: .asking, account: start.account, currentStep: start.currentStep, answered: start.answered,
            total: start.total, state: start.snapshot.state, answers: start.snapshot.answers,
            journalSeq: start.journal.count, snapshotSeq: start.journal.count, createdAt: now, updatedAt: now,
            origin: start.origin)
        do {
            try record.insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw StoreError(.conflict, "A session '\(start.id)' already exists. Choose another id or resume it.")
        }
        try insert(start.journal, sessionID: start.id, firstSeq: 1, now: now, db)
    }

    /// The session with this id, or with this unambiguous id prefix (`s-7k3`, or just `7k3`); nil if none.
    ///
    /// Throws `ambiguous` when the prefix matches several sessions.
    public func session(id: String) throws(StoreError) -> StoredSession? {
        try read { db in
            guard let full = try Self.resolve(id, db) else {
                return nil
            }
            return try SessionRecord.fetchOne(db, key: full)?.stored
        }
    }

    /// The full id for an id or unambiguous prefix; throws `notFound` or `ambiguous`.
    public func resolveSessionID(_ idOrPrefix: String) throws(StoreError) -> String {
        guard let id = try read({ db in try Self.resolve(idOrPrefix, db) }) else {
            throw StoreError.sessionNotFound(idOrPrefix)
        }
        return id
    }

    /// The most recently updated sessions first, optionally only those with `status`.
    public func listSessions(limit: Int = 50, status: SessionStatus? = nil) throws(StoreError) -> [SessionSummary] {
        try read { db in
            var request = SessionRecord.select(SessionRecord.listing)
            if let status {
                request = request.filter(SessionRecord.Columns.status == status)
            }
            return try SessionSummary.fetchAll(
                db, request.order(SessionRecord.Columns.updatedAt.desc).limit(limit))
        }
    }

    /// Deletes a session (exact id) with its journal and drafts; facts it gave stay, without their session.
    public func deleteSession(id: String) throws(StoreError) {
        try write { db in
            guard try SessionRecord.deleteOne(db, key: id) else {
                throw StoreError.sessionNotFound(id)
            }
        }
    }

    static func resolve(_ idOrPrefix: String, _ db: Database) throws -> String? {
        guard !idOrPrefix.isEmpty else {
            return nil
        }
        if try sessionExists(idOrPrefix, db) {
            return idOrPrefix
        }
        var matches = try prefixMatches(idOrPrefix, db)
        if matches.isEmpty && !idOrPrefix.hasPrefix("s-") {
            matches = try prefixMatches("s-" + idOrPrefix, db)
        }
        if matches.count > 1 {
            let shown = matches.prefix(5).joined(separator: ", ") + (matches.count > 5 ? ", ..." : "")
            throw StoreError(
                .ambiguous, "'\(idOrPrefix)' matches several sessions (\(shown)). Type more of the id.")
        }
        return matches.first
    }

    private static func prefixMatches(_ prefix: String, _ db: Database) throws -> [String] {
        let id = SessionRecord.Columns.id
        return try String.fetchAll(
            db,
            SessionRecord.select(id).filter(id >= prefix && id < prefix + "\u{10FFFF}").order(id).limit(6))
    }

    /// Whether a session has this exact id, by a cached statement: every draft saved, every new id drawn in a
    /// group and every id resolved asks it (`SessionRecord.exists` builds and compiles its query each time).
    static func sessionExists(_ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE id = ?)"), arguments: [id])
            ?? false
    }
}
