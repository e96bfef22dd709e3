import Foundation
import Testing

@testable import CoachCore

/// `FastTemplate` must render exactly what swift-mustache renders from the same values, or decline.
@Suite struct FastTemplateTests {
    static let templates = [
        "", "plain text", "Hello {{name}},", "{{ name }} and {{&name}}", "{{#items}}- {{.}}\n{{/items}}",
        "{{^done}}not yet{{/done}}", "{{#a}}{{#b}}x{{/b}}{{/a}}", "a { b } {x}} {{x}}}", "café {{name}} — ok",
        "{{risks_first.title}}", "日本 {{name}} 語", "Line one\n  {{#items}}\n  - {{.}}\n  {{/items}}\nend\n",
        "  {{#yes}}  \nshown\n  {{/yes}}  \n", "{{#no}}\nhidden\n{{/no}}\n{{^no}}\nshown\n{{/no}}\n",
        "x {{#yes}}inline{{/yes}} y\n", "\t{{^items}}\n\tnone\n\t{{/items}}", "{{#people}}{{n}}. {{who}} ({{name}})\n{{/people}}",
        "{{#people}}\n{{#tags}}\n  * {{.}} of {{who}}\n{{/tags}}\n{{/people}}", "{{#person}}{{who}} {{n}}{{/person}}",
        "{{#missing}}a{{/missing}}{{^missing}}b{{/missing}}", "{{^empty}}empty: {{.}}{{/empty}}", "{{.}}",
        "{{name.text}}", "{{#name}}{{text}}{{/name}}", "{{items}}", "{{n}}", "{{#n}}x{{/n}}", "{{person.who}} {{person.n}}",
        "{{#person}}{{.who}}{{/person}}", "end   ", "end\n   ", "  {{#yes}}", "{{#yes}}\n  {{/yes}}  x", "a\n\n{{name}}\n\n",
        "{{ #a}}{{/a}}", "x{{name}}\u{301}", "{{name}}\r\n", "a { {{name}} }", "{{#items}}{{/items}}",
        "   {{name}}\n", "{{#yes}}   \n{{/yes}}", "{{#yes}}{{name}}\n{{/yes}}\n",
        "  {{^no}}\n  {{#items}}\n  {{.}}\n  {{/items}}\n  {{/no}}\n",
    ]

    static let contexts: [[String: TemplateValue]] = [
        [
            "name": .text(TemplateText(text: "Zoë", closed: false)), "items": .strings(["one", "two"]),
            "yes": .text(TemplateText(text: "yes", closed: false)), "no": .text(TemplateText(text: "no", closed: true)),
            "empty": .strings([]), "n": .int(3),
            "people": .objects([
                ["n": .int(1), "who": .text(TemplateText(text: "Ann", closed: false)), "tags": .strings(["a", "b"])],
                ["n": .int(2), "who": .text(TemplateText(text: "Bo", closed: false)), "tags": .strings([])],
            ]),
            "person": .object(["who": .text(TemplateText(text: "Cy", closed: false)), "n": .int(7)]),
            "risks_first": .object(["title": .text(TemplateText(text: "Churn", closed: false))]),
        ],
        [:],
        ["items": .strings([]), "done": .text(TemplateText(text: "yes", closed: false)), "people": .objects([])],
    ]

    @Test func rendersLikeSwiftMustache() throws {
        var compiled = 0
        for text in Self.templates {
            guard let reference = CompiledTemplate.parsed(text) else { continue }
            guard let fast = FastTemplate.compile(text) else { continue }
            compiled += 1
            for values in Self.contexts {
                guard let got = fast.render(values) else { continue }
                #expect(got == reference.render(TemplateValue.any(values)), "template \(text.debugDescription)")
            }
        }
        #expect(compiled >= Self.templates.count - 8)
    }

    @Test func declinesWhatItCannotReproduce() {
        #expect(FastTemplate.compile("{{name}}\r\n") == nil)
        #expect(FastTemplate.compile("x{{name}}\u{301}") == nil)
        #expect(FastTemplate.compile("{{!comment}}") == nil)
        #expect(FastTemplate.compile("{{#a}}") == nil)
        let fast = FastTemplate.compile("{{name.text}}")
        #expect(fast?.render(["name": .text(TemplateText(text: "x", closed: false))]) == nil)
    }

    /// Every template of every playbook, rendered from random sessions (finished and half-way previews).
    @Test(arguments: PropertyTests.playbookIDs)
    func playbookTemplatesRenderAlike(id: String) throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == id })
        for seed in 1...12 {
            var rng = SplitMix(state: UInt64(seed) &* 104_729)
            var session = Session(playbook: playbook, today: Fixtures.monday)
            var moves = 0
            while let prompt = session.currentTurn().prompt, moves < 400 {
                moves += 1
                if moves % 7 == 0 { try compare(session, playbook, preview: true) }
                if !prompt.required && Bool.random(using: &rng) {
                    _ = session.handle(.skip(step: prompt.step))
                    continue
                }
                for candidate in PropertyTests.candidates(for: prompt, rng: &rng) {
                    if case .success(let t) = session.handle(.answer(.text(candidate), step: prompt.step)), t.invalid == nil {
                        break
                    }
                }
            }
            try compare(session, playbook, preview: false)
        }
    }

    private func compare(_ session: Session, _ playbook: Playbook, preview: Bool) throws {
        let context = TemplateContext(scope: session.scope(), preview: preview)
        let any = TemplateValue.any(context.values)
        for (key, template) in playbook.templates {
            guard let fast = template.fast else { continue }
            let got = try #require(fast.render(context.values), "\(playbook.id) \(key) declined")
            #expect(got == template.render(any), "\(playbook.id) \(key)")
        }
    }
}

/// A finished email's review is worked out when read; it must be the review of the draft as rendered, survive a JSON
/// round trip and give way to a review set by hand.
@Suite struct LazyReviewTests {
    @Test func reviewIsTheDraftsReview() throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == "stakeholder-reset" })
        var rng = SplitMix(state: 42)
        var session = Session(playbook: playbook, today: Fixtures.monday)
        while let prompt = session.currentTurn().prompt {
            for candidate in PropertyTests.candidates(for: prompt, rng: &rng) {
                if case .success(let t) = session.handle(.answer(.text(candidate), step: prompt.step)), t.invalid == nil { break }
            }
        }
        let outputs = try #require(session.currentTurn().outputs)
        for output in outputs {
            let expected =
                output.kind == .email ? DraftReview.review(Draft(subject: output.subject, body: output.body, isEmail: true)) : nil
            #expect(output.review == expected)
            let data = try JSONEncoder().encode(output)
            let back = try JSONDecoder().decode(RenderedOutput.self, from: data)
            #expect(back == output)
            #expect(back.review == expected)
            var changed = output
            changed.review = []
            #expect(changed.review == [])
            #expect(changed != output || expected == [])
        }
    }
}
