/// A playbook file's text, split into lines only when a diagnostic or a location first needs them (a file that
/// loads cleanly never pays for the split).
final class SourceLines {
    let text: String
    private var split: [Substring]?

    init(_ text: String) { self.text = text }

    /// The lines, as `String.split` on "\n" gives them (empty lines kept).
    var lines: [Substring] {
        if let split { return split }
        let made = text.split(separator: "\n", omittingEmptySubsequences: false)
        split = made
        return made
    }
}
