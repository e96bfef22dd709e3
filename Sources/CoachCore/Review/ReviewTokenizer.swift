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
        for index in line.words.indices {
            if line.words[index].id == ReviewVocabulary.sentenceBreak {
                result.append(.sentenceBreak(line: line.number, at: line.words[index].start))
                continue
            }
            if !line.words[index].hasApostrophe {
                result.append(
                    ReviewToken(
                        word: line.words[index].lower, id: line.words[index].id, line: line.number,
                        start: line.words[index].start, end: line.words[index].end,
                        isCapitalized: line.words[index].isCapitalized, digits: line.words[index].digits))
                continue
            }
            let raw = line.words[index]
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
            // The word so far: while its bytes are one run of the line, `run`; once a curly apostrophe is
            // straightened or an abbreviation dot dropped, a copy in `copied`.
            var run = 0..<0
            var copied: [UInt8] = []
            var isCopied = false
            var hasWord = false
            var isASCII = true
            var start = 0
            var dotted = false
            var apostrophe = false
            func bytesOf(_ index: Int) -> Range<Int> {
                Int(chars[index].offset)..<(index + 1 < chars.count ? Int(chars[index + 1].offset) : bytes.count)
            }
            func copy() {
                if !isCopied {
                    copied.removeAll(keepingCapacity: true)
                    copied.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run]))
                    isCopied = true
                }
            }
            func append(_ index: Int) {
                let span = bytesOf(index)
                if span.count > 1 || bytes[span.lowerBound] >= 0x80 { isASCII = false }
                if !hasWord {
                    hasWord = true
                    start = index
                    run = span
                } else if !isCopied && span.lowerBound == run.upperBound {
                    run = run.lowerBound..<span.upperBound
                } else {
                    copy()
                    copied.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span]))
                }
            }
            func flush(_ end: Int) {
                if hasWord {
                    let made =
                        isCopied
                        ? copied.withUnsafeBufferPointer {
                            word($0, isASCII: isASCII, hasApostrophe: apostrophe, start: start, end: end)
                        }
                        : word(
                            UnsafeBufferPointer(rebasing: bytes[run]), isASCII: isASCII, hasApostrophe: apostrophe,
                            start: start, end: end)
                    result.append(made)
                }
                hasWord = false
                isCopied = false
                apostrophe = false
                isASCII = true
                dotted = false
            }
            for index in chars.indices {
                let char = chars[index]
                let previous: ReviewChar.Traits = index > 0 ? chars[index - 1].traits : []
                let next: ReviewChar? = index + 1 < chars.count ? chars[index + 1] : nil
                if char.isWordChar {
                    append(index)
                } else if isApostrophe(char.code), hasWord, previous.contains(.letter), next?.isLetter == true {
                    apostrophe = true
                    let span = bytesOf(index)
                    if !isCopied && span == run.upperBound..<(run.upperBound + 1) && bytes[span.lowerBound] == 0x27 {
                        run = run.lowerBound..<span.upperBound
                    } else {
                        copy()
                        copied.append(UInt8(ascii: "'"))
                    }
                } else if isNumberJoiner(char.code), hasWord, previous.contains(.number), next?.isNumber == true {
                    append(index)
                } else if char.code == 0x2E, hasWord, previous.contains(.letter), next?.isLetter == true {
                    copy()
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
    static func word(
        _ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, hasApostrophe: Bool, start: Int, end: Int
    ) -> Word {
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
