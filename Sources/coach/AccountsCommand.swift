import ArgumentParser

/// `coach accounts ...`: the accounts Coach remembers facts about.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List, show, rename, merge and forget the accounts Coach remembers (facts that pre-fill playbooks).",
        subcommands: [
            AccountsListCommand.self, AccountsShowCommand.self, AccountsRenameCommand.self, AccountsMergeCommand.self,
            AccountsForgetCommand.self,
        ],
        defaultSubcommand: AccountsListCommand.self)
}
