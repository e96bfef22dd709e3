import CoachProtocol
import MCP

extension Value {
    /// The MCP value for a protocol JSON value (numbers become integers when they have no fraction).
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let text):
            if let i = Int(text) {
                self = .int(i)
            } else {
                self = .double(Double(text) ?? 0)
            }
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(Value.init(json:)))
        case .object(let members):
            var object: [String: Value] = [:]
            for (key, value) in members { object[key] = Value(json: value) }
            self = .object(object)
        }
    }

    /// The protocol JSON value for this MCP value (data travels as its `data:` URL, as on the wire).
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(String(i))
        case .double(let d):
            guard d.isFinite else { return .null }
            if d.rounded() == d, abs(d) < 9.0e15 { return .number(String(Int(d))) }
            return .number(String(d))
        case .string(let s): return .string(s)
        case .data(let mimeType, let data):
            return .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): return .array(items.map(\.json))
        case .object(let object): return .object(object.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value.json) })
        }
    }
}
