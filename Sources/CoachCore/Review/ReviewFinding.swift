/// One piece of review advice about a draft: where, how serious, which rule, why and what to do.
public struct ReviewFinding: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line in the text given to `Draft.parse`, or 0 when the finding is about the whole draft.
    public var line: Int
    /// How serious the finding is.
    public var severity: Severity
    /// The stable id of the rule that produced the finding, such as `placeholder-left`.
    public var rule: String
    /// A one-line reason.
    public var message: String
    /// A concrete change that would fix it.
    public var suggestion: String

    /// Creates a finding.
    public init(line: Int, severity: Severity, rule: String, message: String, suggestion: String) {
        self.line = line
        self.severity = severity
        self.rule = rule
        self.message = message
        self.suggestion = suggestion
    }

    /// `LINE: severity: message [rule]` followed by the suggestion on an indented second line.
    public var description: String {
        "\(line): \(severity.rawValue): \(message) [\(rule)]\n  \(suggestion)"
    }
}
