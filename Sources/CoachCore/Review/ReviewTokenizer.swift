/// Splits lines of a draft into review tokens: words with contractions expanded, plus sentence breaks.
enum ReviewTokenizer {
    /// Punctuation that ends a sentence.
    static let sentenceEnds: Set<Character> = [".", "!", "?", ";"]
    /// Punctuation kept inside a number such as `10:30`, `12/05`, `2.5` or `1,000`.
    static let numberJoiners: Set<Character> = [":", "/", ".", ",", "-"]
    /// Apostrophes, straight and curly.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}"]

    /// Contractions whose parts are not a simple suffix split.
    static let irregular: [String: [String]] = [
        "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"],
        "let's": ["let", "us"], "i'm": ["i", "am"],
    ]
    /// Words whose `'s` means `is` rather than a possessive.
    static let isContractions: Set<String> = ["it", "that", "there", "here", "what", "who", "he", "she", "where"]

    /// The lowercased words of a line, without contraction expansion or breaks.
    static func words(_ line: String) -> [String] {
        rawWords(Array(line)).map { $0.text.lowercased() }
    }

    /// The tokens of one line, numbered `lineNumber`.
    static func tokens(_ line: String, lineNumber: Int) -> [ReviewToken] {
        let chars = Array(line)
        var result: [ReviewToken] = []
        for raw in rawWords(chars) {
            if raw.text.isEmpty {
                result.append(.sentenceBreak(line: lineNumber, at: raw.start))
                continue
            }
            let capitalized = raw.text.first?.isUppercase ?? false
            for part in expand(raw.text.lowercased()) {
                result.append(
                    ReviewToken(
                        word: part, line: lineNumber, start: raw.start, end: raw.end, isCapitalized: capitalized))
            }
        }
        return result
    }

    /// Words with their offsets; an empty text marks sentence-ending punctuation.
    static func rawWords(_ chars: [Character]) -> [(text: String, start: Int, end: Int)] {
        var result: [(text: String, start: Int, end: Int)] = []
        var current = ""
        var start = 0
        var dotted = false
        func flush(_ end: Int) {
            if !current.isEmpty { result.append((current, start, end)) }
            current = ""
            dotted = false
        }
        for index in chars.indices {
            let char = chars[index]
            let previous: Character? = index > 0 ? chars[index - 1] : nil
            let next: Character? = index + 1 < chars.count ? chars[index + 1] : nil
            if char.isLetter || char.isNumber {
                if current.isEmpty { start = index }
                current.append(char)
            } else if apostrophes.contains(char), !current.isEmpty, previous?.isLetter == true,
                next?.isLetter == true
            {
                current.append("'")
            } else if numberJoiners.contains(char), !current.isEmpty, previous?.isNumber == true,
                next?.isNumber == true
            {
                current.append(char)
            } else if char == ".", !current.isEmpty, previous?.isLetter == true, next?.isLetter == true {
                dotted = true
            } else {
                let wasDotted = dotted && char == "."
                flush(index)
                if sentenceEnds.contains(char), !wasDotted, !(char == "." && next == ".") {
                    result.append(("", index, index + 1))
                }
            }
        }
        flush(chars.count)
        return result
    }

    /// Splits a lowercased contraction into full words: `we've` becomes `we have`, `didn't` becomes `did not`.
    static func expand(_ word: String) -> [String] {
        guard word.contains("'") else { return [word] }
        if let parts = irregular[word] { return parts }
        let suffixes: [(String, String)] = [
            ("n't", "not"), ("'ve", "have"), ("'re", "are"), ("'ll", "will"), ("'d", "would"),
        ]
        for (suffix, full) in suffixes where word.hasSuffix(suffix) && word.count > suffix.count {
            return [String(word.dropLast(suffix.count)), full]
        }
        if word.hasSuffix("'s") {
            let stem = String(word.dropLast(2))
            if isContractions.contains(stem) { return [stem, "is"] }
        }
        return [word]
    }
}
