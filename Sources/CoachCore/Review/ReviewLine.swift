/// One line of a draft, scanned once: its characters, its words and sentence breaks, and its word count.
struct ReviewLine: Sendable {
    /// The 1-based line number in the original text (0 for a subject given in code).
    var number: Int
    var text: String
    var isSubject: Bool
    /// The characters of the text.
    let chars: [ReviewChar]
    /// The words and sentence breaks of the text, from `ReviewTokenizer.words(_:_:)`.
    let words: [ReviewTokenizer.Word]
    /// Whether the line holds only whitespace.
    let isBlank: Bool
    /// Whitespace-separated pieces holding a letter or digit.
    let wordCount: Int

    init(number: Int, text: String, isSubject: Bool) {
        self.number = number
        self.text = text
        self.isSubject = isSubject
        let chars = ReviewChar.scan(text)
        self.chars = chars
        self.words = ReviewTokenizer.words(text, chars)
        var blank = true
        var count = 0
        var inPiece = false
        var pieceHasWord = false
        for char in chars {
            if char.isWhitespace {
                if inPiece && pieceHasWord { count += 1 }
                inPiece = false
                pieceHasWord = false
            } else {
                blank = false
                inPiece = true
                if char.isWordChar { pieceHasWord = true }
            }
        }
        if inPiece && pieceHasWord { count += 1 }
        self.isBlank = blank
        self.wordCount = count
    }

    /// The text of the characters in `range`.
    func substring(_ range: Range<Int>) -> String {
        if range.isEmpty { return "" }
        let utf8 = text.utf8
        let from = Int(chars[range.lowerBound].offset)
        let to = range.upperBound < chars.count ? Int(chars[range.upperBound].offset) : utf8.count
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        let end = utf8.index(start, offsetBy: to - from)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
