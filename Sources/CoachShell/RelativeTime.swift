import Foundation

/// "just now", "5 min ago", "3 h ago", "yesterday", "12 days ago", or the date: how long ago something changed.
public enum RelativeTime {
    /// How long before `now` the moment `time` was (both in seconds since 1970).
    public static func describe(_ time: Double, now: Double) -> String {
        let seconds = max(0, now - time)
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(Int(seconds / 60)) min ago"
        case ..<86_400: return "\(Int(seconds / 3600)) h ago"
        case ..<172_800: return "yesterday"
        case ..<(86_400 * 60): return "\(Int(seconds / 86_400)) days ago"
        default:
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date(timeIntervalSince1970: time))
        }
    }
}
