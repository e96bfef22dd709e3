/// Writes finished drafts as plain text or Markdown; every text it returns ends with a newline.
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
    /// Line numbers count the lines of the draft as printed under its heading (`To:` and `Subject:` included).
    public static func reviewNotes(_ output: RenderedOutput) -> String {
        guard let findings = output.review, !findings.isEmpty else { return "" }
        var out = "\n-- review of this draft: \(DraftReview.summary(findings)) --\n"
        for f in findings {
            out += "  \(f.severity.rawValue) [\(f.rule)] \(place(f)): \(f.message)\n    \(f.suggestion)\n"
        }
        return out
    }

    /// Where a finding points: `line N` of the draft, or the whole draft.
    static func place(_ finding: ReviewFinding) -> String {
        finding.line > 0 ? "line \(finding.line)" : "whole draft"
    }

    /// Every output as a Markdown document.
    public static func markdown(_ outputs: [RenderedOutput], title: String) -> String {
        "# \(title)\n\n" + outputs.map(markdown).joined(separator: "\n")
    }

    /// One output as a Markdown section; emails keep their line breaks in a quoted block, with the review
    /// notes under it.
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
        out += "\n"
        if let findings = output.review, !findings.isEmpty {
            out += "\n**Review of this draft:** \(DraftReview.summary(findings)).\n\n"
            for f in findings {
                out += "- \(f.severity.rawValue) `\(f.rule)`, \(place(f)): \(f.message) \(f.suggestion)\n"
            }
        }
        return out
    }
}
