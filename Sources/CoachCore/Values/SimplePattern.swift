/// A small backtracking matcher for the answer patterns playbooks use (`^.*[^.]$`, `^[^@\s]+@[^@\s]+\.[^@\s]+$`,
/// `^([01]?[0-9]|2[0-3])[:.][0-5][0-9]( ?[A-Za-z]{2,5})?$`): literals, `.`, classes with ranges, `\s \S \d \D \w \W`,
/// groups, alternation, greedy or lazy quantifiers and the `^`/`$` anchors, on ASCII text without line breaks.
///
/// Swift's `Regex` gives the same answer for these (a test compares them) at a small fraction of the cost. A pattern
/// with anything else does not compile (`nil`), and `wholeMatch` answers nil for text it does not handle (non-ASCII,
/// line breaks); the caller then asks `Regex`.
struct SimplePattern: Sendable {
    /// A set of ASCII bytes.
    struct ByteSet: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        func contains(_ b: UInt8) -> Bool {
            b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 ? high & (1 << UInt64(b - 64)) != 0 : false
        }

        mutating func insert(_ b: UInt8) {
            if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
        }

        mutating func insert(_ other: ByteSet) {
            low |= other.low
            high |= other.high
        }

        var inverted: ByteSet { ByteSet(low: ~low, high: ~high) }

        static func of(_ bytes: some Sequence<UInt8>) -> ByteSet {
            var set = ByteSet()
            for b in bytes { set.insert(b) }
            return set
        }

        static func range(_ from: UInt8, _ to: UInt8) -> ByteSet { of(from...to) }

