import Testing

@testable import CoachCore

/// The loader reads ASCII text as bytes where it used to read Characters; both readings must agree exactly.
@Suite struct FastScanTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func text(from pieces: [String], length: Int) -> String {
            (0..<next(length)).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    static let templatePieces = [
        "{{", "}}", "{", "}", "{{{", "}}}", "#", "^", "/", "!", "%", "&", ">", "=", "$", "<", " ", "\t", "\n", "\r\n",
        "name", "a.b", ".", "x", "é", "\u{301}", "—", "日本", "\u{600}", "items", "-", "_",
    ]

    @Test func templateTagsAreTheSameFromBytesAndCharacters() {
        var random = Generator(state: 7)
        for _ in 0..<20_000 {
            let text = random.text(from: Self.templatePieces, length: 14)
            #expect(TemplateScanner.scan(text) == TemplateScanner.scan(characters: text), "\(text.debugDescription)")
        }
    }

    @Test func templateTagsKeepTheirPlace() {
        let text = "café {{ name }} — {{#items}}{{.}}{{/items}}"
        let tags = TemplateScanner.scan(text)
        #expect(tags.map(\.name) == ["name", "items", ".", "items"])
        let first = text.utf8.index(text.startIndex, offsetBy: tags[0].utf8Offset)
        #expect(text.distance(from: text.startIndex, to: first) == 5)
    }

    static let expressionPieces = [
        "a", "b_2", "x.y", " ", "\t", "\n", "\r", "1", "2.5", ".5", "1_000", "1.2.3", "\"", "'", "\\", "==", "!=", "<=",
        ">=", "<", ">", "=", "!", "&", "|", "+", "-", "*", "/", "(", ")", "[", "]", ",", "and", "or", "not", "in", "é",
        "@", "#", "~",
    ]

    static func describe(_ result: Result<[(ExpressionParser.Token, Int)], ExpressionParser.Failure>) -> String {
        switch result {
        case .success(let tokens): return tokens.map { "\($0.0)@\($0.1)" }.joined(separator: " ")
        case .failure(let failure): return "failure \(failure.message) @\(failure.offset)"
        }
    }

    @Test func expressionTokensAreTheSameFromBytesAndCharacters() {
        var random = Generator(state: 11)
        for _ in 0..<20_000 {
            let text = random.text(from: Self.expressionPieces, length: 10)
            let fast = Result { () throws(ExpressionParser.Failure) in try ExpressionParser.tokenize(text) }
            let slow = Result { () throws(ExpressionParser.Failure) in try ExpressionParser.tokenize(characters: text) }
            #expect(Self.describe(fast) == Self.describe(slow), "\(text.debugDescription)")
        }
    }

    @Test func namesAreCheckedAsBefore() {
        for word in ["ok", "a_1", "a-1", "A", "_a", "1a", "", "é", "a\u{301}", "a\r\nb", "a b", "ab-", "a--b", "a__b"] {
            let snake =
                word.first.map { $0.isASCII && $0.isLowercase } == true
                && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
            let kebab =
                word.first.map { $0.isASCII && $0.isLowercase } == true && word.last != "-"
                && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            #expect(Suggest.isSnake(word) == snake, "\(word.debugDescription)")
            #expect(Suggest.isKebab(word) == kebab, "\(word.debugDescription)")
        }
    }
}
