/// A piece of text to review: an email (with or without a subject) or another kind of draft.
public struct Draft: Sendable, Equatable {
    /// The subject line of an email, without the `Subject:` label; nil when there is none.
    public var subject: String?
    /// The text of the draft after the subject line.
    public var body: String
    /// Whether the draft is an email, which turns on the email-only rules (subject, length, next step).
    public var isEmail: Bool
    /// How many lines of the parsed text come before the body; findings add it to body line numbers.
    public var bodyLineOffset: Int
    /// The 1-based line of the parsed text holding the subject; 0 when the subject was given in code.
    public var subjectLine: Int

    /// Creates a draft; `bodyLineOffset` is 0 when the body is the whole text being reviewed.
    public init(subject: String?, body: String, isEmail: Bool, bodyLineOffset: Int = 0, subjectLine: Int = 0) {
        self.subject = subject
        self.body = body
        self.isEmail = isEmail
        self.bodyLineOffset = bodyLineOffset
        self.subjectLine = subjectLine
    }
}
