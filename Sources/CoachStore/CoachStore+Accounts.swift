import Foundation
import GRDB

extension CoachStore {
    /// The account with this name (matched by its normalized key), created if new; an existing one keeps its name.
    @discardableResult
    public func upsertAccount(name: String) throws(StoreError) -> Account {
        let now = clock()
        return try write { db in try Self.upsertAccount(name, now: now, db) }
    }

    /// The account with this name (matched by its normalized key), or nil.
    public func findAccount(name: String) throws(StoreError) -> Account? {
        try readOne { db in try Self.account(key: Account.key(for: name), db) }
    }

    /// Every account, sorted by key.
    public func listAccounts() throws(StoreError) -> [Account] {
        try read { db in
            let select = try db.cachedStatement(
                sql: "SELECT id, key, name, created_at, updated_at FROM accounts ORDER BY key")
            return try Row.fetchAll(select).map(Self.account)
        }
    }

    /// Remembers facts about an account (created if new), each with its session and time; returns the account.
    ///
    /// A fact's own `sessionID` and non-zero `givenAt` win over `sessionID` and the current time.
    @discardableResult
    public func saveFacts(account name: String, facts: [Fact], sessionID: String?) throws(StoreError) -> Account {
        if let empty = facts.first(where: { $0.name.isEmpty }) {
            throw StoreError(.invalid, "A fact needs a name (value shown: '\(empty.display)').")
        }
        let now = clock()
        return try write { db in
            for id in Set(facts.compactMap(\.sessionID) + [sessionID].compactMap { $0 })
            where try !Self.sessionExists(id, db) {
                throw StoreError.sessionNotFound(id)
            }
            var account = try Self.upsertAccount(name, now: now, db)
            let upsert = try db.cachedStatement(sql: Self.upsertFactSQL)
            for fact in facts {
                try upsert.execute(arguments: [
                    account.id, fact.name, fact.value, fact.display, fact.sessionID ?? sessionID,
                    fact.givenAt == 0 ? now : fact.givenAt,
                ])
            }
            let touch = try db.cachedStatement(sql: "UPDATE accounts SET updated_at = ? WHERE id = ?")
            try touch.execute(arguments: [now, account.id])
            account.updatedAt = now
            return account
        }
    }

