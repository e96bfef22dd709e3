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

/// The names a template can use, built from a session's answers and computed values.
struct TemplateContext {
    let values: [String: Any]
    /// Ids rendered as missing markers (preview only).
    let missing: [String]

    init(scope: SessionScope, preview: Bool, excluding: String? = nil) {
        var values: [String: Any] = [:]
        var missing: [String] = []
        let playbook = scope.playbook
        values["today"] = TemplateText(text: scope.today.long, closed: false)
        for step in playbook.steps where step.kind.asks || step.kind == .group {
            if step.kind == .group {
                let items = scope.items(of: step)
                values[step.id] = items.enumerated().map { TemplateContext.item($1, n: $0 + 1) }
                continue
            }
            if let v = scope.answers[.step(step.id)] {
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
                    values[c.id + "_first"] = TemplateContext.item(first, n: 1)
                    values[c.id + "_last"] = TemplateContext.item(last, n: items.count)
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

    static func put(_ value: Value, id: String, into values: inout [String: Any]) {
        values[id] = any(value)
        switch value {
        case .list(let l): values[id + "_text"] = TemplateText(text: Value.joined(l), closed: l.isEmpty)
        default: break
        }
    }

    static func any(_ value: Value) -> Any {
        switch value {
        case .bool(let b): return TemplateText(text: b ? "yes" : "no", closed: !b)
        case .list(let l): return l.map(TemplateText.init)
        case .items(let items): return items.enumerated().map { item($1, n: ($1["n"]?.numeric).map { Int($0) } ?? $0 + 1) }
        case .plan(let days):
            return days.map { d -> [String: Any] in
                [
                    "day": TemplateText(String(d.day)), "date": TemplateText(d.date), "weekday": TemplateText(d.on.weekday),
                    "iso": TemplateText(d.on.iso), "long": TemplateText(d.on.long), "title": TemplateText(d.title),
                    "actions": d.actions.map(TemplateText.init),
                ]
            }
        case .seen: return TemplateText(text: "", closed: true)
        default: return TemplateText(text: value.display, closed: false)
        }
    }

    static func item(_ item: [String: Value], n: Int) -> [String: Any] {
        var out: [String: Any] = ["n": TemplateText(String(n))]
        for (k, v) in item { put(v, id: k, into: &out) }
        return out
    }

    func render(_ template: CompiledTemplate?, fallback: String) -> String {
        guard let template else { return fallback }
        return template.render(values) ?? fallback
    }
}
