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
        self.cancelled = false
        self.today = today
        self.prefill = prefill
        self.currency = currency
    }
}

extension SessionState: Codable {
    enum CodingKeys: String, CodingKey {
        case playbookID, playbookVersion, answers, skipped, revisit, attempts, cancelled, today, prefill, currency
        /// What states stored before `cancelled` kept instead (`"status": "cancelled"`).
        case status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        playbookID = try c.decode(String.self, forKey: .playbookID)
        playbookVersion = try c.decode(Int.self, forKey: .playbookVersion)
        answers = try c.decode([StepKey: Value].self, forKey: .answers)
        skipped = try c.decode(Set<StepKey>.self, forKey: .skipped)
        revisit = try c.decodeIfPresent(StepKey.self, forKey: .revisit)
        attempts = try c.decode(Int.self, forKey: .attempts)
        if let flag = try c.decodeIfPresent(Bool.self, forKey: .cancelled) {
            cancelled = flag
        } else {
            cancelled = try c.decodeIfPresent(String.self, forKey: .status) == "cancelled"
        }
        today = try c.decode(Day.self, forKey: .today)
        prefill = try c.decode([String: Prefill].self, forKey: .prefill)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(playbookID, forKey: .playbookID)
        try c.encode(playbookVersion, forKey: .playbookVersion)
        try c.encode(answers, forKey: .answers)
        try c.encode(skipped, forKey: .skipped)
        try c.encodeIfPresent(revisit, forKey: .revisit)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encode(today, forKey: .today)
        try c.encode(prefill, forKey: .prefill)
        try c.encodeIfPresent(currency, forKey: .currency)
    }
}
