/// A lowercased word of a draft (contractions split into their full words) or a sentence break.
struct ReviewToken: Sendable, Equatable {
    /// The lowercased word; empty for a sentence break.
    var word: String
    /// The 1-based line of the original text the token sits on.
    var line: Int
    /// Character offset where the source word starts in its line.
    var start: Int
    /// Character offset just past the source word in its line.
    var end: Int
    /// Whether the source word started with a capital letter.
    var isCapitalized: Bool

    /// Whether this token marks the end of a sentence rather than a word.
    var isBreak: Bool { word.isEmpty }

    /// Whether the word contains a digit.
    var hasDigit: Bool { word.contains { $0.isNumber } }

    /// A sentence break on a line.
    static func sentenceBreak(line: Int, at offset: Int) -> ReviewToken {
        ReviewToken(word: "", line: line, start: offset, end: offset, isCapitalized: false)
    }
}
