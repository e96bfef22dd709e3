import Foundation

@testable import CoachCore

/// What a careful reader would circle in a finished draft: template residue, grammar that broke on an answer,
/// dates that contradict the calendar, and anything Coach's own review flags as an error or a warning.
struct DraftChecker {
    /// The day the session ran (dates in an email before it are in the past).
    var today: Day
    /// Whether the playbook was told to plan through weekends.
    var weekendsPlanned = false
    /// First words of answers typed with a capital that must read lowered mid-sentence.
    var capitalised: Set<String> = []
    /// The person the session's client emails are addressed to (never copied on them, never listed twice).
    var addressee: String?
    /// The person who signs the emails (never copied on their own email, never listed twice).
    var signer: String?

    /// One problem: which check, and the line it is on.
    struct Violation: CustomStringConvertible {
        var check: String
        var line: String
        var description: String { "\(check): \(line)" }
    }

    func violations(in output: RenderedOutput) -> [Violation] {
        var found: [Violation] = []
        let text = output.fullText
        func flag(_ check: String, _ line: some StringProtocol) { found.append(Violation(check: check, line: String(line))) }

        if !text.hasSuffix("\n") { flag("no final newline", text.suffix(40)) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            for residue in ["{{", "}}", "[missing:", "&amp;", "&#", "&lt;", "&gt;", "&quot;", "Optional(", "(nil)"]
            where line.contains(residue) {
                flag("template residue \(residue)", line)
            }
            for problem in Self.articleProblems(in: String(line)) { flag("article \(problem)", line) }
            for problem in Self.pluralProblems(in: String(line)) { flag("plural \(problem)", line) }
            if let word = Self.doubledWord(in: String(line)) { flag("doubled word '\(word)'", line) }
            if Self.isEmptyBullet(String(line)) { flag("empty bullet", line) }
            if let mark = Self.strayPunctuation(in: String(line)) { flag("stray punctuation '\(mark)'", line) }
            for word in capitalised where Self.hasMidSentence(word, in: String(line)) {
                flag("capitalised '\(word)' mid-sentence", line)
            }
            for date in Self.dates(in: String(line), near: today) {
                if date.weekday != date.day.weekday { flag("\(date.weekday) is not \(date.day.long)", line) }
                if output.kind == .email || output.kind == .plan {
                    if date.day.isWeekend && !weekendsPlanned { flag("a weekend date promised", line) }
                }
                if output.kind == .email && date.day < today { flag("a date in the past", line) }
            }
        }
        if output.kind == .plan { found += tomorrowProblems(lines) }
        for problem in peopleProblems(in: output, lines: lines) { flag(problem.check, problem.line) }
        if output.kind == .email {
            for finding in DraftReview.review(output.reviewDraft) where finding.severity != .info {
                let line = finding.line > 0 && finding.line <= lines.count ? String(lines[finding.line - 1]) : "(whole email)"
                flag("review \(finding.severity.rawValue) [\(finding.rule)] \(finding.message)", line)
            }
        }
        return found
    }

    // MARK: - Grammar

    static let articleRegex = try! NSRegularExpression(pattern: #"(?:^|[\s(“"'-])(a|an|A|An)\s+([\p{L}\p{N}$€£][\p{L}\p{N}%$€£.,'-]*)"#)

    /// "a 8%", "an risk": the article disagrees with how the next word sounds.
    static func articleProblems(in line: String) -> [String] {
        var out: [String] = []
        let ns = line as NSString
        for m in articleRegex.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            let article = ns.substring(with: m.range(at: 1))
            let start = m.range(at: 1).location
            // A capital "A" counts only at the start of a sentence ("Plan A is" is a name).
            if article.first!.isUppercase {
                let before = ns.substring(to: start).trimmingCharacters(in: .whitespaces)
                if !(before.isEmpty || before.hasSuffix(".") || before.hasSuffix(":") || before.hasSuffix("-")) { continue }
            }
            let word = ns.substring(with: m.range(at: 2))
            let expected = Grammar.article(for: word)
            if article.lowercased() != expected { out.append("'\(article) \(word)'") }
        }
        return out
    }

