/// What a journal line records.
public enum JournalKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A question shown to the user.
    case prompt
    /// An answer the engine accepted.
    case answer
    /// An answer the engine rejected, with the reason.
    case invalid
    /// A command the user typed (back, skip, review, ...).
    case command
    /// An output the session rendered.
    case output
    /// A free-form note.
    case note
}
