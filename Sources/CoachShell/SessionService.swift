import CoachCore
import CoachStore
import Foundation

/// The one place that runs sessions durably, for every shell (REPL, protocol, command line).
///
/// Each accepted event is appended to the session's journal (with its transcript lines, the listing columns and
/// now and then a snapshot of the engine's state) in one transaction before the turn is returned, so a shell may
/// acknowledge whatever it gets back. Sessions not yet live are read back as their snapshot plus a replay of the
/// later events. With `--no-store`, or when the store cannot be opened or written, the same happens in a
/// ``MemoryStore`` (in this process's memory), and the service says so once.
public final class SessionService {
    /// Where sessions are kept right now.
    public enum Mode: Equatable, Sendable {
        /// In the store at this location (an SQLite file's path, or a PostgreSQL URL without its password).
        case database(path: String)
        /// In memory only (a ``MemoryStore``): `--no-store`, or the store failed (the reason says why).
        case memory(reason: String)
    }

    /// A session being run in this process.
    struct Live {
        var session: Session
        var title: String
        var account: String?
        /// The turn last shown, so that journal lines can name the step an answer was for.
        var turn: Turn
        /// Journal lines not yet saved (refused answers wait for the next save).
        var pending: [JournalEntry] = []
        /// The outputs of the last saved draft, to avoid saving the same draft twice.
        var lastDraft: Data?
        /// Events saved since the stored snapshot (a resume replays them).
        var sinceSnapshot = 0
        /// The session's version this copy is at: the number of its last journal line, saved or in the open group.
        /// Another process may have changed the session since: each request checks it against the store.
        var seq = 0
    }

    let catalog: PlaybookCatalog
    /// The store sessions are saved in (see ``store``).
    var backing: any SessionStore
    /// Where sessions are kept right now.
    public internal(set) var mode: Mode
    /// The store's own message when it could not be opened or written (nil while it works, and with --no-store).
    public internal(set) var storeProblem: String?
    let today: () -> Day
    let now: () -> Double
    var live = LiveTable()
    /// The open group of requests (``beginGroup()``): their changes are saved in one transaction.
    var group: WriteGroup?
    /// The sessions of the last group (``endGroup()``) whose changes were not saved because another process changed
    /// them first: the replies about them must be refused as stale (``staleRefusals()``).
    public internal(set) var staleInLastGroup: Set<String> = []
    /// Sessions of the last group whose changes a shared store failed to save, with the error for their replies.
    public internal(set) var unsavedInLastGroup: [String: ServiceError] = [:]

    /// A service over `store`; `mode` says whether it is durable.
    public init(
        catalog: PlaybookCatalog, store: any SessionStore, mode: Mode, today: @escaping () -> Day,
        now: @escaping () -> Double = CoachStore.now
    ) {
        self.catalog = catalog
        self.backing = store
        self.mode = mode
        self.today = today
        self.now = now
    }

    /// True when sessions are saved in the database (false in memory).
    public var isDurable: Bool {
        if case .database = mode { return true }
        return false
    }

    /// The kind of store sessions are kept in right now (``SessionStore/persistence``): `sqlite`, `postgres` or
    /// `memory`, also after the service fell back to memory.
    public var persistence: String { backing.persistence }

    /// Why the service runs in memory, or nil when it saves to the database.
    public var memoryReason: String? {
        if case .memory(let reason) = mode { return reason }
        return nil
    }

    /// The playbooks the service runs.
    public var playbooks: PlaybookCatalog { catalog }

    // MARK: - Running sessions

