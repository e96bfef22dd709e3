/// What the REPL loop must do after one line: text for stdout and stderr, and whether to stop.
public struct ReplReply: Equatable, Sendable {
    /// Text for the screen (stdout).
    public var output = ""
    /// Text for stderr (problems in piped mode).
    public var errors = ""
    /// Drafts and documents asked for in piped mode, the only text piped mode writes to stdout.
    public var documents = ""
    /// Set when the REPL should end, with the process exit status.
    public var exitCode: Int32?

    /// An empty reply.
    public init() {}

    /// Adds `text` to the screen output.
    mutating func say(_ text: String) { output += text }
    /// Adds a draft or document for piped mode's stdout.
    mutating func document(_ text: String) { documents += text }
    /// Adds `text` to stderr.
    mutating func warn(_ text: String) { errors += text }
    /// Appends another reply.
    mutating func append(_ other: ReplReply) {
        output += other.output
        errors += other.errors
        documents += other.documents
        if let code = other.exitCode { exitCode = code }
    }
}
