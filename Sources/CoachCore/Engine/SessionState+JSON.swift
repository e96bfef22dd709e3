/// The one JSON shape of session state, written on every accepted answer and read back on resume. Values keep the
/// layout stored sessions have always had (`{"text":{"_0":"Acme"}}`), so every saved session still reads.
extension SessionState: JSONCodable {
    /// `{answers, attempts, cancelled, currency?, playbookID, playbookVersion, prefill, revisit?, skipped, today}`,
    /// answers and prefill by step id in sorted order.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("answers")
        w.beginObject()
        for key in answers.keys.sorted() {
            w.key(key.description)
            answers[key]!.write(to: &w)
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
            prefill[key]!.write(to: &w)
        }
        w.endObject()
        w.field("revisit", revisit?.description)
        w.field("skipped", skipped.sorted().map(\.description))
        w.field("today", today.iso)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "a session state")
        playbookID = try f.string("playbookID")
        playbookVersion = try f.int("playbookVersion")
        answers = [:]
        for (key, value) in try f.object("answers").members {
            answers[StepKey(key)] = try JSONFields.nested("answers.\(key)") { () throws(JSONDecodingError) in try Value(json: value) }
        }
        skipped = Set(try f.strings("skipped").map { StepKey($0) })
        revisit = try f.optionalString("revisit").map { StepKey($0) }
        attempts = try f.int("attempts")
        if f["cancelled"] != nil {
            cancelled = try f.bool("cancelled")
        } else {
            // States stored before the flag kept where the session stood instead.
            cancelled = try f.optionalString("status") == "cancelled"
        }
        currency = try f.optionalString("currency")
        today = try Day(json: try f.required("today", "a date"), field: "today")
        prefill = [:]
        for (key, value) in try f.optionalObject("prefill")?.members ?? [] {
            prefill[key] = try JSONFields.nested("prefill.\(key)") { () throws(JSONDecodingError) in try Prefill(json: value) }
        }
    }
}

extension SessionState.Prefill: JSONCodable {
    /// `{note?, text}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("note", note)
        w.field("text", text)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "a pre-filled answer")
        self.init(text: try f.string("text"), note: try f.optionalString("note"))
    }
}

extension SessionExport.Answer: JSONCodable {
    /// `{step, question, answer}`: an answer as `session/state` lists it and as it is stored beside the state.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("step", step)
        w.field("question", question)
        w.field("answer", answer)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "an answer")
        self.init(step: try f.string("step"), question: try f.string("question"), answer: try f.string("answer"))
    }
}

extension Value: JSONCodable {
    /// A value tagged with its case: `{"case":{"_0":...}}` for a case with one unlabelled value,
    /// `{"choice":{"label","value"}}`, `{"seen":{}}`.
    public func write(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.tagged("text") { $0.string(s) }
        case .number(let n): w.tagged("number") { $0.double(n) }
        case .percent(let n): w.tagged("percent") { $0.double(n) }
        case .money(let m):
            w.tagged("money") {
                $0.beginObject()
                $0.field("cents", Int(m.cents))
                $0.field("currency", m.currency)
                $0.endObject()
            }
        case .date(let d): w.tagged("date") { $0.string(d.iso) }
        case .bool(let b): w.tagged("bool") { $0.bool(b) }
        case .choice(let value, let label):
            w.beginObject()
            w.key("choice")
            w.beginObject()
            w.field("label", label)
            w.field("value", value)
            w.endObject()
            w.endObject()
        case .list(let items): w.tagged("list") { $0.field(items) }
        case .items(let items):
            w.tagged("items") { w in
                w.beginArray()
                for item in items {
                    w.beginObject()
                    for k in item.keys.sorted() {
                        w.key(k)
                        item[k]!.write(to: &w)
                    }
                    w.endObject()
                }
                w.endArray()
            }
        case .plan(let days): w.tagged("plan") { $0.value(days) }
        case .seen:
            w.beginObject()
            w.key("seen")
            w.beginObject()
            w.endObject()
            w.endObject()
        }
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .object(let members) = json, members.count == 1 else {
            throw JSONDecodingError(field: "", message: "a value must be an object with one member naming its kind")
        }
        let (tag, body) = members[0]
        let f = try JSONFields(body, context: "a \(tag) value", path: tag)
        switch tag {
        case "text": self = .text(try f.string("_0"))
        case "number": self = .number(try f.double("_0"))
        case "percent": self = .percent(try f.double("_0"))
        case "money":
            let m = try f.object("_0")
            self = .money(Money(cents: Int64(try m.int("cents")), currency: try m.string("currency")))
        case "date": self = .date(try Day(json: try f.required("_0", "a date"), field: "date._0"))
        case "bool": self = .bool(try f.bool("_0"))
        case "choice": self = .choice(value: try f.string("value"), label: try f.string("label"))
        case "list": self = .list(try f.strings("_0"))
        case "items":
            guard case .array(let list) = try f.required("_0", "an array") else {
                throw JSONDecodingError(field: "items._0", message: "'items._0' must be an array")
            }
            var items: [[String: Value]] = []
            for (i, entry) in list.enumerated() {
                let fields = try JSONFields(entry, context: "an item", path: "items._0[\(i)]")
                var item: [String: Value] = [:]
                for (k, v) in fields.members {
                    item[k] = try JSONFields.nested("items._0[\(i)].\(k)") { () throws(JSONDecodingError) in try Value(json: v) }
                }
                items.append(item)
            }
            self = .items(items)
        case "plan": self = .plan(try f.decodeArray("_0"))
        case "seen": self = .seen
        default: throw JSONDecodingError(field: tag, message: "'\(tag)' is not a kind of value")
        }
    }
}

extension PlanDay: JSONCodable {
    /// `{actions, day, on, title}` (`on` as `2026-11-24`).
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("actions", actions)
        w.field("day", day)
        w.field("on", on.iso)
        w.field("title", title)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let d = try JSONFields(json, context: "a plan day")
        self.init(
            day: try d.int("day"), on: try Day(json: try d.required("on", "a date"), field: d.path(of: "on")),
            title: try d.string("title"), actions: try d.strings("actions"))
    }
}

extension SessionExport.Plan: JSONCodable {
    /// `{days, id, isMain, title}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("days", days)
        w.field("id", id)
        w.field("isMain", isMain)
        w.field("title", title)
        w.endObject()
    }

    public init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "a plan")
        self.init(id: try f.string("id"), title: try f.string("title"), isMain: try f.bool("isMain"), days: try f.decodeArray("days"))
    }
}

extension Day {
    /// The day a JSON `YYYY-MM-DD` string names.
    init(json: JSONValue, field: String) throws(JSONDecodingError) {
        guard case .string(let text) = json, let day = Day.parseISO(text) else {
            throw JSONDecodingError(field: field, message: "'\(field)' must be a date as YYYY-MM-DD")
        }
        self = day
    }
}

extension JSONWriter {
    fileprivate mutating func tagged(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        beginObject()
        key(name)
        beginObject()
        key("_0")
        body(&self)
        endObject()
        endObject()
    }

    fileprivate mutating func field(_ items: [String]) {
        beginArray()
        for item in items { string(item) }
        endArray()
    }

    /// A finite number: whole numbers without a fraction, others in Swift's round-trip form.
    fileprivate mutating func double(_ d: Double) {
        if d == d.rounded(), abs(d) < 1e15 {
            number(text: String(Int64(d)))
        } else {
            number(text: "\(d)")
        }
    }
}
