import Foundation

/// A rendered draft of a session's outputs, numbered 1, 2, ... per session.
public struct Draft: Sendable, Hashable {
    /// The session it belongs to.
    public var sessionID: String
    /// The version number, from 1.
    public var version: Int
    /// When it was saved, in seconds since 1970.
    public var createdAt: Double
    /// The rendered outputs, as opaque JSON.
    public var outputs: Data
    /// The answers the outputs were rendered from, as opaque JSON.
    public var answers: Data

    /// A draft as stored.
    public init(sessionID: String, version: Int, createdAt: Double, outputs: Data, answers: Data) {
        self.sessionID = sessionID
        self.version = version
        self.createdAt = createdAt
        self.outputs = outputs
        self.answers = answers
    }
}
