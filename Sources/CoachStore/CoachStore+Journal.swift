import Foundation
import GRDB

extension CoachStore {
    /// Saves changes (sessions started, accepted changes), each with its journal lines, all in one transaction
    /// (a group commit). A session started with an id already taken fails the whole transaction (`conflict`).
    /// Returns the sessions whose change was refused as stale (left out; the rest is saved).
    @discardableResult
    public func save(_ changes: [SessionChange]) throws(StoreError) -> Set<String> {
        guard !changes.isEmpty else { return [] }
        let now = clock()
        return try write { db in
            var stale: Set<String> = []
            for change in changes {
                switch change {
                case .start(let start):
                    try Self.insert(start, now: now, db)
                case .progress(let progress):
                    if stale.contains(progress.sessionID) {
                        continue
                    }
                    do {
                        try Self.save(progress, now: now, db)
                    } catch let error as StoreError where error.kind == .stale {
                        stale.insert(progress.sessionID)
                    }
                }
            }
            return stale
        }
    }

    /// The session's version (its last journal line), or nil when there is no such session.
    public func sessionVersion(id: String) throws(StoreError) -> Int? {
        try readOne { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT journal_seq FROM sessions WHERE id = ?"), arguments: [id])
        }
    }

    /// Saves one accepted change (listing columns, journal lines, and the snapshot when given) in one transaction.
    @discardableResult
    public func saveProgress(
        sessionID: String, state: Data? = nil, answers: Data? = nil, status: SessionStatus, currentStep: String?,
        answered: Int, total: Int, title: String? = nil, account: String? = nil, journal: [JournalEntry] = []
    ) throws(StoreError) -> [JournalEntry] {
        let snapshot = state.map { SessionProgress.Snapshot(state: $0, answers: answers ?? Data("[]".utf8)) }
        let change = SessionProgress(
            sessionID: sessionID, status: status, currentStep: currentStep, answered: answered, total: total,
            title: title, account: account, snapshot: snapshot, journal: journal)
        let now = clock()
        return try write { db in try Self.save(change, now: now, db) }
    }

    /// Appends lines to a session's journal, numbering them after the last; returns them with `seq` and `at`.
    @discardableResult
    public func appendJournal(sessionID: String, entries: [JournalEntry]) throws(StoreError) -> [JournalEntry] {
        let now = clock()
        return try write { db in
            let first = try Self.lastJournalSeq(sessionID, db) + 1
            guard !entries.isEmpty else { return [] }
            try db.cachedStatement(sql: "UPDATE sessions SET journal_seq = ? WHERE id = ?")
                .execute(arguments: [first - 1 + entries.count, sessionID])
            return try Self.insert(entries, sessionID: sessionID, firstSeq: first, now: now, db)
        }
    }

    /// A session's journal in order, optionally only the lines after `seq`.
    public func journal(sessionID: String, after seq: Int = 0) throws(StoreError) -> [JournalEntry] {
        try read { db in
            let columns = JournalRecord.Columns.self
            return try JournalRecord.filter(columns.sessionID == sessionID && columns.seq > seq)
                .order(columns.seq).fetchAll(db).map(\.entry)
        }
    }

    /// A session as stored with the events to replay onto its snapshot, read in one transaction; nil if none.
    public func sessionForResume(id: String) throws(StoreError) -> (StoredSession, events: [JournalEntry])? {
        try read { db in
            guard let record = try SessionRecord.fetchOne(db, key: id) else { return nil }
            let columns = JournalRecord.Columns.self
            let events = try JournalRecord.filter(
                columns.sessionID == id && columns.seq > record.snapshotSeq && JournalKind.events.contains(columns.kind)
            ).order(columns.seq).fetchAll(db).map(\.entry)
            return (record.stored, events)
        }
    }

    @discardableResult
    static func save(_ change: SessionProgress, now: Double, _ db: Database) throws -> [JournalEntry] {
        // Against an expected version, the UPDATE below changes the row only if the session is still at it; the
        // journal lines then take the numbers after it, which the key (session_id, seq) keeps unique.
        let first = try (change.expectedSeq ?? lastJournalSeq(change.sessionID, db)) + 1
        let last = first - 1 + change.journal.count
        var arguments: StatementArguments = [
            change.status, change.currentStep, change.answered, change.total, change.title, change.account, now, last,
        ]
        let statement: Statement
        if let snapshot = change.snapshot {
            statement = try db.cachedStatement(
                sql: """
                    UPDATE sessions SET status = ?, current_step = ?, answered = ?, total = ?,
                        title = COALESCE(?, title), account = NULLIF(COALESCE(?, account), ''), updated_at = ?, journal_seq = ?,
                        state = ?, answers = ?, snapshot_seq = ?
                    WHERE id = ? AND journal_seq = ?
                    """)
            arguments += [snapshot.state, snapshot.answers, last, change.sessionID, first - 1]
        } else {
            statement = try db.cachedStatement(
                sql: """
                    UPDATE sessions SET status = ?, current_step = ?, answered = ?, total = ?,
                        title = COALESCE(?, title), account = NULLIF(COALESCE(?, account), ''), updated_at = ?, journal_seq = ?
                    WHERE id = ? AND journal_seq = ?
                    """)
            arguments += [change.sessionID, first - 1]
        }
        try statement.execute(arguments: arguments)
        if db.changesCount == 0 {
            throw try sessionExists(change.sessionID, db) ? StoreError.stale(change.sessionID) : .sessionNotFound(change.sessionID)
        }
        return try insert(change.journal, sessionID: change.sessionID, firstSeq: first, now: now, db)
    }

    /// The number of the session's last journal line (0 when it has none); throws `notFound` for no session.
    static func lastJournalSeq(_ sessionID: String, _ db: Database) throws -> Int {
        let select = try db.cachedStatement(sql: "SELECT journal_seq FROM sessions WHERE id = ?")
        guard let last = try Int.fetchOne(select, arguments: [sessionID]) else {
            throw StoreError.sessionNotFound(sessionID)
        }
        return last
    }

    @discardableResult
    static func insert(
        _ entries: [JournalEntry], sessionID: String, firstSeq: Int, now: Double, _ db: Database
    ) throws -> [JournalEntry] {
        var saved = entries
        for index in saved.indices {
            saved[index].seq = firstSeq + index
            if saved[index].at == 0 {
                saved[index].at = now
            }
            try JournalRecord(saved[index], sessionID: sessionID).insertCached(db)
        }
        return saved
    }
}
