import Mustache
import Synchronization

/// A Mustache template of a playbook (plain text, no escaping).
///
/// Parsing Mustache is a fifth of loading a playbook, and most loaded playbooks are never rendered (`coach list`,
/// the catalog behind `coach run`, `coach lint`). A template the loader can prove parses is kept as text and
/// parsed the first time it is rendered; any other is parsed at load time, so its errors are reported exactly as
/// before. Shared read-only by every session of the playbook; the parsed template is reachable only inside its
/// mutex, so the first render parses it once whichever thread gets there first.
final class CompiledTemplate: Sendable {
    /// Makes every template plain text (no HTML escaping).
    static let pragma = "{{%CONTENT_TYPE:TEXT}}\n"

    /// The template text as written in the playbook.
    private let text: String
    private let parsed: Mutex<MustacheTemplate?>

    /// A template parsed at load time.
    init(_ template: MustacheTemplate) {
        self.text = ""
        self.parsed = Mutex(template)
    }

    /// A template `certainlyParses` accepted, parsed on first use.
    init(deferred text: String) {
        self.text = text
        self.parsed = Mutex(nil)
    }

    /// The parsed template.
    var template: MustacheTemplate? {
        parsed.withLock { parsed in
            if let parsed { return parsed }
            let made = try? MustacheTemplate(string: Self.pragma + text)
            parsed = made
            return made
        }
    }

    /// The template rendered with `values`; nil only if a deferred template failed to parse after all.
    func render(_ values: Any) -> String? {
        template?.render(values)
    }

    /// The template parsed now, as the loader does for templates `certainlyParses` refuses; nil if it does not parse.
    static func parsed(_ text: String) -> CompiledTemplate? {
        (try? MustacheTemplate(string: pragma + text)).map { CompiledTemplate($0) }
    }

    /// Whether swift-mustache parses `text` (what `certainlyParses` promises, checked by the tests).
    static func parsesNow(_ text: String) -> Bool { parsed(text) != nil }

    /// Characters a Mustache name may have (swift-mustache's set, with the brackets of transforms).
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()")

    /// True only when swift-mustache certainly parses `text`: every `{{` opens a tag written `{{name}}`,
    /// `{{#name}}`, `{{^name}}`, `{{/name}}` or `{{&name}}` (spaces allowed around the name, nothing else), where a
    /// name may be wrapped in transforms (`a(discount)`, `lower(name(owner))`), and sections close in order.
    /// Anything else (comments, `{{{`, pragmas, partials, tabs or line breaks inside a tag, an empty part or an
    /// unmatched bracket in a name) answers false and is parsed at load time. Reads Characters, as swift-mustache
    /// does.
    static func certainlyParses(_ text: String) -> Bool {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ certainlyParses(utf8: $0) }), let ascii {
            return ascii
        }
        return certainlyParses(characters: text)
    }

    /// The same check on UTF-8 bytes; nil when a tag touches a non-ASCII byte (a combining mark after `}}` or a
    /// prepended mark before `{{` would join the brace into another Character), so the Character scan decides.
    private static func certainlyParses(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let count = bytes.count
        var open: [ArraySlice<UInt8>] = []
        var i = 0
        func isName(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
                return true
            case UInt8(ascii: "("), UInt8(ascii: ")"):
                return true
            default: return false
            }
        }
        let open1 = UInt8(ascii: "{")
        let close1 = UInt8(ascii: "}")
        let space = UInt8(ascii: " ")
        while i < count {
            guard bytes[i] == open1, i + 1 < count, bytes[i + 1] == open1 else {
                i += 1
                continue
            }
            if i > 0 && bytes[i - 1] >= 0x80 { return nil }
            var j = i + 2
            guard j < count else { return false }
            let sigil = bytes[j]
            if sigil >= 0x80 { return nil }
            let isSigil =
                sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "^") || sigil == UInt8(ascii: "/") || sigil == UInt8(ascii: "&")
            if isSigil {
                j += 1
            } else if sigil != space && !isName(sigil) {
                return false
            }
            while j < count && bytes[j] == space { j += 1 }
            let nameStart = j
            while j < count && isName(bytes[j]) { j += 1 }
            guard j > nameStart else { return j < count && bytes[j] >= 0x80 ? nil : false }
            let name = Array(bytes[nameStart..<j])[...]
            guard isTagName(name) else { return false }
            while j < count && bytes[j] == space { j += 1 }
            guard j + 1 < count, bytes[j] == close1, bytes[j + 1] == close1 else {
                return j < count && bytes[j] >= 0x80 ? nil : false
            }
            if j + 2 < count && bytes[j + 2] >= 0x80 { return nil }
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"): open.append(name)
            case UInt8(ascii: "/"):
                guard open.last == name else { return false }
                open.removeLast()
            default: break
            }
            i = j + 2
        }
        return open.isEmpty
    }

    private static func certainlyParses(characters text: String) -> Bool {
        let chars = Array(text)
        let count = chars.count
        var open: [String] = []
        var i = 0
        while i < count {
            guard chars[i] == "{", i + 1 < count, chars[i + 1] == "{" else {
                i += 1
                continue
            }
            var j = i + 2
            guard j < count else { return false }
            let sigil = chars[j]
            let isSigil = sigil == "#" || sigil == "^" || sigil == "/" || sigil == "&"
            if isSigil {
                j += 1
            } else if sigil != " " && !nameCharacters.contains(sigil) {
                return false
            }
            while j < count && chars[j] == " " { j += 1 }
            let nameStart = j
            while j < count && nameCharacters.contains(chars[j]) { j += 1 }
            guard j > nameStart else { return false }
            let name = String(chars[nameStart..<j])
            guard isTagName(Array(name.utf8)[...]) else { return false }
            while j < count && chars[j] == " " { j += 1 }
            guard j + 1 < count, chars[j] == "}", chars[j + 1] == "}" else { return false }
            switch sigil {
            case "#", "^": open.append(name)
            case "/":
                guard open.last == name else { return false }
                open.removeLast()
            default: break
            }
            i = j + 2
        }
        return open.isEmpty
    }

    /// Whether swift-mustache reads `name` (made of name characters and brackets) as a tag's name: a plain name,
    /// or transforms around one, `f(x)` or `f(g(x))`, with no part empty and exactly one `)` for each `(`, all of
    /// them at the end.
    static func isTagName(_ name: ArraySlice<UInt8>) -> Bool {
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        var transforms = 0
        var part = 0
        var i = name.startIndex
        while i < name.endIndex, name[i] != close {
            if name[i] == open {
                guard part > 0 else { return false }
                transforms += 1
                part = 0
            } else {
                part += 1
            }
            i += 1
        }
        guard part > 0 else { return false }
        var closes = 0
        while i < name.endIndex {
            guard name[i] == close else { return false }
            closes += 1
            i += 1
        }
        return closes == transforms
    }
}
