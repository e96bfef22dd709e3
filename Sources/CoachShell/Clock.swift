import CoachCore
import Foundation

/// Today's date for the engine, in the local time zone (or `COACH_TODAY=YYYY-MM-DD` for repeatable runs).
public enum Clock {
    /// The current local day.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        if let fixed = environment["COACH_TODAY"], let day = Day.parseISO(fixed) { return day }
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(ordinal: Int(now) / 86400)
    }
}
