import Foundation
import Testing

/// `coach accounts merge` through the built binary, as a script runs it.
@Suite("coach accounts merge through pipes")
struct AccountsMergeTests {
    static let answers = CoachBinary.root + "/Tests/CoachCoreTests/Fixtures/answers/stakeholder-reset/"

    @Test("merge asks first, refuses unknown names, then moves sessions and facts and says which value it kept")
    func mergeFromTheCommandLine() throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        let env = ["COACH_HOME": home]
        let folder = try PseudoTerminal.makeTemporaryFolder()
        // The same client saved under a misspelt name, with another budget, later.
        let original = try String(contentsOfFile: Self.answers + "increase-order-pending.yaml", encoding: .utf8)
        let typo = folder + "/typo.yaml"
        try original.replacingOccurrences(of: "client: Northwind Grocers", with: "client: Nortwind Grocers")
            .write(toFile: typo, atomically: true, encoding: .utf8)
        func coach(_ arguments: [String]) throws -> CoachBinary.PipedResult {
            try CoachBinary.piped(arguments, input: "", environment: env, addFixtures: false)
        }
        #expect(try coach(["run", "stakeholder-reset", "--answers", Self.answers + "increase-order-pending.yaml"]).status == 0)
        #expect(try coach(["run", "stakeholder-reset", "--answers", typo]).status == 0)
        #expect(try coach(["accounts"]).stdout.contains("Nortwind Grocers"))

        let unknown = try coach(["accounts", "merge", "Nobody", "Northwind Grocers", "--yes"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("There is no account named 'Nobody'"))

        let unasked = try coach(["accounts", "merge", "nortwind grocers", "Northwind Grocers"])
        #expect(unasked.status == 1)
        #expect(unasked.stderr.contains("add --yes to confirm"))
        #expect(try coach(["accounts"]).stdout.contains("Nortwind Grocers"))

        let merged = try coach(["accounts", "merge", "nortwind grocers", "Northwind Grocers", "--yes"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("Merged 'Nortwind Grocers' into 'Northwind Grocers': 1 session and"))
        let listing = try coach(["accounts"]).stdout
        #expect(!listing.contains("Nortwind"))
        #expect(listing.contains("Northwind Grocers"))
    }
}
