import CoachCore

/// `playbooks/list` and `playbooks/get`.
extension ProtocolServer {
    func listPlaybooks(into w: inout JSONWriter) {
        w.beginObject()
        w.key("playbooks")
        w.beginArray()
        for entry in catalog.entries {
            w.beginObject()
            playbookFields(entry, into: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    func getPlaybook(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("playbook")
        guard let entry = catalog.entries.first(where: { $0.playbook.id == id }) else {
            throw unknownPlaybook(id)
        }
        w.beginObject()
        w.key("playbook")
        w.beginObject()
        playbookFields(entry, into: &w)
        w.key("steps")
        w.beginArray()
        for step in entry.playbook.steps { self.step(step, into: &w) }
        w.endArray()
        w.key("outputs")
        w.beginArray()
        for o in entry.playbook.outputs {
            w.beginObject()
            w.field("id", o.id)
            w.field("title", o.title)
            w.field("kind", o.kind.rawValue)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    func unknownPlaybook(_ id: String) -> ProtocolError {
        var message = catalog.unknownMessage(id)
        if let cut = message.firstRange(of: " See them all with:") { message = String(message[..<cut.lowerBound]) }
        return ProtocolError(.unknownPlaybook, message)
    }

    private func playbookFields(_ entry: PlaybookCatalog.Entry, into w: inout JSONWriter) {
        let p = entry.playbook
        w.field("id", p.id)
        w.field("title", p.title)
        w.field("summary", p.summary)
        w.field("useWhen", p.useWhen)
        w.field("version", p.version)
        w.field("tags", p.tags)
        if let m = p.minutes { w.field("minutes", m) }
        w.field("questions", p.questionCount)
        w.field("origin", entry.origin)
    }

    private func step(_ s: Step, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", s.id)
        w.field("kind", s.kind.rawValue)
        if s.kind == .info { w.field("text", s.text) } else { w.field("ask", s.ask) }
        w.field("help", s.help)
        w.field("why", s.why)
        w.field("required", s.required && s.kind.asks)
        w.field("default", s.defaultText)
        if !s.choices.isEmpty { w.choices(s.choices) }
        w.field("examples", s.examples)
        w.field("tips", s.tips)
        w.field("conditional", s.when != nil)
        if s.kind == .group {
            w.field("item", s.item ?? "item")
            w.field("minItems", s.minItems ?? 1)
            if let max = s.maxItems { w.field("maxItems", max) }
            w.key("steps")
            w.beginArray()
            for sub in s.steps { step(sub, into: &w) }
            w.endArray()
        }
        w.endObject()
    }
}