    /// Starts `playbookID` (for `account` when given) and saves it; remembered account facts become defaults.
    ///
    /// - Parameters:
    ///   - account: the account the session is for; it answers the playbook's account step by default.
    ///   - prefill: answers to offer as defaults, by step id; they win over remembered facts. Each is checked as
    ///     its step checks an answer (``checkedPrefill(_:for:note:)``): one that does not fit is refused with the
    ///     step and the reason, unless `dropInvalidPrefill`, when it is left out and a notice says why.
    ///   - prefillNote: where those answers come from ("from Post-escalation recovery"), shown beside them.
    public func start(
        playbookID: String, account: String? = nil, prefill: [String: String] = [:], prefillNote: String? = nil,
        dropInvalidPrefill: Bool = false, origin: SessionOrigin
    ) throws(ServiceError) -> SessionUpdate {
        let playbook: Playbook
        switch catalog.load(playbookID) {
        case .success(let found): playbook = found
        case .failure(let problem):
            guard case .broken = problem else { throw ServiceError(.unknownPlaybook, catalog.unknownMessage(playbookID)) }
            throw ServiceError(.brokenPlaybook, problem.description)
        }
        var notices: [String] = []
        var given = prefill
        let accountName = account.map(Self.tidy).flatMap { $0.isEmpty ? nil : $0 }
        if let accountName, let step = playbook.accountStep, given[step] == nil {
            given[step] = accountName
        }
        // The account's name answers the account step unless a pre-filled answer does.
        let namesAccount = accountName != nil && playbook.accountStep.map { prefill[$0] == nil } == true
        var defaults: [String: SessionState.Prefill]
        do {
            defaults = try checkedPrefill(given, for: playbook, note: prefillNote)
        } catch {
            guard dropInvalidPrefill else {
                var refused = error
                if namesAccount, error.field == playbook.accountStep.map({ "prefill.\($0)" }) {
                    refused.field = "account"
                }
                throw refused
            }
            defaults = [:]
            for (step, text) in given {
                if let one = try? checkedPrefill([step: text], for: playbook, note: prefillNote) {
                    defaults.merge(one) { a, _ in a }
                }
            }
            notices.append("Not carried over: \(error.message)")
        }
        if namesAccount, let step = playbook.accountStep {
            // The account's own name is not a carried-over answer: no note beside it.
            defaults[step]?.note = nil
        }
        var currency: String?
        if let accountName {
            let memory = remembered(account: accountName, playbook: playbook)
            let offered = memory.defaults.filter { defaults[$0.key] == nil }
            defaults.merge(offered) { given, _ in given }
            currency = memory.currency
            if let notice = Self.rememberedNotice(account: accountName, defaults: offered, playbook: playbook) {
                notices.append(notice)
            }
        }
        let session = Session(playbook: playbook, today: today(), prefill: defaults, currency: currency)
        let turn = session.currentTurn()
        let title = Self.title(session: session, account: accountName)
        var entry = Live(session: session, title: title, account: accountName, turn: turn)
        let id = try create(&entry, origin: origin, notices: &notices)
        live[id] = entry
        return SessionUpdate(sessionID: id, turn: turn, notices: notices, title: title)
    }

    /// The answers to offer as defaults in a new session of `playbook`, each checked as its step would check it
    /// (a choice that exists, a date that is a date, an amount). This is the one check of pre-filled answers for
    /// every shell. Throws `invalid` saying every answer at fault, with ``ServiceError/field`` naming the first
    /// (`prefill.budget`).
    public func checkedPrefill(_ prefill: [String: String], for playbook: Playbook, note: String?) throws(ServiceError)
        -> [String: SessionState.Prefill]
    {
        let context = AnswerContext(today: today(), currency: .assumed(playbook.currency ?? "$"))
        var problems: [(step: String, message: String)] = []
        for step in prefill.keys.sorted() where playbook.step(step)?.kind.asks != true {
            problems.append((step, "'\(playbook.id)' has no question '\(step)' to pre-fill"))
        }
        var defaults: [String: SessionState.Prefill] = [:]
        for step in playbook.steps {
            guard let text = prefill[step.id], step.kind.asks else { continue }
            if case .failure(let reason) = AnswerParser.parse(.text(text), for: step, context: context) {
                problems.append((step.id, "'\(step.id)' cannot be pre-filled with '\(Self.short(text))': \(reason.message)"))
            } else {
                defaults[step.id] = SessionState.Prefill(text: text, note: note)
            }
        }
        guard let first = problems.first else { return defaults }
        var error = ServiceError(.invalid, problems.map(\.message).joined(separator: "; "))
        error.field = "prefill.\(first.step)"
        throw error
    }

