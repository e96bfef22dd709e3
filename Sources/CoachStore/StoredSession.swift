import Foundation

/// A session as stored, with the engine's state and the answers as opaque JSON.
public struct StoredSession: Sendable, Hashable {
    /// The session id, like `s-7k3m9q`.
    public var id: String
    /// The playbook it follows.
    public var playbookID: String
    /// The playbook's version when the session started.
    public var playbookVersion: Int
    /// A human title.
    public var title: String
    /// Asking, completed or cancelled.
    public var status: SessionStatus
    /// The account it is about, if known.
    public var account: String?
    /// The step being asked, if any.
    public var currentStep: String?
    /// How many questions were answered.
    public var answered: Int
    /// How many questions there are in all.
    public var total: Int
    /// The engine's state as of journal line ``snapshotSeq``, as opaque JSON.
    public var state: Data
    /// The answers as of the snapshot, as opaque JSON.
    public var answers: Data
    /// When it started, in seconds since 1970.
    public var createdAt: Double
    /// When it last changed, in seconds since 1970.
    public var updatedAt: Double
    /// The front end that started it.
    public var origin: SessionOrigin
    /// The number of its last journal line.
    public var journalSeq: Int = 0
    /// The journal line its state was saved after: the events after it are replayed on resume.
    public var snapshotSeq: Int = 0

    /// A session as stored.
    public init(
        id: String, playbookID: String, playbookVersion: Int, title: String, status: SessionStatus, account: String?,
        currentStep: String?, answered: Int, total: Int, state: Data, answers: Data, createdAt: Double,
        updatedAt: Double, origin: SessionOrigin, journalSeq: Int = 0, snapshotSeq: Int = 0
    ) {
        self.id = id
        self.playbookID = playbookID
        self.playbookVersion = playbookVersion
        self.title = title
        self.status = status
        self.account = account
        self.currentStep = currentStep
        self.answered = answered
        self.total = total
        self.state = state
        self.answers = answers
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.origin = origin
        self.journalSeq = journalSeq
        self.snapshotSeq = snapshotSeq
    }

    /// The same session without its state and answers.
    public var summary: SessionSummary {
        SessionSummary(
            id: id, playbookID: playbookID, playbookVersion: playbookVersion, title: title, status: status,
            account: account, currentStep: currentStep, answered: answered, total: total, createdAt: createdAt,
            updatedAt: updatedAt, origin: origin)
    }
}
