import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// Stores a session that ran elsewhere in one go (a batch run from an answers file), with its answers in the
    /// journal and, when it is complete, its drafts and account facts.
    ///
    /// Throws only when a shared store (a fleet's database) fails: then nothing is kept in memory instead.
    public func record(_ session: Session, origin: SessionOrigin) throws(ServiceError) -> SessionUpdate {
        let turn = session.currentTurn()
        let account = Self.account(of: session, current: nil)
        var entry = Live(
            session: session, title: Self.title(session: session, account: account), account: account, turn: turn)
        var notices: [String] = []
        let id = try create(&entry, origin: origin, journal: [], notices: &notices)
        // The answers are recorded with their typed values; the snapshot saved with them is the state they made.
        let answers = session.answeredSteps().map { step in
            JournalEntry(
                kind: .answer, step: step.key.description, text: step.answer,
                value: session.state.answers[step.key].map { Data($0.jsonBytes) })
        }
        // A session no other process knows yet cannot be stale; only a shared store that failed throws here.
        do {
            try save(
                &entry, id: id, journal: answers + Self.journal(for: turn), events: answers.count, snapshot: true,
                notices: &notices)
        } catch {
            throw Self.serviceError(error)
        }
        var version: Int?
        if turn.status == .completed {
            version = try saveDraft(&entry, id: id, notices: &notices)
        }
        live[id] = entry
        return SessionUpdate(sessionID: id, turn: turn, notices: notices, draftVersion: version, title: entry.title)
    }
}
