import Foundation
import Synchronization

/// The store that keeps everything in this process's memory: sessions with their journal and drafts, and account
/// memory, gone when the process ends.
///
/// It serves `--no-store` and a service whose store could not be opened or written. It keeps the same data and
/// makes the same checks as the database stores (versions and stale changes, conflicts, prefixes, a group saved
/// whole or not at all), so the session service runs one way over every store.
public final class MemoryStore: SessionStore {
    /// What the store holds, reachable only inside its lock.
    private struct Contents {
        var sessions: [String: Kept] = [:]
        /// Accounts by their normalized key.
        var accounts: [String: KeptAccount] = [:]
        var lastAccountID: Int64 = 0
    }

    /// A session with its journal and drafts.
    private struct Kept {
        var session: StoredSession
        var journal: [JournalEntry]
        var drafts: [Draft] = []
    }

    /// An account with its facts by name.
    private struct KeptAccount {
        var account: Account
        var facts: [String: Fact] = [:]
    }

    private let contents = Mutex(Contents())
    private let clock: @Sendable () -> Double

    /// A new, empty store; `clock` gives the times it records.
    public init(clock: @escaping @Sendable () -> Double = CoachStore.now) {
        self.clock = clock
    }

    /// `memory`: nothing is on disk.
    public var location: String { "memory" }

    /// `memory`: nothing outlives the process.
    public var persistence: String { "memory" }

    /// Nil: the store has no schema.
    public func schemaVersion() throws(StoreError) -> String? { nil }

    // MARK: Sessions and their journal

