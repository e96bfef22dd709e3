import ArgumentParser
import CoachCore

/// `coach show <id>`: one playbook in full.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one playbook in full: steps, inputs and outputs.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The playbook id (see `coach list`).")
    var playbook: String

    func run() throws {
        let p = try global.playbook(playbook, in: global.catalog())
        print(PlaybookDescription.describe(p))
    }
}
