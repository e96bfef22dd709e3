import CoachCore
import CoachShell
import Foundation

/// Everything the REPL needs from the outside world, as closures, so tests can replace each one.
public struct ReplServices {
    /// The session service every session goes through (durable, or in memory in tests and with --no-store).
    public var sessions: SessionService
    /// Writes `contents` to `path` (private to the user); throws an error that says why it failed.
    public var writeFile: (_ path: String, _ contents: String) throws -> Void
    /// Opens `$VISUAL`/`$EDITOR` on `initial`; the edited text, or a message saying why there is none.
    public var editText: (_ initial: String) -> Result<String, ExternalEditor.Failure>
    /// The day relative dates count from.
    public var today: () -> Day
    /// The folder `/export` writes to when no path is given (the current folder).
    public var currentFolder: () -> String

    /// Services with the given closures; unset ones keep nothing and write nothing.
    public init(
        sessions: SessionService,
        writeFile: @escaping (_ path: String, _ contents: String) throws -> Void = { _, _ in },
        editText: @escaping (_ initial: String) -> Result<String, ExternalEditor.Failure> = { _ in
            .failure(ExternalEditor.Failure("No editor is available here."))
        },
        today: @escaping () -> Day,
        currentFolder: @escaping () -> String = { FileManager.default.currentDirectoryPath }
    ) {
        self.sessions = sessions
        self.writeFile = writeFile
        self.editText = editText
        self.today = today
        self.currentFolder = currentFolder
    }
}
