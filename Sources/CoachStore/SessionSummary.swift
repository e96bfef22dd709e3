/// A session as listed: everything but the engine state and the answers.
public struct SessionSummary: Sendable, Hashable {
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
    /// When it started, in seconds since 1970.
    public var createdAt: Double
    /// When it last changed, in seconds since 1970.
    public var updatedAt: Double
    /// The front end that started it.
    public var origin: SessionOrigin

    /// A listing row (the store builds these; services without a store build them for their own sessions).
    public init(
        id: String, playbookID: String, playbookVersion: Int, title: String, status: SessionStatus, account: String?,
        currentStep: String?, answered: Int, total: Int, createdAt: Double, updatedAt: Double, origin: SessionOrigin
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.origin = origin
    }
}
