/// A calendar day (no time, no zone), the unit of every date in a playbook.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int

    /// A day from its days-since-1970 ordinal.
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A day from a year, month (1-12) and day of month; nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.ordinal = era * 146097 + doe - 719468
    }

    /// The year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekdayIndex: Int { ((ordinal % 7) + 7 + 3) % 7 }

    /// Whether the day is a Saturday or a Sunday.
    public var isWeekend: Bool { weekdayIndex >= 5 }

    /// The day `n` days later.
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// `2026-11-23`.
    public var iso: String {
        let c = components
        return "\(c.year)-\(Day.pad(c.month))-\(Day.pad(c.day))"
    }

    /// `Monday 23 November 2026`.
    public var long: String {
        let c = components
        return "\(Day.weekdayNames[weekdayIndex]) \(c.day) \(Day.monthNames[c.month - 1]) \(c.year)"
    }

    /// `Mon 23 Nov`.
    public var short: String {
        let c = components
        return "\(Day.weekdayNames[weekdayIndex].prefix(3)) \(c.day) \(Day.monthNames[c.month - 1].prefix(3))"
    }

    /// `Thu 17 Dec 2026`.
    public var medium: String { "\(short) \(components.year)" }

    /// The full weekday name.
    public var weekday: String { Day.weekdayNames[weekdayIndex] }

    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Parses `YYYY-MM-DD`.
    public static func parseISO(_ text: String) -> Day? {
        // The year is read by `Int`: text that starts with neither a digit nor a sign is not a date.
        guard let first = text.utf8.first, first == UInt8(ascii: "+") || (first >= 0x30 && first <= 0x39) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
