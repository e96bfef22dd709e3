import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// Carries on a stored session where it stopped (it is read afresh from the store).
    ///
    /// When its playbook changed since it started, it resumes if every answered step still exists, with a notice
    /// saying so; otherwise it throws `playbookChanged`, and the answers stay viewable and exportable.
    public func resume(_ id: String) throws(ServiceError) -> SessionUpdate {
        let full = try resolve(id)
        if transient, var entry = live[full] {
            // Nothing is stored with --no-store: the session in this process is the only copy.
            entry.session.setToday(today())
            entry.turn = entry.session.currentTurn()
            live[full] = entry
            return SessionUpdate(sessionID: full, turn: entry.turn, title: entry.title)
        }
        flushPending(full)
        var (entry, notices) = try load(full)
        let previous = entry.session.state
        entry.session.setToday(today())
        entry.turn = entry.session.currentTurn()
        if entry.session.state != previous || notices.isEmpty == false {
            let note = JournalEntry(kind: .note, text: "Resumed." + (notices.first.map { " " + $0 } ?? ""))
            save(&entry, id: full, journal: [note] + Self.journal(for: entry.turn), notices: &notices)
        }
        live[full] = entry
        return SessionUpdate(sessionID: full, turn: entry.turn, notices: notices, title: entry.title)
    }

    /// Reads session `full` from the store into memory; returns it with notices about a changed playbook.
    @discardableResult
    func load(_ full: String) throws(ServiceError) -> (entry: Live, notices: [String]) {
        let stored = try storedSession(full)
        let (playbook, state, notices) = try Self.check(stored, catalog: catalog, decoder: decoder)
        let session = Session(playbook: playbook, state: state)
        var entry = Live(session: session, title: stored.title, account: stored.account, turn: session.currentTurn())
        if stored.status == .completed, let last = try? store.drafts(sessionID: full).last {
            entry.lastDraft = last.outputs
        }
        live[full] = entry
        return (entry, notices)
    }

    /// The playbook and state to carry a stored session on with, or why it cannot be.
    static func check(_ stored: StoredSession, catalog: PlaybookCatalog, decoder: JSONDecoder) throws(ServiceError)
        -> (Playbook, SessionState, [String])
    {
        let id = stored.id
        let keep = "Its answers are kept: see them with `coach sessions export \(id) --format markdown`."
        guard let playbook = catalog.playbook(stored.playbookID) else {
            throw ServiceError(
                .playbookMissing,
                "Session \(id) follows the playbook '\(stored.playbookID)', which is not installed here. \(keep)")
        }
        guard let state = try? decoder.decode(SessionState.self, from: stored.state) else {
            throw ServiceError(
                .damaged, "Session \(id) was saved in a form this Coach cannot read back, so it cannot resume. \(keep)")
        }
        guard state.playbookVersion != playbook.version else {
            return (playbook, state, [])
        }
        let change = "version \(state.playbookVersion) to \(playbook.version)"
        let missing = missingSteps(state, in: playbook)
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

    /// The answered or skipped step ids that `playbook` no longer has (`group[2].field` checks group and field).
    static func missingSteps(_ state: SessionState, in playbook: Playbook) -> [String] {
        Set(state.answers.keys).union(state.skipped).sorted().filter { !playbook.contains($0) }.map(\.description)
    }

    func flushPending(_ id: String) {
        guard let entry = live[id], !entry.pending.isEmpty else { return }
        if (try? store.appendJournal(sessionID: id, entries: entry.pending)) != nil {
            record { store throws(StoreError) in try store.appendJournal(sessionID: id, entries: entry.pending) }
            live[id]?.pending = []
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
