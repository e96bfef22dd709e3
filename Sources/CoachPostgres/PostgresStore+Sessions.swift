#if Postgres
    import CoachStore
    import Foundation
    import NIOCore
    import PostgresNIO

    extension PostgresStore {
        @discardableResult
        public func save(_ changes: [SessionChange]) throws(StoreError) -> Set<String> {
            guard !changes.isEmpty else { return [] }
            let now = clock()
            return try transaction { link throws(StoreError) in
                var stale: Set<String> = []
                for change in changes {
                    switch change {
                    case .start(let start):
                        try Self.insert(start, now: now, link)
                    case .progress(let progress):
                        if stale.contains(progress.sessionID) {
                            continue
                        }
                        if try !Self.save(progress, now: now, link) {
                            stale.insert(progress.sessionID)
                        }
                    }
                }
                return stale
            }
        }

        static func insert(_ start: SessionStart, now: Double, _ link: Link) throws(StoreError) {
            let inserted = try link.changed(
                """
                INSERT INTO sessions (id, playbook_id, playbook_version, title, status, account, current_step,
                    answered, total, state, answers, journal_seq, snapshot_seq, created_at, updated_at, origin)
                VALUES (\(start.id), \(start.playbookID), \(start.playbookVersion), \(start.title), 'asking',
                    \(start.account), \(start.currentStep), \(start.answered), \(start.total),
                    \(bytes(start.snapshot.state)), \(bytes(start.snapshot.answers)), \(start.journal.count),
                    \(start.journal.count), \(now), \(now), \(start.origin.rawValue))
                ON CONFLICT (id) DO NOTHING
                """)
            guard inserted == 1 else {
                throw StoreError(.conflict, "A session '\(start.id)' already exists. Choose another id or resume it.")
            }
            try insert(start.journal, sessionID: start.id, firstSeq: 1, now: now, link)
        }

        /// Saves one accepted change; false when the session is no longer at the change's expected version (stale:
        /// nothing was written). The UPDATE waits for any other transaction changing the same row, then checks the
        /// version again, so of two changes made against one version exactly one is saved.
        static func save(_ change: SessionProgress, now: Double, _ link: Link) throws(StoreError) -> Bool {
            let expected: Int
            if let given = change.expectedSeq {
                expected = given
            } else {
                let rows = try link.run("SELECT journal_seq FROM sessions WHERE id = \(change.sessionID) FOR UPDATE")
                guard let row = rows.first else { throw StoreError.sessionNotFound(change.sessionID) }
                expected = try decode(row.makeRandomAccess()["journal_seq"], as: Int.self)
            }
            let last = expected + change.journal.count
            let updated: Int
            if let snapshot = change.snapshot {
                updated = try link.changed(
                    """
                    UPDATE sessions SET status = \(change.status.rawValue), current_step = \(change.currentStep),
                        answered = \(change.answered), total = \(change.total), title = COALESCE(\(change.title), title),
                        account = NULLIF(COALESCE(\(change.account), account), ''), updated_at = \(now), journal_seq = \(last),
                        state = \(bytes(snapshot.state)), answers = \(bytes(snapshot.answers)), snapshot_seq = \(last)
                    WHERE id = \(change.sessionID) AND journal_seq = \(expected)
                    """)
            } else {
                updated = try link.changed(
                    """
                    UPDATE sessions SET status = \(change.status.rawValue), current_step = \(change.currentStep),
                        answered = \(change.answered), total = \(change.total), title = COALESCE(\(change.title), title),
                        account = NULLIF(COALESCE(\(change.account), account), ''), updated_at = \(now), journal_seq = \(last)
                    WHERE id = \(change.sessionID) AND journal_seq = \(expected)
                    """)
            }
            if updated == 0 {
                let exists = try link.run("SELECT 1 FROM sessions WHERE id = \(change.sessionID)")
                guard !exists.isEmpty else { throw StoreError.sessionNotFound(change.sessionID) }
                return false
            }
            try insert(change.journal, sessionID: change.sessionID, firstSeq: expected + 1, now: now, link)
            return true
        }

        /// Inserts journal lines numbered from `firstSeq`, all in one statement; returns them numbered and dated.
        @discardableResult
        static func insert(
            _ entries: [JournalEntry], sessionID: String, firstSeq: Int, now: Double, _ link: Link
        ) throws(StoreError) -> [JournalEntry] {
            guard !entries.isEmpty else { return [] }
            var saved = entries
            var binds = PostgresBindings(capacity: entries.count * 7)
            var rows: [String] = []
            for index in saved.indices {
                saved[index].seq = firstSeq + index
                if saved[index].at == 0 {
                    saved[index].at = now
                }
                let entry = saved[index]
                let first = binds.count + 1
                binds.append(sessionID)
                binds.append(entry.seq)
                binds.append(entry.at)
                binds.append(entry.kind.rawValue)
                binds.append(entry.step)
                binds.append(entry.text)
                binds.append(entry.value.map(bytes))
                rows.append("(" + (first..<first + 7).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            try link.run(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO journal (session_id, seq, at, kind, step, text, value) VALUES "
                        + rows.joined(separator: ", "), binds: binds))
            return saved
        }

        @discardableResult
        public func appendJournal(sessionID: String, entries: [JournalEntry]) throws(StoreError) -> [JournalEntry] {
            let now = clock()
            return try transaction { link throws(StoreError) in
                let rows = try link.run("SELECT journal_seq FROM sessions WHERE id = \(sessionID) FOR UPDATE")
                guard let row = rows.first else { throw StoreError.sessionNotFound(sessionID) }
                let last = try decode(row.makeRandomAccess()["journal_seq"], as: Int.self)
                guard !entries.isEmpty else { return [] }
                try link.run("UPDATE sessions SET journal_seq = \(last + entries.count) WHERE id = \(sessionID)")
                return try Self.insert(entries, sessionID: sessionID, firstSeq: last + 1, now: now, link)
            }
        }

        public func hasSession(id: String) throws(StoreError) -> Bool {
            try withLink { link throws(StoreError) in !(try link.run("SELECT 1 FROM sessions WHERE id = \(id)").isEmpty) }
        }

        public func sessionVersion(id: String) throws(StoreError) -> Int? {
            try withLink { link throws(StoreError) in
                try link.run("SELECT journal_seq FROM sessions WHERE id = \(id)").first.map { row throws(StoreError) in
                    try decode(row.makeRandomAccess()["journal_seq"], as: Int.self)
                }
            }
        }

        public func resolveSessionID(_ idOrPrefix: String) throws(StoreError) -> String {
            guard let id = try withLink({ link throws(StoreError) in try Self.resolve(idOrPrefix, link) }) else {
                throw StoreError.sessionNotFound(idOrPrefix)
            }
            return id
        }

        public func session(id: String) throws(StoreError) -> StoredSession? {
            try withLink { link throws(StoreError) in
                guard let full = try Self.resolve(id, link) else { return nil }
                return try Self.stored(full, link)
            }
        }

        public func sessionForResume(id: String) throws(StoreError) -> (StoredSession, events: [JournalEntry])? {
            // One REPEATABLE READ transaction: the snapshot and the events after it are of one moment.
            try withLink { link throws(StoreError) in
                try link.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do throws(StoreError) {
                    guard let stored = try Self.stored(id, link) else {
                        try link.run("COMMIT")
                        return nil
                    }
                    let kinds = JournalKind.events.map(\.rawValue)
                    let events = try Self.entries(
                        link.run(
                            """
                            SELECT seq, at, kind, step, text, value FROM journal
                            WHERE session_id = \(id) AND seq > \(stored.snapshotSeq) AND kind = ANY(\(kinds))
                            ORDER BY seq
                            """))
                    try link.run("COMMIT")
                    return (stored, events)
                } catch {
                    _ = try? link.run("ROLLBACK")
                    throw error
                }
            }
        }

        public func listSessions(limit: Int, status: SessionStatus?) throws(StoreError) -> [SessionSummary] {
            try withLink { link throws(StoreError) in
                let columns = """
                    id, playbook_id, playbook_version, title, status, account, current_step, answered, total,
                    created_at, updated_at, origin
                    """
                let rows: PostgresQueryResult
                if let status {
                    rows = try link.run(
                        """
                        SELECT \(unescaped: columns) FROM sessions WHERE status = \(status.rawValue)
                        ORDER BY updated_at DESC LIMIT \(limit)
                        """)
                } else {
                    rows = try link.run(
                        "SELECT \(unescaped: columns) FROM sessions ORDER BY updated_at DESC LIMIT \(limit)")
                }
                var summaries: [SessionSummary] = []
                for row in rows {
                    summaries.append(try Self.summary(row.makeRandomAccess()))
                }
                return summaries
            }
        }

        public func journal(sessionID: String, after seq: Int) throws(StoreError) -> [JournalEntry] {
            try withLink { link throws(StoreError) in
                try Self.entries(
                    link.run(
                        """
                        SELECT seq, at, kind, step, text, value FROM journal
                        WHERE session_id = \(sessionID) AND seq > \(seq) ORDER BY seq
                        """))
            }
        }

        public func deleteSession(id: String) throws(StoreError) {
            try transaction { link throws(StoreError) in
                guard try link.changed("DELETE FROM sessions WHERE id = \(id)") == 1 else {
                    throw StoreError.sessionNotFound(id)
                }
            }
        }

        // MARK: - Rows

        static func resolve(_ idOrPrefix: String, _ link: Link) throws(StoreError) -> String? {
            guard !idOrPrefix.isEmpty else { return nil }
            if !(try link.run("SELECT 1 FROM sessions WHERE id = \(idOrPrefix)").isEmpty) {
                return idOrPrefix
            }
            var matches = try prefixMatches(idOrPrefix, link)
            if matches.isEmpty && !idOrPrefix.hasPrefix("s-") {
                matches = try prefixMatches("s-" + idOrPrefix, link)
            }
            if matches.count > 1 {
                let shown = matches.prefix(5).joined(separator: ", ") + (matches.count > 5 ? ", ..." : "")
                throw StoreError(
                    .ambiguous, "'\(idOrPrefix)' matches several sessions (\(shown)). Type more of the id.")
            }
            return matches.first
        }

        private static func prefixMatches(_ prefix: String, _ link: Link) throws(StoreError) -> [String] {
            var ids: [String] = []
            let rows = try link.run(
                """
                SELECT id FROM sessions WHERE starts_with(id, \(prefix)) ORDER BY id COLLATE "C" LIMIT 6
                """)
            for row in rows {
                ids.append(try decode(row.makeRandomAccess()["id"], as: String.self))
            }
            return ids
        }

        static func stored(_ id: String, _ link: Link) throws(StoreError) -> StoredSession? {
            guard
                let row = try link.run(
                    """
                    SELECT id, playbook_id, playbook_version, title, status, account, current_step, answered, total,
                        state, answers, journal_seq, snapshot_seq, created_at, updated_at, origin
                    FROM sessions WHERE id = \(id)
                    """
                ).first?.makeRandomAccess()
            else { return nil }
            let summary = try summary(row)
            var stored = StoredSession(
                id: summary.id, playbookID: summary.playbookID, playbookVersion: summary.playbookVersion,
                title: summary.title, status: summary.status, account: summary.account,
                currentStep: summary.currentStep, answered: summary.answered, total: summary.total,
                state: try decode(row["state"], as: Data.self), answers: try decode(row["answers"], as: Data.self),
                createdAt: summary.createdAt, updatedAt: summary.updatedAt, origin: summary.origin)
            stored.journalSeq = try decode(row["journal_seq"], as: Int.self)
            stored.snapshotSeq = try decode(row["snapshot_seq"], as: Int.self)
            return stored
        }

        static func summary(_ row: PostgresRandomAccessRow) throws(StoreError) -> SessionSummary {
            let statusText = try decode(row["status"], as: String.self)
            guard let status = SessionStatus(rawValue: statusText) else {
                throw StoreError(.corrupt, "A session has the unknown status '\(statusText)'.")
            }
            return SessionSummary(
                id: try decode(row["id"], as: String.self), playbookID: try decode(row["playbook_id"], as: String.self),
                playbookVersion: try decode(row["playbook_version"], as: Int.self),
                title: try decode(row["title"], as: String.self), status: status,
                account: try decode(row["account"], as: String?.self),
                currentStep: try decode(row["current_step"], as: String?.self),
                answered: try decode(row["answered"], as: Int.self), total: try decode(row["total"], as: Int.self),
                createdAt: try decode(row["created_at"], as: Double.self),
                updatedAt: try decode(row["updated_at"], as: Double.self),
                origin: SessionOrigin(rawValue: try decode(row["origin"], as: String.self)) ?? .repl)
        }

        static func entries(_ rows: PostgresQueryResult) throws(StoreError) -> [JournalEntry] {
            var entries: [JournalEntry] = []
            entries.reserveCapacity(rows.count)
            for plain in rows {
                let row = plain.makeRandomAccess()
                let kindText = try decode(row["kind"], as: String.self)
                guard let kind = JournalKind(rawValue: kindText) else {
                    throw StoreError(.corrupt, "A journal line has the unknown kind '\(kindText)'.")
                }
                entries.append(
                    JournalEntry(
                        kind: kind, step: try decode(row["step"], as: String?.self),
                        text: try decode(row["text"], as: String.self),
                        value: try decode(row["value"], as: Data?.self), at: try decode(row["at"], as: Double.self),
                        seq: try decode(row["seq"], as: Int.self)))
            }
            return entries
        }
    }

    /// Bytes to bind as `bytea`.
    func bytes(_ data: Data) -> ByteBuffer {
        ByteBuffer(bytes: data)
    }
#endif
