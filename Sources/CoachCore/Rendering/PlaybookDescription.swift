/// A readable description of a playbook: what `coach show` prints.
public enum PlaybookDescription {
    /// The playbook's metadata, steps (with kinds, choices, conditions) and outputs.
    public static func describe(_ p: Playbook) -> String {
        var out = "\(p.title) (\(p.id), version \(p.version))\n\(p.summary)\n"
        if let when = p.useWhen { out += "Use it when: \(when)\n" }
        if let m = p.minutes { out += "About \(m) minutes.\n" }
        if !p.tags.isEmpty { out += "Tags: \(p.tags.joined(separator: ", "))\n" }
        out += "\nSteps:\n"
        var n = 0
        for step in p.steps {
            n += 1
            out += line(step, number: "\(n).", indent: "  ")
            for (j, sub) in step.steps.enumerated() {
                out += line(sub, number: "\(n).\(j + 1)", indent: "     ")
            }
        }
        if !p.computed.isEmpty {
            out += "\nWorked out from the answers: " + p.computed.map(\.id).joined(separator: ", ") + "\n"
        }
        out += "\nOutputs:\n"
        for o in p.outputs { out += "  - \(o.id) (\(o.kind.rawValue)): \(o.title)\n" }
        if !p.handoffs.isEmpty {
            out += "\nMay hand off to: " + p.handoffs.map(\.playbook).joined(separator: ", ") + "\n"
        }
        return out
    }

    static func line(_ step: Step, number: String, indent: String) -> String {
        var kind = step.kind.rawValue
        if !step.required && step.kind.asks { kind += ", optional" }
        if step.kind == .group { kind += " of \(step.item ?? "item")s" }
        let question = step.kind == .info ? step.text.split(separator: "\n").first.map(String.init) ?? "" : step.ask
        var out = "\(indent)\(number) \(step.id) [\(kind)] \(question)\n"
        if !step.choices.isEmpty {
            out += "\(indent)     choices: " + step.choices.map(\.value).joined(separator: ", ") + "\n"
        }
        if let w = step.when { out += "\(indent)     only when: \(w)\n" }
        if let d = step.defaultText { out += "\(indent)     default: \(d)\n" }
        return out
    }
}
