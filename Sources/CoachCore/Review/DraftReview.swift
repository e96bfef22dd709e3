/// The draft review coach: checks a draft against NAM communication rules and returns findings.
public struct DraftReview {
    /// Every rule, in the order they are documented in docs/review-rules.md.
    public static let rules: [ReviewRule] = [
        .placeholderLeft, .subjectMissing, .blameClient, .unlimitedPromise,
        .busyExcuse, .apologyWithoutPlan, .meetingTwoOptions, .nextStepMissing, .concessionWithoutAsk,
        .hedging, .emailTooLong, .vagueTimeline, .passiveNonOwnership,
        .impactWithoutNumber, .nextStepNoOwner, .paragraphTooLong,
    ]

    /// Reviews a draft; findings are sorted by line, then severity, then rule order.
    public static func review(_ draft: Draft) -> [ReviewFinding] {
        let text = ReviewText(draft)
        var findings: [(order: Int, finding: ReviewFinding)] = []
        for (order, rule) in rules.enumerated() {
            findings += rule.findings(in: text).map { (order, $0) }
        }
        return findings.sorted { lhs, rhs in
            if lhs.finding.line != rhs.finding.line { return lhs.finding.line < rhs.finding.line }
            if lhs.finding.severity != rhs.finding.severity { return lhs.finding.severity < rhs.finding.severity }
            return lhs.order < rhs.order
        }.map(\.finding)
    }

    /// Parses pasted text with `Draft.parse` and reviews it.
    public static func review(text: String) -> [ReviewFinding] {
        review(Draft.parse(text))
    }
}
