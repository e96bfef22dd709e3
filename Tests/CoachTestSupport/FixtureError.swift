/// A fixture that could not be found, listed or loaded; the test that needed it fails with this message.
public struct FixtureError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
