/// A type with one JSON shape, written by the fast ``JSONWriter``: the protocol, the store, `coach run --format
/// json` and the exports all write it through this one conformance, so the type reads the same everywhere.
public protocol JSONEncodable {
    /// Writes the value (one JSON value) into `w`.
    func write(to w: inout JSONWriter)
}

/// A type read back from the JSON shape its ``JSONEncodable`` conformance writes.
public protocol JSONDecodable {
    /// The value `json` describes; a missing or mistyped member is an error naming it.
    init(json: JSONValue) throws(JSONDecodingError)
}

/// Both directions of one JSON shape.
public typealias JSONCodable = JSONEncodable & JSONDecodable

extension JSONEncodable {
    /// The value as compact JSON bytes.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: 512)
        write(to: &w)
        return w.bytes
    }

    /// The value as compact JSON text.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }
}

extension JSONDecodable {
    /// The value the JSON text in `bytes` describes.
    public init(jsonBytes bytes: [UInt8]) throws(JSONDecodingError) {
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes)
        } catch {
            throw JSONDecodingError(field: "", message: "not JSON: \(error)")
        }
        try self.init(json: value)
    }
}

/// Why a JSON value is not the value a type reads: the member at fault (`prefill.client`, `answers[2]`) and what
/// is wrong with it.
public struct JSONDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path of the member at fault; empty for the whole value.
    public var field: String
    /// What is wrong, in a sentence that names the member.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

extension JSONWriter {
    /// Writes any value with a JSON shape.
    public mutating func value(_ value: some JSONEncodable) {
        value.write(to: &self)
    }

    /// Writes a member whose value has a JSON shape.
    public mutating func field(_ name: StaticString, _ value: some JSONEncodable) {
        key(name)
        value.write(to: &self)
    }

    /// Writes a member whose value has a JSON shape, or nothing when it is nil.
    public mutating func field(_ name: StaticString, _ value: (some JSONEncodable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    /// Writes an array member of values with a JSON shape.
    public mutating func field<T: JSONEncodable>(_ name: StaticString, _ values: [T]) {
        key(name)
        beginArray()
        for v in values { v.write(to: &self) }
        endArray()
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    /// An array of the elements' shapes.
    public func write(to w: inout JSONWriter) {
        w.beginArray()
        for element in self { element.write(to: &w) }
        w.endArray()
    }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    public init(json: JSONValue) throws(JSONDecodingError) {
        guard case .array(let items) = json else {
            throw JSONDecodingError(field: "", message: "expected an array, not \(json.typeName)")
        }
        self = []
        reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            append(try JSONFields.nested("[\(i)]") { () throws(JSONDecodingError) in try Element(json: item) })
        }
    }
}
