import Foundation

/// What the session service keeps durably: sessions with their journal and drafts, and account memory.
///
/// The implementations keep the same data with the same checks: ``CoachStore`` (an SQLite database in the data
/// folder, the default), a PostgreSQL database that several workers share, and ``MemoryStore`` (this process's
/// memory, for `--no-store` and a store that failed; nothing in it outlives the process). Every method is synchronous and has
/// committed before it returns, so a caller may acknowledge what it saved. Nothing is cached between calls: each
/// read sees what any process committed before it.
///
/// A session's journal lines are numbered 1, 2, ... and the number of its last line is its version
/// (``StoredSession/journalSeq``). A change made against a version that is no longer the latest (another process
/// changed the session since it was read) is refused with ``StoreError/Kind/stale`` and changes nothing; the
/// unique key (session, line number) makes sure that of two changes made against the same version exactly one is
/// kept.
public protocol SessionStore: AnyObject, Sendable {
    /// Where the data is, for messages: a file path, `:memory:`, or a `postgres://` URL without any password.
    var location: String { get }

    /// The kind of store, as `initialize` reports it in `capabilities.persistence`: `sqlite`, `postgres` or `memory`.
    var persistence: String { get }

    /// Whether other processes on other machines share this store (a fleet's PostgreSQL database). When such a store
    /// fails, the service refuses the request instead of going on in memory: one worker's private copy of a
    /// session would fork it from the fleet's.
    var isShared: Bool { get }

    /// The last schema migration applied to the database (for example `v3`).
    func schemaVersion() throws(StoreError) -> String?

    // MARK: Sessions and their journal

    /// Saves changes (sessions started, accepted changes), each with its journal lines, all in one transaction
    /// (a group commit). A session started with an id already taken fails the whole transaction (`conflict`).
    ///
    /// A change whose ``SessionProgress/expectedSeq`` is no longer the session's version is left out and its
    /// session id returned; every other change is saved. The returned ids are empty when everything was saved.
    @discardableResult
    func save(_ changes: [SessionChange]) throws(StoreError) -> Set<String>

    /// Appends transcript lines to a session's journal after its last line; returns them with `seq` and `at`.
    @discardableResult
    func appendJournal(sessionID: String, entries: [JournalEntry]) throws(StoreError) -> [JournalEntry]

    /// Whether a session has this exact id.
    func hasSession(id: String) throws(StoreError) -> Bool

    /// The full id for an id or unambiguous prefix (`s-7k3`, or just `7k3`); throws `notFound` or `ambiguous`.
    func resolveSessionID(_ idOrPrefix: String) throws(StoreError) -> String

    /// The session's version (the number of its last journal line), or nil when there is no such session.
    func sessionVersion(id: String) throws(StoreError) -> Int?

    /// The session with this id or unambiguous prefix, or nil if none.
    func session(id: String) throws(StoreError) -> StoredSession?

    /// A session as stored with the events to replay onto its snapshot, read in one transaction; nil if none.
    func sessionForResume(id: String) throws(StoreError) -> (StoredSession, events: [JournalEntry])?

    /// The most recently updated sessions first, optionally only those with `status`.
    func listSessions(limit: Int, status: SessionStatus?) throws(StoreError) -> [SessionSummary]

    /// A session's journal in order, optionally only the lines after `seq`.
    func journal(sessionID: String, after seq: Int) throws(StoreError) -> [JournalEntry]

    /// Deletes a session (exact id) with its journal and drafts; facts it gave stay, without their session.
    func deleteSession(id: String) throws(StoreError)

    // MARK: Drafts

    /// Saves a new draft of a session's outputs and returns its version (1, 2, ...).
    @discardableResult
    func addDraft(sessionID: String, outputs: Data, answers: Data) throws(StoreError) -> Int

    /// A session's drafts, oldest version first.
    func drafts(sessionID: String) throws(StoreError) -> [Draft]

    // MARK: Accounts and their facts

    /// The account with this name (matched by its normalized key), created if new; an existing one keeps its name.
    @discardableResult
    func upsertAccount(name: String) throws(StoreError) -> Account

    /// The account with this name (matched by its normalized key), or nil.
    func findAccount(name: String) throws(StoreError) -> Account?

    /// Every account, sorted by key.
    func listAccounts() throws(StoreError) -> [Account]

    /// Remembers facts about an account (created if new), each with its session and time; returns the account.
    /// A fact's own `sessionID` and non-zero `givenAt` win over `sessionID` and the current time.
    @discardableResult
    func saveFacts(account name: String, facts: [Fact], sessionID: String?) throws(StoreError) -> Account

    /// The facts remembered about an account, sorted by name; empty for an unknown account.
    func facts(account name: String) throws(StoreError) -> [Fact]

    /// Renames an account, keeping its facts (its sessions name it by the new name); throws `conflict` if another
    /// account already has the new name.
    @discardableResult
    func renameAccount(from old: String, to new: String) throws(StoreError) -> Account

    /// Merges account `from` into `into` in one transaction: the sessions naming `from` (by its key) name `into`,
    /// its facts become `into`'s (``AccountMerge/plan(from:into:)``: the newer wins), and `from` is deleted.
    func mergeAccounts(from: String, into: String) throws(StoreError) -> AccountMerge

    /// Forgets an account and every fact about it.
    func forgetAccount(_ name: String) throws(StoreError)
}

extension SessionStore {
    /// A store on this machine's disk or in memory is not shared.
    public var isShared: Bool { false }
}
