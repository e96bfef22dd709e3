/// Recognises days, dates and times in review tokens: what makes a next step concrete.
enum ReviewCalendar {
    /// Names of the weekdays.
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// Days named relative to now.
    static let relativeDays: Set<String> = ["today", "tomorrow", "tonight"]
    /// Month names; `may` is left out because it is usually a verb, and counts only next to a number.
    static let months: Set<String> = [
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Month abbreviations, which count only next to a number.
    static let shortMonths: Set<String> = [
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    /// Words for a time of day.
    static let namedTimes: Set<String> = ["noon", "midday", "midnight"]

    /// Phrases that name a concrete window even without a date.
    static let windows = [
        "next|this|coming week|month|quarter|morning|afternoon|evening",
        "end of the|this? day|week|month|quarter|business",
        "close of business|play",
        "eod|eow|cob|eom",
        "within the? # hours|days|weeks|working|business",
        "in # hours|days|weeks",
    ]

    /// A key naming the day a token points at (weekday, relative day, numeric date, ordinal, month and day).
    static func dayKey(_ tokens: [ReviewToken], _ index: Int) -> String? {
        let token = tokens[index]
        guard token.startsWithNumber || !token.kinds.isDisjoint(with: .day) else { return nil }
        let word = token.word
        if !token.kinds.isDisjoint(with: [.weekday, .relativeDay]) { return word }
        // Tokens hold `/` and `:` only as characters of their own (`ReviewTokenizer`), so a byte search finds them.
        if token.startsWithNumber && word.utf8.contains(UInt8(ascii: "/")) { return word }
        if isISODate(word) { return word }
        if isOrdinal(word) { return word }
        if !token.kinds.isDisjoint(with: [.may, .shortMonth, .month]) {
            if let number = neighbourNumber(tokens, index) { return word + " " + number }
        }
        return nil
    }

    /// A key naming the time of day a token points at, such as `3pm`, `10:30` or `noon`.
    static func timeKey(_ tokens: [ReviewToken], _ index: Int) -> String? {
        let token = tokens[index]
        if token.kinds.contains(.namedTime) { return token.word }
        guard token.startsWithNumber else { return nil }
        let word = token.word
        var digits = word
        var suffix = ""
        for marker in ["am", "pm"] where word.hasSuffix(marker) {
            suffix = marker
            digits = String(word.dropLast(2))
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." }) else { return nil }
        let hasClock = digits.utf8.contains(UInt8(ascii: ":"))
        if suffix.isEmpty, index + 1 < tokens.count {
            let next = tokens[index + 1].word
            if next == "am" || next == "pm" { suffix = next }
            if next == "o'clock" { suffix = "h" }
        }
        guard hasClock || !suffix.isEmpty else { return nil }
        let hour = digits.prefix { $0.isNumber }
        guard let value = Int(hour), value <= 24, hour.count <= 2 else { return nil }
        return digits.replacingColon() + suffix
    }

    /// Whether the tokens in `range` name a day, date, time or concrete window.
    static func hasAnchor(_ tokens: [ReviewToken], in range: Range<Int>) -> Bool {
        for index in range {
            if dayKey(tokens, index) != nil || timeKey(tokens, index) != nil { return true }
            let kinds = tokens[index].kinds
            if kinds.contains(.month) && !kinds.contains(.shortMonth) { return true }
        }
        return ReviewPatternSet.windows.occurs(in: tokens, range: range)
    }

    static func isISODate(_ word: String) -> Bool {
        let parts = word.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    static func isOrdinal(_ word: String) -> Bool {
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            let number = word.dropLast(2)
            return !number.isEmpty && number.count <= 2 && number.allSatisfy(\.isNumber)
        }
        return false
    }

    static func neighbourNumber(_ tokens: [ReviewToken], _ index: Int) -> String? {
        for other in [index - 1, index + 1] where other >= 0 && other < tokens.count {
            let word = tokens[other].word
            if !tokens[other].isBreak, word.count <= 4, word.first?.isNumber == true { return word }
        }
        return nil
    }
}

extension String {
    /// The time written with `.` as the separator replaced by `:`, so `3.30` and `3:30` compare equal.
    fileprivate func replacingColon() -> String {
        String(map { $0 == "." ? ":" : $0 })
    }
}
