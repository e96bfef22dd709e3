/// One line of a session's journal, as the transcript exports see it.
public struct TranscriptLine: Sendable, Equatable {
    /// Position in the journal, from 1.
    public var seq: Int
    /// When it happened, in seconds since 1970.
    public var at: Double
    /// What it records: `prompt`, `answer`, `invalid`, `command`, `output` or `note`.
    public var kind: String
    /// The step it concerns, if any.
    public var step: String?
    /// The text shown, typed or produced.
    public var text: String

    /// A journal line with every field given.
    public init(seq: Int, at: Double, kind: String, step: String?, text: String) {
        self.seq = seq
        self.at = at
        self.kind = kind
        self.step = step
        self.text = text
    }
}
