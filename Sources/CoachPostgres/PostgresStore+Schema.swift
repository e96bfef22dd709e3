#if Postgres
    import CoachStore
    import PostgresNIO

    extension PostgresStore {
        /// The schema's history, as in the SQLite store; a new database starts at v3 (the journal is the session).
        /// Never edit a shipped migration: add the next one.
        static let migrations: [(id: String, sql: [String])] = [("v3", schemaV3)]

        /// Any number fits: it names Coach's migration lock among the database's advisory locks.
        static let migrationLock = 0x636F_6163_6800

        /// Brings the database to the latest schema under an advisory lock (workers starting together migrate
        /// once), refusing one written by a newer Coach.
        func migrate() throws(StoreError) {
            try withLink { link throws(StoreError) in
                try link.run("SELECT pg_advisory_lock(\(Self.migrationLock))")
                defer { _ = try? link.run("SELECT pg_advisory_unlock(\(Self.migrationLock))") }
                try link.run(
                    "CREATE TABLE IF NOT EXISTS coach_migrations (identifier TEXT NOT NULL PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)"
                )
                var applied: Set<String> = []
                for row in try link.run("SELECT identifier FROM coach_migrations") {
                    applied.insert(try decode(row.makeRandomAccess()["identifier"], as: String.self))
                }
                let known = Set(Self.migrations.map(\.id))
                if let newest = applied.subtracting(known).sorted().last {
                    throw StoreError.newerSchema(path: location, version: newest)
                }
                for migration in Self.migrations where !applied.contains(migration.id) {
                    try link.run("BEGIN")
                    do throws(StoreError) {
                        for statement in migration.sql {
                            try link.run(PostgresQuery(unsafeSQL: statement))
                        }
                        try link.run(
                            "INSERT INTO coach_migrations (identifier, applied_at) VALUES (\(migration.id), \(clock()))")
                        try link.run("COMMIT")
                    } catch {
                        _ = try? link.run("ROLLBACK")
                        throw error
                    }
                }
            }
        }

        /// The last schema migration applied to the database.
        public func schemaVersion() throws(StoreError) -> String? {
            try withLink { link throws(StoreError) in
                let rows = try link.run("SELECT identifier FROM coach_migrations ORDER BY identifier DESC LIMIT 1")
                return try rows.first.map { row throws(StoreError) in
                    try decode(row.makeRandomAccess()["identifier"], as: String.self)
                }
            }
        }

        /// v3, the same tables as the SQLite store's: sessions with their listing columns and snapshot, the
        /// append-only journal keyed by (session, line), drafts, accounts and their facts.
        static let schemaV3 = [
            """
            CREATE TABLE sessions (
                id TEXT NOT NULL PRIMARY KEY,
                playbook_id TEXT NOT NULL,
                playbook_version BIGINT NOT NULL,
                title TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('asking', 'completed', 'cancelled')),
                account TEXT,
                current_step TEXT,
                answered BIGINT NOT NULL DEFAULT 0,
                total BIGINT NOT NULL DEFAULT 0,
                state BYTEA NOT NULL,
                answers BYTEA NOT NULL,
                journal_seq BIGINT NOT NULL DEFAULT 0,
                snapshot_seq BIGINT NOT NULL DEFAULT 0,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                origin TEXT NOT NULL DEFAULT 'repl' CHECK (origin IN ('repl', 'protocol', 'batch'))
            )
            """,
            "CREATE INDEX sessions_by_updated ON sessions (updated_at DESC)",
            "CREATE INDEX sessions_by_status_updated ON sessions (status, updated_at DESC)",
            """
            CREATE TABLE journal (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                seq BIGINT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('answer', 'skip', 'back', 'goto', 'restart', 'cancel', 'today',
                    'prompt', 'invalid', 'output', 'note', 'command')),
                step TEXT,
                text TEXT NOT NULL,
                value BYTEA,
                PRIMARY KEY (session_id, seq)
            )
            """,
            """
            CREATE FUNCTION coach_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    RAISE EXCEPTION 'the journal is append-only';
                END IF;
                IF EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id) THEN
                    RAISE EXCEPTION 'the journal is append-only: delete the session instead';
                END IF;
                RETURN OLD;
            END
            $$
            """,
            """
            CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
                FOR EACH ROW EXECUTE FUNCTION coach_journal_append_only()
            """,
            """
            CREATE TABLE drafts (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                version BIGINT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                outputs BYTEA NOT NULL,
                answers BYTEA NOT NULL,
                PRIMARY KEY (session_id, version)
            )
            """,
            """
            CREATE TABLE accounts (
                id BIGSERIAL PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE account_facts (
                account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                fact TEXT NOT NULL,
                value BYTEA NOT NULL,
                display TEXT NOT NULL,
                session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
                given_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (account_id, fact)
            )
            """,
            "CREATE INDEX account_facts_by_session ON account_facts (session_id)",
        ]
    }

    /// A cell's value, or `corrupt` when it is not of the stored type.
    func decode<T: PostgresDecodable>(_ cell: PostgresCell, as type: T.Type) throws(StoreError) -> T {
        do {
            return try cell.decode(T.self)
        } catch {
            throw StoreError(.corrupt, "A stored \(cell.columnName) cannot be read (\(error)).")
        }
    }
#endif
