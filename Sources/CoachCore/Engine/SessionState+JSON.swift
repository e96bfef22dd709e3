/// A fast JSON encoding of session state, byte for byte what `JSONEncoder` (with sorted keys) would decode to the
/// same value, for the hot path that saves every accepted answer. `JSONDecoder` reads it back.
extension SessionState {
    /// The state as JSON in the synthesized `Codable` layout (what `JSONDecoder().decode(SessionState.self, ...)`
    /// reads).
    public func jsonData() -> [UInt8] {
        var w = FastJSON()
        w.open()
        w.key("answers")
        w.open()
        for key in answers.keys.sorted() {
            w.key(key)
            w.value(answers[key]!)
        }
        w.close()
        w.key("attempts")
        w.int(attempts)
        w.key("playbookID")
        w.string(playbookID)
        w.key("playbookVersion")
        w.int(playbookVersion)
        w.key("prefill")
        w.open()
        for key in prefill.keys.sorted() {
            let p = prefill[key]!
            w.key(key)
            w.open()
            if let note = p.note {
                w.key("note")
                w.string(note)
            }
            w.key("text")
            w.string(p.text)
            w.close()
        }
        w.close()
        if let revisit {
            w.key("revisit")
            w.string(revisit)
        }
        w.key("skipped")
        w.array(skipped.sorted())
        w.key("status")
        w.string(status.rawValue)
        w.key("today")
        w.string(today.iso)
        w.close()
        return w.bytes
    }
}

extension SessionExport.Answer {
    /// Answers as a JSON array of `{answer, question, step}` (what `JSONDecoder` reads back).
    public static func jsonData(_ answers: [SessionExport.Answer]) -> [UInt8] {
        var w = FastJSON()
        w.bytes.append(UInt8(ascii: "["))
        for (i, a) in answers.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.needsComma = false
            w.open()
            w.key("answer")
            w.string(a.answer)
            w.key("question")
            w.string(a.question)
            w.key("step")
            w.string(a.step)
            w.close()
        }
        w.bytes.append(UInt8(ascii: "]"))
        return w.bytes
    }
}

/// A minimal JSON writer for the state encoding above.
struct FastJSON {
    var bytes: [UInt8] = []
    var needsComma = false

    init() { bytes.reserveCapacity(1024) }

    mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func key(_ k: String) {
        comma()
        raw(k)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ s: String) {
        comma()
        raw(s)
    }

    mutating func int(_ n: Int) {
        comma()
        bytes.append(contentsOf: String(n).utf8)
    }

    mutating func double(_ d: Double) {
        comma()
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            bytes.append(contentsOf: String(Int64(d)).utf8)
        } else {
            bytes.append(contentsOf: "\(d)".utf8)
        }
    }

    mutating func array(_ items: [String]) {
        comma()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { string(item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `{"case":{"_0":...}}` as synthesized `Codable` writes an enum case with one unlabelled value.
    mutating func tagged(_ name: String, _ body: (inout FastJSON) -> Void) {
        comma()
        open()
        key(name)
        open()
        key("_0")
        body(&self)
        close()
        close()
    }

    mutating func value(_ v: Value) {
        switch v {
        case .text(let s): tagged("text") { $0.string(s) }
        case .number(let n): tagged("number") { $0.double(n) }
        case .percent(let n): tagged("percent") { $0.double(n) }
        case .money(let m):
            tagged("money") {
                $0.open()
                $0.key("cents")
                $0.int(Int(m.cents))
                $0.key("currency")
                $0.string(m.currency)
                $0.close()
            }
        case .date(let d): tagged("date") { $0.string(d.iso) }
        case .bool(let b):
            tagged("bool") {
                $0.comma()
                $0.bytes.append(contentsOf: (b ? "true" : "false").utf8)
            }
        case .choice(let value, let label):
            comma()
            open()
            key("choice")
            open()
            key("label")
            string(label)
            key("value")
            string(value)
            close()
            close()
        case .list(let items): tagged("list") { $0.array(items) }
        case .items(let items):
            tagged("items") { w in
                w.comma()
                w.bytes.append(UInt8(ascii: "["))
                w.needsComma = false
                for item in items {
                    w.open()
                    for k in item.keys.sorted() {
                        w.key(k)
                        w.value(item[k]!)
                    }
                    w.close()
                }
                w.bytes.append(UInt8(ascii: "]"))
                w.needsComma = true
            }
        case .plan(let days):
            tagged("plan") { w in
                w.comma()
                w.bytes.append(UInt8(ascii: "["))
                w.needsComma = false
                for d in days {
                    w.open()
                    w.key("actions")
                    w.array(d.actions)
                    w.key("day")
                    w.int(d.day)
                    w.key("on")
                    w.string(d.on.iso)
                    w.key("title")
                    w.string(d.title)
                    w.close()
                }
                w.bytes.append(UInt8(ascii: "]"))
                w.needsComma = true
            }
        case .seen:
            comma()
            open()
            key("seen")
            open()
            close()
            close()
        }
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    mutating func raw(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
