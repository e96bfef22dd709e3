import ArgumentParser
import CoachShell
import Foundation

/// `coach sessions delete ID`: delete a saved session, after asking.
struct SessionsDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a saved session with its transcript and drafts (asks first).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The session id, or an unambiguous start of it.")
    var id: String

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let service = try global.storedSessions()
        let stored = try service.stored(id)
        if !yes {
            try Confirm.ask("Delete session \(stored.id) (\(stored.title)) with its transcript and drafts?")
        }
        try service.delete(stored.id)
        print("Deleted session \(stored.id).")
    }
}
