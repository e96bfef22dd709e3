import CoachCore

/// One line of `session/list`: a session without its engine state.
public struct SessionListing: Sendable, Equatable {
    public var id: String
    public var playbookID: String
    public var title: String
    public var account: String?
    public var status: SessionStatus
    public var currentStep: String?
    public var answered: Int
    public var total: Int
    /// Seconds since 1970.
    public var createdAt: Double
    /// Seconds since 1970.
    public var updatedAt: Double

    /// A listing with every field given.
    public init(
        id: String, playbookID: String, title: String, account: String?, status: SessionStatus, currentStep: String?,
        answered: Int, total: Int, createdAt: Double, updatedAt: Double
    ) {
        self.id = id
        self.playbookID = playbookID
        self.title = title
        self.account = account
        self.status = status
        self.currentStep = currentStep
        self.answered = answered
        self.total = total
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
