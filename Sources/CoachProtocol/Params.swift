import CoachCore

/// A request's `params` object, read field by field; a missing or mistyped field is an `invalidParams` error
/// naming it.
struct Params {
    let method: String
    let members: [(key: String, value: JSONValue)]

    init(method: String, value: JSONValue?) throws(ProtocolError) {
        self.method = method
        switch value {
        case nil, .null?: members = []
        case .object(let m)?: members = m
        case let other?:
            throw .invalidParams("params", "\(method): params must be an object of named fields, not \(other.typeName)")
        }
    }

    subscript(name: String) -> JSONValue? {
        var i = members.count - 1
        while i >= 0 {
            if members[i].key == name { return members[i].value }
            i -= 1
        }
        return nil
    }

    private func missing(_ name: String, _ what: String) -> ProtocolError {
        .invalidParams(name, "\(method) needs '\(name)' (\(what))")
    }

    private func mistyped(_ name: String, _ what: String, _ got: JSONValue) -> ProtocolError {
        .invalidParams(name, "'\(name)' must be \(what), not \(got.typeName)")
    }

    /// A required string.
    func string(_ name: String) throws(ProtocolError) -> String {
        guard let v = self[name], v != .null else { throw missing(name, "a string") }
        guard case .string(let s) = v else { throw mistyped(name, "a string", v) }
        return s
    }

    /// An optional string (absent or null is nil).
    func optionalString(_ name: String) throws(ProtocolError) -> String? {
        guard let v = self[name], v != .null else { return nil }
        guard case .string(let s) = v else { throw mistyped(name, "a string", v) }
        return s
    }

    /// A required integer.
    func int(_ name: String) throws(ProtocolError) -> Int {
        guard let v = self[name], v != .null else { throw missing(name, "an integer") }
        guard let i = v.intValue else { throw mistyped(name, "an integer", v) }
        return i
    }

    /// An optional object's members.
    func optionalObject(_ name: String) throws(ProtocolError) -> [(key: String, value: JSONValue)]? {
        guard let v = self[name], v != .null else { return nil }
        guard case .object(let m) = v else { throw mistyped(name, "an object", v) }
        return m
    }

    /// A required object's members.
    func object(_ name: String) throws(ProtocolError) -> [(key: String, value: JSONValue)] {
        guard let m = try optionalObject(name) else { throw missing(name, "an object") }
        return m
    }

    /// A required answer value: a string, a number (its text), a boolean (`yes`/`no`) or an array of strings.
    func answer(_ name: String) throws(ProtocolError) -> AnswerInput {
        guard let v = self[name], v != .null else {
            throw missing(name, "a string, number, boolean or array of strings")
        }
        return try Params.answer(v, field: name)
    }

    /// The engine input for a JSON answer value.
    static func answer(_ v: JSONValue, field: String) throws(ProtocolError) -> AnswerInput {
        switch v {
        case .string(let s): return .text(s)
        case .number(let n): return .text(n)
        case .bool(let b): return .text(b ? "yes" : "no")
        case .array(let items):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                switch item {
                case .string(let s): out.append(s)
                case .number(let n): out.append(n)
                default:
                    throw .invalidParams("\(field)[\(i)]", "each item of '\(field)' must be a string, not \(item.typeName)")
                }
            }
            return .items(out)
        default:
            throw .invalidParams(field, "'\(field)' must be a string, number, boolean or array of strings, not \(v.typeName)")
        }
    }
}
