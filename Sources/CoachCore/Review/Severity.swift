/// How serious a review finding is; encoded as the lowercase strings `error`, `warning` and `info`.
public enum Severity: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    /// Something that must never reach a client, such as a placeholder left in the text.
    case error
    /// Something that weakens the draft and is worth fixing before sending.
    case warning
    /// A coaching hint; the draft can go out as it is.
    case info

    /// Sort rank: errors first, then warnings, then hints.
    var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    /// Orders by importance, most serious first.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }
}
