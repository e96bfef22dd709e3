/// The members of one JSON object, read by name: a missing or mistyped member is a ``JSONDecodingError`` that
/// names it by its path and says what was expected. `JSONDecodable` types and the protocol's params use it.
public struct JSONFields {
    /// Who needs the members, for messages (`session/answer`, `a session state`).
    public let context: String
    /// The path of this object inside the value being read (`""` at the top, `prefill` below it).
    public let path: String
    public let members: [(key: String, value: JSONValue)]

    /// The members of `value`, which must be an object (or, when `allowAbsent`, nil or null: no members).
    public init(_ value: JSONValue?, context: String, path: String = "", allowAbsent: Bool = false) throws(JSONDecodingError) {
        self.context = context
        self.path = path
        switch value {
        case .object(let m)?: members = m
        case nil, .null?:
            guard allowAbsent else {
                throw JSONDecodingError(field: path, message: "\(context) needs \(path.isEmpty ? "an object" : "'\(path)' (an object)")")
            }
            members = []
        case let other?:
            let name = path.isEmpty ? "params" : path
            throw JSONDecodingError(field: name, message: "\(context): \(name) must be an object of named fields, not \(other.typeName)")
        }
    }

    /// The member `name`, or nil when it is absent.
    public subscript(name: String) -> JSONValue? {
        for m in members where m.key == name { return m.value }
        return nil
    }

    /// The path of member `name`.
    public func path(of name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// The error for a member that is missing.
    public func missing(_ name: String, _ what: String) -> JSONDecodingError {
        JSONDecodingError(field: path(of: name), message: "\(context) needs '\(path(of: name))' (\(what))")
    }

    /// The error for a member of the wrong type.
    public func mistyped(_ name: String, _ what: String, _ got: JSONValue) -> JSONDecodingError {
        JSONDecodingError(field: path(of: name), message: "'\(path(of: name))' must be \(what), not \(got.typeName)")
    }

    /// The member, which must be there and not null.
    public func required(_ name: String, _ what: String) throws(JSONDecodingError) -> JSONValue {
        guard let v = self[name], v != .null else { throw missing(name, what) }
        return v
    }

    /// A required string.
    public func string(_ name: String) throws(JSONDecodingError) -> String {
        let v = try required(name, "a string")
        guard case .string(let s) = v else { throw mistyped(name, "a string", v) }
        return s
    }

    /// An optional string (absent or null is nil).
    public func optionalString(_ name: String) throws(JSONDecodingError) -> String? {
        guard let v = self[name], v != .null else { return nil }
        guard case .string(let s) = v else { throw mistyped(name, "a string", v) }
        return s
    }

    /// A required integer.
    public func int(_ name: String) throws(JSONDecodingError) -> Int {
        let v = try required(name, "an integer")
        guard let i = v.intValue else { throw mistyped(name, "an integer", v) }
        return i
    }

    /// An optional integer.
    public func optionalInt(_ name: String) throws(JSONDecodingError) -> Int? {
        guard let v = self[name], v != .null else { return nil }
        guard let i = v.intValue else { throw mistyped(name, "an integer", v) }
        return i
    }

    /// A required boolean.
    public func bool(_ name: String) throws(JSONDecodingError) -> Bool {
        let v = try required(name, "a boolean")
        guard case .bool(let b) = v else { throw mistyped(name, "a boolean", v) }
        return b
    }

    /// A required number (an integer or a fraction).
    public func double(_ name: String) throws(JSONDecodingError) -> Double {
        let v = try required(name, "a number")
        guard case .number(let text) = v, let d = Double(text) else { throw mistyped(name, "a number", v) }
        return d
    }

    /// A required array of strings.
    public func strings(_ name: String) throws(JSONDecodingError) -> [String] {
        let v = try required(name, "an array of strings")
        guard case .array(let items) = v else { throw mistyped(name, "an array of strings", v) }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                throw JSONDecodingError(
                    field: "\(path(of: name))[\(i)]", message: "each item of '\(path(of: name))' must be a string, not \(item.typeName)")
            }
            out.append(s)
        }
        return out
    }

    /// An optional array of strings (absent or null is nil).
    public func optionalStrings(_ name: String) throws(JSONDecodingError) -> [String]? {
        guard let v = self[name], v != .null else { return nil }
        return try strings(name)
    }

    /// The members of the nested object `name`; absent or null is nil.
    public func optionalObject(_ name: String) throws(JSONDecodingError) -> JSONFields? {
        guard let v = self[name], v != .null else { return nil }
        guard case .object = v else { throw mistyped(name, "an object", v) }
        return try JSONFields(v, context: context, path: path(of: name))
    }

    /// The members of the nested object `name`, which must be there.
    public func object(_ name: String) throws(JSONDecodingError) -> JSONFields {
        guard let fields = try optionalObject(name) else { throw missing(name, "an object") }
        return fields
    }

    /// A required value of a decodable type; its errors name their members below this one.
    public func decode<T: JSONDecodable>(_ name: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T {
        let v = try required(name, "a value")
        return try Self.nested(path(of: name)) { () throws(JSONDecodingError) in try T(json: v) }
    }

    /// An optional value of a decodable type (absent or null is nil).
    public func decodeIfPresent<T: JSONDecodable>(_ name: String, as type: T.Type = T.self) throws(JSONDecodingError) -> T? {
        guard let v = self[name], v != .null else { return nil }
        return try Self.nested(path(of: name)) { () throws(JSONDecodingError) in try T(json: v) }
    }

    /// A required array of a decodable type.
    public func decodeArray<T: JSONDecodable>(_ name: String, of type: T.Type = T.self) throws(JSONDecodingError) -> [T] {
        let v = try required(name, "an array")
        guard case .array(let items) = v else { throw mistyped(name, "an array", v) }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            out.append(try Self.nested("\(path(of: name))[\(i)]") { () throws(JSONDecodingError) in try T(json: item) })
        }
        return out
    }

    /// Runs `body`, putting `prefix` before the path of any error it throws.
    static func nested<T>(_ prefix: String, _ body: () throws(JSONDecodingError) -> T) throws(JSONDecodingError) -> T {
        do {
            return try body()
        } catch {
            let field = error.field.isEmpty ? prefix : error.field.hasPrefix("[") ? prefix + error.field : "\(prefix).\(error.field)"
            throw JSONDecodingError(field: field, message: error.message)
        }
    }
}
