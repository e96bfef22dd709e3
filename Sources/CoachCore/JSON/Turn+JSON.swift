/// The one JSON shape of a turn and of what it holds (docs/protocol.md describes each object): what `session/*`
/// replies carry and what `coach run --format json` prints.
extension Turn: JSONEncodable {
    /// Writes the turn object: `{status, prompt?, invalid?, progress, outputs?, handoffs?, notice?,
    /// accepted?}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        writeMembers(to: &w)
        w.endObject()
    }

    /// Writes the turn's members into an object the caller opened (a protocol reply puts `session` first);
    /// `outputs`, when given, are written instead of the turn's own (a preview's drafts so far).
    public func writeMembers(to w: inout JSONWriter, outputs: [RenderedOutput]? = nil) {
        w.field("status", status.rawValue)
        w.field("prompt", prompt)
        w.field("invalid", invalid)
        w.field("progress", progress)
        if let outputs = outputs ?? self.outputs { w.field("outputs", outputs) }
        if let handoffs { w.field("handoffs", handoffs) }
        w.field("notice", notice)
        if let accepted {
            w.key("accepted")
            w.beginObject()
            w.field("step", accepted.step)
            w.field("display", accepted.display)
            w.endObject()
        }
    }
}

extension Prompt: JSONEncodable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("step", step)
        w.field("kind", kind.rawValue)
        w.field("text", text)
        w.field("help", help)
        w.field("why", why)
        w.field("default", self.default)
        w.field("defaultNote", defaultNote)
        if let choices { w.field("choices", choices) }
        w.field("required", required)
        w.field("examples", examples)
        w.field("tips", tips)
        w.field("group", group)
        w.field("revisiting", revisiting)
        w.endObject()
    }
}

extension Prompt.GroupPosition: JSONEncodable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("item", item)
        w.field("itemName", itemName)
        w.endObject()
    }
}

extension Choice: JSONEncodable {
    /// `{value, label}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("value", value)
        w.field("label", label)
        w.endObject()
    }
}

extension Progress: JSONEncodable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("answered", answered)
        w.field("total", total)
        w.field("position", position)
        w.endObject()
    }
}

extension Invalid: JSONEncodable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("message", message)
        w.field("attempt", attempt)
        w.field("example", example)
        w.endObject()
    }
}

extension HandoffOffer: JSONEncodable {
    /// `{playbook, label, prefill: {step: text}}`, the prefill in step order.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("playbook", playbook)
        w.field("label", label)
        w.key("prefill")
        w.beginObject()
        for (k, v) in prefill.sorted(by: { $0.key < $1.key }) {
            w.key(k)
            w.string(v)
        }
        w.endObject()
        w.endObject()
    }
}

extension RenderedOutput: JSONCodable {
    /// `{id, title, kind, subject?, to?, body, missing}`. The review of a finished email is not part of it: it is
    /// worked out from the subject and body when it is wanted (`draft/review`, `coach review`, the REPL), not on
    /// every turn that finishes a session.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("title", title)
        w.field("kind", kind.rawValue)
        w.field("subject", subject)
        w.field("to", to)
        w.field("body", body)
        w.field("missing", missing)
        w.endObject()
    }

    /// The output `json` describes; a finished email gets its review back, worked out when it is read.
    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "an output")
        let kindName = try f.string("kind")
        guard let kind = OutputKind(rawValue: kindName) else {
            throw JSONDecodingError(field: f.path(of: "kind"), message: "'\(kindName)' is not an output kind")
        }
        let id = try f.string("id")
        let title = try f.string("title")
        let subject = try f.optionalString("subject")
        let to = try f.optionalString("to")
        let body = try f.string("body")
        let missing = try f.strings("missing")
        if kind == .email, missing.isEmpty {
            self.init(finishedEmail: id, title: title, kind: kind, subject: subject, to: to, body: body)
        } else {
            self.init(id: id, title: title, kind: kind, subject: subject, to: to, body: body, missing: missing, review: nil)
        }
    }
}

extension ReviewFinding: JSONCodable {
    /// `{line, severity, rule, message, suggestion}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("line", line)
        w.field("severity", severity.rawValue)
        w.field("rule", rule)
        w.field("message", message)
        w.field("suggestion", suggestion)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "a review finding")
        let name = try f.string("severity")
        guard let severity = Severity(rawValue: name) else {
            throw JSONDecodingError(field: f.path(of: "severity"), message: "'\(name)' is not a severity")
        }
        self.init(
            line: try f.int("line"), severity: severity, rule: try f.string("rule"), message: try f.string("message"),
            suggestion: try f.string("suggestion"))
    }
}
