import ArgumentParser
import CoachCore
import CoachShell
import CoachStore

/// `coach sessions show ID`: a session's details and its transcript.
struct SessionsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a saved session: its status, drafts and transcript (the journal).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The session id, or an unambiguous start of it.")
    var id: String

    func run() throws {
        let service = try global.storedSessions()
        let stored = try service.stored(id)
        let drafts = try service.drafts(stored.id)
        let now = CoachStore.now()
        print("\(stored.id)  \(stored.title)")
        print("playbook: \(stored.playbookID) (version \(stored.playbookVersion)), started from \(stored.origin.rawValue)")
        print(
            "status: \(stored.status.rawValue), \(stored.answered) of \(stored.total) answered"
                + (stored.currentStep.map { ", at '\($0)'" } ?? ""))
        print("changed: \(RelativeTime.describe(stored.updatedAt, now: now)); started \(RelativeTime.describe(stored.createdAt, now: now))")
        if let account = stored.account { print("account: \(account)") }
        if !drafts.isEmpty {
            let versions = drafts.map { "v\($0.version) (\(RelativeTime.describe($0.createdAt, now: now)))" }
            print("drafts: " + versions.joined(separator: ", "))
        }
        print("")
        print(TranscriptExport.text(try service.transcript(stored.id)), terminator: "")
        if stored.status == .asking {
            print("\nResume it with: coach sessions resume \(stored.id)")
        }
    }
}
