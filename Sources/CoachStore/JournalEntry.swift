import Foundation

/// One line of a session's append-only journal: an event, or a line of its transcript.
public struct JournalEntry: Sendable, Hashable {
    /// Position in the session's journal, from 1; assigned by the store (0 until appended).
    public var seq: Int
    /// When it happened, in seconds since 1970 (0 means "now" when appended).
    public var at: Double
    /// What the line records.
    public var kind: JournalKind
    /// The step it concerns, if any (for `goto`, the step gone to).
    public var step: String?
    /// The text shown, typed or produced; empty for an event the transcript leaves out.
    public var text: String
    /// An answer's typed value as JSON, replayed on resume.
    public var value: Data?

    /// Creates an entry to append; `at: 0` lets the store stamp the current time.
    public init(
        kind: JournalKind, step: String? = nil, text: String, value: Data? = nil, at: Double = 0, seq: Int = 0
    ) {
        self.seq = seq
        self.at = at
        self.kind = kind
        self.step = step
        self.text = text
        self.value = value
    }
}
