/// A moment in UTC, from seconds since 1970, written the ways exports need. No Foundation.
struct ExportTime {
    let day: Day
    let hour: Int
    let minute: Int
    let second: Int

    /// The UTC time of `seconds` since 1970.
    init(seconds: Double) {
        let whole = Int(seconds.rounded(.down))
        var days = whole / 86_400
        var rest = whole % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        day = Day(ordinal: days)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
    }

    /// `2026-11-26T09:05:00Z`.
    var iso: String { "\(day.iso)T\(ExportTime.pad(hour)):\(ExportTime.pad(minute)):\(ExportTime.pad(second))Z" }

    /// `20261126T090500Z` (iCalendar DATE-TIME in UTC).
    var compact: String { ExportTime.compactDate(day) + "T\(ExportTime.pad(hour))\(ExportTime.pad(minute))\(ExportTime.pad(second))Z" }

    /// `Thu, 26 Nov 2026 09:05:00 +0000` (RFC 5322).
    var rfc5322: String {
        let c = day.components
        let month = Day.monthNames[c.month - 1].prefix(3)
        return
            "\(day.weekday.prefix(3)), \(c.day) \(month) \(c.year) \(ExportTime.pad(hour)):\(ExportTime.pad(minute)):\(ExportTime.pad(second)) +0000"
    }

    /// Two digits.
    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `20261126` (iCalendar DATE).
    static func compactDate(_ day: Day) -> String {
        let c = day.components
        return "\(c.year)\(ExportTime.pad(c.month))\(ExportTime.pad(c.day))"
    }
}
