import Foundation
import GRDB

extension CoachStore: CopyableStore {
    public func contentCounts() throws(StoreError) -> (sessions: Int, accounts: Int) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") ?? 0
            )
        }
    }

    public func allSessionIDs() throws(StoreError) -> [String] {
        try read { db in
            try SessionRecord.select(SessionRecord.Columns.id, as: String.self)
                .order(SessionRecord.Columns.createdAt, SessionRecord.Columns.id).fetchAll(db)
        }
    }

    public func sessionCopy(id: String) throws(StoreError) -> SessionCopy? {
        try read { db in
            guard let record = try SessionRecord.fetchOne(db, key: id) else { return nil }
            let journal = try JournalRecord.filter(JournalRecord.Columns.sessionID == id)
                .order(JournalRecord.Columns.seq).fetchAll(db).map(\.entry)
            let drafts = try DraftRecord.filter(DraftRecord.Columns.sessionID == id)
                .order(DraftRecord.Columns.version).fetchAll(db).map(\.draft)
            return SessionCopy(session: record.stored, journal: journal, drafts: drafts)
        }
    }

    public func accountCopies() throws(StoreError) -> [AccountCopy] {
        let accounts = try listAccounts()
        var copies: [AccountCopy] = []
        for account in accounts {
            copies.append(AccountCopy(account: account, facts: try facts(account: account.name)))
        }
        return copies
    }

    public func insertCopy(_ copy: SessionCopy) throws(StoreError) -> Bool {
        try write { db in
            let session = copy.session
            guard try !Self.sessionExists(session.id, db) else { return false }
            let record = SessionRecord(
                id: session.id, playbookID: session.playbookID, playbookVersion: session.playbookVersion,
                title: session.title, status: session.status, account: session.account,
                currentStep: session.currentStep, answered: session.answered, total: session.total,
                state: session.state, answers: session.answers, journalSeq: session.journalSeq,
                snapshotSeq: session.snapshotSeq, createdAt: session.createdAt, updatedAt: session.updatedAt,
                origin: session.origin)
            try record.insert(db)
            for entry in copy.journal {
                try JournalRecord(entry, sessionID: session.id).insert(db)
            }
            for draft in copy.drafts {
                try DraftRecord(
                    sessionID: session.id, version: draft.version, createdAt: draft.createdAt, outputs: draft.outputs,
                    answers: draft.answers
                ).insert(db)
            }
            return true
        }
    }

    public func insertCopies(_ accounts: [AccountCopy]) throws(StoreError) {
        try write { db in
            let insertAccount = try db.cachedStatement(
                sql: """
                    INSERT INTO accounts (key, name, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at)
                    RETURNING id
                    """)
            let upsertFact = try db.cachedStatement(
                sql: """
                    INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, fact) DO UPDATE SET value = excluded.value, display = excluded.display,
                        session_id = excluded.session_id, given_at = excluded.given_at
                    WHERE excluded.given_at > account_facts.given_at
                    """)
            for copy in accounts {
                let account = copy.account
                guard
                    let id = try Int64.fetchOne(
                        insertAccount, arguments: [account.key, account.name, account.createdAt, account.updatedAt])
                else { continue }
                for fact in copy.facts {
                    let session = try fact.sessionID.flatMap { try Self.sessionExists($0, db) ? $0 : nil }
                    try upsertFact.execute(arguments: [
                        id, fact.name, fact.value, fact.display, session, fact.givenAt,
                    ])
                }
            }
        }
    }
}
