import Mustache

/// A value as a template sees it: its text, and whether a section on it stays closed.
///
/// Every leaf value a template gets is one of these (list items, plan fields and numbers too). As a
/// `MustacheParent` with no children, a name looked up while it is the innermost section value moves straight on
/// down the context stack; swift-mustache would otherwise reflect a `String` or `Int` with `Mirror` on every
/// lookup, which was most of the time spent rendering the drafts.
struct TemplateText: MustacheCustomRenderable, MustacheParent, CustomStringConvertible {
    let text: String
    let closed: Bool
    var renderText: String { text }
    var isNull: Bool { closed }
    var description: String { text }
    func child(named: String) -> Any? { nil }

    /// The template helpers, written `{{a(discount)}}`, `{{capital(.)}}`, `{{lower(title)}}`, `{{name(owner)}}`,
    /// `{{first(requester)}}`, `{{compact(revenue)}}`.
    static let transforms: Set<String> = ["a", "capital", "lower", "name", "first", "compact"]

    /// Open text (a section on it renders once).
    init(_ text: String) {
        self.text = text
        self.closed = false
    }

    init(text: String, closed: Bool) {
        self.text = text
        self.closed = closed
    }
}

extension TemplateText: MustacheTransformable {
    /// `a(x)`: the text after its indefinite article (`an 8%`); `capital(x)`: the first letter raised, for the
    /// start of a sentence or a bullet; `lower(x)`: the text as it reads mid-sentence (see `Grammar.midSentence`);
    /// `name(x)`: a person's name without the role after it (`Leila Benali (CSM)` signs as `Leila Benali`);
    /// `first(x)`: the name to greet them by (`Aisha Khan` as `Aisha`, `Dr Aisha Khan` as `Dr Khan`);
    /// `compact(x)`: an amount of a thousand or more in short form (`$11,500,000` as `$11.5M`).
    func transform(_ name: String) -> Any? {
        switch name {
        case "a": return TemplateText(text: Grammar.withArticle(text), closed: closed)
        case "capital": return TemplateText(text: Grammar.capitalized(text), closed: closed)
        case "lower": return TemplateText(text: Grammar.midSentence(text), closed: closed)
        case "name": return TemplateText(text: Grammar.personName(text), closed: closed)
        case "first": return TemplateText(text: Grammar.greetingName(text), closed: closed)
        case "compact": return TemplateText(text: Grammar.compactAmount(text), closed: closed)
        default: return nil
        }
    }
}

/// The names a template can use, built from a session's answers and computed values.
struct TemplateContext {
    let values: [String: Any]
    /// Ids rendered as missing markers (preview only).
    let missing: [String]

    init(scope: SessionScope, preview: Bool, excluding: String? = nil) {
        var values: [String: Any] = [:]
        var missing: [String] = []
        let playbook = scope.playbook
        let shapes = playbook.shapes
        let names = TemplateContext.knownNames(scope)
        values["today"] = TemplateText(text: scope.today.long, closed: false)
        for step in playbook.steps where step.kind.asks || step.kind == .group {
            if step.kind == .group {
                let items = scope.items(of: step)
                values[step.id] = items.enumerated().map {
                    TemplateContext.item($1, n: $0 + 1, shapes: shapes, names: names)
                }
                continue
            }
            if let v = scope.answers[.step(step.id)] {
                TemplateContext.put(v, id: step.id, into: &values, shape: step.shape, names: names)
            } else if preview {
                missing.append(step.id)
                TemplateContext.putMissing(step.id, into: &values, closed: step.kind == .list || step.kind == .multichoice)
            }
        }
        for c in playbook.computed where c.id != excluding {
            if case .plan = c.rule, excluding != nil { continue }
            if let v = scope.lookup(c.id) {
                TemplateContext.put(v, id: c.id, into: &values, shapes: shapes, names: names)
                if let noun = c.noun, let n = v.numeric {
                    values[c.id] = TemplateText(Grammar.counted(n, singular: noun.singular, plural: noun.plural))
                }
                if case .rank = c.rule, case .items(let items) = v, let first = items.first, let last = items.last {
                    values[c.id + "_first"] = TemplateContext.item(first, n: 1, shapes: shapes, names: names)
                    values[c.id + "_last"] = TemplateContext.item(last, n: items.count, shapes: shapes, names: names)
                    let middle = items.count > 2 ? Array(items[1..<(items.count - 1)]) : []
                    values[c.id + "_middle"] = middle.enumerated().map {
                        TemplateContext.item($1, n: $0 + 2, shapes: shapes, names: names)
                    }
                }
                if case .plan(let days) = v, !days.isEmpty {
                    let all = TemplateContext.planDays(days)
                    values[c.id + "_first"] = all[0]
                    values[c.id + "_last"] = all[all.count - 1]
                    for (i, d) in all.enumerated() { values[c.id + "_day\(i + 1)"] = d }
                }
            } else if preview {
                missing.append(c.id)
                var isList = false
                switch c.rule {
                case .plan, .rank: isList = true
                default: break
                }
                TemplateContext.putMissing(c.id, into: &values, closed: isList)
            }
        }
        self.values = values
        self.missing = missing
    }

