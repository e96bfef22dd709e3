import GRDB

extension CoachStore {
    /// Appends entries to a session's journal, numbering them after the last; returns them with `seq` and `at`.
    @discardableResult
    public func appendJournal(sessionID: String, entries: [JournalEntry]) throws(StoreError) -> [JournalEntry] {
        let now = clock()
        return try write { db in
            let first = try Self.lastJournalSeq(sessionID, db) + 1
            guard !entries.isEmpty else { return [] }
            let bump = try db.cachedStatement(sql: "UPDATE sessions SET journal_seq = ? WHERE id = ?")
            try bump.execute(arguments: [first - 1 + entries.count, sessionID])
            return try Self.insert(entries, sessionID: sessionID, firstSeq: first, now: now, db)
        }
    }

    /// The number of the session's last journal entry (0 when it has none); throws `notFound` for no session.
    static func lastJournalSeq(_ sessionID: String, _ db: Database) throws -> Int {
        let select = try db.cachedStatement(sql: "SELECT journal_seq FROM sessions WHERE id = ?")
        guard let last = try run(select, [.text(sessionID)], db) else {
            throw StoreError.sessionNotFound(sessionID)
        }
        return last
    }

    /// A session's journal in order, optionally only the entries after `seq`.
    public func journal(sessionID: String, after seq: Int = 0) throws(StoreError) -> [JournalEntry] {
        try read { db in
            let select = try db.cachedStatement(
                sql: "SELECT seq, at, kind, step, text FROM journal WHERE session_id = ? AND seq > ? ORDER BY seq")
            return try Row.fetchAll(select, arguments: [sessionID, seq]).map { row in
                JournalEntry(
                    kind: JournalKind(rawValue: row[2]) ?? .note, step: row[3], text: row[4], at: row[1], seq: row[0])
            }
        }
    }

    static func insert(
        _ entries: [JournalEntry], sessionID: String, firstSeq: Int, now: Double, _ db: Database
    ) throws -> [JournalEntry] {
        guard !entries.isEmpty else {
            return []
        }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO journal (session_id, seq, at, kind, step, text) VALUES (?, ?, ?, ?, ?, ?)")
        var saved = entries
        for index in saved.indices {
            saved[index].seq = firstSeq + index
            if saved[index].at == 0 {
                saved[index].at = now
            }
            let entry = saved[index]
            _ = try run(
                insert,
                [
                    .text(sessionID), .int(entry.seq), .double(entry.at), .text(entry.kind.rawValue), .text(entry.step),
                    .text(entry.text),
                ], db)
        }
        return saved
    }
}
