/// The formats a session exports to.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Answers and drafts as Markdown.
    case markdown
    /// Answers and drafts as plain text.
    case text
    /// The journal as JSON lines.
    case jsonl
    /// The journal as a readable Markdown conversation.
    case transcript
    /// Each email draft as an `.eml` file that opens as an unsent draft.
    case eml
    /// The dated plan as an iCalendar file, one all-day event per day.
    case ics

    /// The file name extension.
    public var fileExtension: String {
        switch self {
        case .markdown, .transcript: return "md"
        case .text: return "txt"
        case .jsonl: return "jsonl"
        case .eml: return "eml"
        case .ics: return "ics"
        }
    }
}