    static func marker(_ id: String) -> String { "[missing: \(id)]" }

    /// A visible marker for a value still to come; lists stay closed so their sections draw nothing half-filled.
    static func putMissing(_ id: String, into values: inout [String: Any], closed: Bool) {
        values[id] = TemplateText(text: marker(id), closed: closed)
        values[id + "_text"] = TemplateText(text: marker(id), closed: false)
    }

    /// The words of the names this session knows: the account's and those of every answer that takes a name
    /// (a text or list step, or a group's text question, with `shape: name` or no shape). A phrase that starts with
    /// one keeps its capital.
    static func knownNames(_ scope: SessionScope) -> Set<String> {
        var texts: [String] = []
        func add(_ value: Value?) {
            switch value {
            case .text(let t)?: texts.append(t)
            case .list(let l)?: texts += l
            default: break
            }
        }
        func takesName(_ step: Step) -> Bool {
            (step.kind == .text || step.kind == .list) && (step.shape == nil || step.shape == .name)
        }
        let playbook = scope.playbook
        if let account = playbook.accountStep { add(scope.answers[.step(account)]) }
        for step in playbook.steps {
            if step.kind == .group {
                let fields = step.steps.filter(takesName).map(\.id)
                guard !fields.isEmpty else { continue }
                for item in scope.items(of: step) { fields.forEach { add(item[$0]) } }
            } else if takesName(step) {
                add(scope.answers[.step(step.id)])
            }
        }
        return Grammar.nameWords(in: texts)
    }

    /// An answer's text as its step's shape places it in a sentence; `names` as `Grammar.isEvidentName` reads them.
    static func shaped(_ text: String, _ shape: TextShape?, names: Set<String> = []) -> String {
        switch shape {
        case .phrase?: return Grammar.midSentence(text, knownNames: names)
        case .sentence?: return Grammar.sentence(text)
        case .name?, nil: return text
        }
    }

    static func put(
        _ value: Value, id: String, into values: inout [String: Any], shape: TextShape? = nil,
        shapes: [String: TextShape] = [:], names: Set<String> = []
    ) {
        switch value {
        case .text(let t) where shape != nil:
            values[id] = TemplateText(shaped(t, shape, names: names))
        case .list(let l):
            let items = shape == nil ? l : l.map { shaped($0, shape, names: names) }
            values[id] = items.map(TemplateText.init)
            values[id + "_text"] = TemplateText(text: Value.joined(items), closed: items.isEmpty)
        default:
            values[id] = any(value, shapes: shapes, names: names)
        }
    }

    static func any(_ value: Value, shapes: [String: TextShape] = [:], names: Set<String> = []) -> Any {
        switch value {
        case .bool(let b): return TemplateText(text: b ? "yes" : "no", closed: !b)
        case .list(let l): return l.map(TemplateText.init)
        case .items(let items):
            return items.enumerated().map {
                item($1, n: ($1["n"]?.numeric).map { Int($0) } ?? $0 + 1, shapes: shapes, names: names)
            }
        case .plan(let days): return planDays(days)
        case .seen: return TemplateText(text: "", closed: true)
        default: return TemplateText(text: value.display, closed: false)
        }
    }

    /// The days of a plan as a template sees them.
    static func planDays(_ days: [PlanDay]) -> [[String: Any]] {
        days.map { d -> [String: Any] in
            [
                "day": TemplateText(String(d.day)), "date": TemplateText(d.date), "weekday": TemplateText(d.on.weekday),
                "iso": TemplateText(d.on.iso), "long": TemplateText(d.on.long), "title": TemplateText(d.title),
                "actions": d.actions.map(TemplateText.init),
            ]
        }
    }

    static func item(
        _ item: [String: Value], n: Int, shapes: [String: TextShape] = [:], names: Set<String> = []
    ) -> [String: Any] {
        var out: [String: Any] = ["n": TemplateText(String(n))]
        for (k, v) in item { put(v, id: k, into: &out, shape: shapes[k], shapes: shapes, names: names) }
        return out
    }

    func render(_ template: CompiledTemplate?, fallback: String) -> String {
        guard let template else { return fallback }
        return template.render(values) ?? fallback
    }
}
