import CoachCore
import Foundation
import Testing

@Suite("Draft parsing and review output")
struct ReviewDraftTests {
    @Test("a Subject line makes an email and the body starts after it")
    func parseSubject() {
        let draft = Draft.parse("Subject: Rollout plan\n\nHi Dana,\nThanks for Tuesday.\n")
        #expect(draft.subject == "Rollout plan")
        #expect(draft.isEmail)
        #expect(draft.body == "Hi Dana,\nThanks for Tuesday.")
        #expect(draft.bodyLineOffset == 2)
    }

    @Test("the Subject label is case-insensitive and the value is trimmed")
    func parseSubjectCase() {
        let draft = Draft.parse("  SUBJECT:   Q3 numbers  \nThe numbers are attached.")
        #expect(draft.subject == "Q3 numbers")
        #expect(draft.isEmail)
        #expect(draft.bodyLineOffset == 1)
    }

    @Test(
        "without a subject, a greeting or a sign-off makes an email",
        arguments: [
            ("Hi Dana,\nThe file is attached.", true),
            ("Dear Ms Lee,\nThe file is attached.", true),
            ("Good morning Dana,\nThe file is attached.", true),
            ("The file is attached.\n\nKind regards,\nSam", true),
            ("Day 1: assess the damage.\nDay 2: call the sponsor.", false),
            ("Thanks to the new depot, the file is attached.", false),
        ])
    func parseInfersEmail(_ text: String, _ isEmail: Bool) {
        let draft = Draft.parse(text)
        #expect(draft.subject == nil)
        #expect(draft.isEmail == isEmail)
    }

    @Test("an empty Subject line is reported on line 1")
    func emptySubject() {
        let findings = DraftReview.review(text: "Subject:   \n\nHi Dana,\nI will call on Friday 7 June.")
        #expect(findings.map(\.rule) == ["subject-missing"])
        #expect(findings.first?.line == 1)
        #expect(findings.first?.severity == .error)
    }

    @Test("line numbers count from the text as given, with CRLF line ends")
    func lineNumbersCRLF() {
        let text = "Subject: Fix\r\n\r\nHi Dana,\r\n\r\nHopefully it is fixed by Friday 7 June.\r\n"
        let findings = DraftReview.review(text: text)
        #expect(findings.map(\.line) == [5])
        #expect(findings.map(\.rule) == ["hedging"])
    }

    @Test("a draft built in code numbers body lines from 1 and the subject as 0")
    func lineNumbersInit() {
        let draft = Draft(
            subject: "Plan for [Client Name]", body: "Hi Dana,\n\nWe guarantee it by Friday 7 June.", isEmail: true)
        let findings = DraftReview.review(draft)
        #expect(findings.map(\.line) == [0, 3])
        #expect(findings.map(\.rule) == ["placeholder-left", "unlimited-promise"])
    }

    @Test("a phrase wrapped across two lines is reported where it starts")
    func wrappedLines() {
        let text = """
            Subject: Fix for the dashboard

            Hi Dana, thanks for flagging the missing numbers on the dashboard. We will
            try to have it fixed by Friday 7 June.
            """
        let findings = DraftReview.review(text: text)
        #expect(findings.map(\.rule) == ["hedging"])
        #expect(findings.map(\.line) == [3])
    }

