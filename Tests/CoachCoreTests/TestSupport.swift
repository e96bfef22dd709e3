import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

/// Loading fixtures and shipped playbooks for tests.
enum Fixtures {
    static let root = Repository.url("Tests/CoachCoreTests/Fixtures")
    static let repository = Repository.root

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The `.ext` files in `folder`, sorted; throws when the folder is missing or has none.
    static func files(in folder: URL, ext: String = "yaml") throws -> [URL] {
        try FixtureFolder.files(in: folder, ext: ext)
    }

    /// The example playbook with every feature.
    static func example() throws -> Playbook {
        try load(root.appendingPathComponent("playbooks/account-checkup.yaml"))
    }

    static func load(_ url: URL) throws -> Playbook {
        let text = try String(contentsOf: url, encoding: .utf8)
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: url.lastPathComponent)
        guard let playbook else {
            throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n"))
        }
        return playbook
    }

    static func playbook(_ yaml: String) throws -> Playbook {
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: yaml, path: "inline.yaml")
        guard let playbook else { throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n")) }
        return playbook
    }

    /// Every shipped playbook plus the example.
    static func allPlaybooks() throws -> [Playbook] {
        try files(in: repository.appendingPathComponent("playbooks")).map(load) + [example()]
    }

    /// The id of every shipped playbook plus the example's (the arguments of the random-walk tests).
    static func allPlaybookIDs() throws -> [String] {
        try allPlaybooks().map(\.id)
    }

    static let monday = Day(year: 2026, month: 11, day: 23)!
}

extension Session {
    /// Answers the current step with text and returns the turn (test helper).
    @discardableResult
    mutating func say(_ text: String) -> Turn {
        switch handle(.answer(.text(text))) {
        case .success(let t): return t
        case .failure(let r): Issue.record("refused: \(r)"); return currentTurn()
        }
    }

    var stepID: StepKey? { currentTurn().prompt?.step }
}

/// Records a test failure (usable as `return fail(...)` in a guard).
func fail(_ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
