/// A repository could not do what was asked.
public struct RepositoryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
