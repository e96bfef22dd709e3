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
