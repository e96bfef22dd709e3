import Foundation
import Testing

@testable import CoachCore

@Suite("Every shipped playbook's outputs, from answer fixtures")
struct GoldenOutputTests {
    /// `playbook-id/fixture-name` for every answers fixture.
    static let cases: [String] = {
        let root = Fixtures.root.appendingPathComponent("answers")
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return ids.flatMap { id in
            Fixtures.files(in: root.appendingPathComponent(id)).map { "\(id)/\($0.deletingPathExtension().lastPathComponent)" }
        }
    }()

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

    @Test("outputs match their golden files (COACH_RECORD=1 rewrites them)", arguments: cases)
    func golden(name: String) throws {
        let outputs = try Self.render(name)
        let text = OutputFormatter.text(outputs)
        let golden = Fixtures.root.appendingPathComponent("golden/\(name).txt")
        if ProcessInfo.processInfo.environment["COACH_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("Recorded a new golden file for \(name); read the diff, then run the tests again without COACH_RECORD")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected, "re-record with COACH_RECORD=1 swift test --filter GoldenOutputTests, then read the diff")
    }

    @Test("completed outputs hold no template syntax, missing marker or HTML entity", arguments: cases)
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

    @Test("the product's own emails pass its own review with no error", arguments: cases)
    func ownReview(name: String) throws {
        for output in try Self.render(name) where output.kind == .email {
            let errors = (output.review ?? []).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(output.id): \(errors.map(\.description))")
            #expect(output.subject?.isEmpty == false)
        }
    }
}