    static let pluralRegex = try! NSRegularExpression(pattern: #"(?<![\p{N}.,$€£:/-])\b1\s+(?:(\p{Ll}+)\s+)?(\p{Ll}+)\b"#)
    static let notPlural: Set<String> = [
        "is", "was", "has", "this", "its", "yes", "plus", "less", "across", "as", "us", "thus", "always", "perhaps",
    ]

    /// "1 risks", "1 national accounts": one of something, in the plural.
    static func pluralProblems(in line: String) -> [String] {
        var out: [String] = []
        let ns = line as NSString
        for m in pluralRegex.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            let words = [1, 2].compactMap { m.range(at: $0).location == NSNotFound ? nil : ns.substring(with: m.range(at: $0)) }
            guard let noun = words.first(where: { looksPlural($0) }) else { continue }
            // "1 of 3", "1 in 5": the count is not of this noun.
            if let first = words.first, ["of", "in", "out", "to", "or", "and"].contains(first) { continue }
            out.append("'1 \(words.joined(separator: " "))' (\(noun))")
        }
        return out
    }

    static func looksPlural(_ word: String) -> Bool {
        guard word.count > 2, word.hasSuffix("s"), !notPlural.contains(word) else { return false }
        return !(word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") || word.hasSuffix("ous"))
    }

    static let doubledRegex = try! NSRegularExpression(pattern: #"\b(\p{L}+)\s+\1\b"#, options: [.caseInsensitive])

    static func doubledWord(in line: String) -> String? {
        let ns = line as NSString
        guard let m = doubledRegex.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range(at: 1))
    }

    /// A bullet or check box with nothing after it, or empty brackets where an answer was meant to go.
    static func isEmptyBullet(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        for mark in ["- [ ]", "[ ]", "-", "*", "•"] where t.hasPrefix(mark) {
            let rest = t.dropFirst(mark.count).trimmingCharacters(in: .whitespaces)
            return rest.isEmpty || rest.allSatisfy { ".,;:-".contains($0) }
        }
        return t.contains("()") || t.contains("( )")
    }

    static let strayRegex = try! NSRegularExpression(
        pattern: #"(?<!\.)\.\.(?!\.)|\s[,.;:](?![\p{N}])|,,|[,;:]\.|\.,|\.:|[?!]\.|\.\s+\.|,\s*\)|\(\s*,"#)

    static func strayPunctuation(in line: String) -> String? {
        let ns = line as NSString
        for m in strayRegex.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            let mark = ns.substring(with: m.range)
            // "e.g.," and "i.e.," are fine.
            if mark == ".,", m.range.location >= 3 {
                let before = ns.substring(with: NSRange(location: m.range.location - 3, length: 3))
                if before.hasSuffix(".g") || before.hasSuffix(".e") { continue }
            }
            return mark
        }
        return nil
    }

    /// `word` after a lowercase word or a comma, as in "about The pilot".
    static func hasMidSentence(_ word: String, in line: String) -> Bool {
        let pattern = #"[\p{Ll},]\s+"# + NSRegularExpression.escapedPattern(for: word) + #"\b"#
        return line.range(of: pattern, options: .regularExpression) != nil
    }

    // MARK: - People

    static let copyRegex = try! NSRegularExpression(
        pattern: #"\b(?:cop(?:y|ies|ied|ying)|cc|also kept informed)\b"#, options: [.caseInsensitive])

    /// The addressee copied on her own email (or the signer on his), and a person named twice in one list or in
    /// one copy line.
    func peopleProblems(in output: RenderedOutput, lines: [Substring]) -> [Violation] {
        let people = [addressee, signer].compactMap { $0 }
        guard !people.isEmpty else { return [] }
        var out: [Violation] = []
        // Sentences that copy people in, and the bullet lists that follow a copy heading.
        var copyBlock = false
        for line in lines {
            let text = String(line)
            let ns = text as NSString
            let copies = Self.copyRegex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length))
            let isItem = Self.isListItem(text)
            if !isItem { copyBlock = false }
            if let copies {
                let copied = ns.substring(from: copies.range.location)
                for person in people where copied.contains(person) {
                    out.append(Violation(check: "\(person) copied on their own email", line: text))
                }
                copyBlock = text.hasSuffix(":")
            } else if copyBlock && isItem {
                for person in people where text.contains(person) {
                    out.append(Violation(check: "\(person) copied on their own email", line: text))
                }
            }
            for person in people where text.components(separatedBy: person).count > 2 {
                out.append(Violation(check: "\(person) named twice in one line", line: text))
            }
        }
        // One person on two items of the same list of people (items that start with a name).
        var list: [String] = []
        for line in lines + [""] {
            let text = String(line)
            if Self.isListItem(text) {
                list.append(Self.itemText(text))
                continue
            }
            for person in people where list.filter({ $0.hasPrefix(person) }).count > 1 {
                out.append(Violation(check: "\(person) listed twice", line: list.first { $0.hasPrefix(person) }!))
            }
            list = []
        }
        return out
    }

