import Foundation
import Testing

/// An output's `when` through the real binary: `coach run --answers` (text and JSON) leaves the draft out when the
/// condition is false and prints it when it holds (`coach serve`: ServeOutputConditionTests).
@Suite("Output 'when' in coach run (real binary)")
struct OutputConditionShellTests {
    static let folder = CoachBinary.root + "/Tests/CoachCoreTests/Fixtures/conditional"

    static func answers(email: Bool) -> String {
        """
        client: Oakline Foods
        risks:
          - risk: Late pallets
            likelihood: 3
            last_week: 5
          - risk: Price rise
            likelihood: 8
            last_week: 0
        write_email: \(email ? "yes" : "no")

        """
    }

    @Test("coach run --answers prints the optional email only when its 'when' holds", arguments: [false, true])
    func run(email: Bool) throws {
        let file = try BatchHarness.temporaryFile("answers.yaml", Self.answers(email: email))
        let text = try BatchHarness.run(["run", "weekly-risks", "--answers", file, "--playbooks", Self.folder])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("1. Price rise, from 0 to 8"), "\(text.stdout)")
        #expect(text.stdout.contains("the risks we are watching this week") == email, "\(text.stdout)")

        let json = try BatchHarness.run(["run", "weekly-risks", "--answers", file, "--playbooks", Self.folder, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let ids = try Self.outputIDs(in: try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
        #expect(ids == (email ? ["note", "email"] : ["note"]), "\(json.stdout.prefix(400))")
    }

    /// The ids of the drafts `coach run --format json` printed (an array of outputs).
    static func outputIDs(in json: Any) throws -> [String] {
        let outputs = try #require(json as? [[String: Any]], "not an array of outputs: \(json)")
        return outputs.compactMap { $0["id"] as? String }
    }
}
