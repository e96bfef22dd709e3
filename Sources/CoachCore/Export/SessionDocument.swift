/// A whole session (answers, then drafts) as one Markdown or plain-text document.
public enum SessionDocument {
    /// The session as Markdown: a heading, the answers as a list, then each draft.
    public static func markdown(_ session: SessionExport) -> String {
        var out = "# \(session.title)\n\n"
        out += "Playbook: \(session.playbookTitle) (`\(session.playbookID)`) · session `\(session.sessionID)` · "
        out += statusText(session.status) + "\n\n"
        out += "## Answers\n\n"
        if session.answers.isEmpty {
            out += "No answers yet.\n"
        }
        for answer in session.answers {
            let value = answer.answer.contains("\n") ? "\n\n" + indent(answer.answer, by: "  ") : " " + answer.answer
            out += "- **\(answer.question.trimmingWhitespace())**\(value)\n"
        }
        out += "\n"
        if session.outputs.isEmpty {
            return out
        }
        out += session.status == .completed ? "# Drafts\n\n" : "# Drafts so far (values still missing are marked)\n\n"
        out += session.outputs.map(OutputFormatter.markdown).joined(separator: "\n")
        return out
    }

    /// The session as plain text: the answers as `question` / `answer` pairs, then each draft.
    public static func text(_ session: SessionExport) -> String {
        var out = "\(session.title)\n"
        out += "Playbook: \(session.playbookTitle) (\(session.playbookID)), session \(session.sessionID), "
        out += statusText(session.status) + "\n\n"
        out += "== Answers ==\n"
        if session.answers.isEmpty {
            out += "No answers yet.\n"
        }
        for answer in session.answers {
            out += "\(answer.question.trimmingWhitespace())\n" + indent(answer.answer, by: "  ") + "\n"
        }
        if !session.outputs.isEmpty {
            out += "\n" + OutputFormatter.text(session.outputs)
            if !out.hasSuffix("\n") {
                out += "\n"
            }
        }
        return out
    }

    static func statusText(_ status: SessionStatus) -> String {
        switch status {
        case .asking: return "in progress"
        case .completed: return "completed"
        case .cancelled: return "cancelled"
        }
    }

    static func indent(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}
