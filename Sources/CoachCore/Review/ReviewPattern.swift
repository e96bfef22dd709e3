/// A phrase to look for in review tokens, written as space-separated words.
///
/// Each element may list alternatives with `|` (`i|we`), end in `?` to be optional (`so|very?`),
/// be `*` for any one word, or `#` for any word holding a digit. Matches never cross a sentence break.
/// Words are compiled to `ReviewVocabulary` ids, so matching compares integers.
struct ReviewPattern: Sendable {
    /// One position of the phrase.
    struct Element: Sendable {
        /// The accepted word ids, as a bit set indexed by id.
        var words: [UInt64]
        var isOptional: Bool
        var isWildcard: Bool
        var needsDigit: Bool

        /// Whether the element takes the word with this vocabulary id.
        func contains(_ id: Int32) -> Bool {
            guard id >= 0 else { return false }
            let slot = Int(id) >> 6
            return slot < words.count && words[slot] & (1 << UInt64(id & 63)) != 0
        }
    }

    /// The elements in order.
    let elements: [Element]

    /// The elements of a phrase as written, each without its trailing `?`.
    static func elementSources(_ source: String) -> [String] {
        source.split(separator: " ").map { piece in
            piece.count > 1 && piece.hasSuffix("?") ? String(piece.dropLast()) : String(piece)
        }
    }

    /// Compiles a phrase such as `i|we have? been so|very? busy`; every word must be in `ReviewVocabulary`.
    init(_ source: String) {
        let vocabularySize = ReviewVocabulary.count
        elements = source.split(separator: " ").map { piece in
            var text = String(piece)
            let optional = text.count > 1 && text.hasSuffix("?")
            if optional { text.removeLast() }
            let wildcard = text == "*"
            let digit = text == "#"
            var words = [UInt64](repeating: 0, count: (vocabularySize + 63) / 64)
            if !wildcard && !digit {
                for word in text.split(separator: "|") {
                    let id = ReviewVocabulary.id(String(word))
                    precondition(id >= 0, "'\(word)' in '\(source)' is missing from ReviewPhrases.all")
                    words[Int(id) >> 6] |= 1 << UInt64(id & 63)
                }
            }
            return Element(words: words, isOptional: optional, isWildcard: wildcard, needsDigit: digit)
        }
    }

    /// What can begin a non-empty match: word ids, any word, or any word holding a digit.
    var starts: (ids: [Int32], anyWord: Bool, anyNumber: Bool) {
        var ids: [Int32] = []
        var anyWord = false
        var anyNumber = false
        for element in elements {
            if element.isWildcard {
                anyWord = true
            } else if element.needsDigit {
                anyNumber = true
            } else {
                for id in 0..<Int32(element.words.count * 64) where element.contains(id) { ids.append(id) }
            }
            if !element.isOptional { break }
        }
        return (ids, anyWord, anyNumber)
    }
}
