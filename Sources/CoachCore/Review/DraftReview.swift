/// The draft review coach: checks a draft against NAM communication rules and returns findings.
public struct DraftReview {
    /// Every rule, in the order they are documented in docs/review-rules.md.
    public static let rules: [ReviewRule] = [
        .placeholderLeft, .subjectMissing, .blameClient, .busyExcuse, .unlimitedPromise,
        .templatePlaceholder, .subjectVague, .apologyWithoutPlan, .meetingTwoOptions, .nextStepMissing,
        .concessionWithoutAsk, .hedging, .formalFiller, .emailTooLong, .vagueTimeline, .passiveNonOwnership,
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

extension DraftReview {
    /// A one-line count of findings by severity, such as
    /// `4 notes: 1 error to fix before sending, 2 warnings worth fixing, 1 hint`.
    public static func summary(_ findings: [ReviewFinding]) -> String {
        func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if findings.isEmpty { return "no notes" }
        var parts: [String] = []
        if count(.error) > 0 { parts.append(plural(count(.error), "error") + " to fix before sending") }
        if count(.warning) > 0 { parts.append(plural(count(.warning), "warning") + " worth fixing") }
        if count(.info) > 0 { parts.append(plural(count(.info), "hint")) }
        return plural(findings.count, "note") + ": " + parts.joined(separator: ", ")
    }
}
