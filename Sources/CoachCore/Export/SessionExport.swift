/// A session as the exports see it: its answers, its drafts and its dated plans, free of the engine.
///
/// It is plain data, so a session whose playbook changed or went away can still be exported from what was stored.
public struct SessionExport: Sendable, Equatable {
    /// One answered (or skipped) question.
    public struct Answer: Sendable, Equatable {
        /// The prompt id (`client`, `risks[2].owner`).
        public var step: String
        /// The question as it was asked.
        public var question: String
        /// The answer as shown to the user.
        public var answer: String

        /// An answer to show or export.
        public init(step: String, question: String, answer: String) {
            self.step = step
            self.question = question
            self.answer = answer
        }
    }

    /// A dated plan computed from the answers (a `plan:` computed value).
    public struct Plan: Sendable, Equatable {
        /// The computed value's id.
        public var id: String
        /// A title for the plan: the plan output's title when one shows it, else the id.
        public var title: String
        /// True when a `plan` output shows it: the plans a calendar export takes.
        public var isMain: Bool
        /// The plan's days, with real dates.
        public var days: [PlanDay]

        /// A plan to export.
        public init(id: String, title: String, isMain: Bool, days: [PlanDay]) {
            self.id = id
            self.title = title
            self.isMain = isMain
            self.days = days
        }
    }

    /// The session id, like `s-7k3m9q`.
    public var sessionID: String
    /// The session's human title.
    public var title: String
    /// The playbook's id.
    public var playbookID: String
    /// The playbook's title.
    public var playbookTitle: String
    /// Asking, completed or cancelled.
    public var status: SessionStatus
    /// The answers on the route, in order.
    public var answers: [Answer]
    /// The drafts: final when completed, else a preview with `[missing: id]` markers.
    public var outputs: [RenderedOutput]
    /// The dated plans.
    public var plans: [Plan]

    /// An export with every field given.
    public init(
        sessionID: String, title: String, playbookID: String, playbookTitle: String, status: SessionStatus,
        answers: [Answer], outputs: [RenderedOutput], plans: [Plan]
    ) {
        self.sessionID = sessionID
        self.title = title
        self.playbookID = playbookID
        self.playbookTitle = playbookTitle
        self.status = status
        self.answers = answers
        self.outputs = outputs
        self.plans = plans
    }

    /// The plans a calendar shows: those a `plan` output shows, or every plan when no output shows one.
    public var calendarPlans: [Plan] {
        let main = plans.filter(\.isMain)
        return (main.isEmpty ? plans : main).filter { !$0.days.isEmpty }
    }

    /// The email drafts.
    public var emails: [RenderedOutput] { outputs.filter { $0.kind == .email } }
}
