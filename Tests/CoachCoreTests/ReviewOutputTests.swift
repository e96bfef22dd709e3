import CoachCore
import Testing

/// The review notes travel with every email Coach prints, in text and in Markdown.
@Suite("Review notes in printed drafts")
struct ReviewOutputTests {
    static let email = RenderedOutput(
        id: "reset", title: "Reset email", kind: .email, subject: "Update", to: "dana@acme.example",
        body: "Hi Dana,\n\nWe will try to send the plan shortly.\n\nBest regards,\nSam\n", missing: [],
        review: DraftReview.review(
            Draft.parse("To: dana@acme.example\nSubject: Update\n\nHi Dana,\n\nWe will try to send the plan shortly.\n")))
    static let plan = RenderedOutput(
        id: "plan", title: "Plan", kind: .plan, subject: nil, to: nil, body: "Mon 7 Dec: call Dana", missing: [],
        review: nil)

    @Test("Markdown keeps the review notes under the email, with the same lines as the text output")
    func markdownKeepsNotes() throws {
        let findings = try #require(Self.email.review)
        #expect(findings.count >= 2)
        let markdown = OutputFormatter.markdown([Self.email, Self.plan], title: "Stakeholder reset")
        #expect(markdown.contains("**Review of this draft:** \(DraftReview.summary(findings))."))
        let text = OutputFormatter.text([Self.email, Self.plan])
        for finding in findings {
            #expect(markdown.contains("- \(finding.severity.rawValue) `\(finding.rule)`, line \(finding.line): "))
            #expect(text.contains("\(finding.severity.rawValue) [\(finding.rule)] line \(finding.line): "))
        }
        #expect(markdown.range(of: "**Review of this draft:**")!.lowerBound > markdown.range(of: "> Hi Dana,")!.lowerBound)
        #expect(markdown.range(of: "**Review of this draft:**")!.lowerBound < markdown.range(of: "## Plan")!.lowerBound)
    }

    @Test("the notes' line numbers point at the printed draft: line 2 is the subject under the To line")
    func lineNumbersMatchPrintedDraft() throws {
        let findings = try #require(Self.email.review)
        let lines = Self.email.fullText.split(separator: "\n", omittingEmptySubsequences: false)
        let vague = try #require(findings.first { $0.rule == "subject-vague" })
        #expect(lines[vague.line - 1] == "Subject: Update")
        let hedge = try #require(findings.first { $0.rule == "hedging" })
        #expect(lines[hedge.line - 1].contains("We will try"))
    }

    @Test("every text output ends with one newline", arguments: [true, false])
    func endsWithNewline(_ withNotes: Bool) {
        var email = Self.email
        if !withNotes { email.review = [] }
        for out in [
            OutputFormatter.text([email, Self.plan]), OutputFormatter.text(email), OutputFormatter.text([Self.plan]),
            OutputFormatter.markdown([email, Self.plan], title: "T"), OutputFormatter.markdown(email),
            OutputFormatter.markdown(Self.plan),
        ] {
            #expect(out.hasSuffix("\n"))
            #expect(!out.hasSuffix("\n\n"))
        }
    }
}
