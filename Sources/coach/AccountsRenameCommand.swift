import ArgumentParser
import CoachShell

/// `coach accounts rename OLD NEW`: rename an account, keeping its facts.
struct AccountsRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Rename an account, keeping what Coach remembers about it.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The account's current name.")
    var old: String

    @Argument(help: "The new name.")
    var new: String

    func run() throws {
        let account = try global.storedSessions().renameAccount(old, to: new)
        print("Renamed '\(old)' to '\(account.name)'.")
    }
}
