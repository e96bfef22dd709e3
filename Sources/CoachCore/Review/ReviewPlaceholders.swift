/// Finds unfilled template gaps in a line of text.
enum ReviewPlaceholders {
    /// Words that only ever stand in for missing content.
    static let fillerWords: Set<String> = ["tbd", "tbc", "tba", "todo", "fixme"]
    /// Short HTML tags that are not placeholders when written as `<b>`.
    static let htmlTags: Set<String> = [
        "b", "i", "u", "p", "a", "br", "hr", "em", "li", "ul", "ol", "div", "span", "strong",
    ]
    /// Bracketed notes that are not placeholders.
    static let bracketNotes: Set<String> = ["sic", "x", " "]

    /// The placeholders on a line, in order.
    static func find(in line: String) -> [String] {
        let chars = Array(line)
        var found: [(Int, String)] = []
        var index = 0
        while index < chars.count {
            if let (end, text) = enclosed(chars, at: index) {
                found.append((index, text))
                index = end
            } else {
                index += 1
            }
        }
        for word in ReviewTokenizer.rawWords(chars) where !word.text.isEmpty {
            let lower = word.text.lowercased()
            let isX = word.text.count >= 2 && word.text.allSatisfy { $0 == "X" }
            if fillerWords.contains(lower) || isX,
                !found.contains(where: { $0.0 <= word.start && word.start < $0.0 + $0.1.count })
            {
                found.append((word.start, word.text))
            }
            if lower == "lorem" { found.append((word.start, "Lorem ipsum")) }
        }
        if let start = underscoreRun(chars) { found.append((start, "___")) }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A `{{...}}`, `{name}`, `[Name]` or `<name>` gap starting at `index`: its end and its text.
    static func enclosed(_ chars: [Character], at index: Int) -> (Int, String)? {
        let char = chars[index]
        let closer: Character
        switch char {
        case "{": closer = "}"
        case "[": closer = "]"
        case "<": closer = ">"
        default: return nil
        }
        let limit = min(chars.count, index + 62)
        var end = index + 1
        while end < limit, chars[end] != closer, chars[end] != char || char == "{" { end += 1 }
        guard end < limit, chars[end] == closer else { return nil }
        let inner = String(chars[(index + 1)..<end])
        if char == "{" {
            if inner.hasPrefix("{") {
                let close = end + 1 < chars.count && chars[end + 1] == "}" ? end + 2 : end + 1
                return (close, String(chars[index..<close]))
            }
            return isNameLike(inner, extra: "_. ") ? (end + 1, String(chars[index...end])) : nil
        }
        if char == "[" {
            let next: Character? = end + 1 < chars.count ? chars[end + 1] : nil
            guard next != "(", !bracketNotes.contains(inner.lowercased()), inner.count >= 2,
                inner.first?.isLetter == true
            else { return nil }
            return (end + 1, String(chars[index...end]))
        }
        guard isNameLike(inner, extra: "_- "), !htmlTags.contains(inner.lowercased()) else { return nil }
        return (end + 1, String(chars[index...end]))
    }

    /// Whether text is a short name: starts with a letter and holds only letters and the extra characters.
    static func isNameLike(_ text: String, extra: String) -> Bool {
        guard let first = text.first, first.isLetter, text.count <= 40 else { return false }
        return text.allSatisfy { $0.isLetter || extra.contains($0) }
    }

    /// The start of a run of three or more underscores, a blank to fill in.
    static func underscoreRun(_ chars: [Character]) -> Int? {
        var run = 0
        for index in chars.indices {
            run = chars[index] == "_" ? run + 1 : 0
            if run == 3 { return index - 2 }
        }
        return nil
    }
}
