import CoachCore
import CoachProtocol
import MCP

/// The elicitation form for one prompt: a flat schema with a single `answer` field whose type fits the step kind,
/// and the way back from what the person filled in to an answer value for `session/answer`.
///
/// | step kind | field |
/// |---|---|
/// | text | string (`pattern`, `minLength`, `maxLength` from the step) |
/// | multiline, list | string, the rule (several lines; one item per line) in the description |
/// | email, date | string with `format` `email` or `date` |
/// | time | string, the accepted forms in the description |
/// | number, money, percent | number (`minimum`, `maximum` from the step) |
/// | yesno | boolean |
/// | choice | string `enum` (or `oneOf` with titles when labels differ from values) |
/// | multichoice | array of such strings |
struct StepForm: Equatable {
    /// Why the last answer was not accepted.
    struct Refused: Equatable, Sendable {
        var message: String
        var example: String?
    }

    /// The field the answer goes in.
    static let field = "answer"

    let prompt: Prompt
    /// The step being asked, for its limits (nil for a group's "add another?" question).
    let step: Step?

    init(prompt: Prompt, playbook: Playbook) {
        self.prompt = prompt
        self.step = Self.step(for: prompt, in: playbook)
    }

    static func == (a: StepForm, b: StepForm) -> Bool { a.prompt == b.prompt && a.step === b.step }

    /// The step a prompt asks: a top-level step, or a field of a repeated group (`risks[2].title`).
    static func step(for prompt: Prompt, in playbook: Playbook) -> Step? {
        switch prompt.step {
        case .step(let id): return playbook.step(id)
        case .field(let group, _, let field): return playbook.step(group)?.steps.first { $0.id == field }
        }
    }

    /// The form's schema.
    var schema: Elicitation.RequestSchema {
        Elicitation.RequestSchema(
            title: title, description: nil, properties: [Self.field: .object(property)],
            required: prompt.required ? [Self.field] : [])
    }

    /// A short title for the form: the question, cut at a sensible length.
    var title: String {
        let text = prompt.text.split(separator: "\n").first.map(String.init) ?? prompt.step.description
        return text.count <= 80 ? text : String(text.prefix(79)) + "…"
    }

    /// The schema of the `answer` field.
    var property: [String: Value] {
        var p: [String: Value] = ["title": .string(prompt.step.description)]
        var rules: [String] = []
        if let help = prompt.help { rules.append(help) }
        switch prompt.kind {
        case .yesno:
            p["type"] = "boolean"
            if let d = prompt.default.flatMap(Self.bool) { p["default"] = .bool(d) }
        case .number, .money, .percent:
            p["type"] = "number"
            if let min = step?.min { p["minimum"] = .double(min) }
            if let max = step?.max { p["maximum"] = .double(max) }
            if prompt.kind == .money { rules.append("An amount in \(step?.currency ?? "$").") }
            if prompt.kind == .percent { rules.append("A percentage, 15 for 15%.") }
            if let d = prompt.default.flatMap(Self.number) { p["default"] = .double(d) }
        case .choice:
            p["type"] = "string"
            p.merge(Self.options(prompt.choices ?? [], titled: "oneOf"), uniquingKeysWith: { $1 })
            if let d = prompt.default, let c = Self.choice(d, in: prompt.choices ?? []) { p["default"] = .string(c.value) }
        case .multichoice:
            p["type"] = "array"
            p["items"] = .object(Self.options(prompt.choices ?? [], titled: "anyOf"))
            if let min = step?.minItems { p["minItems"] = .int(min) }
            if let max = step?.maxItems { p["maxItems"] = .int(max) }
            rules.append("Pick one or more.")
        case .date:
            p["type"] = "string"
            p["format"] = "date"
            rules.append("A date as YYYY-MM-DD.")
        case .email:
            p["type"] = "string"
            p["format"] = "email"
        case .time:
            p["type"] = "string"
            rules.append("A time such as 14:30 or 2pm, with a time zone after it if wanted.")
        case .list:
            p["type"] = "string"
            var rule = "One item per line."
            if let min = step?.minItems, min > 1 { rule += " At least \(min)." }
            if let max = step?.maxItems { rule += " At most \(max)." }
            rules.append(rule)
        case .multiline:
            p["type"] = "string"
            rules.append("Several lines are fine.")
        case .text, .info, .group:
            p["type"] = "string"
            if let pattern = step?.pattern {
                p["pattern"] = .string(pattern)
                if let hint = step?.patternHint { rules.append(hint) }
            }
        }
        if prompt.kind == .text || prompt.kind == .multiline {
            if let min = step?.minLength { p["minLength"] = .int(min) }
            if let max = step?.maxLength { p["maxLength"] = .int(max) }
        }
        if p["default"] == nil, prompt.kind != .yesno, prompt.kind != .number, prompt.kind != .money,
            prompt.kind != .percent, prompt.kind != .choice, prompt.kind != .multichoice, let d = prompt.default
        {
            p["default"] = .string(d)
        }
        if let example = prompt.examples.first { rules.append("For example: \(example)") }
        if !prompt.required { rules.append("Optional: decline to skip it.") }
        if !rules.isEmpty { p["description"] = .string(rules.joined(separator: " ")) }
        return p
    }

    /// The message shown above the form: a coaching note first when there is one, the reason the last answer was
    /// not accepted, then the question with why it matters and its tips.
    func message(preface: [String], invalid: Refused?) -> String {
        var parts = preface
        if let invalid {
            var line = "Not accepted: \(invalid.message)"
            if let example = invalid.example { line += " For example: \(example)" }
            parts.append(line)
        }
        var question = prompt.text
        if let d = prompt.defaultNote, prompt.default != nil { question += " (default \(d))" }
        parts.append(question)
        if let why = prompt.why { parts.append("Why it matters: \(why)") }
        for tip in prompt.tips { parts.append("Tip: \(tip)") }
        return parts.joined(separator: "\n\n")
    }

    /// The answer for `session/answer` from the filled-in form, or nil when the field was left empty.
    func answer(from content: [String: Value]?) -> JSONValue? {
        guard let value = content?[Self.field] else { return nil }
        switch value {
        case .null: return nil
        case .string(let s) where s.allSatisfy(\.isWhitespace): return nil
        case .array(let items) where items.isEmpty: return nil
        default: return value.json
        }
    }

    /// The choices as `enum`, or as `oneOf`/`anyOf` (`titled`) of `{const, title}` when labels differ from values.
    private static func options(_ choices: [Choice], titled key: String) -> [String: Value] {
        if choices.allSatisfy({ $0.label == $0.value }) {
            return ["type": "string", "enum": .array(choices.map { .string($0.value) })]
        }
        return [key: .array(choices.map { .object(["const": .string($0.value), "title": .string($0.label)]) })]
    }

    private static func choice(_ text: String, in choices: [Choice]) -> Choice? {
        choices.first { $0.value == text || $0.label == text }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default: return nil
        }
    }

    static func number(_ text: String) -> Double? {
        Double(text.filter { $0.isNumber || $0 == "." || $0 == "-" })
    }
}
