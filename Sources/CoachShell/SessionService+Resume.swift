import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// Carries on a stored session where it stopped (it is read afresh from the store).
    ///
    /// When its playbook changed since it started, it resumes if every answered step still exists, with a notice
    /// saying so; otherwise it throws `playbookChanged`, and the answers stay viewable and exportable. On a later
    /// day, the new day relative dates count from is an event of its journal.
    public func resume(_ id: String) throws(ServiceError) -> SessionUpdate {
        let full = try resolve(id)
        flushPending(full)
        var (entry, notices) = try load(full)
        let day = today()
        let newDay = entry.session.state.today != day
        if newDay {
            entry.session.setToday(day)
        }
        entry.turn = entry.session.currentTurn()
        if newDay || !notices.isEmpty {
            let note = JournalEntry(kind: .note, text: "Resumed." + (notices.first.map { " " + $0 } ?? ""))
            let events = newDay ? [Self.journal(today: day)] : []
            do {
                try save(
                    &entry, id: full, journal: events + [note] + Self.journal(for: entry.turn), events: events.count,
                    snapshot: !notices.isEmpty, notices: &notices)
            } catch {
                // Another process carried the session on meanwhile: carry on from what it saved.
                entry = try load(full).entry
            }
        }
        live[full] = entry
        return SessionUpdate(sessionID: full, turn: handingOver(entry.turn, from: entry), notices: notices, title: entry.title)
    }

    /// Reads session `full` from the store into memory: its snapshot, then the later events replayed through the
    /// engine. Returns it with notices about a changed playbook.
    @discardableResult
    func load(_ full: String) throws(ServiceError) -> (entry: Live, notices: [String]) {
        let found: (StoredSession, events: [JournalEntry])?
        do {
            found = try store.sessionForResume(id: full)
        } catch {
            throw Self.serviceError(error)
        }
        guard let (stored, events) = found else {
            throw ServiceError(.unknownSession, "There is no session '\(full)'. List the sessions with: coach sessions")
        }
        let (session, notices) = try replayed(stored, events: events)
        var entry = Live(session: session, title: stored.title, account: stored.account, turn: session.currentTurn())
        entry.sinceSnapshot = events.count
        entry.seq = stored.journalSeq
        if stored.status == .completed, let last = try? store.drafts(sessionID: full).last {
            entry.lastDraft = last.outputs
        }
        live[full] = entry
        return (entry, notices)
    }

    /// The engine session of a stored one: its snapshot with `events` replayed; with notices about a changed
    /// playbook, or why it cannot be carried on.
    func replayed(_ stored: StoredSession, events: [JournalEntry]) throws(ServiceError) -> (Session, [String]) {
        let (playbook, state, notices) = try Self.check(stored, events: events, catalog: catalog)
        var session = Session(playbook: playbook, state: state)
        if let refused = Self.replay(events, onto: &session) {
            let id = stored.id
            let keep = "Its answers are kept: see them with `coach sessions export \(id) --format markdown`."
            throw ServiceError(
                .damaged,
                "Session \(id) cannot be carried on: its event \(refused.seq) (\(refused.kind.rawValue)"
                    + (refused.step.map { " '\($0)'" } ?? "")
                    + ") no longer applies to the playbook '\(playbook.id)'. \(keep)")
        }
        return (session, notices)
    }

    /// The playbook and state to carry a stored session on with, or why it cannot be.
    /// `events` are the lines to replay after the snapshot: the steps they answer must still exist too.
    static func check(
        _ stored: StoredSession, events: [JournalEntry] = [], catalog: PlaybookCatalog
    ) throws(ServiceError) -> (Playbook, SessionState, [String]) {
        let id = stored.id
        let keep = "Its answers are kept: see them with `coach sessions export \(id) --format markdown`."
        let playbook: Playbook
        switch catalog.load(stored.playbookID) {
        case .success(let found):
            playbook = found
        case .failure(.broken):
            let problem = catalog.unknownMessage(stored.playbookID)
            throw ServiceError(.brokenPlaybook, "Session \(id) cannot resume until its playbook is fixed. \(problem)\n\(keep)")
        case .failure:
            throw ServiceError(
                .playbookMissing,
                "Session \(id) follows the playbook '\(stored.playbookID)', which is not installed here. \(keep)")
        }
        guard let state = try? SessionState(jsonBytes: [UInt8](stored.state)) else {
            throw ServiceError(
                .damaged, "Session \(id) was saved in a form this Coach cannot read back, so it cannot resume. \(keep)")
        }
        guard state.playbookVersion != playbook.version else {
            return (playbook, state, [])
        }
        let change = "version \(state.playbookVersion) to \(playbook.version)"
        let replayed = events.filter { [.answer, .skip, .goto].contains($0.kind) }.compactMap(\.step)
        let missing = missingSteps(state, also: replayed, in: playbook)
        guard missing.isEmpty else {
            let list = missing.prefix(6).map { "'\($0)'" }.joined(separator: ", ") + (missing.count > 6 ? ", ..." : "")
            throw ServiceError(
                .playbookChanged,
                "The playbook '\(playbook.id)' changed since session \(id) started (\(change)): it no longer has "
                    + "\(list), so the session cannot resume. \(keep) Start afresh with `coach run \(playbook.id)`.")
        }
        return (
            playbook, state,
            [
                "The playbook '\(playbook.id)' changed since this session started (\(change)). Every answer "
                    + "still fits; any new question will be asked."
            ]
        )
    }

    /// The answered or skipped step ids (and the `also` ones) that `playbook` no longer has (`group[2].field`
    /// checks group and field).
    static func missingSteps(_ state: SessionState, also: [String] = [], in playbook: Playbook) -> [String] {
        let keys = Set(state.answers.keys).union(state.skipped).union(also.compactMap { StepKey($0) })
        return keys.sorted().filter { !playbook.contains($0) }.map(\.description)
    }

    /// Saves the session's refused answers still waiting for the next change.
    func flushPending(_ id: String) {
        guard let entry = live[id], !entry.pending.isEmpty else { return }
        guard let saved = try? store.appendJournal(sessionID: id, entries: entry.pending) else { return }
        if saved.first?.seq == entry.seq + 1 {
            live[id]?.pending = []
            live[id]?.seq = saved.last?.seq ?? entry.seq
        } else {
            // Another process changed the session meanwhile: read it afresh next time.
            live[id] = nil
        }
    }

    func storedSession(_ full: String) throws(ServiceError) -> StoredSession {
        let stored: StoredSession?
        do {
            stored = try store.session(id: full)
        } catch {
            throw Self.serviceError(error)
        }
        guard let stored else {
            throw ServiceError(.unknownSession, "There is no session '\(full)'. List the sessions with: coach sessions")
        }
        return stored
    }
}
