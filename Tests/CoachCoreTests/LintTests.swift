import Foundation
import Testing

@testable import CoachCore

@Suite("Loader and linter")
struct LintTests {
    /// The broken fixtures' file names; throws when the folder is missing or empty.
    static func broken() throws -> [String] {
        try Fixtures.files(in: Fixtures.root.appendingPathComponent("broken")).map(\.lastPathComponent)
    }

    @Test("each broken fixture reports its problem at its line and column", arguments: try broken())
    func brokenFixture(name: String) throws {
        let text = try Fixtures.text("broken/\(name)")
        let firstLine = String(text.split(separator: "\n")[0])
        #expect(firstLine.hasPrefix("# expect: "))
        let expected = String(firstLine.dropFirst("# expect: ".count))
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: name)
        #expect(playbook == nil)
        let rendered = diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(rendered.contains { $0.hasPrefix(expected) }, "expected '\(expected)' in \(rendered)")
        let located = try #require(diagnostics.first { "\($0.line):\($0.column): \($0.message)".hasPrefix(expected) })
        // The printed form names the file, the place, shows the line and puts a caret under the fault.
        let lines = located.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("\(name):\(located.line):\(located.column): error: "))
        #expect(lines.count == 3)
        #expect(lines[2].count == located.column)
        #expect(lines[2].hasSuffix("^"))
    }

    @Test("every problem is reported, not just the first")
    func collectsAll() throws {
        let yaml = """
            id: many
            title: Many
            summary: Several problems.
            version: 1
            steps:
              - id: a
                ask: A?
                colour: red
              - id: a
                type: number
                ask: Again?
                examples: [lots]
            outputs:
              - id: o
                body: "{{nothing}}"
            """
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "many.yaml")
        #expect(playbook == nil)
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("unknown key 'colour'") })
        #expect(messages.contains { $0.contains("duplicate id 'a'") })
        #expect(messages.contains { $0.contains("example 'lots'") })
        #expect(messages.contains { $0.contains("{{nothing}}") })
        #expect(diagnostics.count >= 4)
    }

    @Test("the complete example and every shipped playbook lint clean")
    func shippedAreClean() throws {
        let folder = Fixtures.repository.appendingPathComponent("playbooks")
        for url in try Fixtures.files(in: folder) + [Fixtures.root.appendingPathComponent("playbooks/account-checkup.yaml")] {
            let text = try String(contentsOf: url, encoding: .utf8)
            let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: url.lastPathComponent)
            #expect(playbook != nil, "\(diagnostics.map(\.description).joined(separator: "\n"))")
            #expect(diagnostics.isEmpty)
        }
    }

    @Test("a condition on a later answer is an error")
    func laterAnswer() throws {
        let yaml = """
            id: later
            title: Later
            summary: Uses an answer before it is asked.
            version: 1
            steps:
              - id: a
                ask: A?
                when: b == "x"
              - id: b
                ask: B?
            outputs:
              - id: o
                body: "{{a}}{{b}}"
            """
        let (_, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "later.yaml")
        #expect(diagnostics.contains { $0.message.contains("asked later") && $0.line == 8 })
    }

    @Test("template sections see group fields only inside the group")
    func sectionScopes() throws {
        let yaml = """
            id: scoped
            title: Scoped
            summary: Group fields outside their section.
            version: 1
            steps:
              - id: risks
                type: group
                ask: Risks
                steps:
                  - id: risk
                    ask: Risk?
            outputs:
              - id: o
                body: "{{#risks}}{{risk}}{{/risks}} {{risk}}"
            """
        let (_, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "scoped.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("'{{risk}}'") == true)
    }
}

@Suite("The format documentation")
struct FormatDocTests {
    @Test("the complete example in docs/playbook-format.md is the checked fixture, and it loads clean")
    func example() throws {
        let doc = try String(contentsOf: Fixtures.repository.appendingPathComponent("docs/playbook-format.md"), encoding: .utf8)
        let fixture = try Fixtures.text("playbooks/account-checkup.yaml")
        #expect(doc.contains("```yaml\n" + fixture + "```"))
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: fixture, path: "account-checkup.yaml")
        #expect(playbook != nil)
        #expect(diagnostics.isEmpty)
    }
}
