import ArgumentParser
import CoachShell
import CoachStore

/// `coach sessions [list]`: the saved sessions, most recent first.
struct SessionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List saved sessions, most recent first: id, status, playbook, title, last change.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Show at most this many sessions.")
    var limit = 50

    @Option(name: .long, help: "Only sessions with this status: asking, completed or cancelled.")
    var status: String?

    func run() throws {
        let service = try global.storedSessions()
        var wanted: StoreStatus?
        if let status {
            guard let parsed = StoreStatus(rawValue: status) else {
                throw ValidationError("--status must be asking, completed or cancelled, not '\(status)'")
            }
            wanted = parsed
        }
        let sessions = try service.list(limit: limit, status: wanted)
        guard !sessions.isEmpty else {
            Stderr.print("No saved sessions yet. Start one with `coach` or `coach run <playbook>`.")
            return
        }
        let now = CoachStore.now()
        let rows = sessions.map { s in
            [
                s.id, s.status == .asking ? "asking \(s.answered)/\(s.total)" : s.status.rawValue, s.playbookID,
                s.title, RelativeTime.describe(s.updatedAt, now: now),
            ]
        }
        print(Table.render(rows, header: ["ID", "STATUS", "PLAYBOOK", "TITLE", "CHANGED"]), terminator: "")
    }
}
