/// What the REPL loop must do after one line: text for stdout and stderr, and whether to stop.
public struct ReplReply: Equatable, Sendable {
    /// Text for the screen (stdout).
    public var output = ""
    /// Text for stderr (problems in piped mode).
    public var errors = ""
    /// Set when the REPL should end, with the process exit status.
    public var exitCode: Int32?

    /// An empty reply.
    public init() {}

    /// Adds `text` to the screen output.
    mutating func say(_ text: String) { output += text }
    /// Adds `text` to stderr.
    mutating func warn(_ text: String) { errors += text }
    /// Appends another reply.
    mutating func append(_ other: ReplReply) {
        output += other.output
        errors += other.errors
        if let code = other.exitCode { exitCode = code }
    }
}