    @Test("findings are sorted by line, then severity")
    func sorting() {
        let text = """
            Hi Dana,

            Hopefully we guarantee the TBD figures soon.
            """
        let findings = DraftReview.review(text: text)
        #expect(findings.map(\.line) == [0, 3, 3, 3, 3])
        #expect(findings.map(\.severity) == [.error, .error, .error, .warning, .warning])
        #expect(
            findings.map(\.rule) == [
                "subject-missing", "placeholder-left", "unlimited-promise", "hedging", "vague-timeline",
            ])
    }

    @Test("a finding prints as LINE: severity: message [rule] with the suggestion below")
    func findingDescription() {
        let finding = ReviewFinding(
            line: 4, severity: .warning, rule: "hedging", message: "Unsure.", suggestion: "Commit.")
        #expect(finding.description == "4: warning: Unsure. [hedging]\n  Commit.")
    }

    @Test("findings encode severity as a lowercase string and decode back")
    func codable() throws {
        let finding = ReviewFinding(line: 2, severity: .error, rule: "placeholder-left", message: "m", suggestion: "s")
        let json = finding.jsonText
        #expect(json.contains("\"severity\":\"error\""))
        #expect(try ReviewFinding(jsonBytes: finding.jsonBytes) == finding)
    }

    @Test(
        "empty and odd input does not crash",
        arguments: [
            "", "\n\n\n", "Subject:", "[", "{{", "<", "...!!!???", "Subject: x\n\u{2019}\u{2019}", "3 a.m. e.g. i.e.",
            String(repeating: "word ", count: 5000),
        ])
    func oddInput(_ text: String) {
        _ = DraftReview.review(text: text)
    }

    @Test(
        "legitimate wording is not flagged",
        arguments: [
            ("busy-excuse", "I know this is your busy season, and your stores are busy on Saturdays."),
            ("meeting-two-options", "Let us know if the new file works for you."),
            ("meeting-two-options", "Thanks for the call yesterday; the notes are attached."),
            ("meeting-two-options", "As discussed in our meeting, we would like to increase the order by 10%."),
            (
                "placeholder-left",
                "Tick [x] to confirm, see [1], read [the guide](https://x.dev) or mail <sam@acme.com>."
            ),
            ("placeholder-left", "If a < b and c > d, the totals still match. Thanks, xx"),
            ("concession-without-ask", "Feel free to call me. We cannot offer a discount this year."),
            ("blame-client", "You should have received the invoice by now. Thank you for sending the files."),
            ("unlimited-promise", "We cannot guarantee delivery before 3 June."),
            ("vague-timeline", "As soon as we receive the sign-off, we will start. Speak soon,"),
            ("vague-timeline", "I will send it soon, by Friday 7 June."),
            ("apology-without-plan", "I was sorry to hear about the flooding at your Leeds store."),
            ("hedging", "We tried three suppliers. Please try the new login page."),
            ("passive-non-ownership", "I missed the duplicate lines, and we made a mistake in the totals."),
            ("next-step-no-owner", "We will be delighted to help. The office will be closed on Monday."),
            ("next-step-no-owner", "The report will be sent by Priya on Friday 7 June."),
            ("impact-without-number", "Sales improved by 8% in May. How can we improve the checkout?"),
        ])
    func noFalsePositive(_ rule: String, _ text: String) {
        let findings = DraftReview.review(text: text).filter { $0.rule == rule }
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(
        "wording the rules must catch",
        arguments: [
            ("busy-excuse", "Things have been hectic here."),
            ("busy-excuse", "I haven't had a chance to look at it."),
            ("meeting-two-options", "Are you free for a quick call on Tuesday?"),
            ("meeting-two-options", "Let's meet to go through the numbers."),
            ("placeholder-left", "The saving is $XX,XXX per store."),
            ("placeholder-left", "Name: ____ Date: ____"),
            ("concession-without-ask", "We will add two free months of support."),
            ("concession-without-ask", "We can take 10% off the renewal price."),
            ("blame-client", "This happened because of your delay."),
            ("blame-client", "You didn't send the store list."),
            ("unlimited-promise", "This won't happen again."),
            ("unlimited-promise", "We'll do whatever you need."),
            ("vague-timeline", "We will fix it in the coming days."),
            ("apology-without-plan", "Apologies for the confusion on the invoice."),
            ("hedging", "We'll do our best to ship it."),
            ("passive-non-ownership", "The ball was dropped on the Leeds order."),
            ("next-step-no-owner", "The contract needs to be updated by Friday 7 June."),
            ("impact-without-number", "This will save your team time."),
        ])
    func caught(_ rule: String, _ text: String) {
        let findings = DraftReview.review(text: text).filter { $0.rule == rule }
        #expect(findings.count == 1, "\(DraftReview.review(text: text))")
        #expect(findings.first?.line == 1)
    }

    @Test("headers as Coach writes them are read wherever they sit: To, Cc, then Subject")
    func parseHeaders() {
        let draft = Draft.parse("To: dana@acme.example\nCc: lee@acme.example\nSubject: Rollout plan\n\nHi Dana,\nThanks.\n")
        #expect(draft.subject == "Rollout plan")
        #expect(draft.subjectLine == 3)
        #expect(draft.isEmail)
        #expect(draft.body == "Hi Dana,\nThanks.")
        #expect(draft.bodyLineOffset == 4)
        #expect(DraftReview.review(draft).allSatisfy { $0.rule != "subject-missing" })
    }

    @Test("a printed draft under its heading, and a Markdown draft with a quoted body, are read as emails")
    func parsePrintedAndMarkdown() {
        let printed = Draft.parse("== Reset email ==\nTo: dana@acme.example\nSubject: Atlas: next steps by 19 June\n\nHi Dana,\n")
        #expect(printed.subject == "Atlas: next steps by 19 June")
        #expect(printed.subjectLine == 3)
        let markdown = Draft.parse(
            "## Reset email\n\n**To:** dana@acme.example  \n**Subject:** Atlas plan\n\n> Hi Dana,\n>\n> We will try to fix it.\n")
        #expect(markdown.subject == "Atlas plan")
        #expect(markdown.body == "Hi Dana,\n\nWe will try to fix it.")
        let findings = DraftReview.review(markdown)
        #expect(findings.first { $0.rule == "hedging" }?.line == 8)
    }

    @Test("a plan whose first line looks like a header is not read as an email")
    func planWithDateLine() {
        let draft = Draft.parse("Date: Monday 7 December\nCall the buyer.\nSend the plan.")
        #expect(draft.subject == nil)
        #expect(!draft.isEmail)
        #expect(draft.bodyLineOffset == 0)
    }

    @Test("text in double braces is one warning for the whole draft, not an error per line")
    func doubleBracesOnce() {
        let findings = DraftReview.review(
            Draft.parse("Subject: Plan for {{client}}\n\nHi {{client}},\nI will call on Friday 7 June.\n"))
        #expect(findings.map(\.rule) == ["template-placeholder"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.line == 1)
        #expect(findings.first?.message.contains("looks like a template placeholder (1 more in the draft)") == true)
    }

    @Test("a long bullet list is not a paragraph, and prose next to it is counted on its own")
    func listsAreNotParagraphs() {
        let item = "- " + Array(repeating: "word", count: 40).joined(separator: " ")
        let list = Array(repeating: item, count: 4).joined(separator: "\n")
        let prose = Array(repeating: "word", count: 95).joined(separator: " ")
        #expect(DraftReview.review(text: "Intro line:\n" + list).filter { $0.rule == "paragraph-too-long" }.isEmpty)
        let mixed = DraftReview.review(text: list + "\n" + prose).filter { $0.rule == "paragraph-too-long" }
        #expect(mixed.map(\.line) == [5])
        #expect(mixed.allSatisfy { !$0.suggestion.contains("bullet") })
        let long = "- " + Array(repeating: "word", count: 70).joined(separator: " ")
        #expect(DraftReview.review(text: long).filter { $0.rule == "paragraph-too-long" }.map(\.line) == [1])
    }

    @Test("free work is let through only when it puts right the mistake the email owns")
    func makeGood() {
        let owned = """
            Subject: Leeds labels

            I am sorry we printed the wrong labels on the Leeds pallets.
            We will relabel the pallets at no charge on Friday 7 June.
            """
        let other = """
            Subject: Leeds labels

            I am sorry for the slow reply to your note.
            We will add the Bristol site at no charge on Friday 7 June.
            """
        #expect(DraftReview.review(text: owned).filter { $0.rule == "concession-without-ask" }.isEmpty)
        #expect(DraftReview.review(text: other).filter { $0.rule == "concession-without-ask" }.map(\.line) == [4])
    }

    @Test("blame and a busy excuse are errors")
    func mustFixSeverities() {
        let findings = DraftReview.review(
            text: "If your team had sent the file on time, we would be live. It's been a hectic few weeks here.")
        #expect(findings.filter { $0.severity == .error }.map(\.rule) == ["blame-client", "busy-excuse"])
    }

    @Test("the summary counts every severity, so an email full of warnings never reads as clean")
    func summary() {
        let findings = DraftReview.review(
            text: "Subject: Update\n\nHi Dana,\n\nWe will try to send it shortly. Kindly revert.\nCan we have a call on Friday?")
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(DraftReview.summary(findings) == "\(findings.count) notes: \(findings.count) warnings worth fixing")
        #expect(findings.count >= 4)
        #expect(DraftReview.summary([]) == "no notes")
    }
}
