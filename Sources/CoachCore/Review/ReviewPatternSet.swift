/// A list of phrases compiled for matching together, indexed by the words they can start with,
/// so that each token only tries the few patterns that could begin there.
///
/// The elements of all patterns are laid out flat (one bit set of word ids per element), so that matching
/// reads plain arrays and copies no structs holding references.
struct ReviewPatternSet: Sendable {
    /// How an element matches, beyond its word set.
    private struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let optional = Flags(rawValue: 1 << 0)
        static let wildcard = Flags(rawValue: 1 << 1)
        static let digit = Flags(rawValue: 1 << 2)
    }

    /// How many patterns the set holds.
    let count: Int
    /// The elements of pattern `p` are `firstElement[p]..<firstElement[p + 1]`.
    private let firstElement: [Int]
    private let flags: [Flags]
    /// The word bit set of element `e` is `words[e * stride..<(e + 1) * stride]`.
    private let words: [UInt64]
    private let stride: Int
    /// For a word id, the patterns that can begin with it are `startPatterns[startOffsets[id]..<startOffsets[id + 1]]`.
    private let startOffsets: [Int32]
    private let startPatterns: [Int32]
    /// Patterns that can begin with any word.
    private let anyWord: [Int32]
    /// Patterns that can begin with a word holding a digit.
    private let anyNumber: [Int32]

    /// Compiles phrases in `ReviewPattern` syntax.
    init(_ sources: [String]) {
        let patterns = sources.map(ReviewPattern.init)
        count = patterns.count
        stride = (ReviewVocabulary.count + 63) / 64
        var firstElement = [0]
        var flags: [Flags] = []
        var words: [UInt64] = []
        var byWord = [[Int32]](repeating: [], count: ReviewVocabulary.count)
        var anyWord: [Int32] = []
        var anyNumber: [Int32] = []
        for (index, pattern) in patterns.enumerated() {
            for element in pattern.elements {
                var flag: Flags = []
                if element.isOptional { flag.insert(.optional) }
                if element.isWildcard { flag.insert(.wildcard) }
                if element.needsDigit { flag.insert(.digit) }
                flags.append(flag)
                precondition(element.words.count == stride)
                words += element.words
            }
            firstElement.append(flags.count)
            let starts = pattern.starts
            for id in starts.ids { byWord[Int(id)].append(Int32(index)) }
            if starts.anyWord { anyWord.append(Int32(index)) }
            if starts.anyNumber { anyNumber.append(Int32(index)) }
        }
        self.firstElement = firstElement
        self.flags = flags
        self.words = words
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(byWord.count + 1)
        for list in byWord { offsets.append(offsets[offsets.count - 1] + Int32(list.count)) }
        startOffsets = offsets
        startPatterns = byWord.flatMap { $0 }
        self.anyWord = anyWord
        self.anyNumber = anyNumber
    }

    /// Every non-overlapping match in `tokens[range]`, in text order; at each token the longest match wins.
    func matches(in tokens: [ReviewToken], range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        scan(tokens, range: range) { match in
            result.append(match)
            return true
        }
        return result
    }

    /// Whether there is any match in `tokens[range]`.
    func occurs(in tokens: [ReviewToken], range: Range<Int>) -> Bool {
        var found = false
        scan(tokens, range: range) { _ in
            found = true
            return false
        }
        return found
    }

    /// Calls `found` with each match in text order until it returns false.
    private func scan(_ tokens: [ReviewToken], range: Range<Int>, _ found: (Range<Int>) -> Bool) {
        tokens.withUnsafeBufferPointer { tokens in
            words.withUnsafeBufferPointer { words in
                flags.withUnsafeBufferPointer { flags in
                    let matcher = Matcher(
                        tokens: tokens, limit: range.upperBound, words: words, flags: flags, stride: stride)
                    var index = range.lowerBound
                    while index < range.upperBound {
                        var best = index
                        func attempt(_ pattern: Int32) {
                            let elements = firstElement[Int(pattern)]..<firstElement[Int(pattern) + 1]
                            if let end = matcher.match(elements, at: index), end > best { best = end }
                        }
                        let id = Int(tokens[index].id)
                        if id != Int(ReviewVocabulary.sentenceBreak) {
                            if id >= 0 {
                                for slot in Int(startOffsets[id])..<Int(startOffsets[id + 1]) {
                                    attempt(startPatterns[slot])
                                }
                            }
                            for slot in anyWord.indices { attempt(anyWord[slot]) }
                            if tokens[index].hasDigit {
                                for slot in anyNumber.indices { attempt(anyNumber[slot]) }
                            }
                        }
                        if best > index {
                            guard found(index..<best) else { return }
                            index = best
                        } else {
                            index += 1
                        }
                    }
                }
            }
        }
    }

    /// Matches one pattern's elements against tokens, over borrowed buffers.
    private struct Matcher {
        let tokens: UnsafeBufferPointer<ReviewToken>
        /// Tokens at or past `limit` are out of reach.
        let limit: Int
        let words: UnsafeBufferPointer<UInt64>
        let flags: UnsafeBufferPointer<Flags>
        let stride: Int

        /// The end (exclusive) of a match of `elements` starting at `token`, or nil; like a backtracking regex,
        /// an optional element is taken when the rest can still match, and skipped otherwise.
        func match(_ elements: Range<Int>, at token: Int) -> Int? {
            guard let element = elements.first else { return token }
            let rest = (element + 1)..<elements.upperBound
            if token < limit, accepts(element, token), let end = match(rest, at: token + 1) {
                return end
            }
            if flags[element].contains(.optional) { return match(rest, at: token) }
            return nil
        }

        func accepts(_ element: Int, _ token: Int) -> Bool {
            let id = Int(tokens[token].id)
            if id == Int(ReviewVocabulary.sentenceBreak) { return false }
            let flag = flags[element]
            if flag.contains(.wildcard) { return true }
            if flag.contains(.digit) { return tokens[token].hasDigit }
            guard id >= 0 else { return false }
            return words[element * stride + id >> 6] & (1 << UInt64(id & 63)) != 0
        }
    }
}
