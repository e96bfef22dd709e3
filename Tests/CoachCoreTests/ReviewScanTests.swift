import Testing

@testable import CoachCore

/// The review's byte and scalar shortcuts must answer exactly as `Character` does.
@Suite("Review line scanning agrees with Character")
struct ReviewScanTests {
    static let lines = [
        "Hi Dana, we'll send it by Friday 7 June at 10:30.",
        "Hi Zoë, the café’s total is €95,500 • thanks — see “notes”",
        "Greek question mark\u{37E} then e\u{301}t\u{301}e\u{301} and [x\u{301}y]",
        "Flags 🇺🇸🇬🇧 and a thumb 👍🏽, jamo \u{1100}\u{1161}, ZWJ 👩\u{200D}💻",
        "tab\there, no-break\u{00A0}space, soft\u{00AD}hyphen, line\u{2028}separator",
        "",
    ]

    @Test("characters, traits, codes and text match the line's Characters", arguments: lines)
    func scanMatchesCharacters(_ line: String) {
        let chars = ReviewChar.scan(line)
        let characters = Array(line)
        #expect(chars.count == characters.count)
        let reviewLine = ReviewLine(number: 1, text: line, isSubject: false)
        for (index, (char, character)) in zip(chars, characters).enumerated() {
            #expect(char.traits == ReviewChar.traits(of: character))
            #expect(reviewLine.substring(index..<(index + 1)) == String(character))
            for (literal, code) in ReviewChar.literals {
                #expect((char.code == code) == (character == literal), "\(character) vs \(literal)")
            }
        }
    }

    @Test("scalars that stand alone are one Character each next to any other")
    func standAloneScalars() {
        let values =
            (UInt32(0)..<0x300).filter { $0 != 0x0D } + Array(0x2010...0x2027) + Array(0x2030...0x205E)
            + Array(0x20A0...0x20CF)
        let scalars = values.compactMap(Unicode.Scalar.init).filter { ReviewChar.standsAlone($0.value) }
        #expect(scalars.count == values.count)
        for first in scalars {
            var text = String.UnicodeScalarView()
            for second in scalars {
                text.append(first)
                text.append(second)
            }
            #expect(String(text).count == text.count, "\(first.value)")
        }
    }

    @Test("splitting lines on bytes matches splitting Characters")
    func splitLines() {
        for text in ["a\nb\r\nc\rd\n", "\r\n\r\n", "x\r", "é\u{301}\r\n\u{301}z", ""] {
            let expected = text.split(omittingEmptySubsequences: false) {
                $0 == "\n" || $0 == "\r\n" || $0 == "\r"
            }.map(String.init)
            #expect(Draft.splitLines(text) == expected)
        }
    }
}
