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
        try read { db in try Self.account(key: Account.key(for: name), db) }
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
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, fact) DO UPDATE SET value = excluded.value, display = excluded.display,
                        session_id = excluded.session_id, given_at = excluded.given_at
                    """)
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
        try read { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT f.fact, f.value, f.display, f.session_id, f.given_at
                    FROM account_facts f JOIN accounts a ON a.id = f.account_id
                    WHERE a.key = ? ORDER BY f.fact
                    """)
            return try Row.fetchAll(select, arguments: [Account.key(for: name)]).map { row in
                Fact(name: row[0], value: row[1], display: row[2], sessionID: row[3], givenAt: row[4])
            }
        }
    }

    /// Renames an account, keeping its facts; throws `conflict` if another account already has the new name.
    @discardableResult
    public func renameAccount(from old: String, to new: String) throws(StoreError) -> Account {
        let newKey = Account.key(for: new)
        guard !newKey.isEmpty else {
            throw StoreError(.invalid, "An account name cannot be empty.")
        }
        let now = clock()
        return try write { db in
            guard var account = try Self.account(key: Account.key(for: old), db) else {
                throw StoreError.accountNotFound(old)
            }
            if newKey != account.key, let other = try Self.account(key: newKey, db) {
                throw StoreError(
                    .conflict,
                    "An account named '\(other.name)' already exists. Forget it first or choose another name.")
            }
            account.key = newKey
            account.name = Self.tidy(new)
            account.updatedAt = now
            try db.execute(
                sql: "UPDATE accounts SET key = ?, name = ?, updated_at = ? WHERE id = ?",
                arguments: [account.key, account.name, now, account.id])
            return account
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

    static func upsertAccount(_ name: String, now: Double, _ db: Database) throws -> Account {
        let key = Account.key(for: name)
        guard !key.isEmpty else {
            throw StoreError(.invalid, "An account name cannot be empty.")
        }
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
        Account(id: row[0], key: row[1], name: row[2], createdAt: row[3], updatedAt: row[4])
    }

    /// The name as shown: trimmed, runs of whitespace made one space, case kept.
    public static func tidy(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
