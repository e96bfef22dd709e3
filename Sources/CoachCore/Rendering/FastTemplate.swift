/// A value as a template sees it, typed (what `TemplateContext` builds; `any` is the same value as swift-mustache
/// receives it).
indirect enum TemplateValue {
    /// An answer or computed value as text (`TemplateText`).
    case text(TemplateText)
    case string(String)
    case int(Int)
    case strings([String])
    case object([String: TemplateValue])
    case objects([[String: TemplateValue]])

    /// The value as swift-mustache gets it: `TemplateText`, `String`, `Int`, `[String]`, `[String: Any]`, `[[String: Any]]`.
    var any: Any {
        switch self {
        case .text(let t): return t
        case .string(let s): return s
        case .int(let n): return n
        case .strings(let l): return l
        case .object(let d): return TemplateValue.any(d)
        case .objects(let l): return l.map { TemplateValue.any($0) }
        }
    }

    static func any(_ object: [String: TemplateValue]) -> [String: Any] {
        var out: [String: Any] = Dictionary(minimumCapacity: object.count)
        for (k, v) in object { out[k] = v.any }
        return out
    }
}

/// A Mustache template compiled once into a small tree and rendered over `TemplateValue`s without dynamic casts.
///
/// It covers exactly the templates `CompiledTemplate.certainlyParses` accepts (`{{name}}`, `{{&name}}`,
/// `{{#name}}`, `{{^name}}`, `{{/name}}`), reproduces swift-mustache's parsing (standalone tag lines, the
/// whitespace before them) and its rendering (name lookup up the context stack, dotted names, sections over lists,
/// closed values), and gives up (`nil`) on anything it is not certain to render the same way; the caller then
/// renders with swift-mustache. A test renders every shipped template both ways.
final class FastTemplate: Sendable {
    enum Lookup: Sendable {
        /// `{{.}}`: the innermost object.
        case current
        /// `{{.a.b}}`: names looked up from the innermost object only.
        case local([String])
        /// `{{a.b}}`: the first name looked up the context stack, the rest from what it found.
        case stack([String])
    }

    enum Node: Sendable {
        case text(String)
        case variable(Lookup)
        case section(Lookup, [Node], inverted: Bool)
    }

    let nodes: [Node]

    private init(nodes: [Node]) { self.nodes = nodes }

