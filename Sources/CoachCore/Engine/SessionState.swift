/// Everything a session is, as plain data: store it, send it, decode it and carry on.
///
/// Where the session stands (asking, completed, cancelled) is not kept here: it follows from the answers and the
/// `cancelled` flag (`Session.status`).
public struct SessionState: Sendable, Equatable {
    public var playbookID: String
    public var playbookVersion: Int
    /// Answers by prompt (`client`, `risks[2].owner`, `risks[2].more`).
    public var answers: [StepKey: Value]
    /// Optional steps the user skipped.
    public var skipped: Set<StepKey>
    /// The answered step the user went back to, while it is being asked again.
    public var revisit: StepKey?
    /// Invalid answers in a row on the current step.
    public var attempts: Int
    /// Whether the session was stopped (only a restart carries it on).
    public var cancelled: Bool
    /// The day relative dates (`today`, `+3d`, `friday`) count from.
    public var today: Day
    /// Remembered or carried-over answers offered as defaults, by top-level step id.
    public var prefill: [String: Prefill]
    /// The currency of the account's remembered amounts: what a bare amount takes before any amount is answered.
    public var currency: String?

    /// A default offered for a step, with where it came from.
    public struct Prefill: Sendable, Equatable {
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
        self.cancelled = false
        self.today = today
        self.prefill = prefill
        self.currency = currency
    }
}
