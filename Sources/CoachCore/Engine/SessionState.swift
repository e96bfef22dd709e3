/// Everything a session is, as plain data: store it, send it, decode it and carry on.
public struct SessionState: Sendable, Codable, Equatable {
    public var playbookID: String
    public var playbookVersion: Int
    /// Answers by prompt id (`client`, `risks[2].owner`, `risks[2].more`).
    public var answers: [String: Value]
    /// Optional steps the user skipped.
    public var skipped: Set<String>
    /// The answered step the user went back to, while it is being asked again.
    public var revisit: String?
    /// Invalid answers in a row on the current step.
    public var attempts: Int
    public var status: SessionStatus
    /// The day relative dates (`today`, `+3d`, `friday`) count from.
    public var today: Day
    /// Remembered or carried-over answers offered as defaults.
    public var prefill: [String: Prefill]
    /// The currency of the account's remembered amounts: what a bare amount takes before any amount is answered.
    public var currency: String?

    /// A default offered for a step, with where it came from.
    public struct Prefill: Sendable, Codable, Equatable {
        public var text: String
        public var note: String?
        public init(text: String, note: String? = nil) {
            self.text = text
            self.note = note
        }
    }

    /// A fresh state for `playbook`.
    public init(playbook: Playbook, today: Day, prefill: [String: Prefill] = [:], currency: String? = nil) {
        self.playbookID = playbook.id
        self.playbookVersion = playbook.version
        self.answers = [:]
        self.skipped = []
        self.revisit = nil
        self.attempts = 0
        self.status = .asking
        self.today = today
        self.prefill = prefill
        self.currency = currency
    }
}
