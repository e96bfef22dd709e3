import CoachProtocol

/// The short text rendering of a tool result, for assistants that read text rather than structured content.
/// It is written from the protocol result itself, so the text and the structured output never disagree.
enum ResultText {
    /// The text for the result of protocol method `method`.
    static func text(method: String, result: JSONValue) -> String {
        switch method {
        case "playbooks/list": return playbooks(result)
        case "playbooks/get": return playbook(result["playbook"] ?? .null)
        case "session/list": return sessions(result)
        case "session/export": return files(result)
        case "draft/review": return review(result)
        default: return turn(result)
        }
    }

    /// A turn: where the session stands, the question to ask (with what helps to ask it) or the finished drafts.
    static func turn(_ t: JSONValue) -> String {
        let session = t["session"]?.stringValue ?? "?"
        var lines: [String] = []
        for notice in t["notices"]?.arrayValue ?? [] { if let n = notice.stringValue { lines.append("Note: \(n)") } }
        if let notice = t["notice"]?.stringValue { lines.append("Note: \(notice)") }
        let progress = t["progress"]
        let answered = progress?["answered"]?.intValue ?? 0
        let total = progress?["total"]?.intValue ?? 0
        switch t["status"]?.stringValue {
        case "completed":
            lines.append("Session \(session) is finished (\(answered) answers). The drafts:")
            lines += outputs(t["outputs"], session: session)
            for h in t["handoffs"]?.arrayValue ?? [] {
                if let label = h["label"]?.stringValue, let id = h["playbook"]?.stringValue {
                    lines.append("Next step offered: \(label) (start_session with playbook \(id)).")
                }
            }
        case "cancelled":
            lines.append("Session \(session) was cancelled; its answers stay saved.")
        default:
            let position = progress?["position"]?.intValue ?? answered + 1
            lines.append("Session \(session): question \(position) of about \(total) (\(answered) answered).")
            if let invalid = t["invalid"] {
                var line = "Not accepted: \(invalid["message"]?.stringValue ?? "that answer does not fit")."
                if let example = invalid["example"]?.stringValue { line += " For example: \(example)" }
                lines.append(line + " Ask the person again.")
            }
            if let prompt = t["prompt"] { lines += self.prompt(prompt, session: session) }
            if let outputs = t["outputs"], !(outputs.arrayValue ?? []).isEmpty {
                lines.append("Drafts so far:")
                lines += self.outputs(outputs, session: session)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The question and what helps to ask it.
    static func prompt(_ p: JSONValue, session: String) -> [String] {
        let step = p["step"]?.stringValue ?? "?"
        let kind = p["kind"]?.stringValue ?? "text"
        let required = p["required"] == .bool(true)
        var lines: [String] = []
        if kind == "info" {
            lines.append("Tell the person: \(p["text"]?.stringValue ?? "")")
            lines.append("Then go on with skip {\"session\": \"\(session)\", \"step\": \"\(step)\"}.")
        } else {
            lines.append("Ask: \(p["text"]?.stringValue ?? "")")
            lines.append("Step \(step), \(kindName(kind)), \(required ? "required" : "optional (may be skipped)").")
        }
        if let help = p["help"]?.stringValue { lines.append("Help: \(help)") }
        if let why = p["why"]?.stringValue { lines.append("Why it matters: \(why)") }
        if let choices = p["choices"]?.arrayValue, !choices.isEmpty {
            let list = choices.map { c in
                let value = c["value"]?.stringValue ?? ""
                let label = c["label"]?.stringValue ?? value
                return label == value ? value : "\(value) (\(label))"
            }
            lines.append("Choices: " + list.joined(separator: "; "))
        }
        if let d = p["default"]?.stringValue {
            lines.append("Default: \(d)" + (p["defaultNote"]?.stringValue.map { " (\($0))" } ?? ""))
        }
        let examples = (p["examples"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !examples.isEmpty { lines.append("Examples: " + examples.joined(separator: "; ")) }
        for tip in p["tips"]?.arrayValue ?? [] { if let t = tip.stringValue { lines.append("Tip: \(t)") } }
        if kind != "info" {
            lines.append("Answer with: answer {\"session\": \"\(session)\", \"step\": \"\(step)\", \"value\": ...}")
        }
        return lines
    }

    private static func kindName(_ kind: String) -> String {
        switch kind {
        case "multiline": return "several lines of text"
        case "choice": return "one of the choices"
        case "multichoice": return "any of the choices (an array)"
        case "yesno": return "yes or no (true or false)"
        case "money": return "an amount of money"
        case "percent": return "a percentage"
        case "date": return "a date (YYYY-MM-DD)"
        case "time": return "a time (14:30, 2pm)"
        case "email": return "an email address"
        case "list": return "a list (an array of strings)"
        default: return kind
        }
    }

    /// Each draft: its title, recipient and subject, then its body.
    static func outputs(_ outputs: JSONValue?, session: String) -> [String] {
        var lines: [String] = []
        for o in outputs?.arrayValue ?? [] {
            lines.append("")
            lines.append("## \(o["title"]?.stringValue ?? o["id"]?.stringValue ?? "Draft") (\(o["kind"]?.stringValue ?? "note"))")
            if let to = o["to"]?.stringValue, !to.isEmpty { lines.append("To: \(to)") }
            if let subject = o["subject"]?.stringValue { lines.append("Subject: \(subject)") }
            if let body = o["body"]?.stringValue { lines.append(body) }
        }
        return lines
    }

    private static func playbooks(_ r: JSONValue) -> String {
        let lines = (r["playbooks"]?.arrayValue ?? []).map { p in
            var line = "\(p["id"]?.stringValue ?? "?"): \(p["title"]?.stringValue ?? "")"
            if let summary = p["summary"]?.stringValue { line += " - \(summary)" }
            if let n = p["questions"]?.intValue {
                line += " (\(n) questions" + (p["minutes"]?.intValue.map { ", about \($0) min" } ?? "") + ")"
            }
            if let use = p["useWhen"]?.stringValue { line += "\n  Use when: \(use)" }
            return line
        }
        return lines.isEmpty ? "No playbooks." : lines.joined(separator: "\n")
    }

    private static func playbook(_ p: JSONValue) -> String {
        var lines = ["\(p["title"]?.stringValue ?? "") (\(p["id"]?.stringValue ?? "?")): \(p["summary"]?.stringValue ?? "")"]
        if let use = p["useWhen"]?.stringValue { lines.append("Use when: \(use)") }
        lines.append("Steps:")
        func add(_ steps: [JSONValue], indent: String) {
            for s in steps {
                let kind = s["kind"]?.stringValue ?? ""
                let text = (kind == "info" ? s["text"] : s["ask"])?.stringValue ?? ""
                let optional = s["required"] == .bool(false) && kind != "info" && kind != "group" ? ", optional" : ""
                lines.append("\(indent)- \(s["id"]?.stringValue ?? "?") (\(kind)\(optional)): \(text)")
                add(s["steps"]?.arrayValue ?? [], indent: indent + "  ")
            }
        }
        add(p["steps"]?.arrayValue ?? [], indent: "")
        let outputs = (p["outputs"]?.arrayValue ?? []).map { "\($0["title"]?.stringValue ?? "") (\($0["kind"]?.stringValue ?? ""))" }
        if !outputs.isEmpty { lines.append("Drafts: " + outputs.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    private static func sessions(_ r: JSONValue) -> String {
        let lines = (r["sessions"]?.arrayValue ?? []).map { s in
            let progress = s["progress"]
            var line = "\(s["session"]?.stringValue ?? "?") \(s["status"]?.stringValue ?? "") \(s["playbook"]?.stringValue ?? "")"
            line += ": \(s["title"]?.stringValue ?? "")"
            line += " (\(progress?["answered"]?.intValue ?? 0)/\(progress?["total"]?.intValue ?? 0)"
            if let step = s["step"]?.stringValue { line += ", at \(step)" }
            return line + ", updated \(s["updatedAt"]?.stringValue ?? "")"
        }
        return lines.isEmpty ? "No sessions saved yet." : lines.joined(separator: "\n")
    }

    private static func files(_ r: JSONValue) -> String {
        (r["files"]?.arrayValue ?? []).map { f in
            "=== \(f["name"]?.stringValue ?? "file")\n\(f["contents"]?.stringValue ?? "")"
        }.joined(separator: "\n")
    }

    private static func review(_ r: JSONValue) -> String {
        let lines = (r["findings"]?.arrayValue ?? []).map { f in
            var line = "line \(f["line"]?.intValue ?? 0): \(f["severity"]?.stringValue ?? ""): \(f["message"]?.stringValue ?? "")"
            if let s = f["suggestion"]?.stringValue { line += " Try: \(s)" }
            return line
        }
        return lines.isEmpty ? "No findings: the draft reads well." : lines.joined(separator: "\n")
    }
}

extension JSONValue {
    /// The items, when this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
