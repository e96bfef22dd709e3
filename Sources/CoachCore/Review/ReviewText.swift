/// A draft prepared for the rules: numbered lines, tokens with sentence breaks, paragraphs and counts.
struct ReviewText: Sendable {
    /// One line of the draft with its number in the original text.
    struct Line: Sendable {
        var number: Int
        var text: String
        var isSubject: Bool
        var isBlank: Bool { text.allSatisfy { $0.isWhitespace } }
    }

    /// A block of body lines between blank lines.
    struct Paragraph: Sendable {
        var firstLine: Int
        var wordCount: Int
    }

    /// The draft being reviewed.
    let draft: Draft
    /// The subject line (when there is one) followed by the body lines.
    let lines: [Line]
    /// All tokens of all lines, with sentence breaks.
    let tokens: [ReviewToken]
    /// The body's paragraphs.
    let paragraphs: [Paragraph]
    /// How many words the body has.
    let bodyWordCount: Int

    /// The line number given to findings about the subject: 1 when it came from parsed text, else 0.
    var subjectLine: Int { draft.bodyLineOffset > 0 ? 1 : 0 }

    init(_ draft: Draft) {
        self.draft = draft
        var lines: [Line] = []
        if let subject = draft.subject {
            lines.append(Line(number: draft.bodyLineOffset > 0 ? 1 : 0, text: subject, isSubject: true))
        }
        for (index, text) in Draft.splitLines(draft.body).enumerated() {
            lines.append(Line(number: index + 1 + draft.bodyLineOffset, text: text, isSubject: false))
        }
        self.lines = lines

        var tokens: [ReviewToken] = []
        for (index, line) in lines.enumerated() {
            let lineTokens = ReviewTokenizer.tokens(line.text, lineNumber: line.number)
            tokens += lineTokens
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if Self.endsSentence(line, lineTokens, next: next), tokens.last?.isBreak == false {
                tokens.append(.sentenceBreak(line: line.number, at: line.text.count))
            }
        }
        self.tokens = tokens

        var paragraphs: [Paragraph] = []
        var words = 0
        var open: Paragraph?
        for line in lines where !line.isSubject {
            if line.isBlank {
                if let done = open { paragraphs.append(done) }
                open = nil
                continue
            }
            let count = Self.wordCount(line.text)
            words += count
            if open == nil { open = Paragraph(firstLine: line.number, wordCount: 0) }
            open?.wordCount += count
        }
        if let done = open { paragraphs.append(done) }
        self.paragraphs = paragraphs
        self.bodyWordCount = words
    }

    /// Whether a line break also ends the sentence: it does unless a long line of prose wraps onto the next.
    static func endsSentence(_ line: Line, _ tokens: [ReviewToken], next: Line?) -> Bool {
        guard let next, !next.isBlank, !line.isSubject else { return true }
        guard let last = line.text.last(where: { !$0.isWhitespace }), last.isLetter || last.isNumber || last == ","
        else { return true }
        if wordCount(line.text) < 8 { return true }
        let lead = next.text.first { !$0.isWhitespace }
        return lead.map { "-*\u{2022}".contains($0) || $0.isNumber } ?? true
    }

    /// Words in a line: whitespace-separated pieces holding a letter or digit.
    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// The original text covered by a range of tokens, when they sit on one line; else the words joined.
    func quote(_ range: Range<Int>) -> String {
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        if first.line == last.line, let line = lines.first(where: { $0.number == first.line }) {
            let chars = Array(line.text)
            if first.start < last.end, last.end <= chars.count {
                return String(chars[first.start..<last.end])
            }
        }
        return tokens[range].map(\.word).joined(separator: " ")
    }

    /// The sentence holding a token.
    func sentence(containing index: Int) -> Range<Int> {
        var start = index
        while start > 0, !tokens[start - 1].isBreak { start -= 1 }
        var end = index
        while end < tokens.count, !tokens[end].isBreak { end += 1 }
        return start..<end
    }

    /// Every match of any of the patterns, in text order.
    func matches(_ patterns: [ReviewPattern]) -> [Range<Int>] {
        ReviewPattern.matches(patterns, in: tokens)
    }

    /// The first match of the patterns on each line, so that a line is reported once per rule.
    func firstMatchPerLine(_ patterns: [ReviewPattern]) -> [Range<Int>] {
        var seen: Set<Int> = []
        return matches(patterns).filter { seen.insert(tokens[$0.lowerBound].line).inserted }
    }

    /// Whether any of the patterns occurs anywhere in the draft.
    func contains(_ patterns: [ReviewPattern]) -> Bool {
        !matches(patterns).isEmpty
    }
}
