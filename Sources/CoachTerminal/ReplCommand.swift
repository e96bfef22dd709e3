import Foundation

/// A slash command typed at the REPL prompt, parsed from one line.
enum ReplCommand: Equatable, Sendable {
    case help
    case back
    case goto(String?)
    case skip
    case answers
    case preview
    case why
    case restart
    case quit
    case show(String?)
    case save(String?)
    case copy(String?)
    case new
    case editor
    /// `/export <format> [path]`: the raw argument.
    case export(String?)
    /// A word after `/` that names no command.
    case unknown(String)

    /// Where a command can be used.
    enum Place: Equatable {
        case home, asking, finished
    }

    /// One command as listed by `/help` and offered by Tab.
    struct Info {
        var name: String
        var argument: String?
        var summary: String
        var places: Set<Place>
    }

    /// Every command, in the order `/help` lists them.
    static let all: [Info] = [
        Info(name: "/help", summary: "list the commands", places: [.home, .asking, .finished]),
        Info(name: "/back", summary: "go back one step", places: [.asking, .finished]),
        Info(name: "/goto", argument: "<step>", summary: "go to an earlier step to change its answer", places: [.asking, .finished]),
        Info(name: "/skip", summary: "leave out this optional step", places: [.asking]),
        Info(name: "/answers", summary: "show every answer so far", places: [.asking, .finished]),
        Info(name: "/preview", summary: "show the drafts so far, missing values marked", places: [.asking, .finished]),
        Info(name: "/why", summary: "say why this question matters", places: [.asking]),
        Info(name: "/editor", summary: "write this answer in $VISUAL or $EDITOR", places: [.asking]),
        Info(name: "/show", argument: "<draft>", summary: "show one draft again", places: [.finished]),
        Info(name: "/save", argument: "<path>", summary: "save the drafts (.md for Markdown, else plain text)", places: [.finished]),
        Info(name: "/copy", argument: "<draft>", summary: "copy one draft to the clipboard", places: [.finished]),
        Info(
            name: "/export", argument: "<format> [path]",
            summary: "export the session: markdown, text, eml, ics, jsonl or transcript", places: [.asking, .finished]),
        Info(name: "/new", summary: "pick another playbook", places: [.finished]),
        Info(name: "/restart", summary: "start this playbook again from the first step", places: [.asking, .finished]),
        Info(name: "/quit", summary: "leave Coach (Ctrl-D on an empty line does the same)", places: [.home, .asking, .finished]),
    ]

    /// The commands usable in `place`.
    static func available(in place: Place) -> [Info] {
        all.filter { $0.places.contains(place) }
    }

    /// Parses `line` when it starts with `/` (but not `//`, which escapes an answer that starts with `/`).
    static func parse(_ line: String) -> ReplCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("/"), !trimmed.hasPrefix("//") else { return nil }
        let parts = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let name = parts.first.map { $0.lowercased() } ?? "/"
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        let value = argument.flatMap { $0.isEmpty ? nil : $0 }
        switch name {
        case "/help", "/h", "/?": return .help
        case "/back", "/b": return .back
        case "/goto", "/go", "/edit": return .goto(value)
        case "/skip": return .skip
        case "/answers": return .answers
        case "/preview": return .preview
        case "/why": return .why
        case "/restart": return .restart
        case "/quit", "/exit", "/q": return .quit
        case "/show": return .show(value)
        case "/save": return .save(value)
        case "/copy": return .copy(value)
        case "/new": return .new
        case "/editor": return .editor
        case "/export": return .export(value)
        default: return .unknown(name)
        }
    }
}
