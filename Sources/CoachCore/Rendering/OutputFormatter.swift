/// Writes finished drafts as plain text or Markdown.
public enum OutputFormatter {
    /// Every output with a heading line, for a terminal or a `.txt` file.
    public static func text(_ outputs: [RenderedOutput]) -> String {
        outputs.map(text).joined(separator: "\n\n")
    }

    /// One output with a heading line.
    public static func text(_ output: RenderedOutput) -> String {
        let heading = "== \(output.title) =="
        return heading + "\n" + output.fullText.trimmingTrailingWhitespace() + "\n"
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
