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
}
