import Foundation

/// One session with everything stored about it (its row, every journal line, every draft), as it moves between
/// stores: ids, line numbers and times are kept as they are.
public struct SessionCopy: Sendable, Hashable {
    /// The session's row, snapshot included.
    public var session: StoredSession
    /// Every journal line, in order.
    public var journal: [JournalEntry]
    /// Every draft version, oldest first.
    public var drafts: [Draft]

    public init(session: StoredSession, journal: [JournalEntry], drafts: [Draft]) {
        self.session = session
        self.journal = journal
        self.drafts = drafts
    }
}

/// One account with every fact remembered about it.
public struct AccountCopy: Sendable, Hashable {
    /// The account (its id is the source store's own and is not carried over).
    public var account: Account
    /// Its facts, each with the session it came from and when.
    public var facts: [Fact]

    public init(account: Account, facts: [Fact]) {
        self.account = account
        self.facts = facts
    }
}

/// A store that `coach store copy` can read everything from and write copies into.
public protocol CopyableStore: SessionStore {
    /// How many sessions and accounts the store holds.
    func contentCounts() throws(StoreError) -> (sessions: Int, accounts: Int)

    /// Every session's id, oldest first.
    func allSessionIDs() throws(StoreError) -> [String]

    /// The session with this exact id and all that belongs to it, read in one transaction; nil if there is none.
    func sessionCopy(id: String) throws(StoreError) -> SessionCopy?

    /// Every account with its facts, sorted by key.
    func accountCopies() throws(StoreError) -> [AccountCopy]

    /// Writes a session with its journal and drafts as they are, in one transaction. Returns false, changing
    /// nothing, when the store already has a session with that id.
    func insertCopy(_ copy: SessionCopy) throws(StoreError) -> Bool

    /// Writes accounts in one transaction: a new one as it is; one whose key is taken gains the facts it lacks and
    /// the copy's newer facts (by the time they were given). A fact's session is kept only when this store has it.
    func insertCopies(_ accounts: [AccountCopy]) throws(StoreError)
}

/// What ``copyStore(from:to:merge:)`` copied.
public struct StoreCopyReport: Sendable, Equatable {
    /// Sessions written to the target.
    public var sessions = 0
    /// Their journal lines.
    public var journalLines = 0
    /// Their drafts.
    public var drafts = 0
    /// Accounts copied or merged.
    public var accounts = 0
    /// Sessions left out because the target already had them (with `merge`).
    public var skipped = 0

    public init() {}
}

/// Copies every session (with its journal and drafts) and every account (with its facts) from `source` into
/// `target`, one session per transaction, then the accounts.
///
/// A target that already holds sessions or accounts is refused unless `merge`: then the sessions it has are left as
/// they are (so an interrupted copy can simply be run again) and the accounts are merged.
public func copyStore(from source: any CopyableStore, to target: any CopyableStore, merge: Bool) throws(StoreError)
    -> StoreCopyReport
{
    guard source.location != target.location else {
        throw StoreError(.invalid, "The source and the target are the same store (\(source.location)); nothing was copied.")
    }
    let held = try target.contentCounts()
    if !merge && (held.sessions > 0 || held.accounts > 0) {
        throw StoreError(
            .conflict,
            "\(target.location) already holds \(held.sessions) session(s) and \(held.accounts) account(s), so "
                + "nothing was copied. Copy into an empty database, or add --merge to copy only the sessions it does "
                + "not have yet (those it has stay as they are) and merge the accounts.")
    }
    var report = StoreCopyReport()
    for id in try source.allSessionIDs() {
        guard let copy = try source.sessionCopy(id: id) else { continue }  // deleted meanwhile
        if try target.insertCopy(copy) {
            report.sessions += 1
            report.journalLines += copy.journal.count
            report.drafts += copy.drafts.count
        } else {
            report.skipped += 1
        }
    }
    let accounts = try source.accountCopies()
    try target.insertCopies(accounts)
    report.accounts = accounts.count
    return report
}
