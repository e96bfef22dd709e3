/// Where a session stands.
public enum SessionStatus: String, Sendable, Equatable {
    case asking, completed, cancelled
}

/// The question the user or bot should answer next.
public struct Prompt: Sendable, Equatable {
    /// The stable id of what is asked: a step id, `group[2].field` inside a repeated group, `group[2].more`.
    public var step: StepKey
    /// The input kind (`text`, `choice`, `yesno`, `info`, ...).
    public var kind: InputKind
    /// The question, or the info text for an info step.
    public var text: String
    public var help: String?
    public var why: String?
    /// What Enter (or an empty answer) gives, as editable text.
    public var `default`: String?
    /// Where the default comes from when it was remembered ("from 12 days ago").
    public var defaultNote: String?
    public var choices: [Choice]?
    public var required: Bool
    public var examples: [String]
    public var tips: [String]
    /// The repeated group this prompt belongs to, if any.
    public var group: GroupPosition?
    /// Whether this step already had an answer (the user went back to it).
    public var revisiting: Bool

    /// A prompt that only names its step and kind (what a store of many sessions keeps of the last question).
    public static func named(_ step: StepKey, kind: InputKind) -> Prompt {
        Prompt(
            step: step, kind: kind, text: "", help: nil, why: nil, default: nil, defaultNote: nil, choices: nil,
            required: true, examples: [], tips: [], group: nil, revisiting: false)
    }

    /// A prompt inside a repeated group: which group, which item.
    public struct GroupPosition: Sendable, Equatable {
        public var id: String
        public var item: Int
        public var itemName: String
    }
}

/// How far along a session is.
public struct Progress: Sendable, Equatable {
    /// Questions answered on the current route.
    public var answered: Int
    /// Questions on the current route, as far as it can be known yet.
    public var total: Int
    /// 1-based position of the current question on the route.
    public var position: Int
}

/// Why the last answer was refused, and how many times in a row.
public struct Invalid: Sendable, Equatable {
    public var message: String
    public var attempt: Int
    /// An example answer, given from the third failed attempt on.
    public var example: String?
}

/// A draft written from the answers.
public struct RenderedOutput: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: OutputKind
    public var subject: String?
    public var to: String?
    public var body: String
    /// The ids of values still missing (only in a preview).
    public var missing: [String]
    /// Coaching notes on a finished email (never blocks it); nil for other kinds and previews.
    ///
    /// A finished email's review is worked out when it is read, from the subject and body as rendered: most turns
    /// that finish a session go to a shell that never shows it (the protocol does not send it).
    public var review: [ReviewFinding]? {
        get { reviewsItself ? DraftReview.review(reviewDraft) : givenReview }
        set {
            givenReview = newValue
            reviewsItself = false
        }
    }
    private var givenReview: [ReviewFinding]?
    /// Whether `review` is worked out on demand from the draft as rendered.
    private var reviewsItself = false

    /// The email as the review reads it: `fullText`, so that finding lines count from its first line.
    public var reviewDraft: Draft {
        Draft.parse(fullText, isEmail: true)
    }

    public init(
        id: String, title: String, kind: OutputKind, subject: String?, to: String?, body: String, missing: [String],
        review: [ReviewFinding]?
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.subject = subject
        self.to = to
        self.body = body
        self.missing = missing
        self.givenReview = review
    }

    /// A finished email whose `review` is the review of `reviewDraft`, worked out when it is read.
    init(finishedEmail id: String, title: String, kind: OutputKind, subject: String?, to: String?, body: String) {
        self.init(id: id, title: title, kind: kind, subject: subject, to: to, body: body, missing: [], review: nil)
        self.reviewsItself = true
    }

    /// The output as stored: a finished email's review left out, since it is worked out again from the subject
    /// and body when the stored output is read (`init(json:)` gives it back).
    public var withoutReview: RenderedOutput {
        var copy = self
        copy.review = nil
        return copy
    }

    public static func == (a: RenderedOutput, b: RenderedOutput) -> Bool {
        a.id == b.id && a.title == b.title && a.kind == b.kind && a.subject == b.subject && a.to == b.to && a.body == b.body
            && a.missing == b.missing && a.review == b.review
    }

    /// The draft as one text: `Subject: ...` first for an email.
    public var fullText: String {
        var out = ""
        if let to, !to.isEmpty { out += "To: \(to)\n" }
        if let subject { out += "Subject: \(subject)\n\n" }
        return out + body
    }
}

/// An offer to start another playbook, with the answers it would carry over.
public struct HandoffOffer: Sendable, Equatable {
    public var playbook: String
    public var label: String
    /// Target step id to the answer text it would pre-fill.
    public var prefill: [String: String]
}

