import ArgumentParser
import CoachCore
import CoachShell
import Foundation

/// The `coach` command.
struct Coach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coach",
        abstract: "Guided playbooks for National Account Managers: questions in, drafts worth sending out.",
        discussion: """
            Run `coach` on its own to pick a playbook and be walked through it.
            Bots and editors drive the same playbooks with `coach serve` (JSON-RPC over stdin/stdout).
            """,
        version: CoachVersion.current,
        subcommands: [
            RunCommand.self, ListCommand.self, ShowCommand.self, LintCommand.self, GraphCommand.self, ReviewCommand.self,
            SessionsCommand.self, AccountsCommand.self, StoreCommand.self, ServeCommand.self, MCPCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        var run = RunCommand()
        run.global = global
        try run.runInteractive(playbookID: nil)
    }

    /// Parses, runs, and maps failures to the documented exit codes (1 fixable, 2 usage).
    static func entry() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CoachFailure {
            Stderr.print("error: \(failure.message)")
            Foundation.exit(1)
        } catch let failure as ServiceError {
            Stderr.print("error: \(failure.message)")
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Stderr.print(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
