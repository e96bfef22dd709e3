import CoachCore

/// A small JSON Schema (2020-12) validator for the keywords Coach's schemas use: `type`, `const`, `enum`,
/// `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`, `minimum`, `maximum`,
/// `minLength`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` and local `$ref`s (`#/$defs/name`).
/// `format` is an annotation, as the standard has it.
///
/// A keyword it does not know is a failure, never ignored: a schema that starts using one must teach it here
/// first, so a validation can never pass by skipping what it cannot read.
public struct SchemaValidator: Sendable {
    /// The whole schema document (where `#/...` references point).
    public let root: JSONValue

    public init(_ root: JSONValue) { self.root = root }

    /// Keywords that only describe (no effect on validation).
    static let annotations: Set<String> = [
        "$schema", "$id", "$defs", "$comment", "title", "description", "format", "examples", "default", "readOnly",
    ]

    /// Why `instance` does not fit the schema at `pointer` (`#/$defs/turn`, `#` for the root): one line per fault,
    /// each starting with where it is (`$.result.prompt.kind`). Empty when it fits.
    public func errors(_ instance: JSONValue, against pointer: String = "#") -> [String] {
        do {
            return try check(instance, try resolve(pointer), at: "$", depth: 0)
        } catch {
            return ["schema: \(error.message)"]
        }
    }