        static let digits = range(0x30, 0x39)
        static let word: ByteSet = {
            var s = range(0x30, 0x39)
            s.insert(range(0x41, 0x5A))
            s.insert(range(0x61, 0x7A))
            s.insert(0x5F)
            return s
        }()
        /// ASCII whitespace (`\t \n \v \f \r` and space).
        static let space = of([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20])
        /// Any character but a line break (`.`).
        static let dot = ByteSet.of([0x0A]).inverted
    }

    indirect enum Node: Sendable {
        case set(ByteSet)
        case start
        case end
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    let root: Node

    /// The pattern compiled, or nil when it uses syntax this matcher does not cover.
    init?(_ pattern: String) {
        guard pattern.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var parser = Parser(bytes: Array(pattern.utf8))
        guard let node = parser.alternation(), parser.pos == parser.bytes.count else { return nil }
        root = node
    }

    /// Whether the whole of `text` matches; nil when the text is not plain ASCII on one line (tabs allowed).
    func wholeMatch(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            for b in bytes where b >= 0x80 || (b < 0x20 && b != 0x09) { return nil }
            return SimplePattern.match(root, bytes, 0) { $0 == bytes.count }
        }
    }

    private static func match(
        _ node: Node, _ bytes: UnsafeBufferPointer<UInt8>, _ pos: Int, _ next: (Int) -> Bool
    ) -> Bool {
        switch node {
        case .set(let set):
            return pos < bytes.count && set.contains(bytes[pos]) && next(pos + 1)
        case .start:
            return pos == 0 && next(pos)
        case .end:
            return pos == bytes.count && next(pos)
        case .sequence(let nodes):
            return sequence(nodes[...], bytes, pos, next)
        case .alternation(let options):
            for option in options where match(option, bytes, pos, next) { return true }
            return false
        case .repeated(let inner, let min, let max):
            return repeated(inner, min, max, 0, bytes, pos, next)
        }
    }

    private static func sequence(
        _ nodes: ArraySlice<Node>, _ bytes: UnsafeBufferPointer<UInt8>, _ pos: Int, _ next: (Int) -> Bool
    ) -> Bool {
        guard let first = nodes.first else { return next(pos) }
        if case .set(let set) = first {
            return pos < bytes.count && set.contains(bytes[pos]) && sequence(nodes.dropFirst(), bytes, pos + 1, next)
        }
        return match(first, bytes, pos) { sequence(nodes.dropFirst(), bytes, $0, next) }
    }

    /// Greedy: as many as possible, then fewer. Whether a whole match exists does not depend on greed.
    private static func repeated(
        _ node: Node, _ min: Int, _ max: Int?, _ count: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ pos: Int,
        _ next: (Int) -> Bool
    ) -> Bool {
        if case .set(let set) = node {
            // One character at a time: take the longest run, then give back.
            var end = pos
            let limit = max.map { Swift.min(bytes.count, pos + $0 - count) } ?? bytes.count
            while end < limit && set.contains(bytes[end]) { end += 1 }
            var taken = end - pos
            while taken + count >= min {
                if next(pos + taken) { return true }
                if taken == 0 { break }
                taken -= 1
            }
            return false
        }
        if max.map({ count < $0 }) ?? true {
            let more = match(node, bytes, pos) { after in
                // An empty iteration past the minimum cannot lead anywhere new.
                if after == pos && count >= min { return false }
                return repeated(node, min, max, count + 1, bytes, after, next)
            }
            if more { return true }
        }
        return count >= min && next(pos)
    }

    private struct Parser {
        let bytes: [UInt8]
        var pos = 0

        var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

        mutating func alternation() -> Node? {
            var options: [Node] = []
            while true {
                guard let seq = sequence() else { return nil }
                options.append(seq)
                guard current == UInt8(ascii: "|") else { break }
                pos += 1
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func sequence() -> Node? {
            var nodes: [Node] = []
            while let b = current, b != UInt8(ascii: "|"), b != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                guard let quantified = quantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        mutating func atom() -> Node? {
            guard let b = current else { return nil }
            pos += 1
            switch b {
            case UInt8(ascii: "^"): return .start
            case UInt8(ascii: "$"): return .end
            case UInt8(ascii: "."): return .set(.dot)
            case UInt8(ascii: "("):
                if current == UInt8(ascii: "?") {
                    guard pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: ":") else { return nil }
                    pos += 2
                }
                guard let inner = alternation(), current == UInt8(ascii: ")") else { return nil }
                pos += 1
                return inner
            case UInt8(ascii: "["): return characterClass()
            case UInt8(ascii: "\\"):
                guard let set = escape(inClass: false) else { return nil }
                return .set(set)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: ")"), UInt8(ascii: "]"):
                return nil
            default:
                return .set(.of([b]))
            }
        }

        /// `\s \S \d \D \w \W`, or an escaped punctuation character; nil for anything else (`\b`, `\1`, `\p`...).
        mutating func escape(inClass: Bool) -> ByteSet? {
            guard let b = current else { return nil }
            pos += 1
            switch b {
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return ByteSet.space.inverted
            case UInt8(ascii: "d"): return .digits
            case UInt8(ascii: "D"): return ByteSet.digits.inverted
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return ByteSet.word.inverted
            default:
                let punctuation = Array(".\\-^$|?*+()[]{}/@:,;#&!%=".utf8)
                return punctuation.contains(b) ? .of([b]) : nil
            }
        }

        /// `[...]` after its `[`: single characters, ranges and the escapes above; nil for POSIX classes, nested
        /// classes and set operations.
        mutating func characterClass() -> Node? {
            var set = ByteSet()
            var negated = false
            if current == UInt8(ascii: "^") {
                negated = true
                pos += 1
            }
            var first = true
            while let b = current {
                if b == UInt8(ascii: "]") && !first { break }
                first = false
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "]") { return nil }
                // Set operations (`&&`, `~~`, `--`).
                let doubled = pos + 1 < bytes.count && bytes[pos + 1] == b
                if doubled && (b == UInt8(ascii: "&") || b == UInt8(ascii: "~") || b == UInt8(ascii: "-")) { return nil }
                pos += 1
                var low: UInt8
                if b == UInt8(ascii: "\\") {
                    guard let escaped = escape(inClass: true) else { return nil }
                    let single = bytes[pos - 1]
                    if "sSdDwW".utf8.contains(single) {
                        set.insert(escaped)
                        continue
                    }
                    low = single
                } else {
                    low = b
                }
                // A range `a-z` (a `-` before `]` is literal).
                if current == UInt8(ascii: "-"), pos + 1 < bytes.count, bytes[pos + 1] != UInt8(ascii: "]") {
                    pos += 1
                    guard var high = current else { return nil }
                    pos += 1
                    if high == UInt8(ascii: "\\") {
                        guard let c = current, !"sSdDwW".utf8.contains(c), escape(inClass: true) != nil else { return nil }
                        high = c
                    } else if high == UInt8(ascii: "[") {
                        return nil
                    }
                    guard low <= high else { return nil }
                    set.insert(ByteSet.range(low, high))
                } else {
                    set.insert(low)
                }
            }
            guard current == UInt8(ascii: "]") else { return nil }
            pos += 1
            return .set(negated ? set.inverted : set)
        }

        /// `* + ? {n} {n,} {n,m}`, each optionally lazy (`?`); possessive forms (`+`) are refused.
        mutating func quantifier(_ atom: Node) -> Node? {
            guard let b = current else { return atom }
            var min = 0
            var max: Int?
            switch b {
            case UInt8(ascii: "*"): pos += 1
            case UInt8(ascii: "+"):
                pos += 1
                min = 1
            case UInt8(ascii: "?"):
                pos += 1
                max = 1
            case UInt8(ascii: "{"):
                pos += 1
                guard let n = number() else { return nil }
                min = n
                max = n
                if current == UInt8(ascii: ",") {
                    pos += 1
                    max = current == UInt8(ascii: "}") ? nil : number()
                    if max == nil && current != UInt8(ascii: "}") { return nil }
                }
                guard current == UInt8(ascii: "}") else { return nil }
                pos += 1
                if let m = max, m < min { return nil }
            default: return atom
            }
            switch atom {
            case .start, .end: return nil
            default: break
            }
            if current == UInt8(ascii: "?") {
                pos += 1
            } else if current == UInt8(ascii: "+") {
                return nil
            }
            if let next = current,
                next == UInt8(ascii: "*") || next == UInt8(ascii: "+") || next == UInt8(ascii: "?") || next == UInt8(ascii: "{")
            {
                return nil
            }
            return .repeated(atom, min: min, max: max)
        }

        mutating func number() -> Int? {
            let start = pos
            var n = 0
            while let b = current, b >= 0x30 && b <= 0x39, pos - start < 4 {
                n = n * 10 + Int(b - 0x30)
                pos += 1
            }
            return pos > start ? n : nil
        }
    }
}
