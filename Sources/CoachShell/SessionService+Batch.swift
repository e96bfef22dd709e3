import CoachCore
import CoachStore

extension SessionService {
    /// Stores a session that ran elsewhere in one go (a batch run from an answers file), with its answers in the
    /// journal and, when it is complete, its drafts and account facts.
    public func record(_ session: Session, origin: SessionOrigin) -> SessionUpdate {
        let turn = session.currentTurn()
        let account = session.state.answers["client"].map { Self.tidy($0.display) }
        var entry = Live(
            session: session, title: Self.title(session: session, account: account), account: account, turn: turn)
        var notices: [String] = []
        let id = create(&entry, origin: origin, journal: [], notices: &notices)
        let answers = Self.answers(session).map { JournalEntry(kind: .answer, step: $0.step, text: $0.answer) }
        save(&entry, id: id, journal: answers + Self.journal(for: turn), notices: &notices)
        var version: Int?
        if turn.status == .completed {
            version = saveDraft(&entry, id: id, notices: &notices)
        }
        live[id] = entry
        return SessionUpdate(sessionID: id, turn: turn, notices: notices, draftVersion: version, title: entry.title)
    }
}