    /// The facts remembered about an account, sorted by name; empty for an unknown account.
    public func facts(account name: String) throws(StoreError) -> [Fact] {
        try readOne { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT f.fact, f.value, f.display, f.session_id, f.given_at
                    FROM account_facts f JOIN accounts a ON a.id = f.account_id
                    WHERE a.key = ? ORDER BY f.fact
                    """)
            return try Row.fetchAll(select, arguments: [Account.key(for: name)]).map(Self.fact)
        }
    }

    /// Renames an account, keeping its facts (its sessions name it by the new name); throws `conflict` if another
    /// account already has the new name.
    @discardableResult
    public func renameAccount(from old: String, to new: String) throws(StoreError) -> Account {
        let newKey = try Account.checkedKey(for: new)
        let now = clock()
        return try write { db in
            guard var account = try Self.account(key: Account.key(for: old), db) else {
                throw StoreError.accountNotFound(old)
            }
            if newKey != account.key, let other = try Self.account(key: newKey, db) {
                throw StoreError.accountExists(other.name)
            }
            let oldKey = account.key
            account.key = newKey
            account.name = Self.tidy(new)
            account.updatedAt = now
            try db.execute(
                sql: "UPDATE accounts SET key = ?, name = ?, updated_at = ? WHERE id = ?",
                arguments: [account.key, account.name, now, account.id])
            _ = try Self.repointSessions(from: oldKey, to: account.name, db)
            return account
        }
    }

    /// Merges account `from` into `into`: its sessions name `into`, its facts become `into`'s (on a fact both hold,
    /// the newer one wins and the merge reports it), and `from` is deleted; all in one transaction.
    public func mergeAccounts(from: String, into: String) throws(StoreError) -> AccountMerge {
        let now = clock()
        return try write { db in
            guard let source = try Self.account(key: Account.key(for: from), db) else {
                throw StoreError.accountNotFound(from)
            }
            guard var target = try Self.account(key: Account.key(for: into), db) else {
                throw StoreError.accountNotFound(into)
            }
            guard source.id != target.id else {
                throw StoreError(.invalid, "'\(from)' and '\(into)' are the same account: name two different ones.")
            }
            let plan = AccountMerge.plan(
                from: try Self.facts(accountID: source.id, db), into: try Self.facts(accountID: target.id, db))
            let upsert = try db.cachedStatement(sql: Self.upsertFactSQL)
            for fact in plan.write {
                try upsert.execute(arguments: [
                    target.id, fact.name, fact.value, fact.display, fact.sessionID, fact.givenAt,
                ])
            }
            let sessions = try Self.repointSessions(from: source.key, to: target.name, db)
            try db.execute(sql: "DELETE FROM accounts WHERE id = ?", arguments: [source.id])
            try db.execute(sql: "UPDATE accounts SET updated_at = ? WHERE id = ?", arguments: [now, target.id])
            target.updatedAt = now
            return AccountMerge(
                from: source, into: target, sessions: sessions, factsMoved: plan.write.count, conflicts: plan.conflicts)
        }
    }

    /// Forgets an account and every fact about it.
    public func forgetAccount(_ name: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM accounts WHERE key = ?", arguments: [Account.key(for: name)])
            if db.changesCount == 0 {
                throw StoreError.accountNotFound(name)
            }
        }
    }

    /// Saves one fact (account id, name, value, display, session, time), replacing the account's fact of that name.
    static let upsertFactSQL = """
        INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (account_id, fact) DO UPDATE SET value = excluded.value, display = excluded.display,
            session_id = excluded.session_id, given_at = excluded.given_at
        """

    static func facts(accountID: Int64, _ db: Database) throws -> [Fact] {
        let select = try db.cachedStatement(
            sql: "SELECT fact, value, display, session_id, given_at FROM account_facts WHERE account_id = ? ORDER BY fact")
        return try Row.fetchAll(select, arguments: [accountID]).map(Self.fact)
    }

    static func fact(_ row: Row) -> Fact {
        Fact(
            name: row["fact"], value: row["value"], display: row["display"], sessionID: row["session_id"],
            givenAt: row["given_at"])
    }

    /// Makes every session that names the account with key `key` name `name` instead; returns how many changed.
    static func repointSessions(from key: String, to name: String, _ db: Database) throws -> Int {
        // Names are matched by their normalized key, which SQL cannot compute for every script: compared here.
        // The title names the account too: it follows.
        let moved = try Row.fetchAll(db, sql: "SELECT id, account, title FROM sessions WHERE account IS NOT NULL").compactMap {
            row -> (id: String, title: String)? in
            let account: String = row["account"]
            guard Account.key(for: account) == key else { return nil }
            return (row["id"], Account.retitled(row["title"], naming: account, as: name))
        }
        let update = try db.cachedStatement(sql: "UPDATE sessions SET account = ?, title = ? WHERE id = ?")
        for session in moved {
            try update.execute(arguments: [name, session.title, session.id])
        }
        return moved.count
    }

    static func upsertAccount(_ name: String, now: Double, _ db: Database) throws -> Account {
        let key = try Account.checkedKey(for: name)
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO accounts (key, name, created_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """)
        try insert.execute(arguments: [key, tidy(name), now, now])
        guard let account = try account(key: key, db) else {
            throw StoreError(.io, "Coach could not save the account '\(name)'. Try again.")
        }
        return account
    }

    static func account(key: String, _ db: Database) throws -> Account? {
        let select = try db.cachedStatement(
            sql: "SELECT id, key, name, created_at, updated_at FROM accounts WHERE key = ?")
        return try Row.fetchOne(select, arguments: [key]).map(account)
    }

    static func account(_ row: Row) -> Account {
        Account(
            id: row["id"], key: row["key"], name: row["name"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    /// The name as shown: trimmed, runs of whitespace made one space, case kept.
    public static func tidy(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
