import CoachCore
import Testing

/// One rule with the lines its failing fixture must be flagged on.
struct ReviewRuleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var failingLines: [Int]
    var testDescription: String { rule }
}

@Suite("Draft review rules")
struct ReviewRuleTests {
    static let cases: [ReviewRuleCase] = [
        ReviewRuleCase(rule: "placeholder-left", failingLines: [1, 3, 6, 11]),
        ReviewRuleCase(rule: "subject-missing", failingLines: [0]),
        ReviewRuleCase(rule: "blame-client", failingLines: [5, 6]),
        ReviewRuleCase(rule: "unlimited-promise", failingLines: [5, 6]),
        ReviewRuleCase(rule: "busy-excuse", failingLines: [5, 6]),
        ReviewRuleCase(rule: "template-placeholder", failingLines: [1]),
        ReviewRuleCase(rule: "subject-vague", failingLines: [1]),
        ReviewRuleCase(rule: "formal-filler", failingLines: [5, 6]),
        ReviewRuleCase(rule: "apology-without-plan", failingLines: [5]),
        ReviewRuleCase(rule: "meeting-two-options", failingLines: [6]),
        ReviewRuleCase(rule: "next-step-missing", failingLines: [0]),
        ReviewRuleCase(rule: "concession-without-ask", failingLines: [6]),
        ReviewRuleCase(rule: "hedging", failingLines: [5, 6]),
        ReviewRuleCase(rule: "email-too-long", failingLines: [0]),
        ReviewRuleCase(rule: "vague-timeline", failingLines: [5, 6]),
        ReviewRuleCase(rule: "passive-non-ownership", failingLines: [5, 6]),
        ReviewRuleCase(rule: "impact-without-number", failingLines: [5, 6]),
        ReviewRuleCase(rule: "next-step-no-owner", failingLines: [6, 7]),
        ReviewRuleCase(rule: "paragraph-too-long", failingLines: [5]),
    ]

    @Test("every rule has a test case, and there are at least twelve")
    func everyRuleIsCovered() {
        let ids = DraftReview.rules.map(\.id)
        #expect(ids.count >= 12)
        #expect(Set(ids).count == ids.count)
        #expect(Set(Self.cases.map(\.rule)) == Set(ids))
        #expect(DraftReview.rules.allSatisfy { !$0.summary.isEmpty })
    }

    @Test("the failing draft is flagged by the rule on the right lines", arguments: cases)
    func failingDraft(_ item: ReviewRuleCase) throws {
        let findings = DraftReview.review(Draft.parse(try ReviewFixture.text("\(item.rule).fail")))
        let mine = findings.filter { $0.rule == item.rule }
        #expect(mine.map(\.line) == item.failingLines, "\(findings)")
        let severity = DraftReview.rules.first { $0.id == item.rule }?.severity
        #expect(mine.allSatisfy { $0.severity == severity && !$0.message.isEmpty && !$0.suggestion.isEmpty })
    }

    @Test("the passing draft gets no finding at all", arguments: cases)
    func passingDraft(_ item: ReviewRuleCase) throws {
        let findings = DraftReview.review(Draft.parse(try ReviewFixture.text("\(item.rule).pass")))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("a complete stakeholder email passes clean")
    func completeEmail() throws {
        let draft = Draft.parse(try ReviewFixture.text("complete-stakeholder-email"))
        #expect(draft.isEmail)
        #expect(draft.subject == "Northwind rollout: scope, budget and two times to talk")
        let findings = DraftReview.review(draft)
        #expect(findings.isEmpty, "\(findings)")
    }
}
