import CoachCore

/// Everything the REPL needs from the outside world, as closures, so tests can replace each one.
public struct ReplServices {
    /// Unfinished sessions to offer on the home screen (none until the session store is wired in).
    public var savedSessions: () -> [SavedSessionSummary]
    /// Told about every session change, to keep it durable (does nothing until the store is wired in).
    public var sessionChanged: (Session) -> Void
    /// What happens to an unfinished session when the user leaves: a sentence, or nil when it is not kept.
    public var keepUnfinished: (Session) -> String?
    /// Writes `contents` to `path` (private to the user); throws an error that says why it failed.
    public var writeFile: (_ path: String, _ contents: String) throws -> Void
    /// Opens `$VISUAL`/`$EDITOR` on `initial`; the edited text, or a message saying why there is none.
    public var editText: (_ initial: String) -> Result<String, ExternalEditor.Failure>
    /// The day relative dates count from.
    public var today: () -> Day

    /// Services with the given closures; unset ones keep nothing and write nothing.
    public init(
        savedSessions: @escaping () -> [SavedSessionSummary] = { [] },
        sessionChanged: @escaping (Session) -> Void = { _ in },
        keepUnfinished: @escaping (Session) -> String? = { _ in nil },
        writeFile: @escaping (_ path: String, _ contents: String) throws -> Void = { _, _ in },
        editText: @escaping (_ initial: String) -> Result<String, ExternalEditor.Failure> = { _ in
            .failure(ExternalEditor.Failure("No editor is available here."))
        },
        today: @escaping () -> Day
    ) {
        self.savedSessions = savedSessions
        self.sessionChanged = sessionChanged
        self.keepUnfinished = keepUnfinished
        self.writeFile = writeFile
        self.editText = editText
        self.today = today
    }
}
