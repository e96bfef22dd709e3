/// What a user or bot gave as an answer: a line (or several) of text, or a list of items.
public enum AnswerInput: Sendable, Equatable {
    case text(String)
    case items([String])
    /// A value already checked once, given again as it was understood (a stored session replayed on resume).
    case value(Value)

    /// The input as one piece of text.
    public var text: String {
        switch self {
        case .text(let s): return s
        case .items(let items): return items.joined(separator: "; ")
        case .value(let value): return value.display
        }
    }
}

/// Turns typed text into checked values, one input kind at a time.
public enum AnswerParser {
    /// Replaces control characters (ESC and friends) with visible symbols and drops carriage returns, so an
    /// answer can never steer a terminal. Line breaks and tabs stay.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\r" { continue }
            if !isControl(s) {
                out.append(s)
            } else if s.value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + s.value)!)
            } else if s.value == 0x7F {
                out.append("\u{2421}")
            } else {
                out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t") || (s.value >= 0x7F && s.value < 0xA0)
    }

    /// Parses `input` for `step` with nothing answered before it; the failure is a one-line reason.
    public static func parse(_ input: AnswerInput, for step: Step, today: Day) -> Result<Value, Reason> {
        parse(input, for: step, context: AnswerContext(today: today))
    }

    /// Parses `input` for `step` in the session's `context` (its day, its currency, the date it must come after);
    /// the failure is a one-line reason that says what would work.
    public static func parse(_ input: AnswerInput, for step: Step, context: AnswerContext) -> Result<Value, Reason> {
        let today = context.today
        let raw: String
        switch input {
        case .text(let s): raw = sanitize(s)
        case .items(let items):
            return parseItems(items.map { sanitize($0).trimmingWhitespace() }.filter { !$0.isEmpty }, for: step)
        case .value(let value):
            return .success(value)
        }
        let text = step.kind == .multiline ? trimBlankLines(raw) : raw.trimmingWhitespace()
        switch step.kind {
        case .text:
            if text.utf8.contains(0x0A) {
                return parseText(text.split(separator: "\n").joined(separator: " "), step)
            }
            return parseText(text, step)
        case .multiline: return parseText(text, step)
        case .choice: return parseChoice(text, step).map { .choice(value: $0.value, label: $0.label) }
        case .multichoice:
            return parseItems(splitItems(text, commas: true), for: step)
        case .yesno:
            switch text.lowercased() {
            case "y", "yes", "true", "yep", "yeah", "sure", "1", "oui", "ja", "si", "sí": return .success(.bool(true))
            case "n", "no", "false", "nope", "0", "non", "nein": return .success(.bool(false))
            default: return .failure(Reason("Answer yes or no (y/n)."))
            }
        case .number:
            guard let n = parseNumber(text) else {
                return .failure(Reason("'\(short(text))' is not a number: type digits, like 12 or 1,200."))
            }
            return checkRange(n, step, render: { Value.format(number: $0, decimals: nil) }).map { .number($0) }
        case .money:
            guard let (cents, given) = Money.parseAmount(text) else {
                let c = step.currency ?? context.currency.symbol
                return .failure(
                    Reason("'\(short(text))' is not an amount: try 12000, 12k, \(Money(cents: 1_200_000, currency: c)) or 1.2m."))
            }
            let currency: String
            switch currencyFor(given, typed: text, step: step, context: context) {
            case .success(let c): currency = c
            case .failure(let reason): return .failure(reason)
            }
            let m = Money(cents: cents, currency: currency)
            return checkRange(m.amount, step, render: { Money(cents: Int64($0 * 100), currency: m.currency).description })
                .map { _ in .money(m) }
        case .percent:
            var t = text
            if t.hasSuffix("%") { t = String(t.dropLast()).trimmingWhitespace() }
            guard let n = parseNumber(t) else {
                return .failure(Reason("'\(short(text))' is not a percentage: type a number like 15 or 12.5%."))
            }
            return checkRange(n, step, render: { Value.format(number: $0, decimals: nil) + "%" }).map { .percent($0) }
        case .date:
            guard let d = parseDate(text, today: today) else {
                if let word = dateNearMiss(text) {
                    return .failure(Reason("'\(short(text))' is not a date: did you mean '\(word)'?"))
                }
                return .failure(
                    Reason(
                        "'\(short(text))' is not a date: type \(dateExample(for: step, context: context).iso), today, "
                            + "tomorrow, +3d, friday or next friday."))
            }
            return checkDate(d, step, context).map { .date($0) }
        case .time:
            return parseTime(text).map { .text($0) }
        case .email:
            guard isEmail(text) else {
                return .failure(Reason("'\(short(text))' is not an email address: it should look like name@company.com."))
            }
            return checkPattern(text, step).map { .text($0) }
        case .list:
            return parseItems(splitItems(text, commas: false), for: step)
        case .info:
            return .success(.seen)
        case .group:
            return .failure(Reason("A group is answered one item at a time."))
        }
    }

    /// A one-line reason an answer was refused.
    public struct Reason: Error, Equatable, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    static func parseText(_ text: String, _ step: Step) -> Result<Value, Reason> {
        let count = characterCount(text)
        if let min = step.minLength, count < min {
            return .failure(Reason("That is \(count) character\(count == 1 ? "" : "s"); give at least \(min)."))
        }
        if let max = step.maxLength, count > max {
            return .failure(Reason("That is \(count) characters; keep it to \(max) or fewer."))
        }
        return checkPattern(text, step).map { .text($0) }
    }

    static func checkPattern(_ text: String, _ step: Step) -> Result<String, Reason> {
        guard step.pattern != nil else { return .success(text) }
        guard let regex = step.compiledPattern, (try? regex.wholeMatch(in: text)) != nil else {
            return .failure(Reason(step.patternHint ?? "That does not have the expected form; see ? for an example."))
        }
        return .success(text)
    }

    static func parseChoice(_ text: String, _ step: Step) -> Result<Choice, Reason> {
        let options = step.choices
        if let n = Int(text) {
            guard n >= 1 && n <= options.count else {
                return .failure(Reason("Pick a number from 1 to \(options.count)."))
            }
            return .success(options[n - 1])
        }
        let lower = text.lowercased()
        if let exact = options.first(where: { $0.value.lowercased() == lower || $0.label.lowercased() == lower }) {
            return .success(exact)
        }
        let matches =
            lower.isEmpty
            ? []
            : options.filter { $0.value.lowercased().hasPrefix(lower) || $0.label.lowercased().hasPrefix(lower) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.count > 1 {
            let names = Value.joined(matches.map(\.value))
            return .failure(Reason("'\(short(text))' could be \(names): type more letters or the number."))
        }
        let names = options.enumerated().map { "\($0.offset + 1) \($0.element.value)" }.joined(separator: ", ")
        return .failure(Reason("'\(short(text))' is not one of the choices: pick one of \(names)."))
    }

    static func parseItems(_ items: [String], for step: Step) -> Result<Value, Reason> {
        var values: [String] = []
        if step.kind == .multichoice {
            for item in items {
                switch parseChoice(item, step) {
                case .success(let c): if !values.contains(c.value) { values.append(c.value) }
                case .failure(let r): return .failure(r)
                }
            }
        } else {
            values = items
        }
        if values.isEmpty && (step.minItems ?? 1) > 0 {
            return .failure(
                Reason(
                    step.kind == .multichoice
                        ? "Pick at least one: numbers or names separated by commas."
                        : "Give at least one item; separate items with ';'."))
        }
        if let min = step.minItems, values.count < min {
            return .failure(Reason("That is \(values.count) item\(values.count == 1 ? "" : "s"); give at least \(min)."))
        }
        if let max = step.maxItems, values.count > max {
            return .failure(Reason("That is \(values.count) items; give at most \(max)."))
        }
        return .success(.list(values))
    }

    /// The items of a one-text answer: separated by `;` or line breaks; with `commas` (choices picked by number or
    /// name), by commas when there is neither. A list item keeps its commas: "Zoë Müller, CFO" is one person.
    static func splitItems(_ text: String, commas: Bool) -> [String] {
        if let ascii = splitASCIIItems(text, commas: commas) { return ascii }
        let separators: Set<Character> = !commas || text.contains(";") || text.contains("\n") ? [";", "\n"] : [","]
        return text.split(whereSeparator: { separators.contains($0) })
            .map { String($0).trimmingWhitespace() }
            .map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
            .filter { !$0.isEmpty }
    }

    /// `splitItems` for ASCII text without carriage returns, where every byte is a Character of its own: the same
    /// pieces, split on bytes.
    private static func splitASCIIItems(_ text: String, commas: Bool) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var lines = !commas
            for b in bytes {
                if b >= 0x80 || b == 0x0D { return nil }
                if b == UInt8(ascii: ";") || b == 0x0A { lines = true }
            }
            var out: [String] = []
            var start = 0
            func piece(_ end: Int) {
                if end > start {
                    var item = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).trimmingWhitespace()
                    if item.hasPrefix("- ") { item = String(item.dropFirst(2)) }
                    if !item.isEmpty { out.append(item) }
                }
            }
            for (i, b) in bytes.enumerated() {
                let split = lines ? (b == UInt8(ascii: ";") || b == 0x0A) : b == UInt8(ascii: ",")
                if split {
                    piece(i)
                    start = i + 1
                }
            }
            piece(bytes.count)
            return out
        }
    }

    static func parseNumber(_ text: String) -> Double? {
        var t = text
        var negative = false
        if t.hasPrefix("-") {
            negative = true
            t = String(t.dropFirst()).trimmingWhitespace()
        }
        guard let n = parseGroupedNumber(t) else { return nil }
        return negative ? -n : n
    }

    static func checkRange(_ n: Double, _ step: Step, render: (Double) -> String) -> Result<Double, Reason> {
        if let min = step.min, n < min {
            if let max = step.max { return .failure(Reason("Give a value from \(render(min)) to \(render(max)).")) }
            return .failure(Reason("Give at least \(render(min))."))
        }
        if let max = step.max, n > max {
            if let min = step.min { return .failure(Reason("Give a value from \(render(min)) to \(render(max)).")) }
            return .failure(Reason("Give at most \(render(max))."))
        }
        return .success(n)
    }

    /// Parses `2026-11-23`, `today`, `tomorrow`, `+3d`, `+2w`, `in 3 days`, a weekday name (the next one after
    /// today), `this friday` (the coming one, today when it is a Friday) and `next friday` (the one in the
    /// following week, which starts on Monday), `next week` (its Monday).
    public static func parseDate(_ raw: String, today: Day) -> Day? {
        let text = raw.lowercased().collapsingWhitespace()
        if let iso = Day.parseISO(text) { return iso }
        switch text {
        case "today", "now": return today
        case "tomorrow", "tmrw": return today.adding(days: 1)
        case "next week": return today.adding(days: 7 - today.weekdayIndex)
        default: break
        }
        if text.hasPrefix("+") || text.hasPrefix("in ") {
            var body = text.hasPrefix("+") ? String(text.dropFirst()) : String(text.dropFirst(3))
            body = body.trimmingWhitespace()
            var unit = 1
            for (suffix, size) in [
                ("weeks", 7), ("week", 7), ("w", 7), ("days", 1), ("day", 1), ("d", 1),
            ] where body.hasSuffix(suffix) {
                unit = size
                body = String(body.dropLast(suffix.count)).trimmingWhitespace()
                break
            }
            guard let n = Int(body), n >= 0, n < 3660 else { return nil }
            return today.adding(days: n * unit)
        }
        var name = text
        var which = ""
        for prefix in ["next ", "this ", "coming ", "on "] where text.hasPrefix(prefix) {
            which = String(prefix.dropLast())
            name = String(text.dropFirst(prefix.count))
        }
        guard let i = weekdayIndex(name) else { return nil }
        let ahead = (i - today.weekdayIndex + 7) % 7
        switch which {
        case "next": return today.adding(days: 7 - today.weekdayIndex + i)
        case "this", "coming": return today.adding(days: ahead)
        default: return today.adding(days: ahead == 0 ? 7 : ahead)
        }
    }

    /// 0 for `monday`, `mon`, `mo` ... 6 for `sunday` (three letters or more, or the whole name); nil otherwise.
    static func weekdayIndex(_ word: String) -> Int? {
        lowercaseWeekdays.firstIndex { name in
            word == name || (word.count >= 3 && name.hasPrefix(word))
        }
    }

    /// `monday` ... `sunday`.
    static let lowercaseWeekdays = Day.weekdayNames.map { $0.lowercased() }

    /// The date word a refused answer was probably meant to be (`thursdayy` gives `thursday`, `next fridya` gives
    /// `next friday`), or nil.
    static func dateNearMiss(_ raw: String) -> String? {
        let words = raw.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty, words.count <= 2, words.allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return nil }
        let names = Day.weekdayNames.map { $0.lowercased() }
        let vocabulary = names + ["today", "tomorrow"]
        var fixed: [String] = []
        var changed = false
        for (n, word) in words.enumerated() {
            let known = n == 0 && words.count == 2 ? ["next", "this"] : vocabulary
            if known.contains(word) || (n == words.count - 1 && weekdayIndex(word) != nil) {
                fixed.append(word)
            } else if let close = Suggest.closest(word, in: known), word.count >= 3 {
                fixed.append(close)
                changed = true
            } else {
                return nil
            }
        }
        return changed ? fixed.joined(separator: " ") : nil
    }

    /// `day` when it keeps the step's rules (`min`, `max`, `future`, `weekdays`, `after`), else why not.
    static func checkDate(_ day: Day, _ step: Step, _ context: AnswerContext) -> Result<Day, Reason> {
        if let min = step.minDate, day < min { return .failure(Reason("Pick a date on or after \(min.long).")) }
        if let max = step.maxDate, day > max { return .failure(Reason("Pick a date on or before \(max.long).")) }
        if step.future && day < context.today {
            return .failure(
                Reason("\(day.long) is in the past; pick today (\(context.today.short)) or a later day."))
        }
        if let after = context.after, day <= after.day {
            return .failure(
                Reason(
                    "Pick a day after \(after.day.long), your answer to “\(short(after.question))”; "
                        + "\(day == after.day ? "this is the same day" : "\(day.long) comes before it")."))
        }
        if step.weekdays && day.isWeekend {
            return .failure(
                Reason(
                    "\(day.long) is a weekend day; pick a weekday, such as \(day.adding(days: 7 - day.weekdayIndex).long)."))
        }
        return .success(day)
    }

    /// A date `step` accepts, worked out from `context.today`: about a week ahead, after the `after:` date, on a
    /// weekday when the step asks for one (for examples and hints, which must never show a date already past).
    public static func dateExample(for step: Step, context: AnswerContext) -> Day {
        var day = context.today.adding(days: 7)
        if let after = context.after, day <= after.day { day = after.day.adding(days: 2) }
        if let min = step.minDate, day < min { day = min }
        if step.weekdays { while day.isWeekend { day = day.adding(days: 1) } }
        if let max = step.maxDate, day > max { day = max }
        return day
    }

    /// The examples of `step` as they should be shown in `context`: a fixed date the step would now refuse (one
    /// in the past) gives way to one worked out from today; an amount in another currency than the session's is
    /// shown in the session's.
    public static func examples(for step: Step, context: AnswerContext) -> [String] {
        var out: [String] = []
        for example in step.examples {
            var shown = example
            switch step.kind {
            case .date:
                if case .failure = parse(.text(example), for: step, context: context) {
                    shown = dateExample(for: step, context: context).iso
                }
            case .money:
                if case .failure = parse(.text(example), for: step, context: context),
                    let (cents, _) = Money.parseAmount(example)
                {
                    shown = Money(cents: cents, currency: step.currency ?? context.currency.symbol).description
                }
            default: break
            }
            if !out.contains(shown) { out.append(shown) }
        }
        return out
    }

    /// The currency an amount is kept in: the one it was typed with, when the step and the session allow it;
    /// the session's (or the step's own) when it was typed bare; else why another currency cannot be taken.
    static func currencyFor(_ given: String?, typed text: String, step: Step, context: AnswerContext) -> Result<String, Reason> {
        if let fixed = step.currency {
            if let given, !Money.same(given, fixed) {
                return .failure(Reason("'\(short(text))' is in \(given), but this question takes amounts in \(fixed)."))
            }
            return .success(fixed)
        }
        let session = context.currency
        guard let given else { return .success(session.symbol) }
        if step.ownCurrency || !session.isSettled { return .success(given) }
        guard Money.same(given, session.symbol) else {
            var from = ""
            if case .answer(let question) = session.source { from = " (as in “\(short(question))”)" }
            return .failure(
                Reason(
                    "'\(short(text))' is in \(given), but this session's amounts are in \(session.symbol)\(from): "
                        + "type it in \(session.symbol) or with no symbol, or change that answer first, so that no "
                        + "draft mixes currencies."))
        }
        return .success(session.symbol)
    }

    /// Reads `14:30`, `14.30`, `2pm`, `2:30 pm`, `noon`, `midnight`, with a time zone after it if wanted
    /// (`2pm CET`); gives `14:00`, `14:30 CET`.
    static func parseTime(_ raw: String) -> Result<String, Reason> {
        // Built only when the answer is refused.
        func failure() -> Reason {
            Reason("'\(short(raw))' is not a time: type 14:30, 2pm, 2:30 pm or noon (a time zone such as CET may follow).")
        }
        var words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return .failure(failure()) }
        var zone: String?
        if words.count > 1, let last = words.last, isZone(last) {
            zone = last.uppercased()
            words.removeLast()
        }
        var text = words.joined().lowercased()
        var hour: Int
        var minute = 0
        switch text {
        case "noon", "midday": hour = 12
        case "midnight": hour = 0
        default:
            var half: String?
            for suffix in ["a.m.", "p.m.", "am", "pm", "a", "p"] where text.hasSuffix(suffix) {
                half = String(suffix.prefix(1))
                text = String(text.dropLast(suffix.count))
                break
            }
            let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." || $0 == "h" })
            guard (1...2).contains(parts.count), let h = Int(parts[0]), parts[0].count <= 2 else {
                if let close = Suggest.closest(text, in: ["noon", "midday", "midnight"]), text.count >= 3 {
                    return .failure(Reason("'\(short(raw))' is not a time: did you mean '\(close)'?"))
                }
                return .failure(failure())
            }
            hour = h
            if parts.count == 2 {
                guard parts[1].count == 2, let m = Int(parts[1]), (0...59).contains(m) else { return .failure(failure()) }
                minute = m
            }
            if let half {
                guard (1...12).contains(hour) else { return .failure(failure()) }
                hour = hour % 12 + (half == "p" ? 12 : 0)
            } else if parts.count == 1 {
                return .failure(failure())
            }
            guard (0...23).contains(hour) else { return .failure(failure()) }
        }
        let clock = (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
        return .success(zone.map { "\(clock) \($0)" } ?? clock)
    }

    /// `CET`, `GMT`, `UTC+1`, `AEST`: two to five letters, maybe an offset.
    static func isZone(_ word: String) -> Bool {
        let letters = word.prefix { $0.isASCII && $0.isLetter }
        let rest = word.dropFirst(letters.count)
        guard (2...5).contains(letters.count), !["am", "pm"].contains(letters.lowercased()) else { return false }
        return rest.isEmpty || ((rest.first == "+" || rest.first == "-") && rest.dropFirst().allSatisfy(\.isNumber))
    }

    /// `text.count`, without grapheme breaking for ASCII text (where only `\r\n` joins two bytes into one Character).
    static func characterCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = bytes.count
            var previous: UInt8 = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x0A && previous == 0x0D { count -= 1 }
                previous = b
            }
            return count
        } ?? text.count
    }

    static func isEmail(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: every byte is a Character of its own but `\r\n`, which is whitespace either way.
            var at = 0
            var atIndex = 0
            for (i, b) in text.utf8.enumerated() {
                switch b {
                case 0x09...0x0D, 0x20, 0x2C: return false
                case UInt8(ascii: "@"):
                    at += 1
                    atIndex = i
                default: continue
                }
            }
            guard at == 1, atIndex > 0 else { return false }
            let domain = text.utf8.dropFirst(atIndex + 1)
            return domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).count >= 2
                && !domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).contains { $0.isEmpty }
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: { $0.isWhitespace }) else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty } && !text.contains(",")
    }

    static func trimBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace()
        }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func short(_ text: String) -> String {
        let oneLine = text.split(separator: "\n").joined(separator: " ")
        return oneLine.count > 40 ? String(oneLine.prefix(37)) + "..." : oneLine
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
