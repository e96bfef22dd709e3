/// A draft prepared for the rules: numbered lines, tokens with sentence breaks, paragraphs and counts.
struct ReviewText: Sendable {
    /// A block of body lines between blank lines.
    struct Paragraph: Sendable {
        var firstLine: Int
        var wordCount: Int
    }

    /// The draft being reviewed.
    let draft: Draft
    /// The subject line (when there is one) followed by the body lines.
    let lines: [ReviewLine]
    /// All tokens of all lines, with sentence breaks.
    let tokens: [ReviewToken]
    /// The body's prose paragraphs, list items left out.
    let paragraphs: [Paragraph]
    /// The body's list items, each with the indented lines that continue it.
    let listItems: [Paragraph]
    /// How many words the body has.
    let bodyWordCount: Int

    /// The line number given to findings about the subject: its line in parsed text, else 0.
    var subjectLine: Int { draft.subjectLine }

    init(_ draft: Draft) {
        self.draft = draft
        var lines: [ReviewLine] = []
        if let subject = draft.subject {
            lines.append(ReviewLine(number: draft.subjectLine, text: subject, isSubject: true))
        }
        for (index, text) in Draft.splitLines(draft.body).enumerated() {
            lines.append(ReviewLine(number: index + 1 + draft.bodyLineOffset, text: text, isSubject: false))
        }
        self.lines = lines

        var tokens: [ReviewToken] = []
        tokens.reserveCapacity(lines.reduce(0) { $0 + $1.words.count } + lines.count)
        for (index, line) in lines.enumerated() {
            tokens += ReviewTokenizer.tokens(line)
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if Self.endsSentence(line, next: next), tokens.last?.isBreak == false {
                tokens.append(.sentenceBreak(line: line.number, at: line.chars.count))
            }
        }
        self.tokens = tokens

        // Prose paragraphs run between blank lines; a list item (with the indented lines that continue it) is
        // not part of one, so a list never counts as a wall of text.
        var paragraphs: [Paragraph] = []
        var items: [Paragraph] = []
        var words = 0
        var open: Paragraph?
        var item: Paragraph?
        for line in lines where !line.isSubject {
            if line.isBlank || line.isListItem || (item != nil && !line.isIndented) {
                if let done = open { paragraphs.append(done) }
                open = nil
                if let done = item { items.append(done) }
                item = nil
            }
            if line.isBlank { continue }
            let count = line.wordCount
            words += count
            if line.isListItem {
                item = Paragraph(firstLine: line.number, wordCount: count)
            } else if item != nil {
                item?.wordCount += count
            } else {
                if open == nil { open = Paragraph(firstLine: line.number, wordCount: 0) }
                open?.wordCount += count
            }
        }
        if let done = open { paragraphs.append(done) }
        if let done = item { items.append(done) }
        self.paragraphs = paragraphs
        self.listItems = items
        self.bodyWordCount = words
    }

    /// Whether a line break also ends the sentence: it does unless a long line of prose wraps onto the next.
    static func endsSentence(_ line: ReviewLine, next: ReviewLine?) -> Bool {
        guard let next, !next.isBlank, !line.isSubject else { return true }
        guard let last = line.chars.last(where: { !$0.isWhitespace }), last.isWordChar || last.code == 0x2C
        else { return true }
        if line.wordCount < 8 { return true }
        let lead = next.chars.first { !$0.isWhitespace }
        return lead.map { $0.code == 0x2D || $0.code == 0x2A || $0.code == 0x2022 || $0.isNumber } ?? true
    }

    /// The original text covered by a range of tokens, when they sit on one line; else the words joined.
    func quote(_ range: Range<Int>) -> String {
        let first = tokens[range.lowerBound]
        let last = tokens[range.upperBound - 1]
        if first.line == last.line, let line = lines.first(where: { $0.number == first.line }) {
            if first.start < last.end, last.end <= line.chars.count {
                return line.substring(first.start..<last.end)
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
    func matches(_ patterns: ReviewPatternSet) -> [Range<Int>] {
        patterns.matches(in: tokens, range: tokens.indices)
    }

    /// The first match of the patterns on each line and in each sentence, so that a line, or a sentence wrapped
    /// over two lines, is reported once per rule.
    func firstMatchPerLine(_ patterns: ReviewPatternSet) -> [Range<Int>] {
        var lines: Set<Int> = []
        var sentences: Set<Int> = []
        return matches(patterns).filter { range in
            let start = sentence(containing: range.lowerBound).lowerBound
            guard !lines.contains(tokens[range.lowerBound].line), !sentences.contains(start) else { return false }
            lines.insert(tokens[range.lowerBound].line)
            sentences.insert(start)
            return true
        }
    }

    /// Whether any of the patterns occurs anywhere in the draft.
    func contains(_ patterns: ReviewPatternSet) -> Bool {
        patterns.occurs(in: tokens, range: tokens.indices)
    }
}
