/// What a rule's check reports before the rule adds its id and severity.
struct ReviewNote: Sendable, Equatable {
    /// The 1-based line in the original text, or 0 for the whole draft.
    var line: Int
    /// The one-line reason.
    var message: String
    /// The concrete fix.
    var suggestion: String

    init(_ line: Int, _ message: String, _ suggestion: String) {
        self.line = line
        self.message = message
        self.suggestion = suggestion
    }
}
