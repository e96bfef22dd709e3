/// The kind of answer a step takes, or `info` and `group` for steps that ask nothing themselves.
public enum InputKind: String, Sendable, CaseIterable {
    case text, multiline, choice, multichoice, yesno, number, money, percent, date, time, email, list, info, group

    /// Whether a step of this kind asks for an answer.
    public var asks: Bool { self != .info && self != .group }
}

/// How a text or list answer is written, which decides how a template places it (`shape:` in a playbook).
public enum TextShape: String, Sendable, CaseIterable {
    /// Words that go inside a sentence ("the missed delivery on Tuesday"): the first letter is lowered (unless the
    /// first word is evidently a name: a possessive, an acronym, mixed case, a digit, a word of a known name) and a
    /// final full stop is dropped.
    case phrase
    /// A full sentence: the first letter is raised and a full stop added when it has none.
    case sentence
    /// A name, a title or anything else: as typed.
    case name
}

/// One option of a choice or multiple-choice step.
public struct Choice: Sendable, Hashable {
    /// The value conditions compare against.
    public var value: String
    /// What the user reads.
    public var label: String
}

/// A rule in a step's `next`: go to `target` when `condition` holds (or always when it is nil).
public struct NextRule: Sendable {
    public var condition: Expression?
    /// A step id, or nil for the end of the playbook.
    public var target: String?
    public var location: SourceLocation
}

/// An extra check on an answer: refused with `message` unless `rule` holds.
public struct Validation: Sendable {
    public var rule: Expression
    public var message: String
    public var location: SourceLocation
}

/// A position in a playbook file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One step of a playbook: a question, an info screen or a repeated group. Immutable: it holds the definition
/// the loader read and reads it out by name (`step.kind`, `step.ask`).
///
/// A class only so that the routes of many sessions share one step instead of copying its few dozen fields.
@dynamicMemberLookup
public final class Step: Sendable {
    /// What the playbook file says about the step.
    public let definition: StepDefinition

    public init(_ definition: StepDefinition) { self.definition = definition }

    /// A field of the definition, read through the step.
    @inlinable
    public subscript<T>(dynamicMember field: KeyPath<StepDefinition, T>) -> T { definition[keyPath: field] }
}

/// Everything a playbook file says about one step, as the loader builds it up.
public struct StepDefinition: Sendable {
    public var id: String
    public var kind: InputKind = .text
    public var ask: String = ""
    public var text: String = ""
    public var help: String?
    public var why: String?
    public var examples: [String] = []
    public var defaultText: String?
    public var required: Bool = true
    public var tips: [String] = []
    public var when: Expression?
    public var next: [NextRule] = []
    public var choices: [Choice] = []
    public var min: Double?
    public var max: Double?
    public var minDate: Day?
    public var maxDate: Day?
    public var minLength: Int?
    public var maxLength: Int?
    /// The regular expression a text answer must match; setting it compiles it once.
    public var pattern: String? {
        get { storedPattern }
        set {
            storedPattern = newValue
            compiled = newValue.flatMap { try? Regex($0) }.map(CompiledPattern.init)
        }
    }
    private var storedPattern: String?
    private var compiled: CompiledPattern?
    /// The pattern, compiled once.
    var compiledPattern: Regex<AnyRegexOutput>? { compiled?.regex }

    /// Sets the pattern with its regular expression already compiled (the loader compiles a pattern written on
    /// several steps of a playbook once, and the steps share it).
    mutating func setPattern(_ pattern: String, compiled: Regex<AnyRegexOutput>) {
        storedPattern = pattern
        self.compiled = CompiledPattern(regex: compiled)
    }

    /// A compiled pattern. `Regex<AnyRegexOutput>` is not `Sendable` only because its output type may hold any
    /// value; this one is built once by the loader and then only matched against, never changed.
    struct CompiledPattern: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }
    /// The "add another?" question of a group, built once when the group is loaded.
    var moreStep: Step?

    /// Builds the "add another?" question of a group.
    func makeMoreStep() -> Step {
        var more = StepDefinition(id: "more", location: location)
        more.kind = .yesno
        more.ask = self.more ?? "Add another \(item ?? "item")?"
        more.help = "yes to add one more, no to go on"
        more.defaultText = "no"
        return Step(more)
    }
    public var patternHint: String?
    public var minItems: Int?
    public var maxItems: Int?
    /// The one currency this money step takes (`currency: €`); nil when it takes the session's.
    public var currency: String?
    /// Whether this money step takes amounts in any currency, apart from the session's (`currency: any`).
    public var ownCurrency: Bool = false
    /// Whether a date must be today or later (`future: true`).
    public var future: Bool = false
    /// The date step whose answer this date must come after (`after: meeting_date`).
    public var after: String?
    /// Whether a date must fall on Monday to Friday (`weekdays: true`).
    public var weekdays: Bool = false
    /// Whether the answer is a fact about the account that Coach remembers for the next session on it
    /// (`account: true`); which account that is, is the answer of the playbook's ``Playbook/accountStep``.
    public var account: Bool = false
    /// How a text or list answer is placed in templates; nil for as typed.
    public var shape: TextShape?
    public var item: String?
    public var steps: [Step] = []
    public var more: String?
    public var validate: [Validation] = []
    public var location: SourceLocation
    /// Where each key of the step was written, for diagnostics.
    public var keyLocations: [String: SourceLocation] = [:]

    /// Whether the step can be skipped.
    public var isOptional: Bool { !required && kind.asks }

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}
