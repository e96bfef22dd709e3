/// Dated plans as an RFC 5545 iCalendar file: one all-day event per plan day.
public enum CalendarFile {
    /// The `.ics` text: a VCALENDAR with one all-day VEVENT per day of each plan, CRLF line ends, folded lines.
    ///
    /// - Parameters:
    ///   - plans: the plans to put in the calendar.
    ///   - sessionID: makes each event's UID unique and stable across exports of the same session.
    ///   - context: a line added to each description (for example the session's title).
    ///   - stamp: seconds since 1970 for DTSTAMP.
    public static func ics(
        _ plans: [SessionExport.Plan], sessionID: String, context: String? = nil, stamp: Double
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Coach//Coach playbooks//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        let dtstamp = ExportTime(seconds: stamp).compact
        for plan in plans {
            for day in plan.days {
                var description = day.actions.filter { !$0.trimmingWhitespace().isEmpty }.map { "- " + $0 }
                if let context, !context.isEmpty {
                    description.append("")
                    description.append("\(plan.title), day \(day.day) (\(context))")
                }
                lines += [
                    "BEGIN:VEVENT",
                    "UID:\(sessionID)-\(plan.id)-day\(day.day)@coach",
                    "DTSTAMP:\(dtstamp)",
                    "DTSTART;VALUE=DATE:\(ExportTime.compactDate(day.on))",
                    "DTEND;VALUE=DATE:\(ExportTime.compactDate(day.on.adding(days: 1)))",
                    "SUMMARY:" + escape("Day \(day.day): \(day.title)"),
                    "DESCRIPTION:" + escape(description.joined(separator: "\n")),
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A file name for the calendar: `<session>-plan.ics`.
    public static func fileName(sessionID: String) -> String { "\(sessionID)-plan.ics" }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 character (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var used = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > 75 {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out
    }
}
