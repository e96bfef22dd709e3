/// A lowercased word of a draft (contractions split into their full words) or a sentence break.
struct ReviewToken: Sendable, Equatable {
    /// The lowercased word; empty for a sentence break.
    var word: String
    /// The word's `ReviewVocabulary` id: `unknown` for words no rule looks for, `sentenceBreak` for a break.
    var id: Int32
    /// The 1-based line of the original text the token sits on.
    var line: Int
    /// Character offset where the source word starts in its line.
    var start: Int
    /// Character offset just past the source word in its line.
    var end: Int
    /// Whether the source word started with a capital letter.
    var isCapitalized: Bool
    /// Whether the word contains a digit.
    var hasDigit: Bool
    /// Whether the word's first character is a digit.
    var startsWithNumber: Bool
    /// What the word is for the calendar and placeholder checks.
    var kinds: ReviewVocabulary.Kinds

    /// Whether this token marks the end of a sentence rather than a word.
    var isBreak: Bool { id == ReviewVocabulary.sentenceBreak }

    /// A token for a word; `id` is looked up and `digits` (has a digit, starts with one) worked out when not given.
    init(
        word: String, id: Int32? = nil, line: Int, start: Int, end: Int, isCapitalized: Bool,
        digits: (has: Bool, first: Bool)? = nil
    ) {
        self.word = word
        self.id = word.isEmpty ? ReviewVocabulary.sentenceBreak : id ?? ReviewVocabulary.id(word)
        self.line = line
        self.start = start
        self.end = end
        self.isCapitalized = isCapitalized
        kinds = ReviewVocabulary.kinds(self.id)
        if let digits {
            hasDigit = digits.has
            startsWithNumber = digits.first
        } else {
            hasDigit = word.contains { $0.isNumber }
            startsWithNumber = word.first?.isNumber ?? false
        }
    }

    /// A sentence break on a line.
    static func sentenceBreak(line: Int, at offset: Int) -> ReviewToken {
        ReviewToken(word: "", line: line, start: offset, end: offset, isCapitalized: false)
    }
}