    /// The schema that `ref` (`#`, `#/$defs/name`) points at.
    public func resolve(_ ref: String) throws(SchemaError) -> JSONValue {
        guard ref.hasPrefix("#") else { throw SchemaError("only local references are supported, not \(ref)") }
        var node = root
        for raw in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let token = raw.split(separator: "~1", omittingEmptySubsequences: false).joined(separator: "/")
                .split(separator: "~0", omittingEmptySubsequences: false).joined(separator: "~")
            guard let next = node[String(token)] else { throw SchemaError("\(ref) points at nothing") }
            node = next
        }
        return node
    }

    /// A schema the validator cannot read.
    public struct SchemaError: Error {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, at path: String, depth: Int) throws(SchemaError) -> [String] {
        guard depth < 64 else { throw SchemaError("references nest more than 64 deep at \(path)") }
        switch schema {
        case .bool(true): return []
        case .bool(false): return ["\(path): nothing is allowed here"]
        case .object(let keywords):
            var errors: [String] = []
            for (keyword, argument) in keywords {
                errors += try apply(keyword, argument, in: schema, to: value, at: path, depth: depth)
            }
            return errors
        default: throw SchemaError("a schema must be an object or a boolean, not \(schema.typeName), at \(path)")
        }
    }

    private func apply(
        _ keyword: String, _ argument: JSONValue, in schema: JSONValue, to value: JSONValue, at path: String, depth: Int
    ) throws(SchemaError) -> [String] {
        switch keyword {
        case _ where Self.annotations.contains(keyword): return []
        case "$ref":
            guard let ref = argument.stringValue else { throw SchemaError("$ref must be a string at \(path)") }
            return try check(value, try resolve(ref), at: path, depth: depth + 1)
        case "type":
            let names: [String]
            switch argument {
            case .string(let name): names = [name]
            case .array(let items): names = items.compactMap(\.stringValue)
            default: throw SchemaError("type must be a string or an array at \(path)")
            }
            return names.contains(where: { Self.has(value, type: $0) })
                ? [] : ["\(path): expected \(names.joined(separator: " or ")), got \(value.typeName)"]
        case "const":
            return value == argument ? [] : ["\(path): expected \(JSONWriter.text(of: argument)), got \(JSONWriter.text(of: value))"]
        case "enum":
            guard case .array(let options) = argument else { throw SchemaError("enum must be an array at \(path)") }
            return options.contains(value) ? [] : ["\(path): \(JSONWriter.text(of: value)) is not one of \(JSONWriter.text(of: argument))"]
        case "properties":
            guard case .object(let properties) = argument else { throw SchemaError("properties must be an object at \(path)") }
            guard case .object = value else { return [] }
            var errors: [String] = []
            for (name, sub) in properties {
                if let member = value[name] { errors += try check(member, sub, at: "\(path).\(name)", depth: depth) }
            }
            return errors
        case "required":
            guard case .array(let names) = argument else { throw SchemaError("required must be an array at \(path)") }
            guard case .object = value else { return [] }
            return names.compactMap(\.stringValue).filter { value[$0] == nil }.map { "\(path): missing required member '\($0)'" }
        case "additionalProperties":
            guard case .object(let members) = value else { return [] }
            let known = Set(
                schema["properties"].flatMap { p -> [String]? in
                    if case .object(let m) = p { return m.map(\.key) }
                    return nil
                } ?? [])
            var errors: [String] = []
            for (name, member) in members where !known.contains(name) {
                if argument == .bool(false) {
                    errors.append("\(path): member '\(name)' is not allowed")
                } else {
                    errors += try check(member, argument, at: "\(path).\(name)", depth: depth)
                }
            }
            return errors
        case "items":
            guard case .array(let items) = value else { return [] }
            var errors: [String] = []
            for (i, item) in items.enumerated() { errors += try check(item, argument, at: "\(path)[\(i)]", depth: depth) }
            return errors
        case "minItems", "maxItems":
            guard let limit = argument.intValue else { throw SchemaError("\(keyword) must be an integer at \(path)") }
            guard case .array(let items) = value else { return [] }
            let fits = keyword == "minItems" ? items.count >= limit : items.count <= limit
            return fits ? [] : ["\(path): \(items.count) items, \(keyword) is \(limit)"]
        case "minLength":
            guard let limit = argument.intValue else { throw SchemaError("minLength must be an integer at \(path)") }
            guard case .string(let s) = value else { return [] }
            return s.count >= limit ? [] : ["\(path): \(s.count) characters, minLength is \(limit)"]
        case "minimum", "maximum":
            guard case .number(let bound) = argument, let limit = Double(bound) else {
                throw SchemaError("\(keyword) must be a number at \(path)")
            }
            guard case .number(let text) = value, let number = Double(text) else { return [] }
            let fits = keyword == "minimum" ? number >= limit : number <= limit
            return fits ? [] : ["\(path): \(text) is out of range (\(keyword) \(bound))"]
        case "allOf", "anyOf", "oneOf":
            guard case .array(let schemas) = argument, !schemas.isEmpty else {
                throw SchemaError("\(keyword) must be a non-empty array at \(path)")
            }
            var results: [[String]] = []
            for sub in schemas { results.append(try check(value, sub, at: path, depth: depth + 1)) }
            let passing = results.filter(\.isEmpty).count
            switch keyword {
            case "allOf": return results.flatMap { $0 }
            case "anyOf":
                return passing > 0 ? [] : ["\(path): fits none of anyOf (closest: \(Self.closest(results)))"]
            default:
                if passing == 1 { return [] }
                if passing == 0 { return ["\(path): fits none of oneOf (closest: \(Self.closest(results)))"] }
                return ["\(path): fits \(passing) schemas of oneOf, exactly one is allowed"]
            }
        case "not":
            return try check(value, argument, at: path, depth: depth + 1).isEmpty ? ["\(path): must not fit a 'not' schema"] : []
        case "if":
            let fits = try check(value, argument, at: path, depth: depth + 1).isEmpty
            if fits, let then = schema["then"] { return try check(value, then, at: path, depth: depth + 1) }
            if !fits, let otherwise = schema["else"] { return try check(value, otherwise, at: path, depth: depth + 1) }
            return []
        case "then", "else":
            return []  // applied by `if`
        default:
            throw SchemaError("keyword '\(keyword)' at \(path) is not supported by this validator; teach it before using it")
        }
    }

    /// The members of `instance` (at any depth) that no schema applying to them declares: one line per member.
    /// Where a schema leaves objects open (no `properties`, no `additionalProperties`), anything goes. Together
    /// with ``errors(_:against:)`` this says that an encoding writes exactly what the schema documents.
    public func undocumented(_ instance: JSONValue, against pointer: String = "#") -> [String] {
        do {
            return try undocumented(instance, [try resolve(pointer)], at: "$")
        } catch {
            return ["schema: \(error.message)"]
        }
    }

    private func undocumented(_ value: JSONValue, _ schemas: [JSONValue], at path: String) throws(SchemaError) -> [String] {
        var all: [JSONValue] = []
        for schema in schemas { try gather(schema, into: &all, depth: 0) }
        switch value {
        case .object(let members):
            var declared: [String: [JSONValue]] = [:]
            var additional: [JSONValue] = []
            var described = false
            for schema in all {
                if case .object(let properties)? = schema["properties"] {
                    described = true
                    for (name, sub) in properties { declared[name, default: []].append(sub) }
                }
                if let more = schema["additionalProperties"] {
                    described = true
                    if more != .bool(false) { additional.append(more) }
                }
            }
            guard described else { return [] }
            var faults: [String] = []
            for (name, member) in members {
                if let subs = declared[name] {
                    faults += try undocumented(member, subs, at: "\(path).\(name)")
                } else if !additional.isEmpty {
                    faults += try undocumented(member, additional, at: "\(path).\(name)")
                } else {
                    faults.append("\(path): member '\(name)' is not in the schema")
                }
            }
            return faults
        case .array(let items):
            let itemSchemas = all.compactMap { $0["items"] }
            guard !itemSchemas.isEmpty else { return [] }
            var faults: [String] = []
            for (i, item) in items.enumerated() { faults += try undocumented(item, itemSchemas, at: "\(path)[\(i)]") }
            return faults
        default: return []
        }
    }

    /// `schema` and every schema it applies through `$ref`, `allOf`, `anyOf`, `oneOf`, `then` and `else`.
    private func gather(_ schema: JSONValue, into all: inout [JSONValue], depth: Int) throws(SchemaError) {
        guard depth < 64 else { throw SchemaError("references nest more than 64 deep") }
        guard case .object = schema else { return }
        all.append(schema)
        if let ref = schema["$ref"]?.stringValue { try gather(try resolve(ref), into: &all, depth: depth + 1) }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if case .array(let subs)? = schema[keyword] {
                for sub in subs { try gather(sub, into: &all, depth: depth + 1) }
            }
        }
        for keyword in ["then", "else"] {
            if let sub = schema[keyword] { try gather(sub, into: &all, depth: depth + 1) }
        }
    }

    /// The fewest faults among the branches tried, as one line.
    private static func closest(_ results: [[String]]) -> String {
        (results.min { $0.count < $1.count } ?? []).joined(separator: "; ")
    }

    /// Whether `value` is of JSON Schema type `name`.
    static func has(_ value: JSONValue, type name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let text)):
            if Int(text) != nil { return true }
            guard let d = Double(text) else { return false }
            return d.rounded() == d
        default: return false
        }
    }
}
