import CoachCore
import Foundation
import Testing

/// One email of the review corpus with the findings it must get, must not get, and may get either way.
///
/// A corpus file opens with `must:`, `must-not:` and optional `may:` lines, then a `---` line, then the email
/// exactly as a user would paste it. `must` items are `rule` or `rule@line` (line counted in the email, 0 for the
/// whole draft); `must-not` and `may` items are rule ids.
struct CorpusEmail: Sendable, CustomTestStringConvertible {
    /// One expected finding: a rule, on a given line when `line` is set.
    struct Expected: Sendable, Hashable {
        var rule: String
        var line: Int?

        func matches(_ finding: ReviewFinding) -> Bool {
            finding.rule == rule && (line == nil || line == finding.line)
        }
    }

    var name: String
    var text: String
    var must: [Expected]
    var mustNot: Set<String>
    var may: Set<String>
    var testDescription: String { name }

    /// Reads a corpus file; a file that breaks the format is an error naming it.
    static func parse(name: String, contents: String) throws -> CorpusEmail {
        guard let split = contents.range(of: "\n---\n") else { throw CorpusError(name: name, problem: "no --- line") }
        var must: [Expected] = []
        var mustNot: Set<String> = []
        var may: Set<String> = []
        for line in contents[..<split.lowerBound].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else {
                throw CorpusError(name: name, problem: "header line without a colon: \(line)")
            }
            let items = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            switch line[..<colon] {
            case "must":
                for item in items {
                    let parts = item.split(separator: "@")
                    guard parts.count <= 2, parts.count == 1 || Int(parts[1]) != nil else {
                        throw CorpusError(name: name, problem: "bad must item \(item)")
                    }
                    must.append(Expected(rule: String(parts[0]), line: parts.count == 2 ? Int(parts[1]) : nil))
                }
            case "must-not": mustNot.formUnion(items)
            case "may": may.formUnion(items)
            default: throw CorpusError(name: name, problem: "unknown header \(line[..<colon])")
            }
        }
        let known = Set(DraftReview.rules.map(\.id))
        for rule in must.map(\.rule) + mustNot + may where !known.contains(rule) {
            throw CorpusError(name: name, problem: "unknown rule \(rule)")
        }
        return CorpusEmail(
            name: name, text: String(contents[split.upperBound...]), must: must, mustNot: mustNot, may: may)
    }

    /// Every file in `Fixtures/review-corpus`, in name order.
    static func all() throws -> [CorpusEmail] {
        guard let folder = Bundle.module.url(forResource: "review-corpus", withExtension: nil, subdirectory: "Fixtures")
        else { throw CorpusError(name: "review-corpus", problem: "the folder is not in the test bundle") }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try parse(name: $0.lastPathComponent, contents: String(contentsOf: $0, encoding: .utf8)) }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var name: String
        var problem: String
        var description: String { "\(name): \(problem)" }
    }
}

/// How the review does on the corpus: expected findings found (recall) and findings that were expected (precision).
struct CorpusScore {
    var expected = 0
    var found = 0
    var reported = 0
    var wanted = 0

    var recall: Double { expected == 0 ? 1 : Double(found) / Double(expected) }
    var precision: Double { reported == 0 ? 1 : Double(wanted) / Double(reported) }

    /// Adds one email: each `must` item is found or not; each finding is wanted (it meets a `must` item),
    /// ignored (its rule is in `may`), or a false note.
    mutating func add(_ email: CorpusEmail, _ findings: [ReviewFinding]) {
        expected += email.must.count
        found += email.must.filter { item in findings.contains(where: item.matches) }.count
        for finding in findings where !email.may.contains(finding.rule) {
            reported += 1
            if email.must.contains(where: { $0.matches(finding) }) { wanted += 1 }
        }
    }
}

@Suite("Draft review on a corpus of emails")
struct ReviewCorpusTests {
    @Test("the corpus loads and holds at least 40 emails, with and without mistakes")
    func corpusLoads() throws {
        let corpus = try CorpusEmail.all()
        #expect(corpus.count >= 40)
        #expect(corpus.filter { $0.must.isEmpty }.count >= 10)
        #expect(corpus.filter { !$0.must.isEmpty }.count >= 25)
    }

    @Test("each email gets every finding it must and none it must not", arguments: try CorpusEmail.all())
    func email(_ email: CorpusEmail) {
        let findings = DraftReview.review(text: email.text)
        for item in email.must {
            #expect(
                findings.contains(where: item.matches),
                "\(email.name) misses \(item.rule)\(item.line.map { "@\($0)" } ?? ""); got \(findings)")
        }
        for finding in findings where email.mustNot.contains(finding.rule) {
            Issue.record("\(email.name) must not get \(finding.rule): \(finding)")
        }
    }

    @Test("recall at least 0.8 and precision at least 0.9 over the corpus")
    func recallAndPrecision() throws {
        let corpus = try CorpusEmail.all()
        var score = CorpusScore()
        var falseNotes: [String] = []
        for email in corpus {
            let findings = DraftReview.review(text: email.text)
            score.add(email, findings)
            for finding in findings
            where !email.may.contains(finding.rule) && !email.must.contains(where: { $0.matches(finding) }) {
                falseNotes.append("\(email.name):\(finding.line) \(finding.rule)")
            }
        }
        let line =
            "review corpus: \(corpus.count) emails, recall \(score.found)/\(score.expected) = "
            + String(format: "%.3f", score.recall) + ", precision \(score.wanted)/\(score.reported) = "
            + String(format: "%.3f", score.precision)
        print(line)
        #expect(score.recall >= 0.8, "\(line)")
        #expect(score.precision >= 0.9, "\(line); false notes: \(falseNotes)")
        print("false notes: \(falseNotes)")
    }

    @Test("the score counts misses and false notes")
    func scoreCounts() {
        let email = CorpusEmail(
            name: "x", text: "", must: [.init(rule: "hedging", line: 3), .init(rule: "busy-excuse", line: nil)],
            mustNot: [], may: ["paragraph-too-long"])
        var score = CorpusScore()
        score.add(
            email,
            [
                ReviewFinding(line: 3, severity: .warning, rule: "hedging", message: "", suggestion: ""),
                ReviewFinding(line: 4, severity: .warning, rule: "hedging", message: "", suggestion: ""),
                ReviewFinding(line: 5, severity: .info, rule: "paragraph-too-long", message: "", suggestion: ""),
            ])
        #expect(score.expected == 2)
        #expect(score.found == 1)
        #expect(score.reported == 2)
        #expect(score.wanted == 1)
    }
}
