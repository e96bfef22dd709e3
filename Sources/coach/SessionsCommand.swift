import ArgumentParser

/// `coach sessions ...`: list, show, resume, export and delete saved sessions.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show, resume, export and delete saved sessions.",
        discussion: "Sessions live in the data folder (--home, COACH_HOME); see docs/data.md.",
        subcommands: [
            SessionsListCommand.self, SessionsShowCommand.self, SessionsResumeCommand.self,
            SessionsExportCommand.self, SessionsDeleteCommand.self,
        ],
        defaultSubcommand: SessionsListCommand.self)
}
