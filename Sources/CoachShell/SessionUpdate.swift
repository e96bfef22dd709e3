import CoachCore

/// What the session service returns for a start, an event or a resume: the engine's turn, already saved.
public struct SessionUpdate: Sendable, Equatable {
    /// The session id, like `s-7k3m9q`.
    public var sessionID: String
    /// The engine's turn.
    public var turn: Turn
    /// Sentences to show: a remembered account, a changed playbook, a store that stopped working.
    public var notices: [String]
    /// The draft version saved by this update, when it completed the session.
    public var draftVersion: Int?
    /// The session's title, as stored.
    public var title: String

    /// An update with every field given.
    public init(sessionID: String, turn: Turn, notices: [String] = [], draftVersion: Int? = nil, title: String) {
        self.sessionID = sessionID
        self.turn = turn
        self.notices = notices
        self.draftVersion = draftVersion
        self.title = title
    }
}
