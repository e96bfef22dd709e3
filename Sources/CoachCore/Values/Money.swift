/// An amount of money in minor units (cents) with the currency it was given in.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in hundredths of the currency unit.
    public var cents: Int64
    /// The currency symbol or code as given (`$`, `€`, `£`, `USD`).
    public var currency: String

    /// An amount in cents with its currency.
    public init(cents: Int64, currency: String) {
        self.cents = cents
        self.currency = currency
    }

    /// The amount as a number of currency units.
    public var amount: Double { Double(cents) / 100 }

    /// `$12,000`, `€3,200.50`, `USD 1,200`.
    public var description: String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let whole = Money.grouped(magnitude / 100)
        let frac = magnitude % 100
        let number = frac == 0 ? whole : whole + "." + (frac < 10 ? "0\(frac)" : "\(frac)")
        let sign = negative ? "-" : ""
        if currency.count > 1 && currency.allSatisfy({ $0.isLetter }) { return "\(sign)\(currency) \(number)" }
        return "\(sign)\(currency)\(number)"
    }

    /// Inserts thousands separators: 1200000 becomes `1,200,000`.
    static func grouped(_ n: UInt64) -> String {
        let digits = String(n)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    static let symbols: [Character] = ["$", "€", "£", "¥", "₹"]
    static let codes = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR", "CNY"]

    /// Parses `$12,000`, `12k`, `12.5K`, `€3,200.50`, `1.2m`, `USD 900`, `900 EUR`; nil when it is not money.
    public static func parse(_ raw: String, defaultCurrency: String) -> Money? {
        guard let (cents, currency) = parseAmount(raw) else { return nil }
        return Money(cents: cents, currency: currency ?? defaultCurrency)
    }

    /// The symbol a currency code stands for (`EUR` gives `€`), or the currency as given: two spellings of one
    /// currency compare equal through it.
    public static func canonical(_ currency: String) -> String {
        switch currency.uppercased() {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        default: return currency.uppercased()
        }
    }

    /// Whether two currency spellings (`€`, `EUR`, `eur`) name the same currency.
    public static func same(_ a: String, _ b: String) -> Bool { canonical(a) == canonical(b) }

    /// The amount in cents and the currency written with it (nil when the text has none); nil when it is not money.
    static func parseAmount(_ raw: String) -> (cents: Int64, currency: String?)? {
        var text = Substring(raw.trimmingWhitespace())
        var currency: String?
        var negative = false
        if text.first == "-" {
            negative = true
            text = text.dropFirst()
        }
        let upper = text.uppercased()
        if let first = text.first, symbols.contains(first) {
            currency = String(first)
            text = text.dropFirst()
        } else if let code = codes.first(where: { upper.hasPrefix($0) }) {
            currency = code
            text = text.dropFirst(code.count)
        } else if let code = codes.first(where: { upper.hasSuffix($0) }) {
            currency = code
            text = text.dropLast(code.count)
        } else if let last = text.last, symbols.contains(last) {
            currency = String(last)
            text = text.dropLast()
        }
        text = Substring(String(text).trimmingWhitespace())
        if text.first == "-" && !negative {
            negative = true
            text = text.dropFirst()
        }
        var multiplier: Double = 1
        let lower = text.lowercased()
        if lower.hasSuffix("bn") {
            multiplier = 1_000_000_000
            text = text.dropLast(2)
        } else if let last = lower.last, "kmb".contains(last) {
            multiplier = last == "k" ? 1_000 : last == "m" ? 1_000_000 : 1_000_000_000
            text = text.dropLast()
        }
        text = Substring(String(text).trimmingWhitespace())
        guard let number = parseGroupedNumber(String(text)) else { return nil }
        let value = number * multiplier
        guard value.isFinite, abs(value) < 9e15 else { return nil }
        let cents = Int64((value * 100).rounded())
        return (negative ? -cents : cents, currency)
    }
}

/// Parses `1,200.50`, `1200`, `12.5`; commas must group thousands.
func parseGroupedNumber(_ text: String) -> Double? {
    guard !text.isEmpty else { return nil }
    // Read byte by byte: any byte other than an ASCII digit, a comma or a dot makes it no number, just as any
    // Character other than those does (a non-ASCII Character has a non-ASCII byte, and CR LF is neither).
    var digits: [UInt8] = []
    var seenDot = false
    var groupLength = -1
    var sawComma = false
    for b in text.utf8 {
        if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
            digits.append(b)
            if !seenDot && groupLength >= 0 { groupLength += 1 }
        } else if b == UInt8(ascii: ",") && !seenDot {
            if sawComma && groupLength != 3 { return nil }
            if !sawComma && digits.isEmpty { return nil }
            sawComma = true
            groupLength = 0
        } else if b == UInt8(ascii: ".") && !seenDot {
            if sawComma && groupLength != 3 { return nil }
            seenDot = true
            digits.append(b)
        } else {
            return nil
        }
    }
    if sawComma && !seenDot && groupLength != 3 { return nil }
    if digits == [UInt8(ascii: ".")] { return nil }
    return Double(String(decoding: digits, as: UTF8.self))
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        // Nothing to trim when both ends are ASCII non-whitespace bytes: a Character counts as whitespace by its
        // first scalar, and a Character ending in an ASCII byte starts with that byte or a non-whitespace scalar.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, !Self.isASCIISpace(first),
            !Self.isASCIISpace(last)
        {
            return self
        }
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }

    /// The string's words (what lies between spaces, tabs and line breaks) joined by single spaces:
    /// `" Kowalski \t Logistics "` gives `Kowalski Logistics`.
    package func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}
