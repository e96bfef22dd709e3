import Mustache

/// A value as a template sees it: its text, and whether a section on it stays closed.
struct TemplateText: MustacheCustomRenderable, CustomStringConvertible {
    let text: String
    let closed: Bool
    var renderText: String { text }
    var isNull: Bool { closed }
    var description: String { text }
}

/// The names a template can use, built from a session's answers and computed values.
struct TemplateContext {
    let values: [String: TemplateValue]
    /// Ids rendered as missing markers (preview only).
    let missing: [String]

    init(scope: SessionScope, preview: Bool, excluding: String? = nil) {
        var values: [String: TemplateValue] = Dictionary(minimumCapacity: 64)
        var missing: [String] = []
        let playbook = scope.playbook
        values["today"] = .text(TemplateText(text: scope.today.long, closed: false))
        for step in playbook.steps where step.kind.asks || step.kind == .group {
            if step.kind == .group {
                let items = scope.items(of: step)
                values[step.id] = .objects(items.enumerated().map { TemplateContext.item($1, n: $0 + 1) })
                continue
            }
            if let v = scope.answers[step.id] {
                TemplateContext.put(v, id: step.id, into: &values)
            } else if preview {
                missing.append(step.id)
                TemplateContext.putMissing(step.id, into: &values, closed: step.kind == .list || step.kind == .multichoice)
            }
        }
        for c in playbook.computed where c.id != excluding {
            if case .plan = c.rule, excluding != nil { continue }
            if let v = scope.lookup(c.id) {
                TemplateContext.put(v, id: c.id, into: &values)
                if case .rank = c.rule, case .items(let items) = v, let first = items.first, let last = items.last {
                    values[c.id + "_first"] = .object(TemplateContext.item(first, n: 1))
                    values[c.id + "_last"] = .object(TemplateContext.item(last, n: items.count))
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
    static func putMissing(_ id: String, into values: inout [String: TemplateValue], closed: Bool) {
        values[id] = .text(TemplateText(text: marker(id), closed: closed))
        values[id + "_text"] = .text(TemplateText(text: marker(id), closed: false))
    }

    static func put(_ value: Value, id: String, into values: inout [String: TemplateValue]) {
        values[id] = typed(value)
        switch value {
        case .list(let l): values[id + "_text"] = .text(TemplateText(text: Value.joined(l), closed: l.isEmpty))
        default: break
        }
    }

    static func typed(_ value: Value) -> TemplateValue {
        switch value {
        case .bool(let b): return .text(TemplateText(text: b ? "yes" : "no", closed: !b))
        case .list(let l): return .strings(l)
        case .items(let items):
            return .objects(items.enumerated().map { item($1, n: ($1["n"]?.numeric).map { Int($0) } ?? $0 + 1) })
        case .plan(let days):
            return .objects(
                days.map { d -> [String: TemplateValue] in
                    [
                        "day": .int(d.day), "date": .string(d.date), "weekday": .string(d.on.weekday), "iso": .string(d.on.iso),
                        "long": .string(d.on.long), "title": .string(d.title), "actions": .strings(d.actions),
                    ]
                })
        case .seen: return .text(TemplateText(text: "", closed: true))
        default: return .text(TemplateText(text: value.display, closed: false))
        }
    }

    static func item(_ item: [String: Value], n: Int) -> [String: TemplateValue] {
        var out: [String: TemplateValue] = ["n": .int(n)]
        for (k, v) in item { put(v, id: k, into: &out) }
        return out
    }

    /// The template rendered with these values: compiled once and rendered without dynamic casts when it can be,
    /// by swift-mustache otherwise (with the same values).
    func render(_ template: CompiledTemplate?, fallback: String) -> String {
        guard let template else { return fallback }
        if let fast = template.fast, let text = fast.render(values) { return text }
        return template.render(TemplateValue.any(values)) ?? fallback
    }
}
