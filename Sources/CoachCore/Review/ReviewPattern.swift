/// A phrase to look for in review tokens, written as space-separated words.
///
/// Each element may list alternatives with `|` (`i|we`), end in `?` to be optional (`so|very?`),
/// be `*` for any one word, or `#` for any word holding a digit. Matches never cross a sentence break.
struct ReviewPattern: Sendable {
    /// One position of the phrase.
    struct Element: Sendable {
        var words: Set<String>
        var isOptional: Bool
        var isWildcard: Bool
        var needsDigit: Bool

        func accepts(_ token: ReviewToken) -> Bool {
            if token.isBreak { return false }
            if isWildcard { return true }
            if needsDigit { return token.hasDigit }
            return words.contains(token.word)
        }
    }

    /// The elements in order.
    let elements: [Element]

    /// Compiles a phrase such as `i|we have? been so|very? busy`.
    init(_ source: String) {
        elements = source.split(separator: " ").map { piece in
            var text = String(piece)
            let optional = text.count > 1 && text.hasSuffix("?")
            if optional { text.removeLast() }
            let words = Set(text.split(separator: "|").map(String.init))
            return Element(words: words, isOptional: optional, isWildcard: text == "*", needsDigit: text == "#")
        }
    }

    /// The end (exclusive) of a match starting at `start`, or nil; prefers the longest optional run.
    func match(_ tokens: [ReviewToken], at start: Int) -> Int? {
        match(tokens, element: 0, token: start)
    }

    private func match(_ tokens: [ReviewToken], element: Int, token: Int) -> Int? {
        if element == elements.count { return token }
        let current = elements[element]
        if token < tokens.count, current.accepts(tokens[token]),
            let end = match(tokens, element: element + 1, token: token + 1)
        {
            return end
        }
        if current.isOptional { return match(tokens, element: element + 1, token: token) }
        return nil
    }

    /// Every non-overlapping match of any of `patterns` in `tokens`, in text order.
    static func matches(_ patterns: [ReviewPattern], in tokens: [ReviewToken]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            let ends = patterns.compactMap { $0.match(tokens, at: index) }.filter { $0 > index }
            if let end = ends.max() {
                result.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return result
    }
}
