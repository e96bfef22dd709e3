import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

@Suite("Every shipped playbook's outputs, from answer fixtures")
struct GoldenOutputTests {
    /// `playbook-id/fixture-name` for every answers fixture; throws when a folder is missing or empty.
    static func cases() throws -> [String] {
        try FixtureFolder.folders(in: Fixtures.root.appendingPathComponent("answers")).flatMap { folder in
            try Fixtures.files(in: folder).map {
                "\(folder.lastPathComponent)/\($0.deletingPathExtension().lastPathComponent)"
            }
        }
    }

    @Test("every shipped playbook has answer fixtures, and each fixture has a golden file")
    func everyPlaybookHasCases() throws {
        let cases = try Self.cases()
        try #require(!cases.isEmpty)
        let shipped = try Fixtures.files(in: Fixtures.repository.appendingPathComponent("playbooks"))
            .map { $0.deletingPathExtension().lastPathComponent }
        #expect(Set(cases.map { String($0.split(separator: "/")[0]) }) == Set(shipped))
        for name in cases {
            let golden = Fixtures.root.appendingPathComponent("golden/\(name).txt")
            #expect(FileManager.default.fileExists(atPath: golden.path), "no golden file for \(name)")
        }
    }

    static func render(_ name: String) throws -> [RenderedOutput] {
        let id = String(name.split(separator: "/")[0])
        let playbook = try Fixtures.load(Fixtures.repository.appendingPathComponent("playbooks/\(id).yaml"))
        let text = try Fixtures.text("answers/\(name).yaml")
        let sheet = try AnswerSheet.parse(text, path: name).get()
        let run = BatchRun(playbook: playbook, sheet: sheet, today: Fixtures.monday)
        #expect(run.problems.isEmpty, "\(run.problems)")
        #expect(run.session.status == .completed)
        return run.session.render(preview: false)
    }

    @Test("outputs match their golden files (COACH_RECORD=1 rewrites them)", arguments: try cases())
    func golden(name: String) throws {
        let outputs = try Self.render(name)
        let text = OutputFormatter.text(outputs)
        try Golden.assert(text, matches: Fixtures.root.appendingPathComponent("golden/\(name).txt"))
    }

    @Test("completed outputs hold no template syntax, missing marker or HTML entity", arguments: try cases())
    func complete(name: String) throws {
        for output in try Self.render(name) {
            let text = output.fullText
            #expect(!text.contains("{{") && !text.contains("}}"), "\(output.id)")
            #expect(!text.contains("[missing:"), "\(output.id)")
            for entity in ["&amp;", "&#39;", "&quot;", "&lt;", "&gt;", "&#"] {
                #expect(!text.contains(entity), "\(output.id) has \(entity)")
            }
            #expect(text.split(separator: "\n").count >= 3, "\(output.id) is too thin to be a draft")
        }
    }

    @Test("the product's own emails pass its own review with no error", arguments: try cases())
    func ownReview(name: String) throws {
        for output in try Self.render(name) where output.kind == .email {
            let errors = (output.review ?? []).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(output.id): \(errors.map(\.description))")
            #expect(output.subject?.isEmpty == false)
        }
    }
}
