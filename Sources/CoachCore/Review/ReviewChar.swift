/// One character (grapheme cluster) of a line, reduced to what the review code asks of it:
/// which punctuation it is, whether it is a letter, digit or space, and where its bytes start.
///
/// Scanning a line once into these replaces `Array(line)` and the `Character` property lookups that
/// every check used to repeat; the answers are the same as `Character`'s (see `scan`).
struct ReviewChar: Sendable {
    /// What a character is, as `Character.isLetter`, `isNumber` and `isWhitespace` say.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt8
        static let letter = Traits(rawValue: 1 << 0)
        static let number = Traits(rawValue: 1 << 1)
        static let whitespace = Traits(rawValue: 1 << 2)
    }

    /// The scalar value of a one-scalar character, or of the ASCII or other listed character it is canonically
    /// equal to (`;` for the Greek question mark), so that comparing codes is comparing `Character`s with `==`;
    /// `cluster` for any other character of several scalars.
    var code: UInt32
    var traits: Traits
    /// The UTF-8 offset in its line where the character starts.
    var offset: Int32

    /// The code of a several-scalar character equal to none of `literals`.
    static let cluster: UInt32 = 0xFFFF_FFFF

    var isLetter: Bool { traits.contains(.letter) }
    var isNumber: Bool { traits.contains(.number) }
    var isWordChar: Bool { !traits.isDisjoint(with: [.letter, .number]) }
    var isWhitespace: Bool { traits.contains(.whitespace) }

    /// The characters the review code compares against, keyed by `Character` so that canonical equivalents
    /// find them too: all of ASCII, the curly apostrophes and the bullet.
    static let literals: [Character: UInt32] = {
        var table: [Character: UInt32] = [:]
        for value in UInt32(0)..<0x80 { table[Character(Unicode.Scalar(UInt8(value)))] = value }
        for value: UInt32 in [0x2018, 0x2019, 0x2022] { table[Character(Unicode.Scalar(value)!)] = value }
        return table
    }()

    /// Traits of the ASCII characters, taken from `Character` itself.
    static let asciiTraits: [Traits] = (0..<0x80).map { traits(of: Character(Unicode.Scalar(UInt8($0)))) }

    static func traits(of character: Character) -> Traits {
        var traits: Traits = []
        if character.isLetter { traits.insert(.letter) }
        if character.isNumber { traits.insert(.number) }
        if character.isWhitespace { traits.insert(.whitespace) }
        return traits
    }

    /// Whether a scalar is always a character of its own next to any other scalar of this set: it is
    /// neither a combining mark, joiner, regional indicator, Hangul jamo nor a carriage return
    /// (Unicode text segmentation, UAX #29), so a line made only of these has one character per scalar.
    static func standsAlone(_ value: UInt32) -> Bool {
        (value < 0x300 && value != 0x0D) || (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
            || (0x20A0...0x20CF).contains(value)
    }

    /// A one-scalar character.
    static func single(_ scalar: Unicode.Scalar, offset: Int) -> ReviewChar {
        let value = scalar.value
        if value < 0x80 {
            return ReviewChar(code: value, traits: asciiTraits[Int(value)], offset: Int32(offset))
        }
        let character = Character(scalar)
        // Only a scalar excluded from composition can be canonically equal to a different single scalar.
        let code = scalar.properties.isFullCompositionExclusion ? literals[character] ?? value : value
        return ReviewChar(code: code, traits: traits(of: character), offset: Int32(offset))
    }

    /// The characters of a line: bytes for ASCII, scalars when each scalar stands alone, else grapheme clusters.
    static func scan(_ line: String) -> [ReviewChar] {
        var text = line
        let ascii = text.withUTF8 { bytes -> [ReviewChar]? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            return asciiTraits.withUnsafeBufferPointer { traits in
                [ReviewChar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                    for (offset, byte) in bytes.enumerated() {
                        buffer[offset] = ReviewChar(code: UInt32(byte), traits: traits[Int(byte)], offset: Int32(offset))
                    }
                    count = bytes.count
                }
            }
        }
        if let ascii { return ascii }
        var result: [ReviewChar] = []
        result.reserveCapacity(line.utf8.count)
        var offset = 0
        for scalar in line.unicodeScalars {
            guard standsAlone(scalar.value) else { return clusters(line) }
            result.append(single(scalar, offset: offset))
            offset += UTF8.width(scalar)
        }
        return result
    }

    /// The characters of a line, walked as `Character`s.
    static func clusters(_ line: String) -> [ReviewChar] {
        var result: [ReviewChar] = []
        var offset = 0
        for character in line {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first {
                result.append(single(scalar, offset: offset))
            } else {
                result.append(
                    ReviewChar(
                        code: literals[character] ?? cluster, traits: traits(of: character), offset: Int32(offset)))
            }
            offset += character.utf8.count
        }
        return result
    }
}