/// What the engine answers to every event: what to show next. Each case holds exactly what it can show, so a
/// shell switches over it and never meets a prompt on a finished session or drafts beside a question.
public enum Turn: Sendable, Equatable {
    /// A step to answer (or an info screen to read); `invalid` says why the last answer to it was refused.
    /// `accepted` shows back the answer just taken, when it reads differently from what was typed.
    case asking(Prompt, invalid: Invalid? = nil, progress: Progress, notice: String? = nil, accepted: Accepted? = nil)
    /// Every step on the route is done: the drafts, and the other playbooks the answers lead to.
    case completed(
        [RenderedOutput], handoffs: [HandoffOffer] = [], progress: Progress, notice: String? = nil, accepted: Accepted? = nil)
    /// The session was stopped; only a restart carries it on.
    case cancelled(progress: Progress, notice: String? = nil)

    /// Where the session stands.
    public var status: SessionStatus {
        switch self {
        case .asking: return .asking
        case .completed: return .completed
        case .cancelled: return .cancelled
        }
    }

    /// The step being asked, while asking.
    public var prompt: Prompt? {
        if case .asking(let prompt, _, _, _, _) = self { return prompt }
        return nil
    }

    /// Why the last answer was refused, while asking again.
    public var invalid: Invalid? {
        if case .asking(_, let invalid, _, _, _) = self { return invalid }
        return nil
    }

    /// The drafts, once completed.
    public var outputs: [RenderedOutput]? {
        if case .completed(let outputs, _, _, _, _) = self { return outputs }
        return nil
    }

    /// The playbooks offered next, once completed (nil when there are none).
    public var handoffs: [HandoffOffer]? {
        if case .completed(_, let handoffs, _, _, _) = self, !handoffs.isEmpty { return handoffs }
        return nil
    }

    /// How far along the session is.
    public var progress: Progress {
        switch self {
        case .asking(_, _, let progress, _, _), .completed(_, _, let progress, _, _), .cancelled(let progress, _):
            return progress
        }
    }

    /// A one-line note about what just happened ("2 later answers no longer apply and were dropped.").
    public var notice: String? {
        switch self {
        case .asking(_, _, _, let notice, _), .completed(_, _, _, let notice, _), .cancelled(_, let notice): return notice
        }
    }

    /// The answer just accepted, as Coach understood it, when that reads differently from what was typed.
    public var accepted: Accepted? {
        switch self {
        case .asking(_, _, _, _, let accepted), .completed(_, _, _, _, let accepted): return accepted
        case .cancelled: return nil
        }
    }

    /// The same turn showing back `accepted` (a cancelled turn shows no answer).
    public func accepting(_ accepted: Accepted?) -> Turn {
        switch self {
        case .asking(let prompt, let invalid, let progress, let notice, _):
            return .asking(prompt, invalid: invalid, progress: progress, notice: notice, accepted: accepted)
        case .completed(let outputs, let handoffs, let progress, let notice, _):
            return .completed(outputs, handoffs: handoffs, progress: progress, notice: notice, accepted: accepted)
        case .cancelled: return self
        }
    }
}

/// An accepted answer shown back as it was understood (`next thursday` was taken as `Thu 17 Dec 2026`).
public struct Accepted: Sendable, Equatable {
    /// The prompt the answer was for.
    public var step: StepKey
    /// The value as understood: `Thu 17 Dec 2026`, `€36,000`, `3 items`.
    public var display: String

    public init(step: StepKey, display: String) {
        self.step = step
        self.display = display
    }
}

/// An event the engine refuses, leaving the session unchanged.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the event was refused.
    public enum Kind: String, Sendable {
        /// The answer names a step that is not the one being asked.
        case staleStep
        /// Only optional steps can be skipped.
        case notOptional
        /// There is no earlier step to go back to.
        case nothingBefore
        /// No step has that id.
        case unknownStep
        /// The step exists but has not been reached on this route.
        case notReached
        /// The session is finished or cancelled; nothing is being asked.
        case closed
    }

    public var kind: Kind
    public var message: String
    /// The step being asked, when relevant.
    public var current: StepKey?

    /// A refusal of `kind` saying `message`, naming the step being asked (`current`) when relevant.
    public init(kind: Kind, message: String, current: StepKey?) {
        self.kind = kind
        self.message = message
        self.current = current
    }

    public var description: String { message }
}

/// What a user, a bot or a test can do to a session.
public enum Event: Sendable, Equatable {
    /// Answer the current step; `step`, when given, must name it.
    case answer(AnswerInput, step: StepKey? = nil)
    /// Skip the current (optional) step; `step`, when given, must name it.
    case skip(step: StepKey? = nil)
    /// Go back one step.
    case back
    /// Go to an earlier step to change its answer.
    case goto(StepKey)
    /// Start again with no answers.
    case restart
    /// Stop the session.
    case cancel
}