    @discardableResult
    public func save(_ changes: [SessionChange]) throws(StoreError) -> Set<String> {
        guard !changes.isEmpty else { return [] }
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> Set<String> in
            // Whatever fails the whole group is found before anything changes.
            var started: Set<String> = []
            for change in changes {
                switch change {
                case .start(let start):
                    guard contents.sessions[start.id] == nil, started.insert(start.id).inserted else {
                        throw StoreError(
                            .conflict, "A session '\(start.id)' already exists. Choose another id or resume it.")
                    }
                case .progress(let progress):
                    guard contents.sessions[progress.sessionID] != nil || started.contains(progress.sessionID) else {
                        throw StoreError.sessionNotFound(progress.sessionID)
                    }
                }
            }
            var stale: Set<String> = []
            for change in changes {
                switch change {
                case .start(let start):
                    let session = StoredSession(
                        id: start.id, playbookID: start.playbookID, playbookVersion: start.playbookVersion,
                        title: start.title, status: .asking, account: start.account, currentStep: start.currentStep,
                        answered: start.answered, total: start.total, state: start.snapshot.state,
                        answers: start.snapshot.answers, createdAt: now, updatedAt: now, origin: start.origin,
                        journalSeq: start.journal.count, snapshotSeq: start.journal.count)
                    contents.sessions[start.id] = Kept(
                        session: session, journal: Self.numbered(start.journal, after: 0, now: now))
                case .progress(let progress):
                    let id = progress.sessionID
                    guard !stale.contains(id), var kept = contents.sessions.removeValue(forKey: id) else { continue }
                    defer { contents.sessions[id] = kept }
                    let last = kept.session.journalSeq
                    if let expected = progress.expectedSeq, expected != last {
                        stale.insert(id)
                        continue
                    }
                    kept.session.status = progress.status
                    kept.session.currentStep = progress.currentStep
                    kept.session.answered = progress.answered
                    kept.session.total = progress.total
                    kept.session.title = progress.title ?? kept.session.title
                    let account = progress.account ?? kept.session.account
                    kept.session.account = account?.isEmpty == true ? nil : account
                    kept.session.updatedAt = now
                    kept.session.journalSeq = last + progress.journal.count
                    if let snapshot = progress.snapshot {
                        kept.session.state = snapshot.state
                        kept.session.answers = snapshot.answers
                        kept.session.snapshotSeq = kept.session.journalSeq
                    }
                    kept.journal += Self.numbered(progress.journal, after: last, now: now)
                }
            }
            return stale
        }
    }

    @discardableResult
    public func appendJournal(sessionID: String, entries: [JournalEntry]) throws(StoreError) -> [JournalEntry] {
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> [JournalEntry] in
            guard var kept = contents.sessions.removeValue(forKey: sessionID) else {
                throw StoreError.sessionNotFound(sessionID)
            }
            defer { contents.sessions[sessionID] = kept }
            let lines = Self.numbered(entries, after: kept.session.journalSeq, now: now)
            kept.journal += lines
            kept.session.journalSeq += lines.count
            return lines
        }
    }

    public func hasSession(id: String) throws(StoreError) -> Bool {
        contents.withLock { $0.sessions[id] != nil }
    }

    public func resolveSessionID(_ idOrPrefix: String) throws(StoreError) -> String {
        guard let id = try contents.withLock({ (contents) throws(StoreError) in try Self.resolve(idOrPrefix, contents) })
        else {
            throw StoreError.sessionNotFound(idOrPrefix)
        }
        return id
    }

    public func sessionVersion(id: String) throws(StoreError) -> Int? {
        contents.withLock { $0.sessions[id]?.session.journalSeq }
    }

    public func session(id: String) throws(StoreError) -> StoredSession? {
        try contents.withLock { (contents) throws(StoreError) in
            try Self.resolve(id, contents).flatMap { contents.sessions[$0]?.session }
        }
    }

    public func sessionForResume(id: String) throws(StoreError) -> (StoredSession, events: [JournalEntry])? {
        contents.withLock { contents in
            guard let kept = contents.sessions[id] else { return nil }
            let snapshot = kept.session.snapshotSeq
            // Lines are numbered from 1 without gaps: those after the snapshot start at index `snapshot`.
            let events = kept.journal[min(snapshot, kept.journal.count)...].filter(\.kind.isEvent)
            return (kept.session, events)
        }
    }

    public func listSessions(limit: Int, status: SessionStatus?) throws(StoreError) -> [SessionSummary] {
        contents.withLock { contents in
            let chosen = contents.sessions.values.lazy.map(\.session).filter { status == nil || $0.status == status }
            let newest = chosen.sorted {
                ($0.updatedAt, $0.createdAt, $0.id) > ($1.updatedAt, $1.createdAt, $1.id)
            }
            return newest.prefix(max(limit, 0)).map(\.summary)
        }
    }

    public func journal(sessionID: String, after seq: Int) throws(StoreError) -> [JournalEntry] {
        contents.withLock { contents in
            guard let journal = contents.sessions[sessionID]?.journal else { return [] }
            return Array(journal[min(max(seq, 0), journal.count)...])
        }
    }

    public func deleteSession(id: String) throws(StoreError) {
        try contents.withLock { (contents) throws(StoreError) in
            guard contents.sessions.removeValue(forKey: id) != nil else {
                throw StoreError.sessionNotFound(id)
            }
            // Facts it gave stay, without their session.
            for key in Array(contents.accounts.keys) {
                for (name, fact) in contents.accounts[key]?.facts ?? [:] where fact.sessionID == id {
                    contents.accounts[key]?.facts[name]?.sessionID = nil
                }
            }
        }
    }

    // MARK: Drafts

    @discardableResult
    public func addDraft(sessionID: String, outputs: Data, answers: Data) throws(StoreError) -> Int {
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> Int in
            guard var kept = contents.sessions.removeValue(forKey: sessionID) else {
                throw StoreError.sessionNotFound(sessionID)
            }
            defer { contents.sessions[sessionID] = kept }
            let version = (kept.drafts.last?.version ?? 0) + 1
            kept.drafts.append(
                Draft(sessionID: sessionID, version: version, createdAt: now, outputs: outputs, answers: answers))
            return version
        }
    }

    public func drafts(sessionID: String) throws(StoreError) -> [Draft] {
        contents.withLock { $0.sessions[sessionID]?.drafts ?? [] }
    }

    // MARK: Accounts and their facts

    @discardableResult
    public func upsertAccount(name: String) throws(StoreError) -> Account {
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) in
            try Self.upsertAccount(name, now: now, &contents).account
        }
    }

    public func findAccount(name: String) throws(StoreError) -> Account? {
        contents.withLock { $0.accounts[Account.key(for: name)]?.account }
    }

    public func listAccounts() throws(StoreError) -> [Account] {
        contents.withLock { $0.accounts.values.map(\.account).sorted { $0.key < $1.key } }
    }

    @discardableResult
    public func saveFacts(account name: String, facts: [Fact], sessionID: String?) throws(StoreError) -> Account {
        if let empty = facts.first(where: { $0.name.isEmpty }) {
            throw StoreError(.invalid, "A fact needs a name (value shown: '\(empty.display)').")
        }
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> Account in
            for id in facts.compactMap(\.sessionID) + [sessionID].compactMap({ $0 }) where contents.sessions[id] == nil {
                throw StoreError.sessionNotFound(id)
            }
            var kept = try Self.upsertAccount(name, now: now, &contents)
            for var fact in facts {
                fact.sessionID = fact.sessionID ?? sessionID
                fact.givenAt = fact.givenAt == 0 ? now : fact.givenAt
                kept.facts[fact.name] = fact
            }
            kept.account.updatedAt = now
            contents.accounts[kept.account.key] = kept
            return kept.account
        }
    }

    public func facts(account name: String) throws(StoreError) -> [Fact] {
        contents.withLock { contents in
            (contents.accounts[Account.key(for: name)]?.facts.values).map { $0.sorted { $0.name < $1.name } } ?? []
        }
    }

    @discardableResult
    public func renameAccount(from old: String, to new: String) throws(StoreError) -> Account {
        let newKey = try Account.checkedKey(for: new)
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> Account in
            let oldKey = Account.key(for: old)
            guard var kept = contents.accounts[oldKey] else {
                throw StoreError.accountNotFound(old)
            }
            if newKey != oldKey, let other = contents.accounts[newKey] {
                throw StoreError.accountExists(other.account.name)
            }
            kept.account.key = newKey
            kept.account.name = CoachStore.tidy(new)
            kept.account.updatedAt = now
            contents.accounts[oldKey] = nil
            contents.accounts[newKey] = kept
            Self.repointSessions(from: oldKey, to: kept.account.name, &contents)
            return kept.account
        }
    }

    public func mergeAccounts(from: String, into: String) throws(StoreError) -> AccountMerge {
        let now = clock()
        return try contents.withLock { (contents) throws(StoreError) -> AccountMerge in
            guard let source = contents.accounts[Account.key(for: from)] else {
                throw StoreError.accountNotFound(from)
            }
            guard var target = contents.accounts[Account.key(for: into)] else {
                throw StoreError.accountNotFound(into)
            }
            guard source.account.id != target.account.id else {
                throw StoreError(.invalid, "'\(from)' and '\(into)' are the same account: name two different ones.")
            }
            let plan = AccountMerge.plan(
                from: source.facts.values.sorted { $0.name < $1.name },
                into: target.facts.values.sorted { $0.name < $1.name })
            for fact in plan.write {
                target.facts[fact.name] = fact
            }
            let sessions = Self.repointSessions(from: source.account.key, to: target.account.name, &contents)
            target.account.updatedAt = now
            contents.accounts[source.account.key] = nil
            contents.accounts[target.account.key] = target
            return AccountMerge(
                from: source.account, into: target.account, sessions: sessions, factsMoved: plan.write.count,
                conflicts: plan.conflicts)
        }
    }

    public func forgetAccount(_ name: String) throws(StoreError) {
        try contents.withLock { (contents) throws(StoreError) in
            guard contents.accounts.removeValue(forKey: Account.key(for: name)) != nil else {
                throw StoreError.accountNotFound(name)
            }
        }
    }

    // MARK: Inside the lock

    /// `entries` numbered after line `last`, stamped `now` unless they carry a time.
    private static func numbered(_ entries: [JournalEntry], after last: Int, now: Double) -> [JournalEntry] {
        var lines = entries
        for index in lines.indices {
            lines[index].seq = last + 1 + index
            if lines[index].at == 0 {
                lines[index].at = now
            }
        }
        return lines
    }

    /// The full id for an id or unambiguous prefix (`s-7k3`, or just `7k3`), nil for none; throws `ambiguous`.
    private static func resolve(_ idOrPrefix: String, _ contents: Contents) throws(StoreError) -> String? {
        guard !idOrPrefix.isEmpty else { return nil }
        if contents.sessions[idOrPrefix] != nil {
            return idOrPrefix
        }
        var matches = contents.sessions.keys.filter { $0.hasPrefix(idOrPrefix) }
        if matches.isEmpty && !idOrPrefix.hasPrefix("s-") {
            matches = contents.sessions.keys.filter { $0.hasPrefix("s-" + idOrPrefix) }
        }
        if matches.count > 1 {
            let sorted = matches.sorted()
            let shown = sorted.prefix(5).joined(separator: ", ") + (sorted.count > 5 ? ", ..." : "")
            throw StoreError(
                .ambiguous, "'\(idOrPrefix)' matches several sessions (\(shown)). Type more of the id.")
        }
        return matches.first
    }

    private static func upsertAccount(_ name: String, now: Double, _ contents: inout Contents) throws(StoreError)
        -> KeptAccount
    {
        let key = try Account.checkedKey(for: name)
        if let kept = contents.accounts[key] {
            return kept
        }
        contents.lastAccountID += 1
        let kept = KeptAccount(
            account: Account(
                id: contents.lastAccountID, key: key, name: CoachStore.tidy(name), createdAt: now, updatedAt: now))
        contents.accounts[key] = kept
        return kept
    }

    /// Makes every session naming the account with key `key` name `name`; returns how many changed.
    @discardableResult
    private static func repointSessions(from key: String, to name: String, _ contents: inout Contents) -> Int {
        let ids = contents.sessions.compactMap { id, kept in
            kept.session.account.map(Account.key(for:)) == key ? id : nil
        }
        for id in ids {
            // The title names the account too: it follows.
            if let kept = contents.sessions[id], let old = kept.session.account {
                contents.sessions[id]?.session.title = Account.retitled(kept.session.title, naming: old, as: name)
            }
            contents.sessions[id]?.session.account = name
        }
        return ids.count
    }
}
