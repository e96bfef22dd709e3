import CCoachSupport
import CoachCore
import CoachShell
import Foundation

/// Wires the REPL to the real terminal: the line reader, colours, the data folder, files and the editor.
public enum ReplLauncher {
    /// What the executable passes in from its options.
    public struct Settings {
        /// The playbook to start, or nil for the home screen.
        public var playbookID: String?
        /// `--home`, when given.
        public var home: String?
        /// `--no-color`.
        public var noColor: Bool
        /// The process environment.
        public var environment: [String: String]
        /// The day relative dates count from.
        public var today: Day
        /// The session service every session goes through.
        public var sessions: SessionService
        /// A stored session to resume instead of showing the home screen.
        public var resume: String?

        /// Settings from the command line.
        public init(
            playbookID: String?, home: String?, noColor: Bool, environment: [String: String], today: Day,
            sessions: SessionService
        ) {
            self.sessions = sessions
            self.playbookID = playbookID
            self.home = home
            self.noColor = noColor
            self.environment = environment
            self.today = today
        }
    }

    /// Runs the REPL on stdin/stdout over `catalog`; returns the exit status.
    public static func run(catalog: PlaybookCatalog, settings: Settings, services: ReplServices? = nil) -> Int32 {
        _ = coach_locale_setup()
        let interactive = LineEditor.standardStreamsAreTerminals
        let environment = settings.environment
        let style = interactive ? TerminalText.Style.automatic(noColor: settings.noColor) : .plain
        let options = ReplController.Options(
            interactive: interactive, style: style,
            columns: {
                let columns = Int(coach_terminal_columns(1))
                return columns > 0 ? columns : 80
            })
        let today = settings.today
        let live =
            services
            ?? ReplServices(
                sessions: settings.sessions,
                writeFile: { path, contents in try writePrivateFile(path, contents) },
                editText: { initial in ExternalEditor.edit(initial, environment: environment) },
                today: { today })
        let controller = ReplController(catalog: catalog, options: options, services: live)
        let repl = Repl(
            controller: controller,
            output: { coach_stdout_write($0) },
            errorOutput: { FileHandle.standardError.write(Data($0.utf8)) })
        let reader: any LineReader
        if interactive {
            let folder = DataFolder.resolve(option: settings.home, environment: environment)
            reader = LineEditor(historyFile: DataFolder.historyFile(in: folder)) { [weak repl] before in
                repl?.completions(for: before) ?? []
            }
        } else {
            reader = PlainLineReader()
        }
        let status = repl.run(reader: reader, playbookID: settings.playbookID, resume: settings.resume)
        settings.sessions.flush()
        return status
    }

    /// Writes `contents` to `path` readable by the user only (drafts hold client names and budgets).
    static func writePrivateFile(_ path: String, _ contents: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ExternalEditor.Failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ExternalEditor.Failure(String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
