import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// A service over the store in `home` (else `$COACH_HOME`, `$XDG_DATA_HOME/coach`, `~/.local/share/coach`).
    ///
    /// With `noStore` or `COACH_NO_STORE=1` it keeps sessions in memory only. When the store cannot be opened,
    /// it keeps them in memory too, and ``memoryReason`` says why.
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
            let service = inMemory(catalog: catalog, reason: "Sessions are not saved (--no-store).", today: today)
            service.transient = true
            return service
        case .success(let store):
            return SessionService(catalog: catalog, store: store, mode: .database(path: store.path), today: today)
        case .failure(let error):
            let service = inMemory(catalog: catalog, reason: memoryMessage(error), today: today)
            service.storeProblem = error.message
            return service
        }
    }

    /// A service that keeps sessions in memory only; `reason` says why.
    public static func inMemory(catalog: PlaybookCatalog, reason: String, today: @escaping () -> Day)
        -> SessionService
    {
        // An in-memory SQLite database only fails when memory itself runs out.
        let store = try! CoachStore.inMemory()
        return SessionService(catalog: catalog, store: store, mode: .memory(reason: reason), today: today)
    }

    /// The sentence shown when the store fails: what happened, and that the session goes on unsaved.
    static func memoryMessage(_ error: StoreError) -> String {
        error.message + " Coach goes on without saving: export your session before you quit."
    }

    // MARK: - Writes, with the fallback to memory

    /// Stores a new session with `journal` (by default the first question); returns its id.
    func create(_ entry: inout Live, origin: SessionOrigin, journal: [JournalEntry]? = nil, notices: inout [String])
        -> String
    {
        if transient { return newTransientID() }
        let state = Data(entry.session.state.jsonData())
        let answers = Data(SessionExport.Answer.jsonData(Self.answers(entry.session)))
        let journal = journal ?? Self.journal(for: entry.turn)
        func attempt() throws(StoreError) -> String {
            let id = try store.createSession(
                playbookID: entry.session.playbook.id, playbookVersion: entry.session.playbook.version,
                title: entry.title, account: entry.account, currentStep: entry.turn.prompt?.step.description,
                answered: entry.turn.progress.answered, total: entry.turn.progress.total, state: state,
                answers: answers, origin: origin, journal: journal)
            return id
        }
        do {
            let id = try attempt()
            let entry = entry
            record { store throws(StoreError) in
                // The live sessions are carried over first: only the journal may be missing.
                if try store.session(id: id) == nil {
                    try store.createSession(
                        id: id, playbookID: entry.session.playbook.id,
                        playbookVersion: entry.session.playbook.version, title: entry.title, account: entry.account,
                        currentStep: entry.turn.prompt?.step.description, answered: entry.turn.progress.answered,
                        total: entry.turn.progress.total, state: state, answers: answers, origin: origin)
                }
                try store.appendJournal(sessionID: id, entries: journal)
            }
            return id
        } catch {
            fallBack(error, notices: &notices)
            return (try? attempt()) ?? "m-\(live.count + 1)"
        }
    }

    /// Saves the session's state, answers, progress and `journal` in one transaction.
    func save(_ entry: inout Live, id: String, journal: [JournalEntry], notices: inout [String]) {
        if transient { return }
        // The hot path of every accepted answer: the fast encoders, which JSONDecoder reads back.
        let state = Data(entry.session.state.jsonData())
        let answers = Data(SessionExport.Answer.jsonData(Self.answers(entry.session)))
        let turn = entry.turn
        let status = StoreStatus(turn.status)
        let (title, account) = (entry.title, entry.account)
        func attempt(_ store: CoachStore) throws(StoreError) {
            try store.saveProgress(
                sessionID: id, state: state, answers: answers, status: status, currentStep: turn.prompt?.step.description,
                answered: turn.progress.answered, total: turn.progress.total, title: title, account: account,
                journal: journal)
        }
        func attempt() throws(StoreError) { try attempt(store) }
        do {
            try attempt()
            record(attempt)
        } catch {
            live[id] = entry
            fallBack(error, notices: &notices)
            try? attempt()
        }
    }

    /// Saves a new draft version of a completed session (unless it equals the last one); returns its version.
    func saveDraft(_ entry: inout Live, id: String, notices: inout [String]) -> Int? {
        if transient { return nil }
        // Stored without the emails' reviews: reading the draft works them out again (see `withoutReview`).
        let outputs = encoded(
            StoredDraft(outputs: (entry.turn.outputs ?? []).map(\.withoutReview), plans: entry.session.datedPlans()))
        guard outputs != entry.lastDraft else { return nil }
        let answers = Data(SessionExport.Answer.jsonData(Self.answers(entry.session)))
        let facts = factsToRemember(entry.session)
        let account = entry.account
        func attempt(_ store: CoachStore) throws(StoreError) -> Int {
            let version = try store.addDraft(sessionID: id, outputs: outputs, answers: answers)
            if let account, !facts.isEmpty {
                try store.saveFacts(account: account, facts: facts, sessionID: id)
            }
            return version
        }
        func attempt() throws(StoreError) -> Int { try attempt(store) }
        var version: Int?
        do {
            version = try attempt()
            record { store throws(StoreError) in _ = try attempt(store) }
        } catch {
            live[id] = entry
            fallBack(error, notices: &notices)
            version = try? attempt()
        }
        entry.lastDraft = outputs
        if let version {
            notices.append(
                version == 1
                    ? "Saved the drafts of \(id)." : "Saved the drafts of \(id) as version \(version); earlier versions are kept.")
        }
        return version
    }

    /// Switches to an in-memory store after `error`, carrying every live session over, and says so once.
    ///
    /// Inside a group, the group's uncommitted writes are dropped from the database and made again in memory,
    /// and the group is marked failed: none of its replies may say their changes were saved.
    func fallBack(_ error: StoreError, notices: inout [String]) {
        guard isDurable else {
            notices.append("Coach could not keep this change even in memory: \(error.message)")
            return
        }
        let message = Self.memoryMessage(error)
        let memory = try! CoachStore.inMemory()
        for (id, entry) in live {
            _ = try? memory.createSession(
                id: id, playbookID: entry.session.playbook.id, playbookVersion: entry.session.playbook.version,
                title: entry.title, account: entry.account, currentStep: entry.turn.prompt?.step.description,
                answered: entry.turn.progress.answered, total: entry.turn.progress.total,
                state: encoded(entry.session.state), answers: encoded(Self.answers(entry.session)), origin: .repl)
        }
        if let open = group {
            store.rollbackGroup()
            for write in open.writes {
                try? write(memory)
            }
            group = WriteGroup(failed: true)
        }
        store = memory
        mode = .memory(reason: message)
        storeProblem = error.message
        notices.append(message)
    }

    // MARK: - Groups of requests (group commit)

    /// Opens a group: the writes of every request until ``endGroup()`` share one transaction, committed once by
    /// ``endGroup()``. A shell that groups requests must not write any of their replies before `endGroup()`
    /// returns: until then nothing of the group is in the database. Does nothing in memory or when a group is open.
    public func beginGroup() {
        guard isDurable, group == nil else { return }
        group = WriteGroup()
        store.beginGroup()
    }

    /// Commits the group opened by ``beginGroup()``. Returns nil when every change of the group is in the
    /// database (or there was no group); otherwise the notice that every reply of the group must carry: the
    /// changes were kept in memory only, and the service now runs in memory (nothing is lost from the sessions).
    public func endGroup() -> String? {
        guard let open = group else { return nil }
        if open.failed {
            group = nil
            return memoryReason
        }
        do {
            try store.commitGroup()
            group = nil
            return nil
        } catch {
            var notices: [String] = []
            fallBack(error, notices: &notices)
            group = nil
            return notices.last ?? memoryReason
        }
    }

    /// Remembers a write just made in the open group, to make it again in memory if the group cannot commit.
    func record(_ write: @escaping (CoachStore) throws(StoreError) -> Void) {
        guard group?.failed == false else { return }
        group?.writes.append(write)
    }

    /// A new id for a session that lives in this process only (`s-` and six characters, like stored ones).
    func newTransientID() -> String {
        while true {
            let id = SessionID.random()
            if live[id] == nil { return id }
        }
    }

    /// The full id for an id or unambiguous prefix.
    func resolve(_ id: String) throws(ServiceError) -> String {
        if transient {
            if live[id] != nil { return id }
            let matches = live.keys.filter { $0.hasPrefix(id) || $0.hasPrefix("s-" + id) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw ServiceError(.ambiguousSession, "'\(id)' matches \(matches.count) sessions; give more of the id.")
            }
            throw ServiceError(.unknownSession, "There is no session '\(id)' in this process (sessions are not saved: --no-store).")
        }
        do {
            return try store.resolveSessionID(id)
        } catch {
            throw Self.serviceError(error)
        }
    }

    static func serviceError(_ error: StoreError) -> ServiceError {
        switch error.kind {
        case .notFound: return ServiceError(.unknownSession, error.message)
        case .ambiguous: return ServiceError(.ambiguousSession, error.message)
        case .invalid, .conflict: return ServiceError(.invalid, error.message)
        default: return ServiceError(.store, error.message)
        }
    }

    func encoded<T: Encodable>(_ value: T) -> Data {
        (try? encoder.encode(value)) ?? Data("{}".utf8)
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

/// The writes of an open group of requests, kept until it commits (see ``SessionService/beginGroup()``).
struct WriteGroup {
    /// Each write of the group, to make again in memory when the group cannot commit.
    var writes: [(CoachStore) throws(StoreError) -> Void] = []
    /// True once a write of the group failed: the service went on in memory.
    var failed = false
}
