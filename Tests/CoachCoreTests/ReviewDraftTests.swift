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
        let data = try JSONEncoder().encode(finding)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"severity\":\"error\""))
        #expect(try JSONDecoder().decode(ReviewFinding.self, from: data) == finding)
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
}
