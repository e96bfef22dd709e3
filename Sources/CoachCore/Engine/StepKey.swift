/// What one prompt asks, by stable id: a top-level step (`client`), or a field of one item of a repeated group
/// (`risks[2].owner`, and `risks[2].more` for "add another?").
///
/// Its text form is parsed and printed only here: `StepKey(text).description == text` for every text, so a key a
/// bot sends that names no step is kept as it was written and refused by the engine as unknown.
public enum StepKey: Hashable, Sendable {
    /// A top-level step (a question, an info screen, or a repeated group as a whole).
    case step(String)
    /// Field `field` of item `item` (1-based) of the repeated group `group`.
    case field(group: String, item: Int, field: String)

    /// The field name of a group's "add another?" question.
    public static let more = "more"

    /// The "add another?" question after item `item` of `group`.
    public static func more(_ group: String, _ item: Int) -> StepKey { .field(group: group, item: item, field: more) }

    /// The top-level step this key belongs to: the step itself, or the group.
    public var step: String {
        switch self {
        case .step(let id): return id
        case .field(let group, _, _): return group
        }
    }

    /// The group, when the key is inside one.
    public var group: String? {
        if case .field(let group, _, _) = self { return group }
        return nil
    }

    /// The 1-based item, when the key is inside a group.
    public var item: Int? {
        if case .field(_, let item, _) = self { return item }
        return nil
    }

    /// The field inside the group item, when the key is inside a group.
    public var field: String? {
        if case .field(_, _, let field) = self { return field }
        return nil
    }

    /// Whether this is a group's "add another?" question.
    public var isMore: Bool { field == StepKey.more }
}

extension StepKey: CustomStringConvertible, LosslessStringConvertible {
    /// Reads `group[n].field` (n a whole number from 1, written without leading zeros) as a group field; any other
    /// text is a top-level step id.
    public init(_ text: String) {
        self = StepKey.parse(text) ?? .step(text)
    }

    private static func parse(_ text: String) -> StepKey? {
        let bytes = text.utf8
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), open != bytes.startIndex,
            let close = bytes[open...].firstIndex(of: UInt8(ascii: "]"))
        else { return nil }
        let digits = bytes[bytes.index(after: open)..<close]
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 9,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        let dot = bytes.index(after: close)
        guard dot != bytes.endIndex, bytes[dot] == UInt8(ascii: "."), bytes.index(after: dot) != bytes.endIndex else { return nil }
        let group = String(text[..<open])
        let field = String(text[text.index(after: dot)...])
        var item = 0
        for d in digits { item = item * 10 + Int(d - UInt8(ascii: "0")) }
        return .field(group: group, item: item, field: field)
    }

    /// `client`, or `risks[2].owner`.
    public var description: String {
        switch self {
        case .step(let id): return id
        case .field(let group, let item, let field): return "\(group)[\(item)].\(field)"
        }
    }
}

extension StepKey: ExpressibleByStringLiteral {
    /// A key written in code (`"client"`, `"risks[2].owner"`), read as `init(_:)` reads text.
    public init(stringLiteral value: String) { self.init(value) }
}

extension StepKey: Comparable {
    /// Ordered as their text forms are.
    public static func < (a: StepKey, b: StepKey) -> Bool { a.description < b.description }
}
