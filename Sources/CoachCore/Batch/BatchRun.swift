/// Fills a playbook from an answer sheet through the engine, collecting every missing or refused answer.
public struct BatchRun: Sendable {
    /// A problem with one answer.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable { case missing, invalid, unknown }
        public var kind: Kind
        public var step: StepKey
        public var message: String
        public var description: String {
            switch kind {
            case .missing: return "missing answer for '\(step)': \(message)"
            case .invalid: return "invalid answer for '\(step)': \(message)"
            case .unknown: return "unknown step '\(step)' in the answers: \(message)"
            }
        }
    }

    public var session: Session
    public var problems: [Problem] = []

    /// Runs `sheet` through a new session of `playbook`.
    public init(playbook: Playbook, sheet: AnswerSheet, today: Day) {
        session = Session(playbook: playbook, today: today)
        problems += BatchRun.unknownKeys(sheet, playbook)
        var guardCount = 0
        while guardCount < 5000, let prompt = session.currentTurn().prompt {
            guardCount += 1
            let key = prompt.step
            let given = BatchRun.lookup(key, in: sheet)
            if prompt.kind == .info {
                _ = session.handle(.skip(step: key))
                continue
            }
            guard let input = given else {
                if !prompt.required {
                    _ = session.handle(.skip(step: key))
                } else if let d = prompt.default {
                    _ = session.handle(.answer(.text(d), step: key))
                } else {
                    problems.append(Problem(kind: .missing, step: key, message: prompt.text))
                    fillIn(prompt)
                }
                continue
            }
            if case .success(let turn) = session.handle(.answer(input, step: key)), let invalid = turn.invalid {
                problems.append(Problem(kind: .invalid, step: key, message: invalid.message))
                fillIn(prompt)
            }
        }
    }

    /// Puts a stand-in answer so the run can go on and report later problems too.
    private mutating func fillIn(_ prompt: Prompt) {
        let candidates =
            prompt.examples + [prompt.default, prompt.choices?.first?.value].compactMap { $0 } + [
                "yes", "1", "$1", "1%", "2026-01-05", "name@example.com", "item one; item two", "text to fill in",
            ]
        for c in candidates {
            if case .success(let t) = session.handle(.answer(.text(c), step: prompt.step)), t.invalid == nil { return }
        }
        _ = session.handle(.skip(step: prompt.step))
        if session.currentTurn().prompt?.step == prompt.step { _ = session.handle(.cancel) }
    }

    static func lookup(_ key: StepKey, in sheet: AnswerSheet) -> AnswerInput? {
        guard case .field(let group, let n, let field) = key else { return sheet.answers[key.step].map(input) }
        guard case .group(let items)? = sheet.answers[group] else { return nil }
        if field == StepKey.more { return .text(n < items.count ? "yes" : "no") }
        guard n >= 1, n <= items.count, let a = items[n - 1][field] else { return nil }
        return input(a)
    }

    static func input(_ a: SheetAnswer) -> AnswerInput {
        switch a {
        case .text(let s): return .text(s)
        case .items(let items): return .items(items)
        case .group(let g): return .text("\(g.count) items")
        }
    }

    static func unknownKeys(_ sheet: AnswerSheet, _ playbook: Playbook) -> [Problem] {
        var problems: [Problem] = []
        let ids = playbook.steps.map(\.id)
        for key in sheet.answers.keys.sorted() {
            guard let step = playbook.step(key) else {
                let hint = Suggest.closest(key, in: ids).map { "did you mean '\($0)'?" } ?? "the playbook has no such step"
                problems.append(Problem(kind: .unknown, step: .step(key), message: hint))
                continue
            }
            if step.kind == .group, case .group(let items)? = sheet.answers[key] {
                let fields = step.steps.map(\.id)
                for item in items {
                    for field in item.keys.sorted() where !fields.contains(field) {
                        let hint = Suggest.closest(field, in: fields).map { "did you mean '\($0)'?" } ?? "the group has no such field"
                        problems.append(Problem(kind: .unknown, step: .step("\(key).\(field)"), message: hint))
                    }
                }
            }
        }
        return problems
    }

    /// Whether every answer was there and valid.
    public var succeeded: Bool { problems.isEmpty && session.status == .completed }
}

extension BatchRun {
    /// Looks up what an answer sheet gives for a prompt id (for tools that replay sheets).
    public enum Probe {
        /// The sheet's answer for `step` (`client`, `risks[2].owner`, `risks[2].more`), if any.
        public static func input(for step: StepKey, sheet: AnswerSheet) -> AnswerInput? { BatchRun.lookup(step, in: sheet) }
    }
}
