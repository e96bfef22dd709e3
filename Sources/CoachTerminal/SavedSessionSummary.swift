import CoachCore

/// A saved, unfinished session the home screen offers to resume.
public struct SavedSessionSummary: Sendable, Equatable {
    /// A short label: title, progress and when it was last touched.
    public var label: String
    /// The stored session's id, like `s-7k3m9q`.
    public var id: String

    /// A saved session `id` shown as `label`.
    public init(label: String, id: String) {
        self.label = label
        self.id = id
    }
}
