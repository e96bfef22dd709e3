import ArgumentParser
import CoachCore
import CoachShell
import Foundation

/// `coach review FILE|-`: coaching notes on a draft email.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a draft email against account-management advice; exit 1 when something must be fixed before sending.",
        discussion: """
            Header lines at the top (`To:`, `Cc:`, `Subject:`, as `coach run --output` writes them) make the draft \
            an email with that subject. The rules: docs/review-rules.md.
            """)

    @Argument(help: "The draft to review, or - to read it from standard input.")
    var file: String = "-"

    @Flag(name: .long, help: "Print the findings as JSON.")
    var json = false

    func run() throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            do {
                text = try PlaybookFiles.read(file)
            } catch {
                throw CoachFailure("\(error)")
            }
        }
        let findings = DraftReview.review(text: text)
        if json {
            // The findings' one JSON shape, as `draft/review` gives them.
            print(findings.prettyJSON, terminator: "")
        } else if findings.isEmpty {
            print("No problems found: the draft follows every review rule.")
        } else {
            let name = file == "-" ? "<stdin>" : file
            for f in findings {
                print("\(name):\(f.line): \(f.severity.rawValue): \(f.message) [\(f.rule)]\n  \(f.suggestion)")
            }
            Stderr.print(DraftReview.summary(findings))
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
