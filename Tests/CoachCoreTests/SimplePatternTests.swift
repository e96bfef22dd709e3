import Foundation
import Testing

@testable import CoachCore

/// `SimplePattern` must agree with Swift's `Regex` on every pattern it compiles, or decline.
@Suite struct SimplePatternTests {
    static let patterns = [
        "^.*[^.]$", "^[^|]*[^|.]$", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "^[^|]*$",
        "^([01]?[0-9]|2[0-3])[:.][0-5][0-9]( ?[A-Za-z]{2,5})?$", "[a-z]+", "a|b|", "(ab)*c?", "^\\d{3}-\\d{4}$",
        "x{2,}y", "(a|ab)(c|bcd)(d*)", "[-a]+", "[a-]+", "[]a]", "\\w+\\W\\S", "(?:ab|a)+b", "a*?b", "^$", ".", "a{0}",
        "(a*)*b", "[^]]", "\\.\\-", "a{2,1}", "(?i)ab", "\\bx", "[[:alpha:]]", "a++", "[a&&b]", "a{,3}", "\\p{L}",
    ]

    static let inputs = [
        "", "a", "ab", "abc", "abcd", "b", "aab", "xxy", "xy", "12:30", "23:59", "24:00", "9.15 CET", "10:00 GMT",
        "name@company.com", "a@b", "a@b.c", "a @b.c", "ends with a dot.", "no dot", "pipe | here", "555-1234",
        "ab_9 !", "]", "a]", "-a-", "x\ty", "abbcdd", "Zoë", "two\nlines", ".-", "ababab", "aaaab",
    ]

    @Test func agreesWithRegex() throws {
        var compiled = 0
        for pattern in Self.patterns {
            guard let regex = try? Regex(pattern) else { continue }
            guard let simple = SimplePattern(pattern) else { continue }
            compiled += 1
            var rng = SplitMix(state: UInt64(pattern.utf8.count) &* 31)
            let alphabet = Array("ab.c@ -|:09xyZ\t]".utf8)
            let random = (0..<200).map { _ in
                String(decoding: (0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self)
            }
            for text in Self.inputs + random {
                guard let got = simple.wholeMatch(text) else { continue }
                let expected = (try? regex.wholeMatch(in: text)) != nil
                #expect(got == expected, "pattern \(pattern) on \(text.debugDescription)")
            }
        }
        #expect(compiled >= 20)
    }

    @Test func declines() {
        #expect(SimplePattern("(?i)ab") == nil)
        #expect(SimplePattern("\\bx") == nil)
        #expect(SimplePattern("[[:alpha:]]") == nil)
        #expect(SimplePattern("a++") == nil)
        #expect(SimplePattern("^.*$")?.wholeMatch("Zoë") == nil)
        #expect(SimplePattern("^.*$")?.wholeMatch("two\nlines") == nil)
    }
}

@Suite struct TrimmingTests {
    /// The Character-by-Character trim the ASCII shortcut must agree with.
    static func slowTrim(_ s: String) -> String {
        var start = s.startIndex
        var end = s.endIndex
        while start < end, s[start].isWhitespace { start = s.index(after: start) }
        while end > start, s[s.index(before: end)].isWhitespace { end = s.index(before: end) }
        return String(s[start..<end])
    }

    @Test(arguments: [
        "", " ", "a", " a ", "\ta\n", "a b", "\u{00A0}a\u{00A0}", "a\u{301}", "\u{2003}x", "x\u{2003}", "\r\n", "a\r\n",
        "\u{600}1", "Zoë", " Zoë", "\u{301}a", "ab\u{200D}", "x ",
    ])
    func shortcutAgrees(_ text: String) {
        #expect(text.trimmingWhitespace() == Self.slowTrim(text))
    }
}

@Suite struct JSONWriterEscapeTests {
    /// Strings with every escaped byte at every position of the eight-byte blocks survive a round trip.
    @Test func escapedStringsRoundTrip() throws {
        let specials: [String] = ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "é", "\u{7F}", " ", "日"]
        for special in specials {
            for length in 0..<20 {
                for position in 0...length {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    var w = JSONWriter()
                    w.beginArray()
                    w.string(text)
                    w.endArray()
                    let back = try JSONDecoder().decode([String].self, from: Data(w.bytes))
                    #expect(back == [text])
                    #expect(!w.text.contains("\n"))
                }
            }
        }
    }

    @Test func wordTestIsExact() {
        for b in 0...255 {
            for slot in 0..<8 {
                let word = (0x6161_6161_6161_6161 as UInt64) & ~(UInt64(0xFF) << (8 * slot)) | (UInt64(b) << (8 * slot))
                let expected = b < 0x20 || b == 0x22 || b == 0x5C
                #expect(JSONWriter.needsEscape(word) == expected, "byte \(b) at \(slot)")
            }
        }
    }
}
