import CoachCore
import CoachStore

extension SessionService {
    /// The journal lines for an accepted `event`: the answer given (as understood) or the command.
    static func journal(for event: Event, before: Turn, session: Session) -> [JournalEntry] {
        let key = before.prompt?.step
        let step = key?.description
        switch event {
        case .answer:
            guard let key, let step, before.prompt?.kind != .info else { return [] }
            if let value = session.state.answers[key] {
                return [JournalEntry(kind: .answer, step: step, text: value.display)]
            }
            return [JournalEntry(kind: .answer, step: step, text: "(skipped)")]
        case .skip:
            return [JournalEntry(kind: .command, step: step, text: "skip")]
        case .back:
            return [JournalEntry(kind: .command, step: step, text: "back")]
        case .goto(let target):
            return [JournalEntry(kind: .command, step: step, text: "goto \(target)")]
        case .restart:
            return [JournalEntry(kind: .command, step: step, text: "restart")]
        case .cancel:
            return [JournalEntry(kind: .command, step: step, text: "cancel")]
        }
    }

    /// The journal lines for what a turn shows: the question asked, or the finished drafts.
    static func journal(for turn: Turn) -> [JournalEntry] {
        switch turn.status {
        case .asking:
            guard let prompt = turn.prompt else { return [] }
            return [JournalEntry(kind: .prompt, step: prompt.step.description, text: prompt.text)]
        case .completed:
            return (turn.outputs ?? []).map { JournalEntry(kind: .output, step: $0.id, text: $0.fullText) }
        case .cancelled:
            return [JournalEntry(kind: .note, text: "The session was cancelled.")]
        }
    }
}
