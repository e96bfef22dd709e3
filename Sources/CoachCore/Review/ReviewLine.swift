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
    /// Whether the line is an item of a list: it opens with a bullet (`-`, `*`, `•`, `–`, `+`), a number or letter
    /// with `.` or `)`, or a short label and a colon (`Day 1:`, `Owner:`, `Tue 15 Dec:`).
    let isListItem: Bool
    /// Whether the line starts with whitespace.
    let isIndented: Bool

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
        self.isIndented = chars.first?.isWhitespace ?? false
        self.isListItem = !blank && Self.opensListItem(chars)
    }

    /// Whether characters open a list item (see `isListItem`).
    static func opensListItem(_ chars: [ReviewChar]) -> Bool {
        guard let start = chars.firstIndex(where: { !$0.isWhitespace }) else { return false }
        let first = chars[start].code
        let next = start + 1 < chars.count ? chars[start + 1] : nil
        // - * • – — + followed by a space
        if [0x2D, 0x2A, 0x2022, 0x2013, 0x2014, 0x2B].contains(first), next?.isWhitespace ?? false { return true }
        // 1. 2) a) iv.
        var index = start
        while index < chars.count, index - start < 3, chars[index].isWordChar { index += 1 }
        if index > start, index < chars.count, chars[index].code == 0x2E || chars[index].code == 0x29,
            index + 1 < chars.count, chars[index + 1].isWhitespace,
            chars[start].isNumber || index - start == 1
        {
            return true
        }
        // A label of up to four words, starting with a capital or a digit, then a colon.
        let firstChar = chars[start]
        guard firstChar.isNumber || (firstChar.code >= 0x41 && firstChar.code <= 0x5A) else { return false }
        var words = 1
        index = start
        while index < chars.count, index - start < 30 {
            let code = chars[index].code
            if code == 0x3A { return index + 1 == chars.count || chars[index + 1].isWhitespace }
            if chars[index].isWhitespace {
                words += 1
                if words > 4 { return false }
            } else if !chars[index].isWordChar && code != 0x2D && code != 0x27 && code != 0x2F {
                return false
            }
            index += 1
        }
        return false
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
