/// Writes finished drafts as plain text or Markdown.
public enum OutputFormatter {
    /// Every output with a heading line, for a terminal or a `.txt` file.
    public static func text(_ outputs: [RenderedOutput]) -> String {
        outputs.map(text).joined(separator: "\n\n")
    }

    /// One output with a heading line, and the review notes of an email under it.
    public static func text(_ output: RenderedOutput) -> String {
        let heading = "== \(output.title) =="
        return heading + "\n" + output.fullText.trimmingTrailingWhitespace() + "\n" + reviewNotes(output)
    }

    /// The review notes of an email, as a short block to show under the draft ("" when there are none).
    public static func reviewNotes(_ output: RenderedOutput) -> String {
        guard let findings = output.review, !findings.isEmpty else { return "" }
        var out = "\n-- review of this draft (\(findings.count) note\(findings.count == 1 ? "" : "s")) --\n"
        for f in findings {
            let place = f.line > 0 ? "body line \(f.line)" : "whole draft"
            out += "  \(f.severity.rawValue) [\(f.rule)] \(place): \(f.message)\n    \(f.suggestion)\n"
        }
        return out
    }

    /// Every output as a Markdown document.
    public static func markdown(_ outputs: [RenderedOutput], title: String) -> String {
        "# \(title)\n\n" + outputs.map(markdown).joined(separator: "\n")
    }

    /// One output as a Markdown section; emails keep their line breaks in a quoted block.
    public static func markdown(_ output: RenderedOutput) -> String {
        var out = "## \(output.title)\n\n"
        if let to = output.to { out += "**To:** \(to)  \n" }
        if let subject = output.subject { out += "**Subject:** \(subject)\n\n" }
        let body = output.body.trimmingTrailingWhitespace()
        if output.kind == .email {
            out += body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }
                .joined(separator: "\n")
        } else {
            out += body
        }
        return out + "\n"
    }
}
