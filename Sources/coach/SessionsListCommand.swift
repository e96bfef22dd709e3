import ArgumentParser
import CoachShell
import CoachStore
import CoachTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `coach sessions [list]`: the saved sessions, most recent first, one line each within the terminal's width.
struct SessionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List saved sessions, most recent first: id, status, last change, title (playbook · account).",
        discussion: "Each line fits the terminal (80 columns when the output is not a terminal); a longer title ends in …")

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
                s.id, s.status == .asking ? "asking \(s.answered)/\(s.total)" : s.status.rawValue,
                RelativeTime.describe(s.updatedAt, now: now), TerminalText.neutralize(s.title),
            ]
        }
        print(Self.render(rows, width: Self.outputWidth()), terminator: "")
    }

    /// The table with the title last, cut with … so that no line is wider than `width` columns.
    static func render(_ rows: [[String]], width: Int) -> String {
        let header = ["ID", "STATUS", "CHANGED", "TITLE"]
        let all = [header] + rows
        let widths = (0..<header.count - 1).map { column in all.map { TerminalText.displayWidth($0[column]) }.max() ?? 0 }
        let room = max(8, width - widths.reduce(0, +) - 2 * widths.count)
        return all.map { row in
            let cells = (0..<widths.count).map { column in
                row[column] + String(repeating: " ", count: widths[column] - TerminalText.displayWidth(row[column]))
            }
            return (cells + [shortened(row[widths.count], to: room)]).joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// `text` in at most `columns` terminal columns, ending in … when it had to be cut.
    static func shortened(_ text: String, to columns: Int) -> String {
        guard TerminalText.displayWidth(text) > columns else { return text }
        var out = ""
        var used = 0
        for character in text {
            let next = TerminalText.displayWidth(String(character))
            if used + next > columns - 1 { break }
            out.append(character)
            used += next
        }
        while out.last?.isWhitespace == true { out.removeLast() }
        return out + "…"
    }

    /// The terminal's width when stdout is one, else 80.
    static func outputWidth() -> Int {
        guard isatty(1) == 1 else { return 80 }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
