extension AnswerInput: JSONEncodable {
    /// Text as a string, list items as an array of strings, a value given again as it reads.
    public func write(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.string(s)
        case .items(let items):
            w.beginArray()
            for item in items { w.string(item) }
            w.endArray()
        case .value(let value): w.string(value.display)
        }
    }

    /// The input for a JSON answer: a string, a number (its text), a boolean (`yes`/`no`) or an array of strings
    /// and numbers; `field` names it in errors.
    public init(json v: JSONValue, field: String) throws(JSONDecodingError) {
        switch v {
        case .string(let s): self = .text(s)
        case .number(let n): self = .text(n)
        case .bool(let b): self = .text(b ? "yes" : "no")
        case .array(let items):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                switch item {
                case .string(let s): out.append(s)
                case .number(let n): out.append(n)
                default:
                    throw JSONDecodingError(
                        field: "\(field)[\(i)]", message: "each item of '\(field)' must be a string, not \(item.typeName)")
                }
            }
            self = .items(out)
        default:
            throw JSONDecodingError(
                field: field, message: "'\(field)' must be a string, number, boolean or array of strings, not \(v.typeName)")
        }
    }
}
