import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// A service over the store in `home` (else `$COACH_HOME`, `$XDG_DATA_HOME/coach`, `~/.local/share/coach`).
    ///
    /// With `noStore` or `COACH_NO_STORE=1` it keeps sessions in memory only (a ``MemoryStore``). When the store
    /// cannot be opened, it keeps them there too, and ``memoryReason`` says why.
    public static func open(
        home: String?, environment: [String: String], noStore: Bool = false, catalog: PlaybookCatalog,
        today: @escaping () -> Day
    ) -> SessionService {
        open(
            opening: StoreOpening(home: home, environment: environment, noStore: noStore), catalog: catalog,
            today: today)
    }

    /// A service over the store `opening` opens (waiting for it), in memory when it is not to be stored or fails.
    public static func open(opening: StoreOpening, catalog: PlaybookCatalog, today: @escaping () -> Day)
        -> SessionService
    {
        switch opening.wait() {
        case nil:
            return inMemory(catalog: catalog, reason: noStoreReason, today: today)
        case .success(let store):
            return SessionService(catalog: catalog, store: store, mode: .database(path: store.location), today: today)
        case .failure(let error):
            let service = inMemory(catalog: catalog, reason: memoryMessage(error), today: today)
            service.storeProblem = error.message
            return service
        }
    }

    /// A service that keeps sessions in memory only (a ``MemoryStore``); `reason` says why.
    public static func inMemory(catalog: PlaybookCatalog, reason: String, today: @escaping () -> Day)
        -> SessionService
    {
        SessionService(catalog: catalog, store: MemoryStore(), mode: .memory(reason: reason), today: today)
    }

    /// Why sessions are not saved with `--no-store`.
    static let noStoreReason = "Sessions are not saved (--no-store)."

    /// The sentence shown when the store fails: what happened, and that the session goes on unsaved.
    static func memoryMessage(_ error: StoreError) -> String {
        error.message + " Coach goes on without saving: export your session before you quit."
    }

    /// How many events a session's journal gains before its snapshot is saved again (it is also saved when the
    /// session completes or is cancelled): a resume replays at most this many events.
    static let snapshotInterval = 16

    /// The store, with the changes of the open group saved first, so that whatever is read or written next sees
    /// them. Every use of the store goes through here but the group's own saves (``save(_:id:journal:events:notices:)``).
    var store: any SessionStore {
        saveGroup()
        return backing
    }

    // MARK: - Writes, with the fallback to memory

    /// Stores a new session with `journal` (by default the first question); returns its id. In a group, the
    /// session is saved with the group's other changes.
    ///
    /// When a shared store (a fleet's database) fails, nothing was created: this throws and no id is given out.
    func create(_ entry: inout Live, origin: SessionOrigin, journal: [JournalEntry]? = nil, notices: inout [String])
        throws(ServiceError) -> String
    {
        let snapshot = SessionProgress.Snapshot(
            state: Data(entry.session.state.jsonBytes),
            answers: Data(Self.answers(entry.session).jsonBytes))
        let journal = journal ?? Self.journal(for: entry.turn)
        func start(_ id: String) -> SessionStart {
            SessionStart(
                id: id, playbookID: entry.session.playbook.id, playbookVersion: entry.session.playbook.version,
                title: entry.title, account: entry.account, currentStep: entry.turn.prompt?.step.description,
                answered: entry.turn.progress.answered, total: entry.turn.progress.total, snapshot: snapshot,
                origin: origin, journal: journal)
        }
        if let open = group {
            // An id no session has, in the store, in this process or among the group's new ones.
            let taken = Set(
                open.unsaved.compactMap { change -> String? in
                    if case .start(let start) = change { return start.id }
                    return nil
                })
            var id = SessionID.random()
            while live[id] != nil || taken.contains(id) || (try? backing.hasSession(id: id)) == true {
                id = SessionID.random()
            }
            group?.unsaved.append(.start(start(id)))
            group?.touched.insert(id)
            entry.seq = journal.count
            return id
        }
        entry.seq = journal.count
        func attempt() throws(StoreError) -> String {
            // A new id taken meanwhile (by another process) is a conflict: draw another.
            for _ in 0..<20 {
                let id = SessionID.random()
                do {
                    try store.save([.start(start(id))])
                    return id
                } catch  where error.kind == .conflict {
                    continue
                }
            }
            throw StoreError(.io, "Coach could not find a free session id. Delete old sessions and try again.")
        }
        do {
            return try attempt()
        } catch {
            if backing.isShared {
                throw Self.serviceError(error)
            }
            fallBack(error, notices: &notices)
            // The memory store refuses only an id taken in it; the session still runs.
            return (try? attempt()) ?? SessionID.random()
        }
    }

    /// Saves an accepted change of the session: the listing columns and `journal` (`events` of its lines are
    /// events), with a snapshot of the state when one is due; in the open group's transaction if there is one.
    ///
    /// The change is made against the entry's version: when another process changed the session since, nothing is
    /// saved and this throws `stale` (the caller refuses the request; the entry must not be kept).
    func save(
        _ entry: inout Live, id: String, journal: [JournalEntry], events: Int, snapshot force: Bool = false,
        notices: inout [String]
    ) throws(StoreError) {
        let turn = entry.turn
        entry.sinceSnapshot += events
        var snapshot: SessionProgress.Snapshot?
        if force || turn.status != .asking || entry.sinceSnapshot >= Self.snapshotInterval {
            snapshot = SessionProgress.Snapshot(
                state: Data(entry.session.state.jsonBytes),
                answers: Data(Self.answers(entry.session).jsonBytes))
            entry.sinceSnapshot = 0
        }
        let change = SessionProgress(
            sessionID: id, status: StoreStatus(turn.status), currentStep: turn.prompt?.step.description,
            answered: turn.progress.answered, total: turn.progress.total, title: entry.title,
            account: entry.account ?? "", snapshot: snapshot, journal: journal, expectedSeq: entry.seq)
        entry.seq += journal.count
        if group != nil {
            group?.unsaved.append(.progress(change))
            group?.touched.insert(id)
            return
        }
        let stale: Set<String>
        do {
            stale = try backing.save([.progress(change)])
        } catch {
            if backing.isShared {
                // Nothing was saved and the fleet's copy is the true one: the caller refuses the request and this
                // process forgets its copy, so the next request reads the session afresh.
                throw error
            }
            live[id] = entry
            fallBack(error, unsaved: [.progress(change)], notices: &notices)
            // The in-memory store holds the session as of this change.
            entry.seq = live[id]?.seq ?? entry.seq
            return
        }
        if !stale.isEmpty {
            throw StoreError.stale(id)
        }
    }

    /// Saves a new draft version of a completed session (unless it equals the last one); returns its version.
    ///
    /// With a shared store whose save fails, this throws: the completed session is committed, its draft is not, and
    /// the request is refused so that it is not acknowledged (the draft is saved again when the session is next read).
    func saveDraft(_ entry: inout Live, id: String, notices: inout [String]) throws(ServiceError) -> Int? {
        // Stored without the emails' reviews: reading the draft works them out again (see `withoutReview`).
        let outputs = Data(
            StoredDraft(outputs: (entry.turn.outputs ?? []).map(\.withoutReview), plans: entry.session.datedPlans()).jsonBytes)
        guard outputs != entry.lastDraft else { return nil }
        let answers = Data(Self.answers(entry.session).jsonBytes)
        let facts = factsToRemember(entry.session)
        let account = entry.account
        func attempt() throws(StoreError) -> Int {
            let version = try store.addDraft(sessionID: id, outputs: outputs, answers: answers)
            // A completed session remembers its account, with whatever facts it gave (perhaps none).
            if let account {
                try store.saveFacts(account: account, facts: facts, sessionID: id)
            }
            return version
        }
        var version: Int?
        do {
            version = try attempt()
        } catch {
            if backing.isShared {
                live[id] = nil
                throw Self.serviceError(error)
            }
            live[id] = entry
            fallBack(error, notices: &notices)
            version = try? attempt()
        }
        entry.lastDraft = outputs
        if let version, mode != .memory(reason: Self.noStoreReason) {
            notices.append(
                version == 1
                    ? "Saved the drafts of \(id)." : "Saved the drafts of \(id) as version \(version); earlier versions are kept.")
        }
        return version
    }

    /// Switches to a ``MemoryStore`` after `error`, carrying every live session over, and says so once.
    ///
    /// Each live session is carried as a snapshot of its state, with the journal lines of `unsaved` (changes that
    /// did not reach the store) after it; the open group, if any, is marked failed: none of its replies may say
    /// their changes were saved.
    func fallBack(_ error: StoreError, unsaved: [SessionChange] = [], notices: inout [String]) {
        guard isDurable else {
            notices.append("Coach could not keep this change even in memory: \(error.message)")
            return
        }
        let message = Self.memoryMessage(error)
        let memory = MemoryStore()
        let lines = Dictionary(grouping: unsaved, by: \.sessionID).mapValues { $0.flatMap(\.journal) }
        // Each live session starts again in memory as a snapshot of its state, with the lines that did not reach
        // the store after it (a session started in the group carries its first lines: the state is after them).
        let carried = live.map { id, entry in
            SessionChange.start(
                SessionStart(
                    id: id, playbookID: entry.session.playbook.id, playbookVersion: entry.session.playbook.version,
                    title: entry.title, account: entry.account, currentStep: entry.turn.prompt?.step.description,
                    answered: entry.turn.progress.answered, total: entry.turn.progress.total,
                    snapshot: SessionProgress.Snapshot(
                        state: Data(entry.session.state.jsonBytes),
                        answers: Data(Self.answers(entry.session).jsonBytes)),
                    origin: .repl, journal: lines[id] ?? []))
        }
        // Ids are unique in the live table: a memory store takes them all.
        _ = try? memory.save(carried)
        for id in live.keys {
            live[id]?.sinceSnapshot = 0
            live[id]?.seq = lines[id]?.count ?? 0
        }
        if group != nil {
            group = WriteGroup(failed: true)
        }
        backing = memory
        mode = .memory(reason: message)
        storeProblem = error.message
        notices.append(message)
    }

    // MARK: - Groups of requests (group commit)

    /// Opens a group: the changes of every request until ``endGroup()`` are saved in one transaction, by
    /// ``endGroup()`` (or earlier, when a request reads the store). A shell that groups requests must not write
    /// any of their replies before `endGroup()` returns. Does nothing when a group is open.
    public func beginGroup() {
        guard group == nil else { return }
        group = WriteGroup()
    }

    /// Saves the changes of the group opened by ``beginGroup()`` and closes it. Returns nil when every change of the
    /// group is in the store (or there was no group); otherwise the notice that every reply of the group must
    /// carry: the changes were kept in memory only, and the service now runs in memory (nothing is lost from the
    /// sessions).
    public func endGroup() -> String? {
        saveGroup()
        defer { group = nil }
        staleInLastGroup = group?.stale ?? []
        unsavedInLastGroup = group?.unsavedSessions ?? [:]
        return group?.failed == true ? memoryReason : nil
    }

    /// Saves the open group's changes so far in one transaction; the group stays open. The changes of a session
    /// that another process changed meanwhile are left out (see ``staleInLastGroup``) and its copy is forgotten.
    func saveGroup() {
        guard let unsaved = group?.unsaved, !unsaved.isEmpty else { return }
        group?.unsaved = []
        group?.touched = []
        do {
            let stale = try backing.save(unsaved)
            for id in stale {
                live[id] = nil
            }
            group?.stale.formUnion(stale)
        } catch {
            if backing.isShared {
                // None of the group's changes were saved: every reply about their sessions becomes this error, and
                // their copies here are forgotten (the fleet's database holds the true ones).
                let ids = Set(unsaved.map(\.sessionID))
                for id in ids {
                    live[id] = nil
                    group?.unsavedSessions[id] = Self.serviceError(error)
                }
                return
            }
            var notices: [String] = []
            fallBack(error, unsaved: unsaved, notices: &notices)
        }
    }

    /// The staleStep refusal for each session of the last group whose changes were left out because another
    /// process changed the session meanwhile, by session id (the session is read afresh to name its step).
    public func staleRefusals() -> [String: ServiceError] {
        var refusals: [String: ServiceError] = [:]
        for id in staleInLastGroup {
            refusals[id] = staleRefusal(id)
        }
        // A shared store that failed: nothing of these sessions' changes was saved.
        refusals.merge(unsavedInLastGroup) { stale, _ in stale }
        return refusals
    }

    /// The full id for an id or unambiguous prefix.
    func resolve(_ id: String) throws(ServiceError) -> String {
        do {
            return try store.resolveSessionID(id)
        } catch {
            if error.kind == .notFound && mode == .memory(reason: Self.noStoreReason) {
                throw ServiceError(
                    .unknownSession, "There is no session '\(id)' in this process (sessions are not saved: --no-store).")
            }
            throw Self.serviceError(error)
        }
    }

    static func serviceError(_ error: StoreError) -> ServiceError {
        switch error.kind {
        case .notFound: return ServiceError(.unknownSession, error.message)
        case .ambiguous: return ServiceError(.ambiguousSession, error.message)
        case .invalid, .conflict: return ServiceError(.invalid, error.message)
        case .unavailable: return ServiceError(.unavailable, error.message)
        case .stale:
            return ServiceError(
                .refused, error.message,
                refusal: Refusal(kind: .staleStep, message: error.message, current: nil))
        default: return ServiceError(.store, error.message)
        }
    }

    /// The answers on the route, as stored beside the state (readable even if the playbook goes away).
    static func answers(_ session: Session) -> [SessionExport.Answer] {
        session.answeredSteps().map { SessionExport.Answer(step: $0.key.description, question: $0.question, answer: $0.answer) }
    }
}

extension StoreStatus {
    /// The store's status for the engine's.
    init(_ status: CoachCore.SessionStatus) {
        switch status {
        case .asking: self = .asking
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        }
    }
}

/// The open group of requests (see ``SessionService/beginGroup()``).
struct WriteGroup {
    /// Sessions whose changes a shared store failed to save, with the error their replies must carry instead.
    var unsavedSessions: [String: ServiceError] = [:]
    /// The group's changes not yet in the store, saved together.
    var unsaved: [SessionChange] = []
    /// The sessions `unsaved` changes: their live copies are ahead of the store.
    var touched: Set<String> = []
    /// The sessions whose changes the store refused as stale (another process changed them first).
    var stale: Set<String> = []
    /// True once a change of the group could not be saved: the service went on in memory.
    var failed = false
}
