import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

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

@Suite struct CollapsingTests {
    /// The Character-by-Character split the ASCII shortcut must agree with.
    static func slowCollapse(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: [
        "", " ", "  ", "a", " a ", "a  b", "a\tb", "Kowalski Logistics", " Kowalski\r\n Logistics\n", "a\r\nb", "\u{00A0}a",
        "Hôtels  Beaumont", "a\u{2003}b", "a \u{301}b", "x\u{1C}y", "\u{0B}\u{0C}",
    ])
    func shortcutAgrees(_ text: String) {
        #expect(text.collapsingWhitespace() == Self.slowCollapse(text))
    }

    /// Every ASCII byte, alone and between letters and spaces, and random mixes of ASCII and a few other scalars.
    @Test func everyByteAndRandomMixes() {
        for b in 0..<128 {
            let c = String(UnicodeScalar(UInt8(b)))
            for text in [c, "a\(c)b", " \(c) ", "a \(c)\(c) b", "\(c)\(c)"] {
                #expect(text.collapsingWhitespace() == Self.slowCollapse(text), "byte \(b)")
            }
        }
        var random = SplitMix(seed: 11)
        let pieces = ["a", "B", " ", "  ", "\t", "\n", "\r", "\r\n", ".", "é", "\u{00A0}", "\u{301}", "\u{2003}", "7"]
        for _ in 0..<2000 {
            let count = Int(random.next() % 10)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(text.collapsingWhitespace() == Self.slowCollapse(text), "\(Array(text.unicodeScalars))")
        }
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

@Suite struct NumberShortcutTests {
    /// The Character-by-Character reading the byte reading of `parseGroupedNumber` must agree with.
    static func slowGroupedNumber(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var digits = ""
        var seenDot = false
        var groupLength = -1
        var sawComma = false
        for ch in text {
            if ch.isASCII && ch.isNumber {
                digits.append(ch)
                if !seenDot && groupLength >= 0 { groupLength += 1 }
            } else if ch == "," && !seenDot {
                if sawComma && groupLength != 3 { return nil }
                if !sawComma && digits.isEmpty { return nil }
                sawComma = true
                groupLength = 0
            } else if ch == "." && !seenDot {
                if sawComma && groupLength != 3 { return nil }
                seenDot = true
                digits.append(".")
            } else {
                return nil
            }
        }
        if sawComma && !seenDot && groupLength != 3 { return nil }
        if digits == "." { return nil }
        return Double(digits)
    }

    /// The date reading without the first-byte check.
    static func slowISO(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    @Test func randomTextsAgree() {
        var random = SplitMix(seed: 7)
        let pieces = ["1", "2", "0", "9", ",", ".", "-", "+", " ", "k", "\r\n", "é", "\u{301}", "٣", "000", "2026", "12"]
        var numbers = 0
        for _ in 0..<5000 {
            let count = Int(random.next() % 8)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let fast = parseGroupedNumber(text)
            #expect(fast == Self.slowGroupedNumber(text), "\(Array(text.unicodeScalars))")
            if fast != nil { numbers += 1 }
            #expect(Day.parseISO(text) == Self.slowISO(text), "\(Array(text.unicodeScalars))")
        }
        #expect(numbers > 100)
        for text in ["1,200.50", "1200", "12.5", "1,20", ".", "1.", "2026-12-01", "+2026-1-2", "2026-13-01"] {
            #expect(parseGroupedNumber(text) == Self.slowGroupedNumber(text), "\(text)")
            #expect(Day.parseISO(text) == Self.slowISO(text), "\(text)")
        }
    }
}
