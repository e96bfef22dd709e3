import Foundation

/// A remembered fact about an account, with where it came from.
public struct Fact: Sendable, Hashable {
    /// The fact's name (for example `budget` or `renewal_date`).
    public var name: String
    /// The value, as opaque JSON.
    public var value: Data
    /// The value as shown to the user.
    public var display: String
    /// The session where it was given, if any (cleared when that session is deleted).
    public var sessionID: String?
    /// When it was given, in seconds since 1970; set by the store when saved.
    public var givenAt: Double

    /// Creates a fact to save; the store fills in `sessionID` and `givenAt`.
    public init(name: String, value: Data, display: String, sessionID: String? = nil, givenAt: Double = 0) {
        self.name = name
        self.value = value
        self.display = display
        self.sessionID = sessionID
        self.givenAt = givenAt
    }
}