    /// Applies `event` to session `id` (loading it from the store if needed), saves the result and returns it.
    ///
    /// A refused event throws `refused` and changes nothing. An invalid answer is returned (re-ask with a
    /// reason) and its journal line is saved with the next accepted change.
    public func apply(_ id: String, _ event: Event) throws(ServiceError) -> SessionUpdate {
        // Taken out of the table while the engine works on it, so that its answers are not shared with the table's
        // copy and an accepted answer does not copy them all; every path below puts it back.
        var (id, entry) = try liveSession(id, taking: true)
        let before = entry.turn
        let accountBefore = AccountStepAnswer(entry.session)
        let turn: Turn
        switch entry.session.handle(event) {
        case .failure(let refusal):
            // A refused event changes nothing but the engine's caches.
            live[id] = entry
            throw ServiceError(.refused, refusal.message, refusal: refusal)
        case .success(let next):
            turn = next
        }
        let session = entry.session
        var notices: [String] = []
        entry.turn = turn
        if let invalid = turn.invalid {
            entry.pending.append(
                JournalEntry(kind: .invalid, step: before.prompt?.step.description, text: "\(event.typedText) (\(invalid.message))"))
            live[id] = entry
            return SessionUpdate(sessionID: id, turn: turn, title: entry.title)
        }
        var journal = entry.pending
        entry.pending = []
        let events = Self.journal(for: event, before: before, session: session)
        journal += events
        notices += followAccount(&entry, before: accountBefore)
        journal += Self.journal(for: entry.turn)
        entry.title = Self.title(session: entry.session, account: entry.account)
        var version: Int?
        do {
            try save(&entry, id: id, journal: journal, events: events.count, notices: &notices)
        } catch  where error.kind == .stale {
            throw staleRefusal(id)
        } catch {
            // A shared store failed: nothing was saved, and the copy taken out above is not put back.
            throw Self.serviceError(error)
        }
        if entry.turn.status == .completed {
            version = try saveDraft(&entry, id: id, notices: &notices)
        }
        live[id] = entry
        return SessionUpdate(
            sessionID: id, turn: handingOver(entry.turn, from: entry), notices: notices, draftVersion: version,
            title: entry.title)
    }

    /// The turn of a session as it stands, loading it from the store if needed; nothing is saved.
    public func current(_ id: String) throws(ServiceError) -> SessionUpdate {
        let (id, entry) = try liveSession(id)
        // Only a summary of the last turn is kept in memory: build the whole turn again.
        let turn = handingOver(entry.session.currentTurn(), from: entry)
        return SessionUpdate(sessionID: id, turn: turn, title: entry.title)
    }

    /// The engine session behind `id`, loading it from the store if needed (for previews and completion).
    public func session(_ id: String) throws(ServiceError) -> Session {
        try liveSession(id).1.session
    }

    /// Saves journal lines still waiting (refused answers) for every live session; call before quitting.
    public func flush() {
        for (id, entry) in live where !entry.pending.isEmpty {
            flushPending(id)
        }
    }

    /// Forgets the in-memory copy of session `id`; the stored one stays.
    public func close(_ id: String) {
        flush()
        live[id] = nil
    }

    /// The live session with this id or prefix, loaded from the store when it is not live yet or when another
    /// process changed it since; and its full id. With `taking`, a live session is removed from the table (the
    /// caller puts it back).
    func liveSession(_ id: String, taking: Bool = false) throws(ServiceError) -> (String, Live) {
        if let entry = try current(live: id, taking: taking) {
            return (id, entry)
        }
        let full = try resolve(id)
        if let entry = try current(live: full, taking: taking) {
            return (full, entry)
        }
        return (full, try load(full).entry)
    }

