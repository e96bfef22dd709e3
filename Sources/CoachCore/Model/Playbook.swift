/// A loaded, checked playbook. Immutable and shared by every session that runs it.
public final class Playbook: Sendable {
    public let id: String
    public let title: String
    public let summary: String
    public let useWhen: String?
    public let version: Int
    public let tags: [String]
    public let minutes: Int?
    public let steps: [Step]
    public let computed: [ComputedValue]
    public let outputs: [OutputSpec]
    public let handoffs: [Handoff]
    /// The currency of bare amounts until the session or the account has one (`currency: €`); nil for `$`.
    public let currency: String?
    /// Where the playbook was loaded from (a path or a label).
    public let source: String
    /// The id of the step whose answer names the account the session is for (`account_step:`; without it, the
    /// first top-level text step marked `account: true`); nil when the playbook is not about one account.
    ///
    /// This answer decides which account a session's facts are remembered under and offered from; the facts
    /// themselves are the answers of the other steps marked `account: true`.
    public let accountStep: String?
    /// The `account_step:` as written, with where, for the linter (nil when the playbook does not declare one).
    let declaredAccountStep: (id: String, location: SourceLocation)?
    let stepIndex: [String: Int]
    let computedIndex: [String: Int]
    let templates: [String: CompiledTemplate]

    init(
        id: String, title: String, summary: String, useWhen: String?, version: Int, tags: [String], minutes: Int?,
        steps: [Step], computed: [ComputedValue], outputs: [OutputSpec], handoffs: [Handoff], source: String,
        templates: [String: CompiledTemplate], currency: String? = nil,
        accountStep: (id: String, location: SourceLocation)? = nil
    ) {
        self.currency = currency
        self.declaredAccountStep = accountStep
        self.accountStep =
            accountStep?.id ?? steps.first { $0.account && $0.kind == .text }?.id
        self.id = id
        self.title = title
        self.summary = summary
        self.useWhen = useWhen
        self.version = version
        self.tags = tags
        self.minutes = minutes
        self.steps = steps
        self.computed = computed
        self.outputs = outputs
        self.handoffs = handoffs
        self.source = source
        self.templates = templates
        var index: [String: Int] = [:]
        for (i, step) in steps.enumerated() where index[step.id] == nil { index[step.id] = i }
        self.stepIndex = index
        var cindex: [String: Int] = [:]
        for (i, c) in computed.enumerated() where cindex[c.id] == nil { cindex[c.id] = i }
        self.computedIndex = cindex
        self.routingIDs = Playbook.routingIDs(steps: steps, computed: computed)
        var shapes: [String: TextShape] = [:]
        for step in steps {
            if let shape = step.shape { shapes[step.id] = shape }
            for sub in step.steps { if let shape = sub.shape { shapes[sub.id] = shape } }
        }
        self.shapes = shapes
    }

    /// The declared shape of each text or list answer that has one, by step id (group fields by their own id).
    let shapes: [String: TextShape]

    /// The answers the route depends on: everything a `when` or `next` condition reads, directly or through
    /// computed values.
    let routingIDs: Set<String>

    /// Whether answering prompt `key` can change the route (group prompts always may).
    func routesOn(_ key: StepKey) -> Bool {
        guard case .step(let id) = key else { return true }
        return routingIDs.contains(id)
    }

    static func routingIDs(steps: [Step], computed: [ComputedValue]) -> Set<String> {
        var ids = Set<String>()
        for step in steps {
            if let w = step.when { ids.formUnion(w.references) }
            for rule in step.next { if let c = rule.condition { ids.formUnion(c.references) } }
            for sub in step.steps { if let w = sub.when { ids.formUnion(w.references) } }
        }
        // Conditions on computed values depend on whatever those values read.
        var changed = true
        while changed {
            changed = false
            for c in computed where ids.contains(c.id) {
                let refs: [String]
                switch c.rule {
                case .value(let e, _, _): refs = e.references
                case .level(let e, _): refs = e.references
                case .plan(let start, let weekends, _): refs = start.references + (weekends?.references ?? [])
                case .rank(let items, let score, let keep): refs = [items] + score.references + (keep?.references ?? [])
                }
                for r in refs where ids.insert(r).inserted { changed = true }
            }
        }
        return Set(ids.map { $0.split(separator: ".").first.map(String.init) ?? $0 })
    }

    /// The top-level step with this id.
    public func step(_ id: String) -> Step? {
        stepIndex[id].map { steps[$0] }
    }

    /// Whether `key` names a step of this playbook: a top-level step, or a field (or "add another?") of a group.
    public func contains(_ key: StepKey) -> Bool {
        guard let step = step(key.step) else { return false }
        guard let field = key.field else { return true }
        return step.kind == .group && (field == StepKey.more || step.steps.contains { $0.id == field })
    }

    /// The number of questions on the shortest route, for "rough size" displays.
    public var questionCount: Int { steps.filter { $0.kind != .info }.count }
}

/// A value worked out from answers.
public struct ComputedValue: Sendable {
    public enum Rule: Sendable {
        case value(Expression, format: NumberFormat, decimals: Int?)
        case level(score: Expression, levels: [(atLeast: Double?, label: String)])
        case plan(start: Expression, weekends: Expression?, days: [PlanDaySpec])
        /// The group's items sorted by `score`, highest first; with `keep`, only the items for which it holds.
        case rank(items: String, score: Expression, keep: Expression?)
    }
    public var id: String
    public var rule: Rule
    public var location: SourceLocation
    /// For a count: the noun it counts, so templates read `1 risk` and `3 risks` (`noun:` in a playbook).
    public var noun: (singular: String, plural: String)?
    /// For a plan: keep it inside the week it starts in (`within_week: true`); days that do not fit before the
    /// weekend are merged into the day before the last, so the last day is always the week's last working day.
    public var withinWeek: Bool = false

    public init(id: String, rule: Rule, location: SourceLocation) {
        self.id = id
        self.rule = rule
        self.location = location
    }
}

/// How a computed number prints.
public enum NumberFormat: String, Sendable {
    case number, money, percent, auto
}

/// One day of a plan as written in the playbook (its text may use answers).
public struct PlanDaySpec: Sendable {
    public var title: String
    public var actions: [String]
    public var location: SourceLocation
}

/// The kind of a draft.
public enum OutputKind: String, Sendable, CaseIterable {
    case email, plan, checklist, note
}

/// A named draft the playbook writes.
public struct OutputSpec: Sendable {
    public var id: String
    public var title: String
    public var kind: OutputKind
    public var subject: String?
    public var to: String?
    public var body: String
    public var location: SourceLocation
    /// The output is drawn only when this holds (always when nil).
    public var condition: Expression?
}

/// An offer to start another playbook with answers carried over.
public struct Handoff: Sendable {
    public var condition: Expression?
    public var playbook: String
    public var label: String
    /// Target step id and the expression that gives its value.
    public var carry: [(step: String, value: Expression)]
    public var location: SourceLocation
}
