#if Postgres
    import CoachStore
    import Foundation
    import PostgresNIO

    extension PostgresStore {
        // MARK: - Drafts

        @discardableResult
        public func addDraft(sessionID: String, outputs: Data, answers: Data) throws(StoreError) -> Int {
            let now = clock()
            return try transaction { link throws(StoreError) in
                // The session's row lock keeps two workers from numbering the same version.
                guard !(try link.run("SELECT 1 FROM sessions WHERE id = \(sessionID) FOR UPDATE").isEmpty) else {
                    throw StoreError.sessionNotFound(sessionID)
                }
                let row = try link.run(
                    "SELECT COALESCE(MAX(version), 0) AS last FROM drafts WHERE session_id = \(sessionID)"
                ).first?.makeRandomAccess()
                let version = (try row.map { row throws(StoreError) in try decode(row["last"], as: Int.self) } ?? 0) + 1
                try link.run(
                    """
                    INSERT INTO drafts (session_id, version, created_at, outputs, answers)
                    VALUES (\(sessionID), \(version), \(now), \(bytes(outputs)), \(bytes(answers)))
                    """)
                return version
            }
        }

        public func drafts(sessionID: String) throws(StoreError) -> [Draft] {
            try withLink { link throws(StoreError) in
                var drafts: [Draft] = []
                let rows = try link.run(
                    """
                    SELECT version, created_at, outputs, answers FROM drafts WHERE session_id = \(sessionID)
                    ORDER BY version
                    """)
                for plain in rows {
                    let row = plain.makeRandomAccess()
                    drafts.append(
                        Draft(
                            sessionID: sessionID, version: try decode(row["version"], as: Int.self),
                            createdAt: try decode(row["created_at"], as: Double.self),
                            outputs: try decode(row["outputs"], as: Data.self),
                            answers: try decode(row["answers"], as: Data.self)))
                }
                return drafts
            }
        }

        // MARK: - Accounts

        @discardableResult
        public func upsertAccount(name: String) throws(StoreError) -> Account {
            let now = clock()
            return try transaction { link throws(StoreError) in try Self.upsertAccount(name, now: now, link) }
        }

        public func findAccount(name: String) throws(StoreError) -> Account? {
            try withLink { link throws(StoreError) in try Self.account(key: Account.key(for: name), link) }
        }

        public func listAccounts() throws(StoreError) -> [Account] {
            try withLink { link throws(StoreError) in
                var accounts: [Account] = []
                for row in try link.run(
                    "SELECT id, key, name, created_at, updated_at FROM accounts ORDER BY key COLLATE \"C\"")
                {
                    accounts.append(try Self.account(row.makeRandomAccess()))
                }
                return accounts
            }
        }

        @discardableResult
        public func saveFacts(account name: String, facts: [Fact], sessionID: String?) throws(StoreError) -> Account {
            if let empty = facts.first(where: { $0.name.isEmpty }) {
                throw StoreError(.invalid, "A fact needs a name (value shown: '\(empty.display)').")
            }
            let now = clock()
            return try transaction { link throws(StoreError) in
                for id in Set(facts.compactMap(\.sessionID) + [sessionID].compactMap { $0 }).sorted()
                where try link.run("SELECT 1 FROM sessions WHERE id = \(id)").isEmpty {
                    throw StoreError.sessionNotFound(id)
                }
                var account = try Self.upsertAccount(name, now: now, link)
                for fact in facts {
                    try link.run(
                        """
                        INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at)
                        VALUES (\(account.id), \(fact.name), \(bytes(fact.value)), \(fact.display),
                            \(fact.sessionID ?? sessionID), \(fact.givenAt == 0 ? now : fact.givenAt))
                        ON CONFLICT (account_id, fact) DO UPDATE SET value = excluded.value, display = excluded.display,
                            session_id = excluded.session_id, given_at = excluded.given_at
                        """)
                }
                try link.run("UPDATE accounts SET updated_at = \(now) WHERE id = \(account.id)")
                account.updatedAt = now
                return account
            }
        }

        public func facts(account name: String) throws(StoreError) -> [Fact] {
            try withLink { link throws(StoreError) in
                let rows = try link.run(
                    """
                    SELECT f.fact, f.value, f.display, f.session_id, f.given_at
                    FROM account_facts f JOIN accounts a ON a.id = f.account_id
                    WHERE a.key = \(Account.key(for: name)) ORDER BY f.fact COLLATE "C"
                    """)
                return try rows.map { row throws(StoreError) in try Self.fact(row.makeRandomAccess()) }
            }
        }

        @discardableResult
        public func renameAccount(from old: String, to new: String) throws(StoreError) -> Account {
            let newKey = try Account.checkedKey(for: new)
            let now = clock()
            return try transaction { link throws(StoreError) in
                guard var account = try Self.account(key: Account.key(for: old), link) else {
                    throw StoreError.accountNotFound(old)
                }
                if newKey != account.key, let other = try Self.account(key: newKey, link) {
                    throw StoreError.accountExists(other.name)
                }
                let oldKey = account.key
                account.key = newKey
                account.name = CoachStore.tidy(new)
                account.updatedAt = now
                try link.run(
                    """
                    UPDATE accounts SET key = \(account.key), name = \(account.name), updated_at = \(now)
                    WHERE id = \(account.id)
                    """)
                _ = try Self.repointSessions(from: oldKey, to: account.name, link)
                return account
            }
        }

        public func mergeAccounts(from: String, into: String) throws(StoreError) -> AccountMerge {
            let now = clock()
            return try transaction { link throws(StoreError) in
                guard let source = try Self.account(key: Account.key(for: from), link) else {
                    throw StoreError.accountNotFound(from)
                }
                guard var target = try Self.account(key: Account.key(for: into), link) else {
                    throw StoreError.accountNotFound(into)
                }
                guard source.id != target.id else {
                    throw StoreError(.invalid, "'\(from)' and '\(into)' are the same account: name two different ones.")
                }
                let plan = AccountMerge.plan(
                    from: try Self.facts(accountID: source.id, link), into: try Self.facts(accountID: target.id, link))
                for fact in plan.write {
                    try link.run(
                        """
                        INSERT INTO account_facts (account_id, fact, value, display, session_id, given_at)
                        VALUES (\(target.id), \(fact.name), \(bytes(fact.value)), \(fact.display), \(fact.sessionID),
                            \(fact.givenAt))
                        ON CONFLICT (account_id, fact) DO UPDATE SET value = excluded.value, display = excluded.display,
                            session_id = excluded.session_id, given_at = excluded.given_at
                        """)
                }
                let sessions = try Self.repointSessions(from: source.key, to: target.name, link)
                try link.run("DELETE FROM accounts WHERE id = \(source.id)")
                try link.run("UPDATE accounts SET updated_at = \(now) WHERE id = \(target.id)")
                target.updatedAt = now
                return AccountMerge(
                    from: source, into: target, sessions: sessions, factsMoved: plan.write.count,
                    conflicts: plan.conflicts)
            }
        }

        static func facts(accountID: Int64, _ link: Link) throws(StoreError) -> [Fact] {
            let rows = try link.run(
                """
                SELECT fact, value, display, session_id, given_at FROM account_facts WHERE account_id = \(accountID)
                ORDER BY fact COLLATE "C"
                """)
            return try rows.map { row throws(StoreError) in try fact(row.makeRandomAccess()) }
        }

        /// One row of `account_facts` (columns fact, value, display, session_id, given_at) as a fact.
        static func fact(_ row: PostgresRandomAccessRow) throws(StoreError) -> Fact {
            Fact(
                name: try decode(row["fact"], as: String.self), value: try decode(row["value"], as: Data.self),
                display: try decode(row["display"], as: String.self),
                sessionID: try decode(row["session_id"], as: String?.self),
                givenAt: try decode(row["given_at"], as: Double.self))
        }

        /// Makes every session that names the account with key `key` name `name`; returns how many changed.
        static func repointSessions(from key: String, to name: String, _ link: Link) throws(StoreError) -> Int {
            // Names are matched by their normalized key, which SQL cannot compute for every script: compared here.
            // The title names the account too: it follows.
            var moved: [(id: String, title: String)] = []
            for plain in try link.run("SELECT id, account, title FROM sessions WHERE account IS NOT NULL") {
                let row = plain.makeRandomAccess()
                let account = try decode(row["account"], as: String.self)
                if Account.key(for: account) == key {
                    let title = Account.retitled(try decode(row["title"], as: String.self), naming: account, as: name)
                    moved.append((try decode(row["id"], as: String.self), title))
                }
            }
            for session in moved {
                try link.run("UPDATE sessions SET account = \(name), title = \(session.title) WHERE id = \(session.id)")
            }
            return moved.count
        }

        public func forgetAccount(_ name: String) throws(StoreError) {
            try transaction { link throws(StoreError) in
                guard try link.changed("DELETE FROM accounts WHERE key = \(Account.key(for: name))") > 0 else {
                    throw StoreError.accountNotFound(name)
                }
            }
        }

        static func upsertAccount(_ name: String, now: Double, _ link: Link) throws(StoreError) -> Account {
            let key = try Account.checkedKey(for: name)
            try link.run(
                """
                INSERT INTO accounts (key, name, created_at, updated_at)
                VALUES (\(key), \(CoachStore.tidy(name)), \(now), \(now)) ON CONFLICT (key) DO NOTHING
                """)
            guard let account = try account(key: key, link) else {
                throw StoreError(.io, "Coach could not save the account '\(name)'. Try again.")
            }
            return account
        }

        static func account(key: String, _ link: Link) throws(StoreError) -> Account? {
            try link.run("SELECT id, key, name, created_at, updated_at FROM accounts WHERE key = \(key)").first.map {
                row throws(StoreError) in try account(row.makeRandomAccess())
            }
        }

        static func account(_ row: PostgresRandomAccessRow) throws(StoreError) -> Account {
            Account(
                id: try decode(row["id"], as: Int64.self), key: try decode(row["key"], as: String.self),
                name: try decode(row["name"], as: String.self),
                createdAt: try decode(row["created_at"], as: Double.self),
                updatedAt: try decode(row["updated_at"], as: Double.self))
        }
    }
#endif
