/// The few top-level fields a listing needs, read line by line without parsing the whole YAML file.
struct PlaybookHeader: Equatable {
    var id: String
    var title: String
    var summary: String
    var minutes: Int?
    var tags: [String]

    /// The header of a playbook file, or nil when it is not written in the plain `key: value` form this reader
    /// understands (the caller then loads the file in full).
    static func read(_ text: String) -> PlaybookHeader? {
        var fields: [String: String] = [:]
        for (key, line) in topLevelLines(text, keys: headerKeys) {
            let raw = line[line.index(line.startIndex, offsetBy: key.utf8.count + 1)...].trimmingLeadingSpaces()
            guard let value = scalar(raw, allowList: key == "tags") else { return nil }
            fields[key] = value
        }
        guard let id = fields["id"], !id.isEmpty, let title = fields["title"], let summary = fields["summary"] else { return nil }
        var minutes: Int?
        if let m = fields["minutes"] {
            guard let n = Int(m) else { return nil }
            minutes = n
        }
        let tags = fields["tags"].map { tagList($0) } ?? []
        return PlaybookHeader(id: id, title: title, summary: summary, minutes: minutes, tags: tags)
    }

    static let headerKeys = ["id", "title", "summary", "minutes", "tags"]

    /// The lines of `text` that start in the first column with one of `keys` and a colon, each with its key
    /// (a trailing carriage return dropped). Scans bytes: a listing reads every playbook file this way, and
    /// splitting whole files into lines of `Character`s cost more than loading the one playbook that is run.
    static func topLevelLines(_ text: String, keys: [String]) -> [(key: String, line: Substring)] {
        var text = text
        return text.withUTF8 { bytes in
            var found: [(key: String, line: Substring)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let first = bytes[start]
                if first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") {
                    for key in keys where startsWith(bytes, at: start, end: end, key) {
                        let lineEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), as: UTF8.self)
                        found.append((key, line[...]))
                        break
                    }
                }
                start = end + 1
            }
            return found
        }
    }

    /// Whether the line `bytes[start..<end]` starts with `key` followed by a colon.
    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, _ key: String) -> Bool {
        var i = start
        for byte in key.utf8 {
            guard i < end, bytes[i] == byte else { return false }
            i += 1
        }
        return i < end && bytes[i] == UInt8(ascii: ":")
    }

    /// Just the id, from a top-level `id:` line (for naming a broken file).
    static func id(in text: String) -> String? {
        guard let line = topLevelLines(text, keys: ["id"]).first?.line else { return nil }
        return scalar(line.dropFirst(3).trimmingLeadingSpaces(), allowList: false)
    }

    /// A one-line plain, single- or double-quoted scalar; nil for anything else (block scalars, anchors, ...).
    static func scalar(_ raw: Substring, allowList: Bool) -> String? {
        guard let first = raw.first else { return nil }
        switch first {
        case "\"":
            var out = ""
            var escaped = false
            for ch in raw.dropFirst() {
                if escaped {
                    switch ch {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"", "\\", "/": out.append(ch)
                    default: return nil
                    }
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    return out
                } else {
                    out.append(ch)
                }
            }
            return nil
        case "'":
            let body = raw.dropFirst()
            guard let end = body.lastIndex(of: "'") else { return nil }
            let rest = body[body.index(after: end)...].trimmingLeadingSpaces()
            guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
            return body[..<end].replacingOccurrences("''", with: "'")
        case "[":
            guard allowList, raw.last == "]" else { return nil }
            return String(raw)
        case "|", ">", "&", "*", "!", "{", "%", "@", "`":
            return nil
        default:
            var value = raw
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
            let trimmed = String(value).trimmingWhitespace()
            // A plain scalar holding ": " would be a mapping; leave such lines to the full loader.
            return trimmed.contains(": ") ? nil : trimmed
        }
    }

    static func tagList(_ value: String) -> [String] {
        guard value.hasPrefix("["), value.hasSuffix("]") else { return [value] }
        return value.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension Substring {
    fileprivate func trimmingLeadingSpaces() -> Substring { drop { $0 == " " || $0 == "\t" } }

    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
