/// A checked answer or computed value.
public indirect enum Value: Hashable, Sendable {
    case text(String)
    case number(Double)
    case money(Money)
    case percent(Double)
    case date(Day)
    case bool(Bool)
    /// A single choice: its value and its label.
    case choice(value: String, label: String)
    /// Several choices or list items.
    case list([String])
    /// Items of a repeated group, each a map of field id to value.
    case items([[String: Value]])
    /// A dated plan.
    case plan([PlanDay])
    /// An info step was seen.
    case seen

    /// How the value reads in a draft: `$12,000`, `Monday 23 November 2026`, `15%`, `yes`.
    public var display: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return Value.format(number: n, decimals: nil)
        case .money(let m): return m.description
        case .percent(let p): return Value.format(number: p, decimals: nil) + "%"
        case .date(let d): return d.long
        case .bool(let b): return b ? "yes" : "no"
        case .choice(_, let label): return label
        case .list(let items): return Value.joined(items)
        case .items(let items): return "\(items.count) item\(items.count == 1 ? "" : "s")"
        case .plan(let days): return days.map { "\($0.date): \($0.title)" }.joined(separator: "; ")
        case .seen: return ""
        }
    }

    /// How an answer to a step of `kind` is shown back once accepted (`Thu 17 Dec 2026`, `€36,000`, `3 items`),
    /// or nil when it reads as what was typed: the person sees what Coach understood only when that differs.
    public func echo(typed: String, kind: InputKind) -> String? {
        let shown: String
        switch self {
        case .text:
            guard kind == .time else { return nil }
            shown = display
        case .date(let d): shown = d.medium
        case .list(let items):
            if kind == .multichoice {
                shown = Value.joined(items)
            } else {
                shown = items.count == 1 ? items[0] : "\(items.count) items"
            }
        case .seen, .items, .plan: return nil
        default: shown = display
        }
        let typed = typed.trimmingWhitespace()
        return shown.lowercased() == typed.lowercased() ? nil : shown
    }

    /// The value as a number for arithmetic and comparisons, when it has one.
    public var numeric: Double? {
        switch self {
        case .number(let n), .percent(let n): return n
        case .money(let m): return m.amount
        case .bool(let b): return b ? 1 : 0
        case .date(let d): return Double(d.ordinal)
        default: return nil
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    public static func joined(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// `12`, `12.5`, `1,200` with at most `decimals` places (two when nil, trailing zeros trimmed); `grouped: false`
    /// leaves out the thousands separators (`1200`, for text a user edits or an expression).
    public static func format(number: Double, decimals: Int?, grouped: Bool = true) -> String {
        guard number.isFinite else { return "0" }
        let places = decimals ?? 2
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(number) * scale).rounded()
        let whole = UInt64(scaled / scale)
        var frac = UInt64(scaled) - whole * UInt64(scale)
        var fracDigits = places
        if decimals == nil {
            while fracDigits > 0 && frac % 10 == 0 {
                frac /= 10
                fracDigits -= 1
            }
        }
        var out = (number < 0 && scaled != 0 ? "-" : "") + (grouped ? Money.grouped(whole) : String(whole))
        if fracDigits > 0 {
            var f = String(frac)
            while f.count < fracDigits { f = "0" + f }
            out += "." + f
        }
        return out
    }
}

/// One day of a dated plan.
public struct PlanDay: Hashable, Sendable {
    /// 1 for the first day of the plan.
    public var day: Int
    /// The calendar day.
    public var on: Day
    /// What the day is about.
    public var title: String
    /// The day's actions.
    public var actions: [String]

    /// `Mon 23 Nov`.
    public var date: String { on.short }
}
