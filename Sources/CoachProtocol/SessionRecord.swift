import CoachCore

/// A session as a repository keeps it: the engine's state plus what lists and resumes need.
public struct SessionRecord: Sendable, Equatable {
    /// The session id (`s-7k3m9q`); empty before the repository gives it one.
    public var id: String
    public var playbookID: String
    public var playbookVersion: Int
    /// The playbook's title, for lists.
    public var title: String
    /// The account the session is about, when the client named one.
    public var account: String?
    /// Everything the engine needs to carry on.
    public var state: SessionState
    /// The step being asked, if any.
    public var currentStep: String?
    public var answered: Int
    public var total: Int
    /// Seconds since 1970.
    public var createdAt: Double
    /// Seconds since 1970.
    public var updatedAt: Double
    /// The answers on the route, readable without the playbook; filled only for repositories that keep them.
    public var answers: [Answer]?

    /// One answered step as people read it.
    public struct Answer: Sendable, Equatable, Codable {
        public var step: String
        public var question: String
        public var answer: String

        /// An answer to `step`.
        public init(step: String, question: String, answer: String) {
            self.step = step
            self.question = question
            self.answer = answer
        }
    }

    /// A record with every field given.
    public init(
        id: String, playbookID: String, playbookVersion: Int, title: String, account: String?, state: SessionState,
        currentStep: String?, answered: Int, total: Int, createdAt: Double, updatedAt: Double, answers: [Answer]? = nil
    ) {
        self.id = id
        self.playbookID = playbookID
        self.playbookVersion = playbookVersion
        self.title = title
        self.account = account
        self.state = state
        self.currentStep = currentStep
        self.answered = answered
        self.total = total
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.answers = answers
    }

    /// The record without its state, for lists.
    public var listing: SessionListing {
        SessionListing(
            id: id, playbookID: playbookID, title: title, account: account, status: state.status,
            currentStep: currentStep, answered: answered, total: total, createdAt: createdAt, updatedAt: updatedAt)
    }
}
