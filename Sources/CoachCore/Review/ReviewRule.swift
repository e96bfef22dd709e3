/// A named review check with a fixed severity and a one-line summary of what it looks for.
public struct ReviewRule: Sendable {
    /// The stable id used in findings and in docs/review-rules.md, such as `hedging`.
    public let id: String
    /// The severity of every finding this rule produces.
    public let severity: Severity
    /// What the rule looks for, in one line.
    public let summary: String
    /// The check itself: turns the analysed draft into notes (line, reason, fix).
    let check: @Sendable (ReviewText) -> [ReviewNote]

    init(
        id: String,
        severity: Severity,
        summary: String,
        check: @escaping @Sendable (ReviewText) -> [ReviewNote]
    ) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.check = check
    }

    /// Runs the check and stamps each note with this rule's id and severity.
    func findings(in text: ReviewText) -> [ReviewFinding] {
        check(text).map {
            ReviewFinding(line: $0.line, severity: severity, rule: id, message: $0.message, suggestion: $0.suggestion)
        }
    }
}
