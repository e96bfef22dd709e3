import Foundation

/// What one accepted change of a session saves: its listing columns, its new journal lines and, now and then, a
/// snapshot of the engine's state.
public struct SessionProgress: Sendable {
    /// The engine's state and the answers with their questions, both as opaque JSON.
    public struct Snapshot: Sendable, Hashable {
        public var state: Data
        public var answers: Data

        public init(state: Data, answers: Data) {
            self.state = state
            self.answers = answers
        }
    }

    public var sessionID: String
    public var status: SessionStatus
    public var currentStep: String?
    public var answered: Int
    public var total: Int
    /// A new title, or nil to keep it.
    public var title: String?
    /// The account, nil to keep it, or empty to file the session under no account.
    public var account: String?
    /// The state as of the last of `journal`, or nil to keep the older snapshot (the events replay onto it).
    public var snapshot: Snapshot?
    /// The lines to append.
    public var journal: [JournalEntry]
    /// The session's version (its last journal line) the change was made against, or nil to append after whatever
    /// is there. When the session has moved on since, the change is refused as stale and nothing of it is saved.
    public var expectedSeq: Int?

    public init(
        sessionID: String, status: SessionStatus, currentStep: String?, answered: Int, total: Int,
        title: String? = nil, account: String? = nil, snapshot: Snapshot? = nil, journal: [JournalEntry] = [],
        expectedSeq: Int? = nil
    ) {
        self.expectedSeq = expectedSeq
        self.sessionID = sessionID
        self.status = status
        self.currentStep = currentStep
        self.answered = answered
        self.total = total
        self.title = title
        self.account = account
        self.snapshot = snapshot
        self.journal = journal
    }
}

/// A new session to save with its first journal lines (see ``CoachStore/save(_:)``).
public struct SessionStart: Sendable {
    public var id: String
    public var playbookID: String
    public var playbookVersion: Int
    public var title: String
    public var account: String?
    public var currentStep: String?
    public var answered: Int
    public var total: Int
    /// The state after `journal`.
    public var snapshot: SessionProgress.Snapshot
    public var origin: SessionOrigin
    public var journal: [JournalEntry]

    public init(
        id: String, playbookID: String, playbookVersion: Int, title: String, account: String?, currentStep: String?,
        answered: Int, total: Int, snapshot: SessionProgress.Snapshot, origin: SessionOrigin, journal: [JournalEntry]
    ) {
        self.id = id
        self.playbookID = playbookID
        self.playbookVersion = playbookVersion
        self.title = title
        self.account = account
        self.currentStep = currentStep
        self.answered = answered
        self.total = total
        self.snapshot = snapshot
        self.origin = origin
        self.journal = journal
    }
}

/// One change to save: a session started, or an accepted change of one.
public enum SessionChange: Sendable {
    case start(SessionStart)
    case progress(SessionProgress)

    /// The session it changes.
    public var sessionID: String {
        switch self {
        case .start(let start): return start.id
        case .progress(let progress): return progress.sessionID
        }
    }

    /// The journal lines it appends.
    public var journal: [JournalEntry] {
        switch self {
        case .start(let start): return start.journal
        case .progress(let progress): return progress.journal
        }
    }
}
