import GRDB

extension CoachStore {
    /// The schema's history. Never edit a shipped migration: add the next one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: schemaV2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: schemaV3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: schemaV4)
        }
        return migrator
    }()

    /// Brings the database to the latest schema, refusing one written by a newer Coach.
    ///
    /// ``open(home:busyTimeout:clock:)`` calls this under the opening lock, so processes never migrate at once.
    func migrate() throws(StoreError) {
        let migrator = Self.migrator
        let applied = try read { db in try migrator.appliedIdentifiers(db) }
        if let newest = applied.subtracting(migrator.migrations).sorted().last {
            throw StoreError.newerSchema(path: path, version: newest)
        }
        do {
            try migrator.migrate(database)
        } catch {
            throw StoreError(mapping: error, path: path)
        }
    }

    static let schemaV1 = """
        CREATE TABLE sessions (
            id TEXT NOT NULL PRIMARY KEY,
            playbook_id TEXT NOT NULL,
            playbook_version INTEGER NOT NULL,
            title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('asking', 'completed', 'cancelled')),
            account TEXT,
            current_step TEXT,
            answered INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL DEFAULT 0,
            state BLOB NOT NULL,
            answers BLOB NOT NULL,
            journal_seq INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX sessions_by_updated ON sessions(updated_at DESC);

        CREATE TABLE journal (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('prompt', 'answer', 'invalid', 'command', 'output', 'note')),
            step TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only');
        END;
        CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
        WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only: delete the session instead');
        END;

        CREATE TABLE drafts (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            created_at REAL NOT NULL,
            outputs BLOB NOT NULL,
            answers BLOB NOT NULL,
            PRIMARY KEY (session_id, version)
        );

        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );

        CREATE TABLE account_facts (
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            fact TEXT NOT NULL,
            value BLOB NOT NULL,
            display TEXT NOT NULL,
            session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
            given_at REAL NOT NULL,
            PRIMARY KEY (account_id, fact)
        );
        CREATE INDEX account_facts_by_session ON account_facts(session_id);

        PRAGMA user_version = 1;
        """

    /// v2: record which front end started a session, and list by status without sorting.
    static let schemaV2 = """
        ALTER TABLE sessions ADD COLUMN origin TEXT NOT NULL DEFAULT 'repl'
            CHECK (origin IN ('repl', 'protocol', 'batch'));
        CREATE INDEX sessions_by_status_updated ON sessions(status, updated_at DESC);

        PRAGMA user_version = 2;
        """

    /// v3: the journal is the session. Its lines are events (replayed through the engine on resume, an answer with
    /// its typed value) or transcript lines; the session row keeps the listing columns and a snapshot of the state
    /// as of `snapshot_seq`. A session saved before keeps its state as the snapshot of its whole journal (its old
    /// lines, `command` among them, stay as transcript).
    static let schemaV3 = """
        ALTER TABLE sessions ADD COLUMN snapshot_seq INTEGER NOT NULL DEFAULT 0;
        UPDATE sessions SET snapshot_seq = journal_seq;

        DROP TRIGGER journal_append_only_update;
        DROP TRIGGER journal_append_only_delete;
        CREATE TABLE journal_v3 (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('answer', 'skip', 'back', 'goto', 'restart', 'cancel', 'today',
                'prompt', 'invalid', 'output', 'note', 'command')),
            step TEXT,
            text TEXT NOT NULL,
            value BLOB,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO journal_v3 (session_id, seq, at, kind, step, text)
            SELECT session_id, seq, at, kind, step, text FROM journal;
        DROP TABLE journal;
        ALTER TABLE journal_v3 RENAME TO journal;
        CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only');
        END;
        CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
        WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only: delete the session instead');
        END;

        PRAGMA user_version = 3;
        """

    /// v4: the same tables and checks, with each list of allowed words written as `=` tests joined by OR. SQLite
    /// builds a temporary index for `IN` over more than two constants every time a statement checks it, which is
    /// three times a turn (two journal lines and the session's row). Measured by callgrind on `coach-bench
    /// service`: a durable turn 596k instructions with the v3 checks, 490k with these.
    static let schemaV4 = """
        DROP TRIGGER journal_append_only_update;
        DROP TRIGGER journal_append_only_delete;

        CREATE TABLE sessions_v4 (
            id TEXT NOT NULL PRIMARY KEY,
            playbook_id TEXT NOT NULL,
            playbook_version INTEGER NOT NULL,
            title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status = 'asking' OR status = 'completed' OR status = 'cancelled'),
            account TEXT,
            current_step TEXT,
            answered INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL DEFAULT 0,
            state BLOB NOT NULL,
            answers BLOB NOT NULL,
            journal_seq INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            origin TEXT NOT NULL DEFAULT 'repl' CHECK (origin = 'repl' OR origin = 'protocol' OR origin = 'batch'),
            snapshot_seq INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO sessions_v4 (id, playbook_id, playbook_version, title, status, account, current_step, answered,
                total, state, answers, journal_seq, created_at, updated_at, origin, snapshot_seq)
            SELECT id, playbook_id, playbook_version, title, status, account, current_step, answered,
                total, state, answers, journal_seq, created_at, updated_at, origin, snapshot_seq FROM sessions;
        DROP TABLE sessions;
        ALTER TABLE sessions_v4 RENAME TO sessions;
        CREATE INDEX sessions_by_updated ON sessions(updated_at DESC);
        CREATE INDEX sessions_by_status_updated ON sessions(status, updated_at DESC);

        CREATE TABLE journal_v4 (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind = 'answer' OR kind = 'skip' OR kind = 'back' OR kind = 'goto'
                OR kind = 'restart' OR kind = 'cancel' OR kind = 'today' OR kind = 'prompt' OR kind = 'invalid'
                OR kind = 'output' OR kind = 'note' OR kind = 'command'),
            step TEXT,
            text TEXT NOT NULL,
            value BLOB,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO journal_v4 (session_id, seq, at, kind, step, text, value)
            SELECT session_id, seq, at, kind, step, text, value FROM journal;
        DROP TABLE journal;
        ALTER TABLE journal_v4 RENAME TO journal;
        CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only');
        END;
        CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
        WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)
        BEGIN
            SELECT RAISE(ABORT, 'the journal is append-only: delete the session instead');
        END;

        PRAGMA user_version = 4;
        """
}
