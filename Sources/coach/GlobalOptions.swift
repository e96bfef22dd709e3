import ArgumentParser
import CoachCore
import CoachShell
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Add a folder of playbooks (repeatable; also COACH_PLAYBOOKS).", valueName: "dir"))
    var playbooks: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where Coach keeps its data (also COACH_HOME).", valueName: "dir"))
    var home: String?

    @Flag(name: .long, help: "Never use colours or styles (also NO_COLOR).")
    var noColor = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Every playbook Coach can see, with warnings on stderr.
    func catalog() -> PlaybookCatalog {
        PlaybookFiles.catalog(
            extraDirectories: PlaybookFiles.userDirectories(option: playbooks, environment: environment),
            warnings: { Stderr.print($0) })
    }

    /// The playbook with `id`, or a clear error.
    func playbook(_ id: String, in catalog: PlaybookCatalog) throws -> Playbook {
        guard let playbook = catalog.playbook(id) else { throw CoachFailure(catalog.unknownMessage(id)) }
        return playbook
    }
}

/// A failure the user can fix: printed as one message, exit status 1.
struct CoachFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Writes to standard error.
enum Stderr {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
