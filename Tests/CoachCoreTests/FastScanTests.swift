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

/// What the loader does more cheaply must still come out the same.
@Suite struct CheaperLoadingTests {
    @Test func stepsWithTheSamePatternShareOneAndBothCheck() throws {
        let yaml = """
            id: shared
            title: Shared
            summary: Two steps, one pattern.
            version: 1
            steps:
              - id: first
                ask: Code?
                pattern: '^[A-Z]{3}-[0-9]+$'
                examples: [ABC-12]
              - id: second
                ask: Another code?
                pattern: '^[A-Z]{3}-[0-9]+$'
                examples: [abc]
              - id: third
                ask: Broken?
                pattern: '(['
              - id: fourth
                ask: Broken again?
                pattern: '(['
            outputs:
              - id: o
                body: "{{first}} {{second}} {{third}} {{fourth}}"
            """
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "shared.yaml")
        #expect(playbook == nil)
        let messages = diagnostics.map { "\($0.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("13: the example 'abc' of 'second' would be refused") }, "\(messages)")
        #expect(!messages.contains { $0.contains("'ABC-12'") }, "\(messages)")
        #expect(messages.filter { $0.contains("is not a valid regular expression") }.map { String($0.prefix(3)) } == ["16:", "19:"])
        let fixed = yaml.replacingOccurrences(of: "[abc]", with: "[XYZ-9]").replacingOccurrences(of: "'(['", with: "'^x$'")
        let loaded = try #require(PlaybookLoader.load(yaml: fixed, path: "shared.yaml").playbook)
        let steps = loaded.steps
        #expect(steps.map(\.pattern) == ["^[A-Z]{3}-[0-9]+$", "^[A-Z]{3}-[0-9]+$", "^x$", "^x$"])
        #expect(steps.allSatisfy { $0.compiledPattern != nil })
        let today = Day(year: 2026, month: 1, day: 5)!
        for step in steps.prefix(2) {
            #expect((try? AnswerParser.parse(.text("QRS-7"), for: step, today: today).get()) != nil)
            #expect((try? AnswerParser.parse(.text("qrs-7"), for: step, today: today).get()) == nil)
        }
    }

    @Test func plainYesNoValuesAreStillBooleansAndQuotedOnesAreNot() {
        func required(_ value: String) -> (Bool?, [String]) {
            let yaml = """
                id: flags
                title: Flags
                summary: Booleans.
                version: 1
                steps:
                  - id: a
                    ask: A?
                    required: \(value)
                outputs:
                  - id: o
                    body: "{{a}}"
                """
            let (playbook, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "flags.yaml")
            return (playbook?.steps[0].required, diagnostics.map(\.message))
        }
        for (text, expected) in [("false", false), ("no", false), ("Off", false), ("TRUE", true), ("yes", true)] {
            #expect(required(text).0 == expected, "\(text)")
        }
        #expect(required("\"false\"").1 == ["required must be true or false"])
        #expect(required("maybe").1 == ["required must be true or false"])
    }
}
