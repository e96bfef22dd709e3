import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// The event line for an accepted `event`, as the engine understood it: an answer with its typed value (or the
    /// skip an empty answer to an optional step is), or the command. Replayed on resume by ``replay(_:onto:)``.
    static func journal(for event: Event, before: Turn, session: Session) -> [JournalEntry] {
        let key = before.prompt?.step
        let step = key?.description
        switch event {
        case .answer:
            guard let key, let step else { return [] }
            if let value = session.state.answers[key] {
                // An info step seen is an event the transcript leaves out (empty text).
                let text = before.prompt?.kind == .info ? "" : value.display
                return [JournalEntry(kind: .answer, step: step, text: text, value: Data(value.jsonBytes))]
            }
            return [JournalEntry(kind: .skip, step: step, text: "skip")]
        case .skip:
            return [JournalEntry(kind: .skip, step: step, text: before.prompt?.kind == .info ? "" : "skip")]
        case .back:
            return [JournalEntry(kind: .back, step: step, text: "back")]
        case .goto(let target):
            return [JournalEntry(kind: .goto, step: target.description, text: "goto \(target)")]
        case .restart:
            return [JournalEntry(kind: .restart, step: step, text: "restart")]
        case .cancel:
            return [JournalEntry(kind: .cancel, step: step, text: "cancel")]
        }
    }

    /// The event line for a new day that relative dates count from.
    static func journal(today day: Day) -> JournalEntry {
        JournalEntry(kind: .today, text: "Dates now count from \(day.long).", value: Data(day.iso.utf8))
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

    /// Applies stored event lines to `session` through the engine, in order; returns the first line it refuses.
    static func replay(_ events: [JournalEntry], onto session: inout Session) -> JournalEntry? {
        for line in events {
            let event: Event
            switch line.kind {
            case .answer:
                guard let data = line.value, let value = try? Value(jsonBytes: [UInt8](data)) else {
                    return line
                }
                event = .answer(.value(value), step: line.step.map { StepKey($0) })
            case .skip: event = .skip(step: line.step.map { StepKey($0) })
            case .back: event = .back
            case .goto:
                guard let step = line.step else { return line }
                event = .goto(StepKey(step))
            case .restart: event = .restart
            case .cancel: event = .cancel
            case .today:
                guard let day = line.value.flatMap({ Day.parseISO(String(decoding: $0, as: UTF8.self)) }) else {
                    return line
                }
                session.setToday(day)
                continue
            case .prompt, .invalid, .output, .note, .command:
                continue
            }
            guard case .success(let turn) = session.handle(event), turn.invalid == nil else { return line }
        }
        return nil
    }
}
