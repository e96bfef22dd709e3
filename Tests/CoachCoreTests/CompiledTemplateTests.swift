import CoachTestSupport
import Testing

@testable import CoachCore

/// Templates the loader keeps unparsed until their first render must be ones swift-mustache certainly parses.
@Suite struct CompiledTemplateTests {
    static let accepted = [
        "", "plain text", "Hello {{name}},", "{{ name }} and {{&raw}}", "{{#items}}- {{.}}\n{{/items}}",
        "{{^done}}not yet{{/done}}", "{{#a}}{{#b}}x{{/b}}{{/a}}", "a { b } {x}} {{x}}}", "café {{client}} — ok",
        "Line\r\n{{x}}\r\n", "{{risks_first.title}}", "日本 {{x}} 語", "{{\u{301}x}}",
        "{{f(x)}}", "{{ a(discount) }}", "{{capital(.)}}", "{{#lower(name(x))}}y{{/lower(name(x))}}", "Zoë {{a(x)}} é",
    ]
    static let refused = [
        "{{", "{{x", "{{x}", "{{#a}}", "{{/a}}", "{{#a}}{{/b}}", "{{!comment}}", "{{{x}}}", "{{>partial}}",
        "{{=<% %>=}}", "{{%PRAGMA}}", "{{ #a}}{{/a}}", "{{x\ty}}", "{{\nx}}", "{{}}", "{{#a}}{{/a }}x{{/a}}",
        "x{{x}}\u{301}", "{{f(x}}", "{{f(x))}}", "{{f()}}", "{{(x)}}", "{{f(x)y}}", "{{f(g)(x)}}", "{{x)}}",
        "{{#f(x)}}y{{/x}}", "é{{f(x}}",
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

    /// Random templates made of tag pieces: whatever the check accepts, swift-mustache parses.
    @Test func randomTemplatesTheCheckAcceptsParse() {
        var random = SplitMix(seed: 5)
        let pieces = ["{{", "}}", "#", "/", "^", "&", "a", "x", "f(", "(", ")", " ", ".", "é", "text", "{{#a}}", "{{/a}}", "{{x}}"]
        var accepted = 0
        for _ in 0..<4000 {
            let count = 1 + Int(random.next() % 9)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if CompiledTemplate.certainlyParses(text) {
                accepted += 1
                #expect(CompiledTemplate.parsesNow(text), "\(text)")
            }
        }
        #expect(accepted > 200)
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
