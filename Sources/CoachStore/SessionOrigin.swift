import GRDB

/// Which front end started a session.
public enum SessionOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// The interactive REPL.
    case repl
    /// The JSON-RPC protocol (bots and editors).
    case `protocol`
    /// A batch run from a file of answers.
    case batch
}

extension SessionOrigin: DatabaseValueConvertible {}
