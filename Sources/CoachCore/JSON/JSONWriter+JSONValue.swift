/// Writing decoded JSON values back out.
extension JSONWriter {
    /// Writes any decoded JSON value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let text): number(text: text)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, v) in members {
                key(k)
                self.value(v)
            }
            endObject()
        }
    }

    /// The JSON text of `value`.
    public static func text(of value: JSONValue) -> String {
        var w = JSONWriter()
        w.value(value)
        return w.text
    }
}

extension JSONEncodable {
    /// The value as JSON for people to read: two-space indents, one member or item per line, ended by a newline.
    /// The same shape as ``jsonBytes``, only laid out.
    public var prettyJSON: String {
        // The compact form is always valid JSON, so reading it back cannot fail.
        guard let value = try? JSONReader.read(jsonBytes) else { return jsonText + "\n" }
        var out = ""
        JSONWriter.pretty(value, indent: "", into: &out)
        return out + "\n"
    }
}

extension JSONWriter {
    fileprivate static func pretty(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                pretty(item, indent: inner, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += inner + JSONWriter.text(of: .string(m.key)) + ": "
                pretty(m.value, indent: inner, into: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += JSONWriter.text(of: value)
        }
    }
}
