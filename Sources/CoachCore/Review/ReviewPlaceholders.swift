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

    /// The text in double braces on a line, such as `{{first_name}}`, in order.
    static func doubleBraces(in line: ReviewLine) -> [String] {
        let chars = line.chars
        var found: [String] = []
        var index = 0
        while index + 1 < chars.count {
            if chars[index].code == 0x7B, chars[index + 1].code == 0x7B, let (end, text) = enclosed(line, at: index) {
                found.append(text)
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The placeholders on a line, in order; text in double braces is left to `doubleBraces(in:)`.
    static func find(in line: ReviewLine) -> [String] {
        let chars = line.chars
        var found: [(Int, String)] = []
        var covered: [Range<Int>] = []
        var index = 0
        while index < chars.count {
            let code = chars[index].code
            if code == 0x7B || code == 0x5B || code == 0x3C, let (end, text) = enclosed(line, at: index) {
                let isDouble = code == 0x7B && index + 1 < chars.count && chars[index + 1].code == 0x7B
                if !isDouble { found.append((index, text)) }
                covered.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        for index in line.words.indices where line.words[index].id != ReviewVocabulary.sentenceBreak {
            let kinds = ReviewVocabulary.kinds(line.words[index].id)
            let isX =
                line.words[index].text.utf8.first == UInt8(ascii: "X") && line.words[index].text.utf8.count >= 2
                && line.words[index].text.utf8.allSatisfy { $0 == UInt8(ascii: "X") }
            if kinds.isDisjoint(with: [.filler, .lorem]) && !isX { continue }
            let word = line.words[index]
            if kinds.contains(.filler) || isX,
                !covered.contains(where: { $0.contains(word.start) })
            {
                found.append((word.start, word.text))
            }
            if kinds.contains(.lorem), !covered.contains(where: { $0.contains(word.start) }) {
                found.append((word.start, "Lorem ipsum"))
            }
        }
        if let start = underscoreRun(chars) { found.append((start, "___")) }
        if found.isEmpty { return [] }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A `{{...}}`, `{name}`, `[Name]` or `<name>` gap starting at `index`: its end and its text.
    static func enclosed(_ line: ReviewLine, at index: Int) -> (Int, String)? {
        let chars = line.chars
        let char = chars[index].code
        let closer: UInt32
        switch char {
        case 0x7B: closer = 0x7D  // { }
        case 0x5B: closer = 0x5D  // [ ]
        case 0x3C: closer = 0x3E  // < >
        default: return nil
        }
        let limit = min(chars.count, index + 62)
        var end = index + 1
        while end < limit, chars[end].code != closer, chars[end].code != char || char == 0x7B { end += 1 }
        guard end < limit, chars[end].code == closer else { return nil }
        let inner = line.substring((index + 1)..<end)
        if char == 0x7B {
            if inner.hasPrefix("{") {
                let close = end + 1 < chars.count && chars[end + 1].code == 0x7D ? end + 2 : end + 1
                return (close, line.substring(index..<close))
            }
            return isNameLike(inner, extra: "_. ") ? (end + 1, line.substring(index..<(end + 1))) : nil
        }
        if char == 0x5B {
            let next = end + 1 < chars.count ? chars[end + 1].code : nil
            guard next != 0x28, !bracketNotes.contains(inner.lowercased()), inner.count >= 2,
                inner.first?.isLetter == true
            else { return nil }
            return (end + 1, line.substring(index..<(end + 1)))
        }
        guard isNameLike(inner, extra: "_- "), !htmlTags.contains(inner.lowercased()) else { return nil }
        return (end + 1, line.substring(index..<(end + 1)))
    }

    /// Whether text is a short name: starts with a letter and holds only letters and the extra characters.
    static func isNameLike(_ text: String, extra: String) -> Bool {
        guard let first = text.first, first.isLetter, text.count <= 40 else { return false }
        return text.allSatisfy { $0.isLetter || extra.contains($0) }
    }

    /// The start of a run of three or more underscores, a blank to fill in.
    static func underscoreRun(_ chars: [ReviewChar]) -> Int? {
        var run = 0
        for index in chars.indices {
            run = chars[index].code == 0x5F ? run + 1 : 0
            if run == 3 { return index - 2 }
        }
        return nil
    }
}
