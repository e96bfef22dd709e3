import CoachCore

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
