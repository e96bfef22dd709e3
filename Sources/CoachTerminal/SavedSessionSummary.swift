import CoachCore

/// A saved, unfinished session the home screen offers to resume.
public struct SavedSessionSummary: Sendable, Equatable {
    /// A short label: client, playbook and when it was last touched.
    public var label: String
    /// The stored engine state to carry on from.
    public var state: SessionState

    /// A saved session shown as `label`.
    public init(label: String, state: SessionState) {
        self.label = label
        self.state = state
    }
}