    /// A list item without its bullet or check box.
    static func itemText(_ line: String) -> String {
        var t = line.trimmingCharacters(in: .whitespaces)
        for mark in ["[ ]", "[x]", "-", "*", "•"] where t.hasPrefix(mark) {
            t = t.dropFirst(mark.count).trimmingCharacters(in: .whitespaces)
        }
        return t
    }

    static func isListItem(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("- ") || t.hasPrefix("[ ] ") || t.hasPrefix("* ") || t.hasPrefix("• ")
    }

    // MARK: - Dates

    struct WrittenDate {
        var weekday: String
        var day: Day
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let dateRegex = try! NSRegularExpression(
        pattern:
            #"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?:\s+(\d{4}))?"#
    )

    /// Dates written with their weekday ("Monday 30 November 2026", "Mon 30 Nov"); a date with no year is the one
    /// nearest to `today`.
    static func dates(in line: String, near today: Day) -> [WrittenDate] {
        let ns = line as NSString
        return dateRegex.matches(in: line, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let prefix = ns.substring(with: m.range(at: 1))
            let weekday = weekdayNames.first { $0.hasPrefix(prefix) }!
            let dayNumber = Int(ns.substring(with: m.range(at: 2)))!
            let month = monthNames.firstIndex { $0.hasPrefix(ns.substring(with: m.range(at: 3))) }! + 1
            let year = today.components.year
            var candidates: [Day] = []
            if m.range(at: 4).location != NSNotFound {
                candidates = [Day(year: Int(ns.substring(with: m.range(at: 4)))!, month: month, day: dayNumber)].compactMap { $0 }
            } else {
                candidates = [year - 1, year, year + 1].compactMap { Day(year: $0, month: month, day: dayNumber) }
            }
            guard let day = candidates.min(by: { abs($0.ordinal - today.ordinal) < abs($1.ordinal - today.ordinal) }) else {
                return nil
            }
            return WrittenDate(weekday: weekday, day: day)
        }
    }

    /// In a plan, "tomorrow" on a day must mean the next planned day is the next calendar day.
    func tomorrowProblems(_ lines: [Substring]) -> [Violation] {
        var days: [(day: Day, lines: [Substring])] = []
        for line in lines {
            if line.hasPrefix("Day "), let d = Self.dates(in: String(line), near: today).first {
                days.append((d.day, [line]))
            } else if !days.isEmpty {
                days[days.count - 1].lines.append(line)
            }
        }
        var out: [Violation] = []
        for (i, entry) in days.enumerated() {
            for line in entry.lines where line.range(of: #"\btomorrow\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
                if i + 1 >= days.count || days[i + 1].day != entry.day.adding(days: 1) {
                    out.append(Violation(check: "'tomorrow' is not the next planned day", line: String(line)))
                }
            }
        }
        return out
    }
}
