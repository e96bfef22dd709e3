import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

/// Answer sets written as a user would type them, kept apart from the golden fixtures (Fixtures/senior): other
/// names, one currency per session (euros, pounds, dollars), sessions and plans that start on a Wednesday, a
/// Friday or a Monday, lists of one and of three items, optional steps left out, phrases typed with a capital and
/// a full stop. Each file's first line gives the day it runs on (`# today: 2026-12-02`).
@Suite("Answer sets that are not the fixtures give drafts that read right and pass Coach's own review")
struct SeniorAnswerSetTests {
    static let folder = Fixtures.root.appendingPathComponent("senior")

    /// `playbook-id/set-name` for every set; throws when the folder is missing or empty.
    static func cases() throws -> [String] {
        try FixtureFolder.folders(in: folder).flatMap { playbook in
            try Fixtures.files(in: playbook).map { "\(playbook.lastPathComponent)/\($0.deletingPathExtension().lastPathComponent)" }
        }
    }

    struct Rendered {
        var outputs: [RenderedOutput]
        var checker: DraftChecker
    }

    static func render(_ name: String) throws -> Rendered {
        let id = String(name.split(separator: "/")[0])
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/\(id).yaml"))
        let yaml = try String(contentsOf: folder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        let header = try #require(yaml.split(separator: "\n").first, "\(name) is empty")
        let today = try #require(
            header.hasPrefix("# today: ") ? Day.parseISO(String(header.dropFirst("# today: ".count))) : nil,
            "\(name) must start with '# today: YYYY-MM-DD'")
        let sheet = try AnswerSheet.parse(yaml, path: name).get()
        let run = BatchRun(playbook: playbook, sheet: sheet, today: today)
        #expect(run.problems.isEmpty, "\(name): \(run.problems)")
        #expect(run.session.status == .completed, "\(name) did not complete")

        var checker = DraftChecker(today: today)
        func answer(_ id: String) -> String? {
            if case .text(let value)? = sheet.answers[id] { return value }
            return nil
        }
        checker.addressee = answer("contact_name")
        checker.signer = answer("your_name")
        checker.weekendsPlanned = answer("include_weekends") == "yes"
        // A phrase typed with a capital must read lowered wherever a draft puts it mid-sentence (unless the same word
        // is part of a name, such as a project called "Spring Catalogue Launch").
        let names = playbook.steps.filter { $0.shape != .phrase }.compactMap { answer($0.id) }.joined(separator: " ")
        for step in playbook.steps where step.shape == .phrase {
            var typed: [String] = []
            switch sheet.answers[step.id] {
            case .text(let value)?: typed = [value]
            case .items(let values)?: typed = values
            default: break
            }
            for value in typed where value.first?.isUppercase == true && value.hasSuffix(".") {
                if let word = value.split(separator: " ").first, !Grammar.isAcronym(word), !names.contains(word) {
                    checker.capitalised.insert(String(word))
                }
            }
        }
        return Rendered(outputs: run.session.render(preview: false), checker: checker)
    }

    @Test("every playbook has at least three sets")
    func threePerPlaybook() throws {
        let cases = try Self.cases()
        let shipped = try Fixtures.files(in: Fixtures.repository.appendingPathComponent("playbooks"))
            .map { $0.deletingPathExtension().lastPathComponent }
        for id in shipped {
            #expect(cases.filter { $0.hasPrefix(id + "/") }.count >= 3, "\(id) has fewer than three answer sets")
        }
    }

    @Test(
        "no draft breaks a grammar, date or people check, and every email has no review error and no more than one warning",
        arguments: try cases())
    func clean(name: String) throws {
        let rendered = try Self.render(name)
        #expect(!rendered.outputs.isEmpty)
        for output in rendered.outputs {
            let violations = rendered.checker.violations(in: output)
            let listed = violations.map(\.description).joined(separator: "\n  ")
            #expect(violations.isEmpty, "\(name) \(output.id):\n  \(listed)\n\n\(output.fullText)")
            if output.kind == .email {
                let findings = DraftReview.review(output.reviewDraft)
                #expect(!findings.contains { $0.severity == .error }, "\(name) \(output.id): \(findings)")
                #expect(findings.filter { $0.severity == .warning }.count <= 1, "\(name) \(output.id): \(findings)")
            }
        }
    }

    @Test("a session's drafts speak of money in one currency only", arguments: try cases())
    func oneCurrency(name: String) throws {
        let text = try Self.render(name).outputs.map(\.fullText).joined(separator: "\n")
        let symbols = ["€", "£", "$"].filter { text.contains($0) }
        #expect(symbols.count <= 1, "\(name) mixes \(symbols)")
    }

    @Test("Markdown keeps every draft and the review notes under each email", arguments: try cases())
    func markdown(name: String) throws {
        let outputs = try Self.render(name).outputs
        let markdown = OutputFormatter.markdown(outputs, title: name)
        #expect(markdown.hasSuffix("\n"))
        for output in outputs {
            #expect(markdown.contains(output.title), "\(name): \(output.title) missing from the Markdown")
            for finding in output.review ?? [] { #expect(markdown.contains(finding.message), "\(name): a review note was dropped") }
        }
    }
}
