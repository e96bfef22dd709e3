import ArgumentParser
import CoachShell

/// `coach sessions resume ID`: carry on a saved session in the REPL.
struct SessionsResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Carry on a saved session in the interactive coach, where it stopped.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The session id, or an unambiguous start of it.")
    var id: String

    func run() throws {
        var run = RunCommand()
        run.global = global
        try run.runInteractive(playbookID: nil, resume: id)
    }
}
