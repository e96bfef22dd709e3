/// Finds the names a Mustache template uses, with their sections, so the linter can check each one.
struct TemplateScanner {
    enum TagKind: Equatable {
        case variable, sectionOpen, invertedOpen, sectionClose, comment, pragma, unsupported(String)
    }

    struct Tag: Equatable {
        var kind: TagKind
        var name: String
        /// UTF-8 offset of the `{{` in the template (always on a Character boundary; the linter turns it into a
        /// Character offset only when it reports a problem).
        var utf8Offset: Int
    }

    /// The tags of `template`, in order, as a scan of its Characters finds them.
    static func scan(_ template: String) -> [Tag] {
        if let bytes = template.utf8.withContiguousStorageIfAvailable({ scan(utf8: $0) }), let tags = bytes {
            return tags
        }
        return scan(characters: template)
    }

    /// Character whitespace that is ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The same scan on UTF-8 bytes; nil when a non-ASCII byte is inside a tag or next to one of its braces (a
    /// combining or prepended mark would join the brace into another Character), so the Character scan decides.
    private static func scan(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Tag]? {
        let count = bytes.count
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var tags: [Tag] = []
        var i = 0
        while i + 1 < count {
            guard bytes[i] == open, bytes[i + 1] == open else {
                i += 1
                continue
            }
            if i > 0 && bytes[i - 1] >= 0x80 { return nil }
            let start = i
            let triple = i + 2 < count && bytes[i + 2] == open
            var j = i + (triple ? 3 : 2)
            if j < count && bytes[j] >= 0x80 { return nil }
            while j + 1 < count && !(bytes[j] == close && bytes[j + 1] == close) {
                if bytes[j] >= 0x80 { return nil }
                j += 1
            }
            guard j + 1 < count else { break }
            if j + 2 < count && bytes[j + 2] >= 0x80 { return nil }
            var lower = start + (triple ? 3 : 2)
            var upper = j
            i = j + 2
            if triple && i < count && bytes[i] == close {
                if i + 1 < count && bytes[i + 1] >= 0x80 { return nil }
                i += 1
            }
            while lower < upper && isSpace(bytes[lower]) { lower += 1 }
            while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
            if triple {
                tags.append(Tag(kind: .variable, name: string(bytes, lower, upper), utf8Offset: start))
                continue
            }
            guard lower < upper else { continue }
            let sigil = bytes[lower]
            var kind = TagKind.variable
            switch sigil {
            case UInt8(ascii: "#"): kind = .sectionOpen
            case UInt8(ascii: "^"): kind = .invertedOpen
            case UInt8(ascii: "/"): kind = .sectionClose
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "%"): kind = .pragma
            case UInt8(ascii: "&"): kind = .variable
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="):
                kind = .unsupported(String(UnicodeScalar(sigil)))
            default: break
            }
            if "#^/!%&><$=".utf8.contains(sigil) {
                lower += 1
                while lower < upper && isSpace(bytes[lower]) { lower += 1 }
            }
            tags.append(Tag(kind: kind, name: string(bytes, lower, upper), utf8Offset: start))
        }
        return tags
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    /// The scan on Characters, for templates whose tags touch non-ASCII text (internal for the tests, which
    /// check that both scans agree).
    static func scan(characters template: String) -> [Tag] {
        let chars = Array(template)
        // UTF-8 offset of each Character, for the tags' offsets.
        var utf8Offsets: [Int] = []
        utf8Offsets.reserveCapacity(chars.count + 1)
        var offset = 0
        for ch in chars {
            utf8Offsets.append(offset)
            offset += ch.utf8.count
        }
        var tags: [Tag] = []
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else {
                i += 1
                continue
            }
            let start = utf8Offsets[i]
            let triple = i + 2 < chars.count && chars[i + 2] == "{"
            var j = i + (triple ? 3 : 2)
            var inner = ""
            while j + 1 < chars.count && !(chars[j] == "}" && chars[j + 1] == "}") {
                inner.append(chars[j])
                j += 1
            }
            guard j + 1 < chars.count else { break }
            i = j + 2
            if triple && i < chars.count && chars[i] == "}" { i += 1 }
            var body = inner.trimmingWhitespace()
            if triple {
                tags.append(Tag(kind: .variable, name: body, utf8Offset: start))
                continue
            }
            guard let sigil = body.first else { continue }
            var kind = TagKind.variable
            switch sigil {
            case "#": kind = .sectionOpen
            case "^": kind = .invertedOpen
            case "/": kind = .sectionClose
            case "!": kind = .comment
            case "%": kind = .pragma
            case "&": kind = .variable
            case ">", "<", "$", "=": kind = .unsupported(String(sigil))
            default: break
            }
            if "#^/!%&><$=".contains(sigil) { body = String(body.dropFirst()).trimmingWhitespace() }
            tags.append(Tag(kind: kind, name: body, utf8Offset: start))
        }
        return tags
    }
}
