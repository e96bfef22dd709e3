import Foundation
import GRDB

extension CoachStore {
    /// Starts a session (status `asking`) with its first `journal` lines, in one transaction, and returns its id:
    /// `id` if given, else a new one like `s-7k3m9q`.
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
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO sessions (id, playbook_id, playbook_version, title, status, account, current_step,
                        answered, total, state, answers, created_at, updated_at, origin, journal_seq)
                    VALUES (?, ?, ?, ?, 'asking', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """)
            for _ in 0..<20 {
                let candidate = id ?? SessionID.random()
                try insert.execute(arguments: [
                    candidate, playbookID, playbookVersion, title, account, currentStep, answered, total, state,
                    answers, now, now, origin.rawValue, journal.count,
                ])
                if db.changesCount == 1 {
                    _ = try Self.insert(journal, sessionID: candidate, firstSeq: 1, now: now, db)
                    return candidate
                }
                if let id {
                    throw StoreError(.conflict, "A session '\(id)' already exists. Choose another id or resume it.")
                }
            }
            throw StoreError(.io, "Coach could not find a free session id. Delete old sessions and try again.")
        }
    }

    /// Saves an answered step: the new state, answers and progress AND `journal`, in one transaction.
    ///
    /// `title` and `account` are left unchanged when nil. Returns the journal entries with their `seq` and `at`.
    @discardableResult
    public func saveProgress(
        sessionID: String, state: Data, answers: Data, status: SessionStatus, currentStep: String?,
        answered: Int, total: Int, title: String? = nil, account: String? = nil, journal: [JournalEntry] = []
    ) throws(StoreError) -> [JournalEntry] {
        let now = clock()
        return try write { db in
            // The journal's last number is read, not RETURNed: SQLite runs RETURNING through a temporary table,
            // which cost more than the rest of the save.
            let first = try Self.lastJournalSeq(sessionID, db) + 1
            let update = try db.cachedStatement(
                sql: """
                    UPDATE sessions SET state = ?, answers = ?, status = ?, current_step = ?, answered = ?, total = ?,
                        title = COALESCE(?, title), account = COALESCE(?, account), updated_at = ?, journal_seq = ?
                    WHERE id = ?
                    """)
            _ = try Self.run(
                update,
                [
                    .blob(state), .blob(answers), .text(status.rawValue), .text(currentStep), .int(answered),
                    .int(total), .text(title), .text(account), .double(now), .int(first - 1 + journal.count),
                    .text(sessionID),
                ], db)
            return try Self.insert(journal, sessionID: sessionID, firstSeq: first, now: now, db)
        }
    }

    /// The session with this id, or with this unambiguous id prefix (`s-7k3`, or just `7k3`); nil if none.
    ///
    /// Throws `ambiguous` when the prefix matches several sessions.
    public func session(id: String) throws(StoreError) -> StoredSession? {
        try read { db in
            guard let full = try Self.resolve(id, db) else {
                return nil
            }
            let select = try db.cachedStatement(
                sql: """
                    SELECT id, playbook_id, playbook_version, title, status, account, current_step, answered, total,
                        created_at, updated_at, origin, state, answers
                    FROM sessions WHERE id = ?
                    """)
            return try Row.fetchOne(select, arguments: [full]).map { row in
                let summary = Self.summary(row)
                return StoredSession(
                    id: summary.id, playbookID: summary.playbookID, playbookVersion: summary.playbookVersion,
                    title: summary.title, status: summary.status, account: summary.account,
                    currentStep: summary.currentStep, answered: summary.answered, total: summary.total,
                    state: row[12], answers: row[13], createdAt: summary.createdAt, updatedAt: summary.updatedAt,
                    origin: summary.origin)
            }
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
            let columns = """
                SELECT id, playbook_id, playbook_version, title, status, account, current_step, answered, total,
                    created_at, updated_at, origin
                FROM sessions
                """
            let rows: [Row]
            if let status {
                let select = try db.cachedStatement(
                    sql: columns + " WHERE status = ? ORDER BY updated_at DESC LIMIT ?")
                rows = try Row.fetchAll(select, arguments: [status.rawValue, limit])
            } else {
                let select = try db.cachedStatement(sql: columns + " ORDER BY updated_at DESC LIMIT ?")
                rows = try Row.fetchAll(select, arguments: [limit])
            }
            return rows.map(Self.summary)
        }
    }

    /// Deletes a session (exact id) with its journal and drafts; facts it gave stay, without their session.
    public func deleteSession(id: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id])
            if db.changesCount == 0 {
                throw StoreError.sessionNotFound(id)
            }
        }
    }

    static func resolve(_ idOrPrefix: String, _ db: Database) throws -> String? {
        guard !idOrPrefix.isEmpty else {
            return nil
        }
        let exact = try db.cachedStatement(sql: "SELECT id FROM sessions WHERE id = ?")
        if let id = try String.fetchOne(exact, arguments: [idOrPrefix]) {
            return id
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
        let select = try db.cachedStatement(sql: "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 6")
        return try String.fetchAll(select, arguments: [prefix, prefix + "\u{10FFFF}"])
    }

    static func summary(_ row: Row) -> SessionSummary {
        SessionSummary(
            id: row[0], playbookID: row[1], playbookVersion: row[2], title: row[3],
            status: SessionStatus(rawValue: row[4]) ?? .asking, account: row[5], currentStep: row[6],
            answered: row[7], total: row[8], createdAt: row[9], updatedAt: row[10],
            origin: SessionOrigin(rawValue: row[11]) ?? .repl)
    }
}
