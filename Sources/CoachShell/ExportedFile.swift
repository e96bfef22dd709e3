/// One file an export produced: a suggested name and its text.
public struct ExportedFile: Sendable, Equatable {
    /// A file name such as `s-7k3m9q-client_email.eml`.
    public var name: String
    /// The file's text.
    public var contents: String

    /// A file named `name` holding `contents`.
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
