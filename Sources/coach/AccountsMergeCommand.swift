import ArgumentParser
import CoachShell

/// `coach accounts merge FROM INTO`: fold one account into another (a misspelt name into the real one).
struct AccountsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge one account into another: its sessions and facts move, then it is deleted (asks first).",
        discussion: """
            Where both accounts remember the same fact with different values, the newer value is kept and the \
            merge says which one it dropped.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account to merge away (for example a misspelt name).")
    var from: String

    @Argument(help: "The account that remains.")
    var into: String

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let service = try global.storedSessions()
        let source = try service.account(named: from)
        let target = try service.account(named: into)
        if !yes {
            try Confirm.ask(
                "Merge '\(source.account.name)' into '\(target.account.name)'? Its sessions and "
                    + "\(Self.facts(source.facts.count)) move to '\(target.account.name)', and '\(source.account.name)' is deleted.")
        }
        let merge = try service.mergeAccounts(source.account.name, into: target.account.name)
        let sessions = "\(merge.sessions) session\(merge.sessions == 1 ? "" : "s")"
        print("Merged '\(merge.from.name)' into '\(merge.into.name)': \(sessions) and \(Self.facts(merge.factsMoved)) moved.")
        for conflict in merge.conflicts {
            let origin = conflict.keptFromMerged ? merge.from.name : merge.into.name
            print("  \(conflict.fact): kept '\(conflict.kept)' (newer, from '\(origin)'), dropped '\(conflict.dropped)'")
        }
    }

    static func facts(_ count: Int) -> String {
        "\(count) fact\(count == 1 ? "" : "s")"
    }
}