    /// The live copy of session `id` when it is the session's latest version in the store (read afresh, without
    /// saving the open group); nil when there is no live copy or it is out of date (it is then forgotten).
    func current(live id: String, taking: Bool) throws(ServiceError) -> Live? {
        guard let entry = taking ? live.take(id) : live[id] else {
            return nil
        }
        // Only this process writes an in-memory store, and the open group's changes are this copy's own.
        if !isDurable || group?.touched.contains(id) == true {
            return entry
        }
        let version: Int?
        do {
            version = try backing.sessionVersion(id: id)
        } catch {
            if taking { live[id] = entry }
            throw Self.serviceError(error)
        }
        if version == entry.seq {
            return entry
        }
        live[id] = nil
        if version == nil {
            throw ServiceError(.unknownSession, "There is no session '\(id)' any more: it was deleted elsewhere.")
        }
        return nil
    }

    /// The refusal for a change to session `id` made against a version another process had already replaced: the
    /// session is read afresh, and the refusal names the step it now asks.
    func staleRefusal(_ id: String) -> ServiceError {
        live[id] = nil
        let step = (try? load(id))?.entry.turn.prompt?.step
        let asking = step.map { "the step being asked is now '\($0)'" } ?? "it is no longer asking anything"
        return ServiceError(
            .refused, "The session was changed elsewhere at the same time, and \(asking); nothing was changed.",
            refusal: Refusal(kind: .staleStep, message: "The session was changed elsewhere; \(asking).", current: step))
    }
}

/// The sessions running in this process. A finished session's drafts are dropped from its kept turn: they are
/// rendered again on demand, so thousands of finished sessions do not hold thousands of drafts in memory.
struct LiveTable: Sequence {
    /// What is kept of a session between events: the engine session and a small summary of its last turn (its
    /// step, kind, status and progress) instead of the whole turn, so thousands of open sessions stay small.
    struct Kept {
        var session: Session
        var title: String
        var account: String?
        var status: CoachCore.SessionStatus
        var step: StepKey?
        var kind: InputKind?
        var progress: CoachCore.Progress
        var pending: [JournalEntry]
        var lastDraft: Data?
        var sinceSnapshot: Int
        var seq: Int

        init(_ live: SessionService.Live) {
            session = live.session
            title = live.title
            account = live.account
            status = live.turn.status
            step = live.turn.prompt?.step
            kind = live.turn.prompt?.kind
            progress = live.turn.progress
            pending = live.pending
            lastDraft = live.lastDraft
            sinceSnapshot = live.sinceSnapshot
            seq = live.seq
        }

        var live: SessionService.Live {
            let turn: Turn
            switch status {
            case .asking: turn = .asking(Prompt.named(step ?? "", kind: kind ?? .text), progress: progress)
            case .completed: turn = .completed([], progress: progress)
            case .cancelled: turn = .cancelled(progress: progress)
            }
            var live = SessionService.Live(session: session, title: title, account: account, turn: turn)
            live.pending = pending
            live.lastDraft = lastDraft
            live.sinceSnapshot = sinceSnapshot
            live.seq = seq
            return live
        }
    }

    private var entries: [String: Kept] = [:]

    subscript(id: String) -> SessionService.Live? {
        get { entries[id]?.live }
        set { entries[id] = newValue.map(Kept.init) }
    }

    /// Removes and returns session `id`.
    mutating func take(_ id: String) -> SessionService.Live? {
        entries.removeValue(forKey: id)?.live
    }

    var keys: Dictionary<String, Kept>.Keys { entries.keys }
    var count: Int { entries.count }

    func makeIterator() -> AnyIterator<(key: String, value: SessionService.Live)> {
        var inner = entries.makeIterator()
        return AnyIterator { inner.next().map { (key: $0.key, value: $0.value.live) } }
    }
}

extension Event {
    /// The text a user typed or a bot sent for this event, for the journal.
    var typedText: String {
        switch self {
        case .answer(let input, _): return input.text
        case .skip: return "skip"
        case .back: return "back"
        case .goto(let step): return "goto \(step)"
        case .restart: return "restart"
        case .cancel: return "cancel"
        }
    }
}
