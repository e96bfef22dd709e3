import GRDB

/// Where a session stands: still asking, completed, or cancelled.
public enum SessionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The session still has questions to ask.
    case asking
    /// Every question was answered and the session was finished.
    case completed
    /// The user abandoned the session.
    case cancelled
}

extension SessionStatus: DatabaseValueConvertible {}
