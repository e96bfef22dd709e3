import CoachCore
import CoachProtocol
import Testing

@Suite("JSONReader")
struct JSONReaderTests {
    @Test("reads every kind of value, keeping number text and member order")
    func values() throws {
        let v = try JSONReader.read(#" {"a": [1, -0.5e+3, true, false, null], "b": {"c": "d"}, "a2": 1E2} "#)
        #expect(v["a"] == .array([.number("1"), .number("-0.5e+3"), .bool(true), .bool(false), .null]))
        #expect(v["b"]?["c"] == .string("d"))
        guard case .object(let members) = v else { throw TestFailure("not an object") }
        #expect(members.map(\.key) == ["a", "b", "a2"])
        #expect(v["a2"]?.intValue == 100)
    }

    @Test("decodes escapes, surrogate pairs and raw UTF-8; a lone surrogate becomes U+FFFD")
    func strings() throws {
        #expect(try JSONReader.read(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
        #expect(try JSONReader.read(#""caf\u00e9 \ud83d\ude00 Zoë""#) == .string("café 😀 Zoë"))
        #expect(try JSONReader.read(#""x\ud800y""#) == .string("x\u{FFFD}y"))
        #expect(try JSONReader.read(#""\udc00""#) == .string("\u{FFFD}"))
    }

    @Test(
        "refuses what is not JSON",
        arguments: [
            "", "nul", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", ".5", "1e", "\"abc", "\"a\u{1}b\"",
            "\"\\x\"", "\"\\u12G4\"", "[1] 2", "NaN", "Infinity", "{'a':1}", "[", "{",
        ])
    func syntax(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(text) }
    }

    @Test("refuses invalid UTF-8 with the offset of the first bad byte")
    func utf8() throws {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0xFF, 0x22], 1), ([0x22, 0xC0, 0xAF, 0x22], 1), ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1), ([0x22, 0x61, 0xE2, 0x82], 2), ([0x22, 0xE2, 0x28, 0xA1, 0x22], 1),
        ]
        for (bytes, offset) in cases {
            #expect(throws: JSONReader.Failure.invalidUTF8(offset: offset)) { try JSONReader.read(bytes) }
        }
        #expect(try JSONReader.read(Array("\"€𝄞é\"".utf8)) == .string("€𝄞é"))
    }

    @Test("stops at the nesting limit without deep recursion")
    func depth() throws {
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        _ = try JSONReader.read(ok)
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONReader.Failure.tooDeep(limit: JSONReader.maxDepth)) { try JSONReader.read(deep) }
    }

    @Test("what the writer writes, the reader reads back")
    func roundTrip() throws {
        let value = JSONValue.object([
            ("text", .string("quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} del \u{7F} é 😀 \u{2028}")),
            ("n", .number("-12.5e-3")), ("list", .array([.null, .bool(true), .object([])])),
        ])
        let text = JSONWriter.text(of: value)
        #expect(!text.contains("\n"))
        #expect(try JSONReader.read(text) == value)
    }
}
