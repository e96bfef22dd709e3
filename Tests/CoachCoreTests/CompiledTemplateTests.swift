import Testing

@testable import CoachCore

/// Templates the loader keeps unparsed until their first render must be ones swift-mustache certainly parses.
@Suite struct CompiledTemplateTests {
    static let accepted = [
        "", "plain text", "Hello {{name}},", "{{ name }} and {{&raw}}", "{{#items}}- {{.}}\n{{/items}}",
        "{{^done}}not yet{{/done}}", "{{#a}}{{#b}}x{{/b}}{{/a}}", "a { b } {x}} {{x}}}", "café {{client}} — ok",
        "Line\r\n{{x}}\r\n", "{{risks_first.title}}", "日本 {{x}} 語", "{{\u{301}x}}",
    ]
    static let refused = [
        "{{", "{{x", "{{x}", "{{#a}}", "{{/a}}", "{{#a}}{{/b}}", "{{!comment}}", "{{{x}}}", "{{>partial}}",
        "{{=<% %>=}}", "{{%PRAGMA}}", "{{ #a}}{{/a}}", "{{x\ty}}", "{{f(x)}}", "{{\nx}}", "{{}}", "{{#a}}{{/a }}x{{/a}}",
        "x{{x}}\u{301}",
    ]

    @Test(arguments: accepted)
    func acceptedTemplatesParse(_ text: String) {
        #expect(CompiledTemplate.certainlyParses(text))
        #expect(CompiledTemplate.parsesNow(text))
    }

    @Test(arguments: refused)
    func doubtfulTemplatesAreParsedAtLoadTime(_ text: String) {
        #expect(!CompiledTemplate.certainlyParses(text))
    }

    @Test func aDeferredTemplateRendersLikeAParsedOne() throws {
        let text = "Dear {{name}},\n{{#items}}- {{.}}\n{{/items}}{{^items}}nothing{{/items}}"
        let values: [String: Any] = ["name": "Zoë", "items": ["one", "two"]]
        let deferred = CompiledTemplate(deferred: text).render(values)
        let parsed = CompiledTemplate.parsed(text)?.render(values)
        #expect(deferred == parsed)
        #expect(deferred == "Dear Zoë,\n- one\n- two\n")
    }
}
