/// A fast JSON encoding of session state in the layout `JSONEncoder` gives the synthesized `Codable` conformances,
/// for the hot path that saves every accepted answer. `JSONDecoder` reads it back.
extension SessionState {
    /// The state as JSON (what `JSONDecoder().decode(SessionState.self, ...)` reads).
    public func jsonData() -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("answers")
        w.beginObject()
        for key in answers.keys.sorted() {
            w.key(key.description)
            w.value(answers[key]!)
        }
        w.endObject()
        w.field("attempts", attempts)
        w.field("cancelled", cancelled)
        w.field("currency", currency)
        w.field("playbookID", playbookID)
        w.field("playbookVersion", playbookVersion)
        w.key("prefill")
        w.beginObject()
        for key in prefill.keys.sorted() {
            w.key(key)
            w.beginObject()
            w.field("note", prefill[key]!.note)
            w.field("text", prefill[key]!.text)
            w.endObject()
        }
        w.endObject()
        w.field("revisit", revisit?.description)
        w.field("skipped", skipped.sorted().map(\.description))
        w.field("today", today.iso)
        w.endObject()
        return w.bytes
    }
}

extension SessionExport.Answer {
    /// Answers as a JSON array of `{answer, question, step}` (what `JSONDecoder` reads back).
    public static func jsonData(_ answers: [SessionExport.Answer]) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginArray()
        for a in answers {
            w.beginObject()
            w.field("answer", a.answer)
            w.field("question", a.question)
            w.field("step", a.step)
            w.endObject()
        }
        w.endArray()
        return w.bytes
    }
}

extension JSONWriter {
    /// A value in the synthesized `Codable` layout: `{"case":{"_0":...}}` for a case with one unlabelled value.
    mutating func value(_ v: Value) {
        switch v {
        case .text(let s): tagged("text") { $0.string(s) }
        case .number(let n): tagged("number") { $0.double(n) }
        case .percent(let n): tagged("percent") { $0.double(n) }
        case .money(let m):
            tagged("money") {
                $0.beginObject()
                $0.field("cents", Int(m.cents))
                $0.field("currency", m.currency)
                $0.endObject()
            }
        case .date(let d): tagged("date") { $0.string(d.iso) }
        case .bool(let b): tagged("bool") { $0.bool(b) }
        case .choice(let value, let label):
            beginObject()
            key("choice")
            beginObject()
            field("label", label)
            field("value", value)
            endObject()
            endObject()
        case .list(let items): tagged("list") { $0.strings(items) }
        case .items(let items):
            tagged("items") { w in
                w.beginArray()
                for item in items {
                    w.beginObject()
                    for k in item.keys.sorted() {
                        w.key(k)
                        w.value(item[k]!)
                    }
                    w.endObject()
                }
                w.endArray()
            }
        case .plan(let days):
            tagged("plan") { w in
                w.beginArray()
                for d in days {
                    w.beginObject()
                    w.field("actions", d.actions)
                    w.field("day", d.day)
                    w.field("on", d.on.iso)
                    w.field("title", d.title)
                    w.endObject()
                }
                w.endArray()
            }
        case .seen:
            beginObject()
            key("seen")
            beginObject()
            endObject()
            endObject()
        }
    }

    private mutating func tagged(_ name: String, _ body: (inout JSONWriter) -> Void) {
        beginObject()
        key(name)
        beginObject()
        key("_0")
        body(&self)
        endObject()
        endObject()
    }

    private mutating func strings(_ items: [String]) {
        beginArray()
        for item in items { string(item) }
        endArray()
    }

    /// A finite number: whole numbers without a fraction, others in Swift's round-trip form.
    private mutating func double(_ d: Double) {
        if d == d.rounded(), abs(d) < 1e15 {
            number(text: String(Int64(d)))
        } else {
            number(text: "\(d)")
        }
    }
}
