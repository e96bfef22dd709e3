import GRDB

/// What a journal line records: an event of the session (replayed on resume), or a line of its transcript.
public enum JournalKind: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// An answer the engine accepted, with its typed value (an event).
    case answer
    /// An optional step skipped (an event).
    case skip
    /// Back one step (an event).
    case back
    /// To an earlier step, named by the line's step (an event).
    case goto
    /// Started again with no answers (an event).
    case restart
    /// The session stopped (an event).
    case cancel
    /// The day relative dates count from, in the line's text as `YYYY-MM-DD` (an event).
    case today
    /// A question shown to the user.
    case prompt
    /// An answer the engine rejected, with the reason.
    case invalid
    /// An output the session rendered.
    case output
    /// A free-form note.
    case note
    /// A command of a database written before events were kept apart (shown, never replayed).
    case command

    /// Whether the line is an event, replayed through the engine on resume.
    public var isEvent: Bool {
        switch self {
        case .answer, .skip, .back, .goto, .restart, .cancel, .today: return true
        case .prompt, .invalid, .output, .note, .command: return false
        }
    }

    /// The kind a transcript shows: events other than answers read as commands, a new day as a note.
    public var transcriptKind: String {
        switch self {
        case .skip, .back, .goto, .restart, .cancel, .command: return "command"
        case .today, .note: return "note"
        case .answer, .prompt, .invalid, .output: return rawValue
        }
    }

    /// The kinds that are events, as stored.
    public static let events = allCases.filter(\.isEvent)
}