    /// The template compiled from `text` (written without the content-type pragma line), or nil when it uses anything
    /// this renderer does not reproduce exactly.
    static func compile(_ text: String) -> FastTemplate? {
        // Other line ends count as newlines in swift-mustache in places this parser does not look at.
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return nil
            default: continue
            }
        }
        let bytes = Array(text.utf8)
        // Every byte the parser looks at must be a Character of its own (a combining mark after `}}` or a space
        // would join it into another Character in swift-mustache's Character-based parser).
        var boundary = [Bool](repeating: false, count: bytes.count + 1)
        var offset = 0
        for c in text {
            boundary[offset] = true
            offset += c.utf8.count
        }
        boundary[bytes.count] = true
        for (k, b) in bytes.enumerated() where b == 0x20 || b == 0x09 || b == 0x0A || b == 0x7B || b == 0x7D {
            if !boundary[k] || !boundary[k + 1] { return nil }
        }
        var parser = Parser(bytes: bytes)
        guard let nodes = parser.parse(newLine: true, section: nil) else { return nil }
        return FastTemplate(nodes: nodes)
    }

    /// A port of swift-mustache's parser for the tags above, on UTF-8 bytes.
    private struct Parser {
        let bytes: [UInt8]
        var pos = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        static func isName(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
                return true
            default: return false
            }
        }

        func string(_ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }

        /// A tag's name after its sigil, through the closing `}}`; nil when it is not `spaces name spaces }}`.
        mutating func name() -> String? {
            while pos < bytes.count && bytes[pos] == 0x20 { pos += 1 }
            let start = pos
            while pos < bytes.count && Parser.isName(bytes[pos]) { pos += 1 }
            guard pos > start else { return nil }
            let end = pos
            while pos < bytes.count && bytes[pos] == 0x20 { pos += 1 }
            guard pos + 1 < bytes.count, bytes[pos] == 0x7D, bytes[pos + 1] == 0x7D else { return nil }
            pos += 2
            return string(start..<end)
        }

        /// swift-mustache's `hasLineFinished`: at the end, or only spaces and tabs up to a line break (consumed).
        mutating func lineFinished() -> Bool {
            if pos == bytes.count { return true }
            var p = pos
            while p < bytes.count && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
            if p < bytes.count && bytes[p] == 0x0A {
                pos = p + 1
                return true
            }
            return false
        }

        mutating func parse(newLine startsLine: Bool, section: String?) -> [Node]? {
            var nodes: [Node] = []
            var newLine = startsLine
            var whiteSpace = 0..<0
            let count = bytes.count
            while pos < count {
                if newLine {
                    let start = pos
                    while pos < count && (bytes[pos] == 0x20 || bytes[pos] == 0x09) { pos += 1 }
                    whiteSpace = start..<pos
                }
                // Text up to a line break or an opening `{{` (consumed).
                let textStart = pos
                var textEnd = pos
                var atTag = false
                while pos < count {
                    let b = bytes[pos]
                    if b == 0x0A { break }
                    if b == 0x7B && pos + 1 < count && bytes[pos + 1] == 0x7B {
                        textEnd = pos
                        pos += 2
                        atTag = true
                        break
                    }
                    pos += 1
                }
                if !atTag { textEnd = pos }
                if !atTag && pos < count {
                    // A line break: whitespace, text and the break are one text token.
                    nodes.append(.text(string(whiteSpace) + string(textStart..<pos + 1)))
                    whiteSpace = 0..<0
                    newLine = true
                    pos += 1
                    continue
                }
                if textEnd > textStart {
                    nodes.append(.text(string(whiteSpace) + string(textStart..<textEnd)))
                    whiteSpace = 0..<0
                    newLine = false
                }
                if pos >= count { break }
                var setNewLine = false
                let sigil = bytes[pos]
                switch sigil {
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    pos += 1
                    guard let name = name() else { return nil }
                    if newLine && lineFinished() {
                        setNewLine = true
                    } else if !whiteSpace.isEmpty {
                        nodes.append(.text(string(whiteSpace)))
                        whiteSpace = 0..<0
                    }
                    guard let inner = parse(newLine: setNewLine, section: name) else { return nil }
                    nodes.append(.section(FastTemplate.lookup(name), inner, inverted: sigil == UInt8(ascii: "^")))
                case UInt8(ascii: "/"):
                    pos += 1
                    guard let name = name(), name == section else { return nil }
                    if !(newLine && lineFinished()) && !whiteSpace.isEmpty {
                        nodes.append(.text(string(whiteSpace)))
                    }
                    return nodes
                default:
                    if !whiteSpace.isEmpty {
                        nodes.append(.text(string(whiteSpace)))
                        whiteSpace = 0..<0
                    }
                    if sigil == UInt8(ascii: "&") {
                        pos += 1
                    } else if sigil != 0x20 && !Parser.isName(sigil) {
                        return nil
                    }
                    guard let name = name() else { return nil }
                    nodes.append(.variable(FastTemplate.lookup(name)))
                }
                newLine = setNewLine
            }
            return section == nil ? nodes : nil
        }
    }

    static func lookup(_ name: String) -> Lookup {
        if name == "." { return .current }
        let parts = name.split(separator: ".").map(String.init)
        return name.first == "." ? .local(parts) : .stack(parts)
    }

    /// Thrown inside rendering when swift-mustache might render differently; the caller falls back to it.
    private struct Unsure: Error {}

    /// The template rendered over `root`, or nil when it reaches a case only swift-mustache is sure to get right.
    func render(_ root: [String: TemplateValue]) -> String? {
        var stack: [TemplateValue] = [.object(root)]
        var out = ""
        out.reserveCapacity(1024)
        do {
            try FastTemplate.render(nodes, stack: &stack, into: &out)
        } catch {
            return nil
        }
        return out
    }

    private static func render(_ nodes: [Node], stack: inout [TemplateValue], into out: inout String) throws(Unsure) {
        for node in nodes {
            switch node {
            case .text(let t): out += t
            case .variable(let lookup):
                guard let value = try find(lookup, in: stack) else { continue }
                switch value {
                case .text(let t): out += t.text
                case .string(let s): out += s
                case .int(let n): out += String(n)
                case .strings, .object, .objects: throw Unsure()
                }
            case .section(let lookup, let inner, let inverted):
                let value = try find(lookup, in: stack)
                if inverted {
                    switch value {
                    case nil: try render(inner, stack: &stack, into: &out)
                    case .strings(let l)?:
                        if l.isEmpty { try renderPushing(value!, inner, stack: &stack, into: &out) }
                    case .objects(let l)?:
                        if l.isEmpty { try renderPushing(value!, inner, stack: &stack, into: &out) }
                    case .text(let t)?:
                        if t.closed { try render(inner, stack: &stack, into: &out) }
                    case .object?: break
                    case .string?, .int?: throw Unsure()
                    }
                } else {
                    switch value {
                    case nil: break
                    case .strings(let l)?:
                        for s in l { try renderPushing(.string(s), inner, stack: &stack, into: &out) }
                    case .objects(let l)?:
                        for o in l { try renderPushing(.object(o), inner, stack: &stack, into: &out) }
                    case .text(let t)?:
                        if !t.closed { try renderPushing(value!, inner, stack: &stack, into: &out) }
                    case .object?: try renderPushing(value!, inner, stack: &stack, into: &out)
                    case .string?, .int?: throw Unsure()
                    }
                }
            }
        }
    }

    private static func renderPushing(
        _ value: TemplateValue, _ nodes: [Node], stack: inout [TemplateValue], into out: inout String
    ) throws(Unsure) {
        stack.append(value)
        defer { stack.removeLast() }
        try render(nodes, stack: &stack, into: &out)
    }

    private static func find(_ lookup: Lookup, in stack: [TemplateValue]) throws(Unsure) -> TemplateValue? {
        switch lookup {
        case .current: return stack.last
        case .local(let names): return try child(names[...], of: stack[stack.count - 1])
        case .stack(let names):
            guard let first = names.first else { return stack.last }
            for object in stack.reversed() {
                if let found = try immediate(first, of: object) { return try child(names.dropFirst(), of: found) }
            }
            return nil
        }
    }

    private static func child(_ names: ArraySlice<String>, of object: TemplateValue) throws(Unsure) -> TemplateValue? {
        var object = object
        for name in names {
            guard let next = try immediate(name, of: object) else { return nil }
            object = next
        }
        return object
    }

    /// A named member: a dictionary entry; swift-mustache reads other values through `Mirror`, where only
    /// `TemplateText` has labelled members.
    private static func immediate(_ name: String, of object: TemplateValue) throws(Unsure) -> TemplateValue? {
        switch object {
        case .object(let d): return d[name]
        case .text:
            if name == "text" || name == "closed" { throw Unsure() }
            return nil
        case .string, .int, .strings, .objects: return nil
        }
    }
}
