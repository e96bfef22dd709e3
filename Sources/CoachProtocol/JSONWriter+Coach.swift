import CoachCore

/// Writers for the engine's values as protocol JSON (see docs/protocol.md for each object).
extension JSONWriter {
    /// Writes a turn object: `{session, status, prompt?, invalid?, progress, outputs?, handoffs?, notice?,
    /// accepted?}`. `outputs`, when given, are written instead of the turn's own (a preview's drafts so far).
    public mutating func turn(_ turn: Turn, session: String, outputs: [RenderedOutput]? = nil) {
        beginObject()
        turnFields(turn, session: session, outputs: outputs)
        endObject()
    }

    /// Writes a turn's members into an object the caller opened.
    public mutating func turnFields(_ turn: Turn, session: String, outputs: [RenderedOutput]? = nil) {
        field("session", session)
        field("status", turn.status.rawValue)
        if let prompt = turn.prompt {
            key("prompt")
            self.prompt(prompt)
        }
        if let invalid = turn.invalid {
            key("invalid")
            beginObject()
            field("message", invalid.message)
            field("attempt", invalid.attempt)
            field("example", invalid.example)
            endObject()
        }
        key("progress")
        beginObject()
        field("answered", turn.progress.answered)
        field("total", turn.progress.total)
        field("position", turn.progress.position)
        endObject()
        if let outputs = outputs ?? turn.outputs {
            key("outputs")
            beginArray()
            for o in outputs { output(o) }
            endArray()
        }
        if let handoffs = turn.handoffs {
            key("handoffs")
            beginArray()
            for h in handoffs {
                beginObject()
                field("playbook", h.playbook)
                field("label", h.label)
                key("prefill")
                beginObject()
                for (k, v) in h.prefill.sorted(by: { $0.key < $1.key }) {
                    key(k)
                    string(v)
                }
                endObject()
                endObject()
            }
            endArray()
        }
        field("notice", turn.notice)
        if let accepted = turn.accepted {
            key("accepted")
            beginObject()
            field("step", accepted.step.description)
            field("display", accepted.display)
            endObject()
        }
    }

    /// Writes a prompt object.
    public mutating func prompt(_ p: Prompt) {
        beginObject()
        field("step", p.step.description)
        field("kind", p.kind.rawValue)
        field("text", p.text)
        field("help", p.help)
        field("why", p.why)
        field("default", p.default)
        field("defaultNote", p.defaultNote)
        if let choices = p.choices { self.choices(choices) }
        field("required", p.required)
        field("examples", p.examples)
        field("tips", p.tips)
        if let g = p.group {
            key("group")
            beginObject()
            field("id", g.id)
            field("item", g.item)
            field("itemName", g.itemName)
            endObject()
        }
        field("revisiting", p.revisiting)
        endObject()
    }

    /// Writes a `choices` member: `[{value, label}]`.
    public mutating func choices(_ choices: [Choice]) {
        key("choices")
        beginArray()
        for c in choices {
            beginObject()
            field("value", c.value)
            field("label", c.label)
            endObject()
        }
        endArray()
    }

    /// Writes an output object: `{id, title, kind, subject?, to?, body, missing}`.
    public mutating func output(_ o: RenderedOutput) {
        beginObject()
        field("id", o.id)
        field("title", o.title)
        field("kind", o.kind.rawValue)
        field("subject", o.subject)
        field("to", o.to)
        field("body", o.body)
        field("missing", o.missing)
        endObject()
    }
}
