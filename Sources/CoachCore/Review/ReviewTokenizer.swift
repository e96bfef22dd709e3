/// Splits lines of a draft into review tokens: words with contractions expanded, plus sentence breaks.
enum ReviewTokenizer {
    /// A word of a line as written, or a sentence break.
    struct Word: Sendable {
        /// The word (apostrophes straightened, abbreviation dots dropped); empty for a sentence break.
        var text: String
        /// The text lowercased.
        var lower: String
        /// The `ReviewVocabulary` id of `lower`.
        var id: Int32
        /// Character offset where the word starts in its line.
        var start: Int
        /// Character offset just past the word in its line.
        var end: Int
        /// Whether the word starts with a capital letter.
        var isCapitalized: Bool
        /// Whether the word holds an apostrophe, so may be a contraction.
        var hasApostrophe: Bool
        /// Whether the lowercased word holds a digit, and starts with one; nil when not worked out.
        var digits: (has: Bool, first: Bool)?

        /// Sentence-ending punctuation at a character offset.
        static func sentenceBreak(at offset: Int) -> Word {
            Word(
                text: "", lower: "", id: ReviewVocabulary.sentenceBreak, start: offset, end: offset + 1,
                isCapitalized: false, hasApostrophe: false, digits: nil)
        }
    }

    /// Contractions whose parts are not a simple suffix split.
    static let irregular: [String: [String]] = [
        "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"],
        "let's": ["let", "us"], "i'm": ["i", "am"],
    ]
    /// Words whose `'s` means `is` rather than a possessive.
    static let isContractions: Set<String> = ["it", "that", "there", "here", "what", "who", "he", "she", "where"]

    /// The lowercased words of a line, without contraction expansion; a sentence break is an empty string.
    static func words(_ line: String) -> [String] {
        words(line, ReviewChar.scan(line)).map(\.lower)
    }

    /// The tokens of one scanned line.
    static func tokens(_ line: ReviewLine) -> [ReviewToken] {
        var result: [ReviewToken] = []
        result.reserveCapacity(line.words.count + 2)
        for raw in line.words {
            if raw.text.isEmpty {
                result.append(.sentenceBreak(line: line.number, at: raw.start))
                continue
            }
            if !raw.hasApostrophe {
                result.append(
                    ReviewToken(
                        word: raw.lower, id: raw.id, line: line.number, start: raw.start, end: raw.end,
                        isCapitalized: raw.isCapitalized, digits: raw.digits))
                continue
            }
            for part in expand(raw.lower) {
                result.append(
                    ReviewToken(
                        word: part, line: line.number, start: raw.start, end: raw.end, isCapitalized: raw.isCapitalized))
            }
        }
        return result
    }

    /// Whether a character code is an apostrophe, straight or curly.
    static func isApostrophe(_ code: UInt32) -> Bool {
        code == 0x27 || code == 0x2019 || code == 0x2018
    }

    /// Whether a character code is punctuation kept inside a number such as `10:30`, `12/05`, `2.5`, `1,000`.
    static func isNumberJoiner(_ code: UInt32) -> Bool {
        code == 0x3A || code == 0x2F || code == 0x2E || code == 0x2C || code == 0x2D
    }

    /// Whether a character code is punctuation that ends a sentence: `.`, `!`, `?` or `;`.
    static func isSentenceEnd(_ code: UInt32) -> Bool {
        code == 0x2E || code == 0x21 || code == 0x3F || code == 0x3B
    }

    /// Words with their offsets; an empty text marks sentence-ending punctuation.
    static func words(_ line: String, _ chars: [ReviewChar]) -> [Word] {
        var text = line
        return text.withUTF8 { bytes in
            var result: [Word] = []
            var current: [UInt8] = []
            current.reserveCapacity(32)
            var isASCII = true
            var start = 0
            var dotted = false
            var apostrophe = false
            func append(_ index: Int) {
                let from = Int(chars[index].offset)
                let to = index + 1 < chars.count ? Int(chars[index + 1].offset) : bytes.count
                for offset in from..<to {
                    let byte = bytes[offset]
                    if byte >= 0x80 { isASCII = false }
                    current.append(byte)
                }
            }
            func flush(_ end: Int) {
                if !current.isEmpty {
                    result.append(word(current, isASCII: isASCII, hasApostrophe: apostrophe, start: start, end: end))
                }
                current.removeAll(keepingCapacity: true)
                apostrophe = false
                isASCII = true
                dotted = false
            }
            for index in chars.indices {
                let char = chars[index]
                let previous: ReviewChar.Traits = index > 0 ? chars[index - 1].traits : []
                let next: ReviewChar? = index + 1 < chars.count ? chars[index + 1] : nil
                if char.isWordChar {
                    if current.isEmpty { start = index }
                    append(index)
                } else if isApostrophe(char.code), !current.isEmpty, previous.contains(.letter),
                    next?.isLetter == true
                {
                    current.append(UInt8(ascii: "'"))
                    apostrophe = true
                } else if isNumberJoiner(char.code), !current.isEmpty, previous.contains(.number),
                    next?.isNumber == true
                {
                    append(index)
                } else if char.code == 0x2E, !current.isEmpty, previous.contains(.letter), next?.isLetter == true {
                    dotted = true
                } else {
                    let wasDotted = dotted && char.code == 0x2E
                    flush(index)
                    if isSentenceEnd(char.code), !wasDotted, !(char.code == 0x2E && next?.code == 0x2E) {
                        result.append(.sentenceBreak(at: index))
                    }
                }
            }
            flush(chars.count)
            return result
        }
    }

    /// A word from its UTF-8 bytes.
    static func word(_ bytes: [UInt8], isASCII: Bool, hasApostrophe: Bool, start: Int, end: Int) -> Word {
        let text = String(decoding: bytes, as: UTF8.self)
        var lower = text
        var capitalized = false
        var digits: (has: Bool, first: Bool)?
        if isASCII {
            capitalized = isUppercaseASCII(bytes[0])
            digits = (bytes.contains(where: isDigitASCII), isDigitASCII(bytes[0]))
            if bytes.contains(where: isUppercaseASCII) {
                lower = String(unsafeUninitializedCapacity: bytes.count) { buffer in
                    for (index, byte) in bytes.enumerated() { buffer[index] = isUppercaseASCII(byte) ? byte + 32 : byte }
                    return bytes.count
                }
            }
        } else {
            capitalized = text.first?.isUppercase ?? false
            lower = text.lowercased()
        }
        return Word(
            text: text, lower: lower, id: ReviewVocabulary.id(lower), start: start, end: end, isCapitalized: capitalized,
            hasApostrophe: hasApostrophe, digits: digits)
    }

    static func isDigitASCII(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isUppercaseASCII(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
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
